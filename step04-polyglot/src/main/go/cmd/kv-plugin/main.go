// Command kv-plugin is a KV plugin in Go, for any host of go-plugin's KV example (the Go kv, the Java kv): key K
// lives in file kv_K of the working directory.
package main

import (
	"os"
	"slices"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/kv"
	"gopluginjava.io/step04/parentwatch"
)

// signature ends every value written, so a reader of kv_K can tell which plugin wrote it.
const signature = "\n\nWritten from plugin-go"

// files is the KV.
type files struct {
	log hclog.Logger
}

func (f files) Put(key string, value []byte) error {
	f.log.Info("put", "key", key, "bytes", len(value))
	return os.WriteFile("kv_"+key, slices.Concat(value, []byte(signature)), 0o644)
}

func (f files) Get(key string) ([]byte, error) {
	f.log.Info("get", "key", key)
	return os.ReadFile("kv_" + key)
}

// tag::go-kv-plugin-main[]
func main() {
	parentwatch.ExitWhenGone()
	// JSON on stderr is how a plugin logs: the host parses each line and logs it as its own. The host filters by level.
	logger := hclog.New(&hclog.LoggerOptions{Level: hclog.Trace, Output: os.Stderr, JSONFormat: true})
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: kv.Handshake,
		Plugins:         plugin.PluginSet{kv.PluginName: &kv.Plugin{Impl: files{log: logger}}},
		GRPCServer:      plugin.DefaultGRPCServer,
		Logger:          logger,
	})
}

// end::go-kv-plugin-main[]
