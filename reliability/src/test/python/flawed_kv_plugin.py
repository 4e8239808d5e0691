"""The Python KV plugin with exactly one of go-plugin's rules broken, for ConformanceSelfTest.

    VENV/bin/python flawed_kv_plugin.py FLAW

Each FLAW breaks what one conformance check checks and nothing else, so that the check can be seen failing alone.
"""

import os
import socket
import ssl
import sys

# step04's Python plugin, which this one breaks: reliability/src/test/python -> step04-polyglot/src/main/python
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "step04-polyglot",
                                "src", "main", "python"))

import grpc  # noqa: E402
from grpc_health.v1 import health, health_pb2, health_pb2_grpc  # noqa: E402

import kv_plugin  # noqa: E402
from goplugin import handshake, kv_pb2, listener, mtls, server, services, stdio  # noqa: E402


def cookie_message():
    handshake.NOT_A_HOST_MESSAGE = "run me from a host, please\n"


def handshake_line():
    line = handshake.handshake_line
    handshake.handshake_line = lambda *fields, **kw: line(*fields[:5], fields[5] or "none", **kw)


def version_negotiation():
    negotiate = handshake.negotiate_version
    handshake.negotiate_version = lambda ours, theirs: (
        max(theirs) if theirs and not set(ours) & set(theirs) else negotiate(ours, theirs))


class _CheckOnlyHealth(health.HealthServicer):
    def Watch(self, request, context, send_response_callback=None):
        context.abort(grpc.StatusCode.UNIMPLEMENTED, "this plugin answers Check only")


def health_watch():
    def register(server):
        servicer = _CheckOnlyHealth()
        servicer.set(services.HEALTH_SERVICE, health_pb2.HealthCheckResponse.SERVING)
        health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
        return servicer
    services.register_health = register


def contract():
    get = kv_plugin.KVServicer.Get

    def get_or_empty(self, request, context):
        if not os.path.exists(self._file(request.key)):
            return kv_pb2.GetResponse(value=b"")
        return get(self, request, context)
    kv_plugin.KVServicer.Get = get_or_empty


def stdio_error():
    def stream(self, request, context):
        context.abort(grpc.StatusCode.INTERNAL, "stdio is broken")
        yield
    stdio.StdioServicer.StreamStdio = stream


def leaves_socket():
    listener.remove = lambda directory: None


def padded_certificate():
    generate, field = mtls.generate_cert, mtls.cert_field

    def unpaddable():  # a DER length that base64 must pad, so that the flaw shows every time
        while True:
            cert, key = generate()
            if len(field(cert)) % 4:
                return cert, key
    mtls.generate_cert = unpaddable
    mtls.cert_field = lambda cert: field(cert) + "=" * (-len(field(cert)) % 4)


def accepts_strangers():
    make_context = mtls.server_context

    def any_client(cert, key, host_cert, key_dir):
        context = make_context(cert, key, host_cert, key_dir)
        context.verify_mode = ssl.CERT_NONE
        return context

    def serve(self, conn):
        tls = self._context.wrap_socket(conn, server_side=True)
        inner = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            inner.connect(self._inner_path)
            mtls._relay(tls, inner)
        except OSError:
            pass
        finally:
            inner.close()
            tls.close()
    mtls.server_context = any_client
    mtls.TlsTerminator._serve = serve


FLAWS = {
    "cookie-message": cookie_message,
    "handshake-line": handshake_line,
    "version-negotiation": version_negotiation,
    "health-watch": health_watch,
    "contract": contract,
    "stdio": stdio_error,
    "shutdown-status": None,  # below: the exit status
    "leaves-socket": leaves_socket,
    "padded-certificate": padded_certificate,
    "accepts-strangers": accepts_strangers,
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in FLAWS:
        sys.exit("usage: flawed_kv_plugin.py FLAW, one of: " + ", ".join(FLAWS))
    flaw = sys.argv[1]
    if FLAWS[flaw]:
        FLAWS[flaw]()
    status = server.serve(kv_plugin.HANDSHAKE, kv_plugin.add_kv)
    sys.stdout.flush()
    os._exit(3 if flaw == "shutdown-status" and status == 0 else status)
