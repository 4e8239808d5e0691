// Command kv-host is go-plugin's example KV host over netrpc: "kv-host put KEY VALUE" or "kv-host get KEY", with the
// plugin command in $KV_PLUGIN (run through sh -c). KV_AUTOMTLS=true turns on go-plugin's AutoMTLS.
package main

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/greeter"
	"gopluginjava.io/step01/kv"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	command := os.Getenv("KV_PLUGIN")
	if command == "" || len(args) < 2 || (args[0] == "put" && len(args) != 3) || (args[0] == "get" && len(args) != 2) {
		fmt.Fprintln(os.Stderr, "usage: KV_PLUGIN=<plugin command> kv-host put KEY VALUE | get KEY")
		return 2
	}
	logger := hclog.New(&hclog.LoggerOptions{Name: "kv-host", Output: os.Stderr, Level: hclog.Debug})
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: greeter.Handshake,
		Plugins:         map[string]plugin.Plugin{kv.PluginName: &kv.Plugin{}},
		Cmd:             exec.Command("sh", "-c", command),
		Logger:          logger,
		AutoMTLS:        os.Getenv("KV_AUTOMTLS") == "true",
	})
	defer client.Kill()

	rpcClient, err := client.Client()
	if err != nil {
		logger.Error("connecting to the plugin", "error", err)
		return 1
	}
	raw, err := rpcClient.Dispense(kv.PluginName)
	if err != nil {
		logger.Error("dispensing the kv", "error", err)
		return 1
	}
	store := raw.(kv.KV)
	switch args[0] {
	case "put":
		err = store.Put(args[1], []byte(args[2]))
	case "get":
		var value []byte
		if value, err = store.Get(args[1]); err == nil {
			fmt.Println(string(value))
		}
	default:
		err = fmt.Errorf("unknown command %q: put or get", args[0])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	return 0
}
