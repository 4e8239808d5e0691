// Command firstcall is what hyperfine times for launch-to-first-call: it starts the plugin given as its arguments
// (no shell) with a go-plugin host, makes one KV Put of 16 bytes, kills the plugin and exits.
//
//	firstcall [-mtls] [-wait-exit] PLUGIN-COMMAND...
//
// -wait-exit asks the plugin to shut down and waits for it to exit by itself (up to a minute) instead of killing it
// after go-plugin's 2 s: a JVM that writes a class-data archive or an AOT cache at exit needs longer.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"gopluginjava.io/bench/memkv"
)

func main() {
	mtls := flag.Bool("mtls", false, "AutoMTLS on")
	waitExit := flag.Bool("wait-exit", false, "wait for the plugin to exit by itself after the shutdown call")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: firstcall [-mtls] PLUGIN-COMMAND...")
		os.Exit(2)
	}
	if err := run(flag.Args(), *mtls, *waitExit); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func run(command []string, mtls, waitExit bool) error {
	p, err := memkv.Launch(command, mtls)
	if err != nil {
		return err
	}
	defer p.Client.Kill()
	if err := p.KV.Put("first", []byte("0123456789abcdef")); err != nil {
		return err
	}
	if waitExit {
		rpc, err := p.Client.Client()
		if err != nil {
			return err
		}
		_ = rpc.Close() // GRPCController.Shutdown, then the connection closes
		for deadline := time.Now().Add(time.Minute); !p.Client.Exited(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				return fmt.Errorf("the plugin did not exit within a minute of its shutdown call")
			}
		}
	}
	return nil
}
