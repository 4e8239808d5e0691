// Command kv-load is a go-plugin host under load: `kv-load CALLERS CALLS` loads the KV plugin in $KV_PLUGIN (through
// sh -c, AutoMTLS unless KV_AUTO_MTLS=false), puts one key, then CALLERS goroutines each get it CALLS times over the
// one client go-plugin gives. It prints one line: calls, errors, the first error, and the latency's p50 and p99.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step04/internal/cli"
	"gopluginjava.io/step04/kv"
)

const usage = "usage: kv-load CALLERS CALLS   (plugin command from $KV_PLUGIN)"

func main() {
	cli.Exit(run(os.Args[1:]))
}

func run(args []string) error {
	if len(args) != 2 {
		return errors.New(usage)
	}
	callers, err1 := strconv.Atoi(args[0])
	calls, err2 := strconv.Atoi(args[1])
	if err1 != nil || err2 != nil || callers < 1 || calls < 1 {
		return errors.New(usage)
	}
	cmd, err := cli.PluginCommand("KV_PLUGIN", "./kv-plugin")
	if err != nil {
		return err
	}
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  kv.Handshake,
		Plugins:          plugin.PluginSet{kv.PluginName: &kv.Plugin{}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         os.Getenv("KV_AUTO_MTLS") != "false",
		Logger:           cli.Logger("kv-load"),
	})
	defer client.Kill()
	store, err := cli.Dispense[kv.KV](client, kv.PluginName)
	if err != nil {
		return err
	}
	want := []byte("load")
	if err := store.Put("load", want); err != nil {
		return err
	}

	latencies := make([][]time.Duration, callers)
	var errorCount int
	var firstError error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for c := 0; c < callers; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			mine := make([]time.Duration, 0, calls)
			for i := 0; i < calls; i++ {
				start := time.Now()
				got, err := store.Get("load")
				mine = append(mine, time.Since(start))
				if err == nil && !bytes.HasPrefix(got, want) {
					err = fmt.Errorf("get returned %q, want a value starting with %q", got, want)
				}
				if err != nil {
					mu.Lock()
					errorCount++
					if firstError == nil {
						firstError = err
					}
					mu.Unlock()
				}
			}
			latencies[c] = mine
		}(c)
	}
	wg.Wait()

	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	first := ""
	if firstError != nil {
		first = firstError.Error()
	}
	fmt.Printf("calls=%d errors=%d p50_us=%d p99_us=%d first_error=%q\n", len(all), errorCount,
		all[len(all)/2].Microseconds(), all[len(all)*99/100].Microseconds(), first)
	return nil
}
