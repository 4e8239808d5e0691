"""go-plugin's KV example plugin, in Python: ``proto.KV`` over gRPC, served the go-plugin way.

Any host of go-plugin's examples/grpc loads it (``KV_PROTO=grpc KV_PLUGIN="VENV/bin/python kv_plugin.py" ./kv put a
hello``), and so does step02's Java ``kv`` command. Key ``k`` lives in the file ``kv_k`` of the working directory,
its value followed by ``\\n\\nWritten from plugin-python``, like the example's other plugins.
"""

import os

import grpc

from goplugin import HandshakeConfig, hclog, kv_pb2, kv_pb2_grpc, run

# go-plugin's examples/grpc handshake: app protocol version 1, magic cookie BASIC_PLUGIN=hello.
HANDSHAKE = HandshakeConfig(protocol_versions=(1,), magic_cookie_key="BASIC_PLUGIN", magic_cookie_value="hello")
SIGNATURE = b"\n\nWritten from plugin-python"


class KVServicer(kv_pb2_grpc.KVServicer):
    """proto.KV on files in ``directory``."""

    def __init__(self, directory=".", log=None):
        self._directory = directory
        self._log = log or hclog.Logger("kv")

    def _file(self, key):
        return os.path.join(self._directory, "kv_" + key)

    def Put(self, request, context):
        # workbook:begin python-kv-put
        self._log.info("put", key=request.key, bytes=len(request.value))
        with open(self._file(request.key), "wb") as f:
            f.write(request.value + SIGNATURE)
        return kv_pb2.Empty()
        # workbook:end

    # tag::python-kv-get[]
    def Get(self, request, context):
        self._log.info("get", key=request.key)
        try:
            with open(self._file(request.key), "rb") as f:
                return kv_pb2.GetResponse(value=f.read())
        except FileNotFoundError:
            context.abort(grpc.StatusCode.NOT_FOUND,
                          'no value for key "%s" (no file %s)' % (request.key, self._file(request.key)))
    # end::python-kv-get[]


def add_kv(server):
    kv_pb2_grpc.add_KVServicer_to_server(KVServicer(), server)


if __name__ == "__main__":
    run(HANDSHAKE, add_kv)
