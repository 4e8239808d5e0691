// Command smallest-kv-plugin is TUTORIAL's 10-line start in Go: a KV plugin on go-plugin, key K in the file kv_K of
// the working directory. The kv package is the application's side (handshake, plugin name, gRPC glue), which a
// plugin author imports from the host's project, as in go-plugin's examples/grpc.
package main

// tag::smallest-go-kv-plugin[]
import (
	"os"

	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/kv"
)

type files struct{}

func (files) Put(key string, value []byte) error { return os.WriteFile("kv_"+key, value, 0o644) }
func (files) Get(key string) ([]byte, error)     { return os.ReadFile("kv_" + key) }

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: kv.Handshake,
		Plugins:         plugin.PluginSet{kv.PluginName: &kv.Plugin{Impl: files{}}},
		GRPCServer:      plugin.DefaultGRPCServer,
	})
}

// end::smallest-go-kv-plugin[]
