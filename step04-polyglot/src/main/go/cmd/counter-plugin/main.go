// Command counter-plugin is a Counter plugin in Go, for any host of go-plugin's bidirectional example: key K lives in
// file kv_K of the working directory as {"Value":N}, and each put asks the host for the sum.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/internal/counter"
	"gopluginjava.io/step04/parentwatch"
)

// stored is the file's JSON.
type stored struct {
	Value int64
}

// files is the Counter.
type files struct {
	log hclog.Logger
}

func (f files) Put(key string, value int64, adder counter.Adder) error {
	f.log.Info("put", "key", key, "value", value)
	old, err := read(key)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	sum, err := adder.Sum(old, value) // a call into the host
	if err != nil {
		return err
	}
	data, err := json.Marshal(stored{Value: sum})
	if err != nil {
		return err
	}
	return os.WriteFile("kv_"+key, data, 0o644)
}

func (f files) Get(key string) (int64, error) {
	f.log.Info("get", "key", key)
	value, err := read(key)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("no value for key %q", key)
	}
	return value, err
}

func read(key string) (int64, error) {
	data, err := os.ReadFile("kv_" + key)
	if err != nil {
		return 0, err
	}
	var s stored
	if err := json.Unmarshal(data, &s); err != nil {
		return 0, fmt.Errorf("kv_%s: %w", key, err)
	}
	return s.Value, nil
}

func main() {
	parentwatch.ExitWhenGone()
	// JSON on stderr is how a plugin logs: the host parses each line and logs it as its own. The host filters by level.
	logger := hclog.New(&hclog.LoggerOptions{Level: hclog.Trace, Output: os.Stderr, JSONFormat: true})
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: counter.Handshake,
		Plugins:         plugin.PluginSet{counter.PluginName: &counter.Plugin{Impl: files{log: logger}}},
		GRPCServer:      plugin.DefaultGRPCServer,
		Logger:          logger,
	})
}
