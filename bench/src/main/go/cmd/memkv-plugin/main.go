// Command memkv-plugin is the benchmarks' KV plugin in Go: go-plugin's KV example contract, values in memory.
package main

import (
	"os"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/bench/memkv"
)

func main() {
	exitWhenParentGone()
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: memkv.Handshake,
		Plugins:         plugin.PluginSet{memkv.PluginName: &memkv.Plugin{Impl: memkv.NewStore()}},
		GRPCServer:      plugin.DefaultGRPCServer,
		Logger:          hclog.New(&hclog.LoggerOptions{Output: os.Stderr, Level: hclog.Warn, JSONFormat: true}),
	})
}

// exitWhenParentGone ends the plugin when its host dies without killing it (go-plugin itself does not).
func exitWhenParentGone() {
	parent := os.Getppid()
	go func() {
		for range time.Tick(500 * time.Millisecond) {
			if os.Getppid() != parent {
				os.Exit(2)
			}
		}
	}()
}
