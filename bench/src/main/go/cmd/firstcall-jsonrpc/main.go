// Command firstcall-jsonrpc is what hyperfine times for step01's launch-to-first-call: it starts the step01 Greeter
// plugin given as its arguments (no shell) the way step01's host does (the magic cookie, version 1), reads the
// handshake line, calls Dispenser.Dispense("greeter") and Plugin.Greet over Go's net/rpc/jsonrpc (the codec step01
// speaks), then Control.Quit on a connection of its own, and waits for the plugin to exit.
//
//	firstcall-jsonrpc PLUGIN-COMMAND...
package main

import (
	"bufio"
	"fmt"
	"net"
	"net/rpc/jsonrpc"
	"os"
	"os/exec"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: firstcall-jsonrpc PLUGIN-COMMAND...")
		os.Exit(2)
	}
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func run(command []string) error {
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Env = append(os.Environ(), "BASIC_PLUGIN=hello", "PLUGIN_PROTOCOL_VERSIONS=1")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	reaped := false
	defer func() {
		if !reaped {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		go func() { exited <- cmd.Wait() }()
		return fmt.Errorf("the plugin printed no handshake line")
	}
	go func() { exited <- cmd.Wait() }()
	fields := strings.Split(strings.TrimSpace(lines.Text()), "|")
	if len(fields) < 5 || fields[0] != "1" || fields[4] != "jsonrpc" {
		return fmt.Errorf("not a step01 handshake line: %q", lines.Text())
	}
	greeting, err := greet(fields[2], fields[3])
	if err != nil {
		return err
	}
	if greeting != "Hello!" {
		return fmt.Errorf("the plugin greeted %q", greeting)
	}
	if err := quit(fields[2], fields[3]); err != nil {
		return err
	}
	select {
	case <-exited:
		reaped = true // it exited by itself
		return nil
	case <-time.After(2 * time.Second):
		return fmt.Errorf("the plugin did not exit within 2 s of Control.Quit")
	}
}

func greet(network, address string) (string, error) {
	conn, err := net.Dial(network, address)
	if err != nil {
		return "", err
	}
	client := jsonrpc.NewClient(conn)
	defer client.Close()
	var dispensed interface{}
	if err := client.Call("Dispenser.Dispense", "greeter", &dispensed); err != nil {
		return "", fmt.Errorf("Dispenser.Dispense: %w", err)
	}
	var greeting string
	if err := client.Call("Plugin.Greet", new(interface{}), &greeting); err != nil {
		return "", fmt.Errorf("Plugin.Greet: %w", err)
	}
	return greeting, nil
}

func quit(network, address string) error {
	conn, err := net.Dial(network, address)
	if err != nil {
		return err
	}
	client := jsonrpc.NewClient(conn)
	defer client.Close()
	var nothing interface{}
	// The plugin may exit before its answer is read (EOF, a reset): what counts is that it exits, checked by run.
	_ = client.Call("Control.Quit", new(interface{}), &nothing)
	return nil
}
