// Package cli holds what the kv and counter hosts share: the plugin command, dispensing, the logger, the error exit.
package cli

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
)

// PluginCommand is the plugin command in the environment variable env, run through sh -c as go-plugin's example
// hosts run theirs; example shows a value in the error when env is not set.
func PluginCommand(env, example string) (*exec.Cmd, error) {
	command := os.Getenv(env)
	if command == "" {
		return nil, fmt.Errorf("%s is not set: it is the plugin command, e.g. %s=%s", env, env, example)
	}
	return exec.Command("sh", "-c", command), nil
}

// Dispense starts the plugin (launch, handshake, connect) and returns the plugin called name, as a T.
// tag::go-host-dispense[]
func Dispense[T any](client *plugin.Client, name string) (T, error) {
	var none T
	rpc, err := client.Client()
	if err != nil {
		return none, err
	}
	raw, err := rpc.Dispense(name)
	if err != nil {
		return none, err
	}
	typed, ok := raw.(T)
	if !ok {
		return none, fmt.Errorf("plugin %q gives a %T, not a %T", name, raw, none)
	}
	return typed, nil
}

// end::go-host-dispense[]

// Logger writes to stderr at the level in $PLUGIN_LOG_LEVEL (trace, debug, info, warn, error), warn by default: the
// plugin's own log lines arrive through it, so at warn a successful command prints only its result.
func Logger(name string) hclog.Logger {
	level := hclog.LevelFromString(os.Getenv("PLUGIN_LOG_LEVEL"))
	if level == hclog.NoLevel {
		level = hclog.Warn
	}
	return hclog.New(&hclog.LoggerOptions{Name: name, Output: os.Stderr, Level: level})
}

// Exit ends the command: status 0, or "Error: ..." on stderr and status 1. Call it from main, after the deferred
// plugin kill has run.
func Exit(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}
