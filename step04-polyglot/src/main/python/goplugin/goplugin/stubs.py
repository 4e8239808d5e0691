"""The generated stubs of go-plugin's own services (its internal/plugin .proto files, as step02 keeps them), in one
place, with a clear message when make_venv.sh has not generated them."""

try:
    from goplugin.plugin import (grpc_broker_pb2, grpc_broker_pb2_grpc, grpc_controller_pb2,  # noqa: F401
                                 grpc_controller_pb2_grpc, grpc_stdio_pb2, grpc_stdio_pb2_grpc)
except ImportError as missing:  # pragma: no cover - a setup problem, not a code path
    raise SystemExit("the generated gRPC stubs are missing (%s): run make_venv.sh VENV_DIR and start the plugin "
                     "with VENV_DIR/bin/python" % missing) from missing
