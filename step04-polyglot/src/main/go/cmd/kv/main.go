// Command kv is go-plugin's examples/grpc host: `kv put KEY VALUE` and `kv get KEY`, against the plugin command in
// $KV_PLUGIN (run through sh -c), with AutoMTLS unless KV_AUTO_MTLS=false.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/internal/cli"
	"gopluginjava.io/step04/kv"
)

const usage = "usage: kv put KEY VALUE | kv get KEY   (plugin command from $KV_PLUGIN)"

func main() {
	cli.Exit(run(os.Args[1:]))
}

func run(args []string) error {
	put := len(args) == 3 && args[0] == "put"
	get := len(args) == 2 && args[0] == "get"
	if !put && !get {
		return errors.New(usage)
	}
	cmd, err := cli.PluginCommand("KV_PLUGIN", "./kv-plugin")
	if err != nil {
		return err
	}

	// tag::go-kv-host[]
	client := plugin.NewClient(clientConfig(cmd, os.Getenv("KV_AUTO_MTLS") != "false", cli.Logger("kv")))
	defer client.Kill()
	store, err := cli.Dispense[kv.KV](client, kv.PluginName)
	if err != nil {
		return err
	}
	// end::go-kv-host[]

	if put {
		return store.Put(args[1], []byte(args[2]))
	}
	value, err := store.Get(args[1])
	if err != nil {
		return err
	}
	fmt.Println(string(value))
	return nil
}

// clientConfig says how to launch the KV plugin (cmd) and talk to it: the plugin map, gRPC only, AutoMTLS.
func clientConfig(cmd *exec.Cmd, autoMTLS bool, logger hclog.Logger) *plugin.ClientConfig {
	// workbook:begin go-host-client-config
	return &plugin.ClientConfig{
		HandshakeConfig:  kv.Handshake,
		Plugins:          plugin.PluginSet{kv.PluginName: &kv.Plugin{}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         autoMTLS,
		Logger:           logger,
	}
	// workbook:end
}
