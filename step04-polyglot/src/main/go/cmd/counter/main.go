// Command counter is go-plugin's examples/bidirectional host: `counter put KEY N` adds N to the number stored under
// KEY, `counter get KEY` prints it. The plugin command is $COUNTER_PLUGIN (run through sh -c), with AutoMTLS unless
// COUNTER_AUTO_MTLS=false. During a put the plugin calls back this host's Adder, through the broker; with
// COUNTER_MULTIPLEX=true the broker multiplexes (GRPCBrokerMultiplex): the callback is a stream of the one connection.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/internal/cli"
	"gopluginjava.io/step04/internal/counter"
)

const usage = "usage: counter put KEY N | counter get KEY   (plugin command from $COUNTER_PLUGIN)"

func main() {
	cli.Exit(run(os.Args[1:]))
}

func run(args []string) error {
	put := len(args) == 3 && args[0] == "put"
	get := len(args) == 2 && args[0] == "get"
	if !put && !get {
		return errors.New(usage)
	}
	var n int64
	if put {
		var err error
		if n, err = strconv.ParseInt(args[2], 10, 64); err != nil {
			return fmt.Errorf("N must be an integer: %w", err)
		}
	}
	cmd, err := cli.PluginCommand("COUNTER_PLUGIN", "./counter-plugin")
	if err != nil {
		return err
	}

	logger := cli.Logger("counter")
	config := clientConfig(cmd, os.Getenv("COUNTER_AUTO_MTLS") != "false", logger)
	config.GRPCBrokerMultiplex = os.Getenv("COUNTER_MULTIPLEX") == "true"
	client := plugin.NewClient(config)
	defer client.Kill()
	c, err := cli.Dispense[counter.Counter](client, counter.PluginName)
	if err != nil {
		return err
	}

	if put {
		return c.Put(args[1], n, adder{log: logger})
	}
	value, err := c.Get(args[1])
	if err != nil {
		return err
	}
	fmt.Println(value)
	return nil
}

// clientConfig says how to launch the Counter plugin (cmd) and talk to it: the plugin map, gRPC only, AutoMTLS.
func clientConfig(cmd *exec.Cmd, autoMTLS bool, logger hclog.Logger) *plugin.ClientConfig {
	return &plugin.ClientConfig{
		HandshakeConfig:  counter.Handshake,
		Plugins:          plugin.PluginSet{counter.PluginName: &counter.Plugin{}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         autoMTLS,
		Logger:           logger,
	}
}

// adder is the host's side of the callback: the plugin asks it for each sum.
type adder struct {
	log hclog.Logger
}

func (a adder) Sum(x, y int64) (int64, error) {
	a.log.Debug("sum", "a", x, "b", y)
	return x + y, nil
}
