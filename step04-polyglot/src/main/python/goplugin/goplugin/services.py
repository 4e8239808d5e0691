"""go-plugin's own gRPC services, served beside the plugin's: health, GRPCController and GRPCBroker."""

from __future__ import annotations

import threading
from typing import Iterator

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from goplugin.lifecycle import Lifecycle
from goplugin.stubs import grpc_broker_pb2, grpc_broker_pb2_grpc, grpc_controller_pb2, grpc_controller_pb2_grpc

HEALTH_SERVICE = "plugin"


def register_health(server: grpc.Server) -> health.HealthServicer:
    """grpc.health.v1.Health, reporting the service "plugin" as SERVING: how hosts and tools ping a plugin."""
    # workbook:begin python-health-registration
    servicer = health.HealthServicer()
    servicer.set(HEALTH_SERVICE, health_pb2.HealthCheckResponse.SERVING)
    servicer.set("", health_pb2.HealthCheckResponse.SERVING)  # the server as a whole, as grpc-go's health server says
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    return servicer
    # workbook:end


class ControllerServicer(grpc_controller_pb2_grpc.GRPCControllerServicer):
    """plugin.GRPCController: how a host tells its plugin to shut down."""

    def __init__(self, lifecycle: Lifecycle) -> None:
        self._lifecycle = lifecycle

    def Shutdown(self, request: grpc_controller_pb2.Empty, context: grpc.ServicerContext) -> grpc_controller_pb2.Empty:
        # Stop once the answer is on its way, not before: the host waits for it.
        context.add_callback(lambda: self._lifecycle.stop("the host called GRPCController/Shutdown"))
        return grpc_controller_pb2.Empty()


class BrokerServicer(grpc_broker_pb2_grpc.GRPCBrokerServicer):
    """plugin.GRPCBroker: a go-plugin host opens this stream at once. This plugin brokers nothing: it holds the
    stream open, reads what the host sends, and ends the stream when the host or the plugin ends."""

    def __init__(self, lifecycle: Lifecycle) -> None:
        self._lifecycle = lifecycle

    def StartStream(self, request_iterator: Iterator[grpc_broker_pb2.ConnInfo],
                    context: grpc.ServicerContext) -> Iterator[grpc_broker_pb2.ConnInfo]:
        done = threading.Event()

        def read_all() -> None:
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
