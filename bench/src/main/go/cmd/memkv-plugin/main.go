// Command memkv-plugin is the benchmarks' KV plugin in Go: go-plugin's KV example contract, values in memory.
package main

import (
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/bench/memkv"
	"gopluginjava.io/step04/kv"
	"gopluginjava.io/step04/parentwatch"
)

func main() {
	parentwatch.ExitWhenGone()
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: kv.Handshake,
		Plugins:         plugin.PluginSet{kv.PluginName: &kv.Plugin{Impl: memkv.NewStore()}},
		GRPCServer:      plugin.DefaultGRPCServer,
		Logger:          hclog.New(&hclog.LoggerOptions{Output: os.Stderr, Level: hclog.Warn, JSONFormat: true}),
	})
}
