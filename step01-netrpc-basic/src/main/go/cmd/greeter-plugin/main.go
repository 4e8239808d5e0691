// Command greeter-plugin is a Greeter plugin served by go-plugin v1.8.0's plugin.Serve over netrpc. Greet writes one
// line to stdout and one to stderr (after Serve these go to the host over the session's streams) and logs one line
// with hclog (to the real stderr, which the host reads as the plugin's log).
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/greeter"
)

type hello struct{ logger hclog.Logger }

func (h *hello) Greet() string {
	h.logger.Info("message from the Go greeter")
	fmt.Println("plugin stdout: greeting")
	fmt.Fprintln(os.Stderr, "plugin stderr: greeting")
	return "Hello!"
}

func main() {
	// Made before Serve redirects os.Stderr, so the log keeps the real stderr pipe.
	logger := hclog.New(&hclog.LoggerOptions{Level: hclog.Trace, Output: os.Stderr, JSONFormat: true})
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: greeter.Handshake,
		Plugins:         map[string]plugin.Plugin{greeter.PluginName: &greeter.Plugin{Impl: &hello{logger: logger}}},
	})
}
