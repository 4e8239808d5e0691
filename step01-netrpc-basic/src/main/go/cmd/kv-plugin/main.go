// Command kv-plugin is go-plugin's example KV served over netrpc by plugin.Serve: key k lives in file kv_k of the
// working directory, its value followed by "\n\nWritten from plugin-go-netrpc".
package main

import (
	"os"

	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/greeter"
	"gopluginjava.io/step01/kv"
)

type files struct{}

func (files) Put(key string, value []byte) error {
	return os.WriteFile("kv_"+key, append(value, []byte("\n\nWritten from plugin-go-netrpc")...), 0o644)
}

func (files) Get(key string) ([]byte, error) {
	return os.ReadFile("kv_" + key)
}

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: greeter.Handshake, // go-plugin's examples share one handshake: BASIC_PLUGIN=hello, version 1
		Plugins:         map[string]plugin.Plugin{kv.PluginName: &kv.Plugin{Impl: files{}}},
	})
}
