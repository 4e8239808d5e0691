"""The benchmarks' KV plugin in Python: step04's goplugin package with values in memory, like the Go and Java ones.

Run it with a venv made by step04's make_venv.sh (bench/run makes one: it has the goplugin package) and step04's
sources on the path for kv_plugin's handshake: bench/run passes ``PYTHONPATH=step04-polyglot/src/main/python``.
"""

import grpc

from goplugin import kv_pb2, kv_pb2_grpc, run
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
    run(HANDSHAKE, add_kv)
