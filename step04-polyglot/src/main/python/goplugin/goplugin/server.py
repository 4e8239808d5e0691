"""``serve`` and ``run``: go-plugin's ``plugin.Serve`` in Python, each duty in the order the host meets it."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from concurrent import futures
from typing import Callable, Mapping, Optional, TextIO

import grpc

from goplugin import handshake, hclog, lifecycle, listener, services, stdio
from goplugin.handshake import HandshakeConfig
from goplugin.stubs import grpc_broker_pb2_grpc, grpc_controller_pb2_grpc, grpc_stdio_pb2_grpc

ENV_MULTIPLEX_GRPC = "PLUGIN_MULTIPLEX_GRPC"
STOP_GRACE_SECONDS = 0.5


def serve(config: HandshakeConfig, add_services: Callable[[grpc.Server], None],
          env: Optional[Mapping[str, str]] = None, stdout: Optional[TextIO] = None) -> int:
    """Runs the plugin until it is told to stop; returns the exit status. ``add_services(server)`` adds the plugin's
    own gRPC services. Call it once per process: it redirects ``sys.stdout`` and ``sys.stderr``."""
    env = os.environ if env is None else env
    stdout = sys.stdout if stdout is None else stdout
    if not handshake.cookie_present(env, config):
        hclog.REAL_STDERR.write(handshake.NOT_A_HOST_MESSAGE)
        hclog.REAL_STDERR.flush()
        return 1
    log = hclog.Logger("plugin")
    logging.basicConfig(level=logging.INFO, handlers=[hclog.HclogHandler()])
    life = lifecycle.Lifecycle()
    lifecycle.watch_parent(life.stop)  # first thing: a host that dies from now on is noticed
    lifecycle.ignore_interrupts(log)
    lifecycle.stop_on_terminate(life.stop)
    version = handshake.negotiate_version(
        config.protocol_versions,
        handshake.parse_versions(env.get(handshake.ENV_PROTOCOL_VERSIONS), log.warn))

    capture = stdio.StdioCapture()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16, thread_name_prefix="goplugin-grpc"),
                         options=[("grpc.so_reuseport", 0)])  # a taken TCP port must fail to bind, not be shared
    health_servicer = services.register_health(server)
    grpc_controller_pb2_grpc.add_GRPCControllerServicer_to_server(services.ControllerServicer(life), server)
    grpc_stdio_pb2_grpc.add_GRPCStdioServicer_to_server(stdio.StdioServicer(capture, life.stop), server)
    grpc_broker_pb2_grpc.add_GRPCBrokerServicer_to_server(services.BrokerServicer(life), server)
    add_services(server)
    try:
        listening = listener.listen(server, env, log)
    except (OSError, ValueError, RuntimeError) as e:
        log.error("plugin init error", error=str(e))
        return 1

    multiplex = False if env.get(ENV_MULTIPLEX_GRPC) else None  # asked: we answer that we do not multiplex
    stdout.write(handshake.handshake_line(handshake.CORE_PROTOCOL_VERSION, version, listening.network,
                                          listening.address, handshake.PROTOCOL, listening.server_cert,
                                          multiplex) + "\n")
    stdout.flush()
    stdio.redirect_stdio(capture)
    log.debug("plugin address", network=listening.network, address=listening.address)

    life.wait()
    log.debug("plugin exiting", reason=life.reason)
    health_servicer.enter_graceful_shutdown()
    _flush(sys.stdout, sys.stderr)
    capture.close()
    server.stop(STOP_GRACE_SECONDS).wait(STOP_GRACE_SECONDS + 0.5)
    if listening.terminator:
        listening.terminator.close()
    listener.remove(listening.directory)
    return 0


def _flush(*streams: TextIO) -> None:
    for stream in streams:
        try:
            stream.flush()
        except (OSError, ValueError):
            pass


def run(config: HandshakeConfig, add_services: Callable[[grpc.Server], None]) -> None:
    """The whole main of a plugin: :func:`serve`, then exit with its status.

    Everything is closed by then; ``os._exit`` skips only the interpreter's teardown of grpcio (about 100 ms)."""
    try:
        status = serve(config, add_services)
    except Exception:  # noqa: BLE001 -- like a Go panic: the trace goes to the real stderr, which the host logs
        traceback.print_exc(file=hclog.REAL_STDERR)
        status = 2
    _flush(sys.stdout, sys.stderr, hclog.REAL_STDERR)
    os._exit(status)
