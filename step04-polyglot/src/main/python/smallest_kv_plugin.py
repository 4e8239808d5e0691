"""TUTORIAL's 10-line start in Python: a KV plugin on the goplugin package, key K in the file kv_K of the working
directory. Run it with a venv that make_venv.sh made: ``VENV/bin/python smallest_kv_plugin.py``."""

# tag::smallest-python-kv-plugin[]
import grpc
from goplugin import HandshakeConfig, kv_pb2, kv_pb2_grpc, run


class Files(kv_pb2_grpc.KVServicer):
    def Put(self, request, context):
        with open("kv_" + request.key, "wb") as f:
            f.write(request.value)
        return kv_pb2.Empty()

    def Get(self, request, context):
        try:
            with open("kv_" + request.key, "rb") as f:
                return kv_pb2.GetResponse(value=f.read())
        except FileNotFoundError:
            context.abort(grpc.StatusCode.NOT_FOUND, "no value for key " + request.key)


run(HandshakeConfig(protocol_versions=(1,), magic_cookie_key="BASIC_PLUGIN", magic_cookie_value="hello"),
    lambda server: kv_pb2_grpc.add_KVServicer_to_server(Files(), server))
# end::smallest-python-kv-plugin[]
