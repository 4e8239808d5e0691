// Command greeter-host is the blog's Go host on go-plugin v1.8.0: it starts the plugin command in $GREETER_PLUGIN
// (through sh -c), dispenses "greeter" over netrpc, prints what Greet() returns, and kills the plugin. The plugin's
// stdout and stderr streams are copied to this process's stdout and stderr; its log (the stderr pipe) goes to this
// host's log on stderr. GREETER_AUTOMTLS=true turns on go-plugin's AutoMTLS.
package main

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/greeter"
)

func main() {
	command := os.Getenv("GREETER_PLUGIN")
	if command == "" {
		fmt.Fprintln(os.Stderr, "greeter-host: set GREETER_PLUGIN to the plugin command, e.g. ./greeter-plugin")
		os.Exit(2)
	}
	logger := hclog.New(&hclog.LoggerOptions{Name: "greeter-host", Output: os.Stderr, Level: hclog.Debug})

	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: greeter.Handshake,
		Plugins:         map[string]plugin.Plugin{greeter.PluginName: &greeter.Plugin{}},
		Cmd:             exec.Command("sh", "-c", command),
		Logger:          logger,
		AutoMTLS:        os.Getenv("GREETER_AUTOMTLS") == "true",
		SyncStdout:      os.Stdout,
		SyncStderr:      os.Stderr,
	})
	defer client.Kill()

	rpcClient, err := client.Client()
	if err != nil {
		logger.Error("connecting to the plugin", "error", err)
		client.Kill()
		os.Exit(1)
	}
	raw, err := rpcClient.Dispense(greeter.PluginName)
	if err != nil {
		logger.Error("dispensing the greeter", "error", err)
		client.Kill()
		os.Exit(1)
	}
	fmt.Println(raw.(greeter.Greeter).Greet())
}
