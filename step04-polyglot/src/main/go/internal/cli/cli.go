// Package cli holds what the kv and counter hosts share: their logger and their error exit.
package cli

import (
	"fmt"
	"os"

	"github.com/hashicorp/go-hclog"
)

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
