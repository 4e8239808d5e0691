// Command netrpc-greeter is step01's Greeter over go-plugin's netrpc wire, served by plugin.Serve, without the
// example's log and output lines: what the netrpc bench measures is the wire, not the writing of logs.
package main

import (
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/greeter"
)

type quiet struct{}

func (quiet) Greet() string { return "Hello!" }

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: greeter.Handshake,
		Plugins:         map[string]plugin.Plugin{greeter.PluginName: &greeter.Plugin{Impl: quiet{}}},
	})
}
