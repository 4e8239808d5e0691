"""Where the plugin listens: a Unix socket in a fresh owner-only directory, or TCP on 127.0.0.1 with
``PLUGIN_NETWORK=tcp``, behind TLS when the host sent ``PLUGIN_CLIENT_CERT`` (AutoMTLS)."""

from __future__ import annotations

import grp
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from typing import Any, Mapping, Optional

import grpc

ENV_MIN_PORT = "PLUGIN_MIN_PORT"
ENV_MAX_PORT = "PLUGIN_MAX_PORT"
ENV_CLIENT_CERT = "PLUGIN_CLIENT_CERT"
ENV_UNIX_SOCKET_DIR = "PLUGIN_UNIX_SOCKET_DIR"
ENV_UNIX_SOCKET_GROUP = "PLUGIN_UNIX_SOCKET_GROUP"
ENV_NETWORK = "PLUGIN_NETWORK"  # not go-plugin's: "tcp" asks for TCP instead of a Unix socket


@dataclass
class Listening:
    """Where the plugin serves, as the handshake line announces it, and what to clean up afterwards."""

    network: str
    address: str
    server_cert: str = ""  # field 6: empty without AutoMTLS
    directory: Optional[str] = None  # the owner-only directory of the Unix sockets, if any
    terminator: Any = None  # the mtls.TlsTerminator, with AutoMTLS


def port_range(env: Mapping[str, str]) -> tuple[int, int]:
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


def socket_dir(env: Mapping[str, str]) -> str:
    """A fresh directory only this user can enter (``PLUGIN_UNIX_SOCKET_DIR`` or the temp dir): the sockets go here."""
    return tempfile.mkdtemp(prefix="plugin", dir=env.get(ENV_UNIX_SOCKET_DIR) or None)


def secure_socket(path: str, env: Mapping[str, str]) -> None:
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


def group_id(group: str) -> int:
    """A numeric gid as it is, else the gid of the group of that name: go-plugin's order."""
    if group.isdigit():
        return int(group)
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise ValueError("%s=%s is neither a numeric gid nor a group on this system"
                         % (ENV_UNIX_SOCKET_GROUP, group)) from None


def bind_grpc_tcp(server: grpc.Server, low: int, high: int) -> str:
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


def _port_free(port: int) -> bool:
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def tcp_listener(low: int, high: int) -> socket.socket:
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


def unix_listener(path: str) -> socket.socket:
    """A plain socket listening on the Unix socket ``path`` (for the TLS terminator)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    return listener


def listen(server: grpc.Server, env: Mapping[str, str], log: Any) -> Listening:
    """Binds and starts ``server``: a Unix socket by default, TCP with ``PLUGIN_NETWORK=tcp``, behind TLS when the
    host sent ``PLUGIN_CLIENT_CERT``."""
    tcp = env.get(ENV_NETWORK) == "tcp"
    low, high = port_range(env) if tcp else (0, 0)
    host_cert_pem = env.get(ENV_CLIENT_CERT, "")
    listening = None
    inner = ""
    try:
        if host_cert_pem.strip():
            directory = socket_dir(env)
            listening = Listening("", "", directory=directory)
            inner = _listen_tls(server, listening, directory, host_cert_pem, tcp, low, high, log)
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
            os.chmod(inner, 0o600)  # the plaintext behind the TLS: ours only
            listening.terminator.start()
        return listening
    except BaseException:
        server.stop(0)
        remove(listening.directory if listening else None)
        raise


def _listen_tls(server: grpc.Server, listening: Listening, directory: str, host_cert_pem: str, tcp: bool, low: int,
                high: int, log: Any) -> str:
    """AutoMTLS: the gRPC server on a private Unix socket in ``directory`` (returned), TLS where the host dials
    (mtls.py says why not grpcio's)."""
    from goplugin import mtls  # here, not at the top: cryptography adds ~60 ms to the start of a plugin without TLS

    try:
        host_cert = mtls.load_host_cert(host_cert_pem)
    except ValueError as e:
        raise ValueError("%s is set but holds no PEM certificate: %s" % (ENV_CLIENT_CERT, e)) from None
    cert, key = mtls.generate_cert()
    inner = os.path.join(directory, "grpc.sock")
    server.add_insecure_port("unix:" + inner)
    if tcp:
        listener = tcp_listener(low, high)
        listening.network, listening.address = "tcp", "127.0.0.1:%d" % listener.getsockname()[1]
    else:
        listening.network, listening.address = "unix", os.path.join(directory, "plugin.sock")
        listener = unix_listener(listening.address)
    context = mtls.server_context(cert, key, host_cert, directory)
    listening.terminator = mtls.TlsTerminator(listener, inner, context, host_cert, log)
    listening.server_cert = mtls.cert_field(cert)
    return inner


def remove(directory: Optional[str]) -> None:
    """Removes the plugin's socket directory (and what is in it), if it made one."""
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
