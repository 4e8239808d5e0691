// Command firstcall is what hyperfine times for launch-to-first-call: it starts the plugin given as its arguments
// (no shell) with a go-plugin host, makes one KV Put of 16 bytes, kills the plugin and exits.
//
//	firstcall [-mtls] PLUGIN-COMMAND...
package main

import (
	"flag"
	"fmt"
	"os"

	"gopluginjava.io/bench/memkv"
)

func main() {
	mtls := flag.Bool("mtls", false, "AutoMTLS on")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: firstcall [-mtls] PLUGIN-COMMAND...")
		os.Exit(2)
	}
	if err := run(flag.Args(), *mtls); err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func run(command []string, mtls bool) error {
	p, err := memkv.Launch(command, mtls)
	if err != nil {
		return err
	}
	defer p.Client.Kill()
	return p.KV.Put("first", []byte("0123456789abcdef"))
}
