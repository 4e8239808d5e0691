"""The plugin side of go-plugin's gRPC protocol, in Python: what ``plugin.Serve`` does for a Go plugin.

:func:`serve` checks the magic cookie, negotiates the app protocol version, listens (a Unix socket in a fresh
owner-only directory, or TCP on 127.0.0.1 with ``PLUGIN_NETWORK=tcp``), serves go-plugin's own services (health,
controller, stdio, broker) beside the plugin's, with AutoMTLS when the host asks for it, prints the handshake line,
and runs until the host calls ``GRPCController/Shutdown`` or goes away. It speaks the wire step02 teaches, with
stubs that make_venv.sh generates from step02's own .proto files.
"""

import grp
import io
import logging
import os
import queue
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from concurrent import futures
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

try:
    from goplugin.plugin import (grpc_broker_pb2_grpc, grpc_controller_pb2, grpc_controller_pb2_grpc,
                                 grpc_stdio_pb2, grpc_stdio_pb2_grpc)
except ImportError as missing:  # pragma: no cover - a setup problem, not a code path
    raise SystemExit("the generated gRPC stubs are missing (%s): run make_venv.sh VENV_DIR and start the plugin "
                     "with VENV_DIR/bin/python" % missing) from missing

import hclog

CORE_PROTOCOL_VERSION = 1
PROTOCOL = "grpc"
HEALTH_SERVICE = "plugin"

ENV_PROTOCOL_VERSIONS = "PLUGIN_PROTOCOL_VERSIONS"
ENV_MIN_PORT = "PLUGIN_MIN_PORT"
ENV_MAX_PORT = "PLUGIN_MAX_PORT"
ENV_CLIENT_CERT = "PLUGIN_CLIENT_CERT"
ENV_MULTIPLEX_GRPC = "PLUGIN_MULTIPLEX_GRPC"
ENV_UNIX_SOCKET_DIR = "PLUGIN_UNIX_SOCKET_DIR"
ENV_UNIX_SOCKET_GROUP = "PLUGIN_UNIX_SOCKET_GROUP"
ENV_NETWORK = "PLUGIN_NETWORK"  # not go-plugin's: "tcp" asks for TCP instead of a Unix socket

# go-plugin's message, word for word, so a person at a shell sees the same text whatever the plugin's language.
NOT_A_HOST_MESSAGE = ("This binary is a plugin. These are not meant to be executed directly.\n"
                      "Please execute the program that consumes these plugins, which will\n"
                      "load any plugins automatically\n")

STDIO_CHUNK = 1024  # go-plugin's grpcStdioBuffer
PARENT_POLL_SECONDS = 0.2
STOP_GRACE_SECONDS = 0.5


@dataclass(frozen=True)
class HandshakeConfig:
    """What host and plugin agree on beforehand: the app protocol versions this plugin speaks, and the cookie."""

    protocol_versions: tuple
    magic_cookie_key: str
    magic_cookie_value: str


# ---------------------------------------------------------------------------------------------------------------------
# Before listening: cookie and version


def cookie_present(env, config):
    """True when the host set the magic cookie: ``env[key] == value``."""
    return env.get(config.magic_cookie_key) == config.magic_cookie_value


def parse_versions(value, warn):
    """The app versions the host accepts, from ``PLUGIN_PROTOCOL_VERSIONS`` ("1,2,3"); bad entries are reported."""
    versions = []
    for entry in (value or "").split(","):
        if entry.strip():
            try:
                versions.append(int(entry))
            except ValueError:
                warn("the host sent an invalid plugin protocol version %r in %s=%s"
                     % (entry, ENV_PROTOCOL_VERSIONS, value))
    return versions


def negotiate_version(plugin_versions, host_versions):
    """The highest version both sides know; with none in common the plugin's lowest, which the host then refuses."""
    common = set(plugin_versions) & set(host_versions)
    return max(common) if common else min(plugin_versions)


# ---------------------------------------------------------------------------------------------------------------------
# Listening


def port_range(env):
    """``PLUGIN_MIN_PORT``..``PLUGIN_MAX_PORT``; like go-plugin, an unset bound is 0 (any free port)."""
    bounds = []
    for name in (ENV_MIN_PORT, ENV_MAX_PORT):
        value = env.get(name, "").strip()
        try:
            bounds.append(int(value) if value else 0)
        except ValueError:
            raise ValueError("couldn't get value from %s: %r is not a number" % (name, value)) from None
    if bounds[0] > bounds[1]:
        raise ValueError("%s value of %d is greater than %s value of %d"
                         % (ENV_MIN_PORT, bounds[0], ENV_MAX_PORT, bounds[1]))
    return bounds[0], bounds[1]


def socket_dir(env):
    """A fresh directory only this user can enter (``PLUGIN_UNIX_SOCKET_DIR`` or the temp dir): the sockets go here."""
    return tempfile.mkdtemp(prefix="plugin", dir=env.get(ENV_UNIX_SOCKET_DIR) or None)


def secure_socket(path, env):
    """Owner-only (0600); with ``PLUGIN_UNIX_SOCKET_GROUP`` (a gid or a group name) the socket gets that group and
    0660, as go-plugin sets it, and its directory that group and 0750, so the group can reach it but not replace it."""
    group = (env.get(ENV_UNIX_SOCKET_GROUP) or "").strip()
    if not group:
        os.chmod(path, 0o600)
        return
    gid = group_id(group)
    for target, mode in ((path, 0o660), (os.path.dirname(path), 0o750)):
        os.chown(target, -1, gid)
        os.chmod(target, mode)


def group_id(group):
    """A numeric gid as it is, else the gid of the group of that name: go-plugin's order."""
    if group.isdigit():
        return int(group)
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise ValueError("%s=%s is neither a numeric gid nor a group on this system"
                         % (ENV_UNIX_SOCKET_GROUP, group)) from None


def bind_grpc_tcp(server, low, high):
    """The gRPC server on the first free port of ``low..high`` on 127.0.0.1; returns ``host:port``."""
    for port in range(low, high + 1):
        if port and not _port_free(port):
            continue  # taken: skip it quietly (grpcio would log an error line for each port it fails to bind)
        try:
            bound = server.add_insecure_port("127.0.0.1:%d" % port)
        except RuntimeError:
            continue  # taken
        if bound:
            return "127.0.0.1:%d" % bound
    raise OSError("couldn't bind plugin TCP listener on 127.0.0.1 between ports %d and %d" % (low, high))


def _port_free(port):
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def tcp_listener(low, high):
    """A plain socket listening on the first free port of ``low..high`` on 127.0.0.1 (for the TLS terminator)."""
    for port in range(low, high + 1):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind(("127.0.0.1", port))
        except OSError:
            listener.close()
            continue
        listener.listen(16)
        return listener
    raise OSError("couldn't bind plugin TCP listener on 127.0.0.1 between ports %d and %d" % (low, high))


def unix_listener(path):
    """A plain socket listening on the Unix socket ``path`` (for the TLS terminator)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    return listener


# ---------------------------------------------------------------------------------------------------------------------
# The handshake line


def handshake_line(core_version, app_version, network, address, protocol, server_cert, multiplex=None):
    """``CORE|APP|NETWORK|ADDR|PROTOCOL|SERVER-CERT``, and ``|MULTIPLEX`` only when the host asked about it.

    Six fields always, as a Go plugin prints them: without AutoMTLS the line ends in ``|``."""
    # workbook:begin python-handshake-line
    fields = [str(core_version), str(app_version), network, address, protocol, server_cert]
    if multiplex is not None:
        fields.append("true" if multiplex else "false")
    return "|".join(fields)
    # workbook:end


# ---------------------------------------------------------------------------------------------------------------------
# go-plugin's services


def register_health(server):
    """grpc.health.v1.Health, reporting the service "plugin" as SERVING: how hosts and tools ping a plugin."""
    # workbook:begin python-health-registration
    servicer = health.HealthServicer()
    servicer.set(HEALTH_SERVICE, health_pb2.HealthCheckResponse.SERVING)
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)  # the server as a whole, as grpc-go's health server says
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    return servicer
    # workbook:end


class Lifecycle:
    """The one way the plugin ends: the first :meth:`stop` (Shutdown, the host gone) wins, wakes :meth:`wait` and
    runs the :meth:`on_stop` callbacks."""

    def __init__(self):
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._callbacks = []
        self.reason = None

    def stop(self, reason):
        with self._lock:
            if self.reason is not None:
                return
            self.reason = reason
            callbacks, self._callbacks = self._callbacks, []
        self._stopped.set()
        for callback in callbacks:
            callback()

    def on_stop(self, callback):
        with self._lock:
            if self.reason is None:
                self._callbacks.append(callback)
                return
        callback()

    def wait(self):
        while not self._stopped.wait(1.0):  # a timeout keeps the main thread responsive to signals
            pass


class ControllerServicer(grpc_controller_pb2_grpc.GRPCControllerServicer):
    """plugin.GRPCController: how a host tells its plugin to shut down."""

    def __init__(self, lifecycle):
        self._lifecycle = lifecycle

    def Shutdown(self, request, context):
        # Stop once the answer is on its way, not before: the host waits for it.
        context.add_callback(lambda: self._lifecycle.stop("the host called GRPCController/Shutdown"))
        return grpc_controller_pb2.Empty()


class StdioCapture:
    """What the plugin writes to ``sys.stdout``/``sys.stderr`` after its handshake, as chunks for GRPCStdio.

    The queue is bounded: a plugin whose host never reads its output eventually blocks, as a Go plugin does."""

    def __init__(self, max_chunks=1024):
        self._chunks = queue.Queue(max_chunks)
        self._closed = threading.Event()

    def stream(self, channel):
        """A line-buffered text stream whose writes become chunks of ``channel`` (a ``print`` is one chunk)."""
        return io.TextIOWrapper(_ChannelWriter(self, channel), encoding="utf-8", errors="backslashreplace",
                                line_buffering=True)

    def put(self, channel, data):
        for start in range(0, len(data), STDIO_CHUNK):
            chunk = (channel, bytes(data[start:start + STDIO_CHUNK]))
            while not self._closed.is_set():
                try:
                    self._chunks.put(chunk, timeout=0.1)
                    break
                except queue.Full:
                    pass  # the host is not reading (yet): wait, as a Go plugin's write to its stdio pipe does

    def next(self, timeout):
        """The next ``(channel, data)``, or None when there was none within ``timeout`` seconds or after close()."""
        try:
            return self._chunks.get(timeout=timeout)
        except queue.Empty:
            return None

    @property
    def closed(self):
        return self._closed.is_set()

    def close(self):
        self._closed.set()
        try:
            self._chunks.put_nowait(None)  # wakes a waiting next() at once
        except queue.Full:
            pass  # next() is not waiting then


class _ChannelWriter(io.RawIOBase):
    def __init__(self, capture, channel):
        super().__init__()
        self._capture = capture
        self._channel = channel

    def writable(self):
        return True

    def write(self, data):
        self._capture.put(self._channel, data)
        return len(data)


class StdioServicer(grpc_stdio_pb2_grpc.GRPCStdioServicer):
    """plugin.GRPCStdio: streams the captured stdout and stderr to the host, both channels on one stream.

    The host keeps this stream open for as long as it uses the plugin (go-plugin's host and ours both do), so its
    end, when not asked for, means the host is gone."""

    def __init__(self, capture, on_host_gone):
        self._capture = capture
        self._on_host_gone = on_host_gone

    def StreamStdio(self, request, context):
        context.add_callback(lambda: self._on_host_gone("the host's GRPCStdio stream ended"))
        while context.is_active():
            chunk = self._capture.next(0.1)
            if chunk is not None:
                yield grpc_stdio_pb2.StdioData(channel=chunk[0], data=chunk[1])
            elif self._capture.closed:
                return


class BrokerServicer(grpc_broker_pb2_grpc.GRPCBrokerServicer):
    """plugin.GRPCBroker: a go-plugin host opens this stream at once. This plugin brokers nothing: it holds the
    stream open, reads what the host sends, and ends the stream when the host or the plugin ends."""

    def __init__(self, lifecycle):
        self._lifecycle = lifecycle

    def StartStream(self, request_iterator, context):
        done = threading.Event()

        def read_all():
            try:
                for _ in request_iterator:
                    pass  # ConnInfo for a brokered service: this plugin serves none
            except Exception:  # noqa: BLE001 -- the call was cancelled: the host closed it
                pass
            done.set()

        threading.Thread(target=read_all, name="goplugin-broker", daemon=True).start()
        self._lifecycle.on_stop(done.set)
        while context.is_active() and not done.wait(1.0):
            pass
        return
        yield  # a generator that sends nothing


# ---------------------------------------------------------------------------------------------------------------------
# Process life


SHELLS = {"sh", "dash", "bash", "zsh", "ash", "busybox"}


def watch_parent(on_gone, interval=PARENT_POLL_SECONDS):
    """Calls ``on_gone`` once the host process has exited, seen as this process (or the shell between host and
    plugin, as in ``sh -c "$KV_PLUGIN"``) being re-parented.

    go-plugin lets a plugin outlive a host that died without killing it; this project's plugins exit."""
    parent = os.getppid()
    grandparent = _parent_of(parent) if _command_of(parent) in SHELLS else None

    def poll():
        while os.getppid() == parent and (grandparent is None or _parent_of(parent) == grandparent):
            time.sleep(interval)
        on_gone("the host process %d is gone" % (grandparent or parent))

    threading.Thread(target=poll, name="goplugin-parent-watch", daemon=True).start()


def _command_of(pid):
    """The command name of process ``pid`` (Linux /proc), or None."""
    try:
        with open("/proc/%d/comm" % pid) as comm:
            return comm.read().strip()
    except OSError:
        return None


def _parent_of(pid):
    """The parent pid of process ``pid`` (Linux /proc), or None when it is gone or unknown."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def ignore_interrupts(log):
    """Like a Go plugin: Ctrl-C in the host's terminal reaches the plugin too, but the host decides when it ends."""
    signal.signal(signal.SIGINT, lambda signum, frame: log.trace("plugin received interrupt signal, ignoring"))


def redirect_stdio(capture):
    """From now on ``sys.stdout`` and ``sys.stderr`` feed GRPCStdio; logs keep the real stderr (hclog.REAL_STDERR)."""
    sys.stdout = capture.stream(grpc_stdio_pb2.StdioData.STDOUT)
    sys.stderr = capture.stream(grpc_stdio_pb2.StdioData.STDERR)


# ---------------------------------------------------------------------------------------------------------------------
# serve


@dataclass
class Listening:
    """Where the plugin serves, as the handshake line announces it, and what to clean up afterwards."""

    network: str
    address: str
    server_cert: str = ""  # field 6: empty without AutoMTLS
    directory: str = None  # the owner-only directory of the Unix sockets, if any
    terminator: object = None  # the mtls.TlsTerminator, with AutoMTLS


def serve(config, add_services, env=None, stdout=None):
    """Runs the plugin until it is told to stop; returns the exit status. ``add_services(server)`` adds the plugin's
    own gRPC services. Call it once per process: it redirects ``sys.stdout`` and ``sys.stderr``."""
    env = os.environ if env is None else env
    stdout = sys.stdout if stdout is None else stdout
    if not cookie_present(env, config):
        hclog.REAL_STDERR.write(NOT_A_HOST_MESSAGE)
        hclog.REAL_STDERR.flush()
        return 1
    log = hclog.Logger("plugin")
    logging.basicConfig(level=logging.INFO, handlers=[hclog.HclogHandler()])
    lifecycle = Lifecycle()
    watch_parent(lifecycle.stop)  # first thing: a host that dies from now on is noticed
    ignore_interrupts(log)
    version = negotiate_version(config.protocol_versions, parse_versions(env.get(ENV_PROTOCOL_VERSIONS), log.warn))

    capture = StdioCapture()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16, thread_name_prefix="goplugin-grpc"),
                         options=[("grpc.so_reuseport", 0)])  # a taken TCP port must fail to bind, not be shared
    health_servicer = register_health(server)
    grpc_controller_pb2_grpc.add_GRPCControllerServicer_to_server(ControllerServicer(lifecycle), server)
    grpc_stdio_pb2_grpc.add_GRPCStdioServicer_to_server(StdioServicer(capture, lifecycle.stop), server)
    grpc_broker_pb2_grpc.add_GRPCBrokerServicer_to_server(BrokerServicer(lifecycle), server)
    add_services(server)
    try:
        listening = listen(server, env, log)
    except (OSError, ValueError, RuntimeError) as e:
        log.error("plugin init error", error=str(e))
        return 1

    multiplex = False if env.get(ENV_MULTIPLEX_GRPC) else None  # asked: we answer that we do not multiplex
    stdout.write(handshake_line(CORE_PROTOCOL_VERSION, version, listening.network, listening.address, PROTOCOL,
                                listening.server_cert, multiplex) + "\n")
    stdout.flush()
    redirect_stdio(capture)
    log.debug("plugin address", network=listening.network, address=listening.address)

    lifecycle.wait()
    log.debug("plugin exiting", reason=lifecycle.reason)
    health_servicer.enter_graceful_shutdown()
    _flush(sys.stdout, sys.stderr)
    capture.close()
    server.stop(STOP_GRACE_SECONDS).wait(STOP_GRACE_SECONDS + 0.5)
    if listening.terminator:
        listening.terminator.close()
    _remove(listening.directory)
    return 0


def listen(server, env, log):
    """Binds and starts ``server``: a Unix socket by default, TCP with ``PLUGIN_NETWORK=tcp``, behind TLS when the
    host sent ``PLUGIN_CLIENT_CERT``."""
    tcp = env.get(ENV_NETWORK) == "tcp"
    low, high = port_range(env) if tcp else (0, 0)
    host_cert_pem = env.get(ENV_CLIENT_CERT, "")
    listening = None
    try:
        if host_cert_pem.strip():
            listening = Listening("", "", directory=socket_dir(env))
            _listen_tls(server, listening, host_cert_pem, tcp, low, high, log)
        elif tcp:
            listening = Listening("tcp", bind_grpc_tcp(server, low, high))
        else:
            directory = socket_dir(env)
            listening = Listening("unix", os.path.join(directory, "plugin.sock"), directory=directory)
            server.add_insecure_port("unix:" + listening.address)
        server.start()
        if listening.network == "unix":
            secure_socket(listening.address, env)
        if listening.terminator:
            os.chmod(os.path.join(listening.directory, "grpc.sock"), 0o600)  # plaintext behind the TLS: ours only
            listening.terminator.start()
        return listening
    except BaseException:
        server.stop(0)
        _remove(listening and listening.directory)
        raise


def _listen_tls(server, listening, host_cert_pem, tcp, low, high, log):
    """AutoMTLS: the gRPC server on a private Unix socket, TLS (mtls.py says why not grpcio's) where the host dials."""
    import mtls  # here, not at the top: cryptography adds ~60 ms to the start of a plugin that does not need it

    try:
        host_cert = mtls.load_host_cert(host_cert_pem)
    except ValueError as e:
        raise ValueError("%s is set but holds no PEM certificate: %s" % (ENV_CLIENT_CERT, e)) from None
    cert, key = mtls.generate_cert()
    inner = os.path.join(listening.directory, "grpc.sock")
    server.add_insecure_port("unix:" + inner)
    if tcp:
        listener = tcp_listener(low, high)
        listening.network, listening.address = "tcp", "127.0.0.1:%d" % listener.getsockname()[1]
    else:
        listening.network, listening.address = "unix", os.path.join(listening.directory, "plugin.sock")
        listener = unix_listener(listening.address)
    context = mtls.server_context(cert, key, host_cert, listening.directory)
    listening.terminator = mtls.TlsTerminator(listener, inner, context, host_cert, log)
    listening.server_cert = mtls.cert_field(cert)


def _flush(*streams):
    for stream in streams:
        try:
            stream.flush()
        except (OSError, ValueError):
            pass


def _remove(directory):
    if directory:
        shutil.rmtree(directory, ignore_errors=True)


def run(config, add_services):
    """The whole main of a plugin: :func:`serve`, then exit with its status.

    Everything is closed by then; ``os._exit`` skips only the interpreter's teardown of grpcio (about 100 ms)."""
    try:
        status = serve(config, add_services)
    except Exception:  # noqa: BLE001 -- like a Go panic: the trace goes to the real stderr, which the host logs
        traceback.print_exc(file=hclog.REAL_STDERR)
        status = 2
    _flush(sys.stdout, sys.stderr, hclog.REAL_STDERR)
    os._exit(status)
