// Command counter-host loads the Counter plugin in $COUNTER_PLUGIN (through sh -c) over netrpc, puts each number
// given on the command line under key "c" (the plugin adds each through the AddHelper this host serves on the
// MuxBroker), and prints the count and how many times the plugin called back. COUNTER_AUTOMTLS=true turns on AutoMTLS.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/counter"
	"gopluginjava.io/step01/greeter"
)

type adder struct{ calls atomic.Int64 }

func (a *adder) Sum(x, y int64) (int64, error) {
	a.calls.Add(1)
	return x + y, nil
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	command := os.Getenv("COUNTER_PLUGIN")
	if command == "" || len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: COUNTER_PLUGIN=<plugin command> counter-host N...")
		return 2
	}
	logger := hclog.New(&hclog.LoggerOptions{Name: "counter-host", Output: os.Stderr, Level: hclog.Debug})
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: greeter.Handshake,
		Plugins:         map[string]plugin.Plugin{counter.PluginName: &counter.Plugin{}},
		Cmd:             exec.Command("sh", "-c", command),
		Logger:          logger,
		AutoMTLS:        os.Getenv("COUNTER_AUTOMTLS") == "true",
	})
	defer client.Kill()

	rpcClient, err := client.Client()
	if err != nil {
		logger.Error("connecting to the plugin", "error", err)
		return 1
	}
	raw, err := rpcClient.Dispense(counter.PluginName)
	if err != nil {
		logger.Error("dispensing the counter", "error", err)
		return 1
	}
	count := raw.(counter.Counter)
	helper := &adder{}
	for _, arg := range args {
		n, err := strconv.ParseInt(arg, 10, 64)
		if err == nil {
			err = count.Put("c", n, helper)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			return 1
		}
	}
	total, err := count.Get("c")
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		return 1
	}
	fmt.Printf("count=%d callbacks=%d\n", total, helper.calls.Load())
	return 0
}
