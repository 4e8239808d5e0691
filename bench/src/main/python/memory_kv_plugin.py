"""The benchmarks' KV plugin in Python: step04's plugin server with values in memory, like the Go and Java ones.

Run it with step04's venv (bench/run makes one) and step04's sources on the path: bench/run passes
``PYTHONPATH=step04-polyglot/src/main/python``.
"""

import grpc

import goplugin_server
from goplugin import kv_pb2, kv_pb2_grpc
from kv_plugin import HANDSHAKE


class MemoryKV(kv_pb2_grpc.KVServicer):
    """proto.KV on a dict; a Get of a key never put is NOT_FOUND."""

    def __init__(self):
        self._values = {}

    def Put(self, request, context):
        self._values[request.key] = request.value
        return kv_pb2.Empty()

    def Get(self, request, context):
        value = self._values.get(request.key)
        if value is None:
            context.abort(grpc.StatusCode.NOT_FOUND, 'no value for key "%s"' % request.key)
        return kv_pb2.GetResponse(value=value)


def add_kv(server):
    kv_pb2_grpc.add_KVServicer_to_server(MemoryKV(), server)


if __name__ == "__main__":
    goplugin_server.run(HANDSHAKE, add_kv)
