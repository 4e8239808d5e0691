// Package netrpcbench is the Go host's side of the netrpc comparison: go-plugin's own host (plugin.NewClient over
// netrpc, AutoMTLS off) calling Greet on the quiet Greeter plugins, Go (BENCH_GO_GREETER) and Java
// (BENCH_JAVA_GREETER), each command one word a line.
//
//	go test ./netrpcbench -run '^$' -bench . -count 5
package netrpcbench

import (
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"

	"gopluginjava.io/step01/greeter"
)

var launched = map[string]*plugin.Client{}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, client := range launched {
		client.Kill()
	}
	os.Exit(code)
}

// BenchmarkNetRpcGreet is one unary call, Plugin.Greet, on the dispensed net/rpc stream.
func BenchmarkNetRpcGreet(b *testing.B) {
	for _, lang := range []string{"go", "java"} {
		b.Run("plugin="+lang, func(b *testing.B) {
			g := greeterOf(b, lang)
			latencies := make([]time.Duration, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if g.Greet() != "Hello!" {
					b.Fatal("not Hello!")
				}
				latencies[i] = time.Since(start)
			}
			b.StopTimer()
			slices.Sort(latencies)
			b.ReportMetric(float64(latencies[len(latencies)*50/100].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(latencies[len(latencies)*99/100].Nanoseconds()), "p99-ns")
		})
	}
}

// greeterOf starts the plugin once per language and warms it up: 15 s for the JVM's JIT, 0.5 s for Go.
func greeterOf(b *testing.B, lang string) greeter.Greeter {
	client, ok := launched[lang]
	if !ok {
		env := "BENCH_" + strings.ToUpper(lang) + "_GREETER"
		value := strings.TrimSpace(os.Getenv(env))
		if value == "" {
			b.Skipf("%s is not set (the command, one word a line)", env)
		}
		command := strings.Split(value, "\n")
		client = plugin.NewClient(&plugin.ClientConfig{
			HandshakeConfig: greeter.Handshake,
			Plugins:         plugin.PluginSet{greeter.PluginName: &greeter.Plugin{}},
			Cmd:             exec.Command(command[0], command[1:]...),
			Logger:          hclog.New(&hclog.LoggerOptions{Name: "bench", Output: io.Discard, Level: hclog.Off}),
		})
		launched[lang] = client
	}
	rpc, err := client.Client()
	if err != nil {
		b.Fatalf("starting the %s greeter: %v", lang, err)
	}
	raw, err := rpc.Dispense(greeter.PluginName)
	if err != nil {
		b.Fatalf("dispensing the %s greeter: %v", lang, err)
	}
	g := raw.(greeter.Greeter)
	if !ok {
		length := 500 * time.Millisecond
		if lang == "java" {
			length = 15 * time.Second
		}
		for deadline := time.Now().Add(length); time.Now().Before(deadline); {
			g.Greet()
		}
	}
	return g
}
