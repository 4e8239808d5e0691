// Command firstcall-netrpc is what hyperfine times for step01's launch-to-first-call: go-plugin v1.8.0's own host
// starts the step01 Greeter plugin given as its arguments (no shell) with the blog's handshake, dispenses "greeter"
// over netrpc (yamux, gob, net/rpc), calls Greet once, and kills the plugin as go-plugin does (Control.Quit, then
// its wait for the exit).
//
//	firstcall-netrpc PLUGIN-COMMAND...
package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/greeter"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: firstcall-netrpc PLUGIN-COMMAND...")
		os.Exit(2)
	}
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: greeter.Handshake,
		Plugins:         map[string]plugin.Plugin{greeter.PluginName: &greeter.Plugin{}},
		Cmd:             exec.Command(os.Args[1], os.Args[2:]...),
		Logger:          hclog.New(&hclog.LoggerOptions{Output: io.Discard}),
	})
	err := greet(client)
	client.Kill()
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func greet(client *plugin.Client) error {
	rpcClient, err := client.Client()
	if err != nil {
		return err
	}
	raw, err := rpcClient.Dispense(greeter.PluginName)
	if err != nil {
		return err
	}
	if greeting := raw.(greeter.Greeter).Greet(); greeting != "Hello!" {
		return fmt.Errorf("the plugin greeted %q", greeting)
	}
	return nil
}
