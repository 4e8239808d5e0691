// Command rss starts the plugin given as its arguments (no shell), makes N KV calls (a Put, then Gets of 16 bytes),
// and prints the plugin process's resident set size in KiB, read from /proc before the plugin is killed.
//
//	rss [-calls N] [-mtls] PLUGIN-COMMAND...
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"

	"gopluginjava.io/bench/memkv"
)

func main() {
	calls := flag.Int("calls", 10000, "calls before the RSS is read")
	mtls := flag.Bool("mtls", false, "AutoMTLS on")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: rss [-calls N] [-mtls] PLUGIN-COMMAND...")
		os.Exit(2)
	}
	kib, err := run(flag.Args(), *calls, *mtls)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	fmt.Println(kib)
}

func run(command []string, calls int, mtls bool) (string, error) {
	p, err := memkv.Launch(command, mtls)
	if err != nil {
		return "", err
	}
	defer p.Client.Kill()
	value := []byte("0123456789abcdef")
	if err := p.KV.Put("k", value); err != nil {
		return "", err
	}
	for i := 1; i < calls; i++ {
		got, err := p.KV.Get("k")
		if err != nil {
			return "", err
		}
		if !bytes.Equal(got, value) {
			return "", fmt.Errorf("call %d: Get returned %q, expected %q", i, got, value)
		}
	}
	return vmRSS(p.Pid)
}

// vmRSS is the VmRSS line of /proc/PID/status, in KiB.
func vmRSS(pid int) (string, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "", err
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "VmRSS:"); ok {
			return strings.TrimSuffix(strings.TrimSpace(rest), " kB"), nil
		}
	}
	return "", fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}
