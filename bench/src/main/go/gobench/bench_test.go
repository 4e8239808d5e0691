// Package gobench holds the Go side of the comparison: a go-plugin host (plugin.NewClient, AutoMTLS on and off)
// calling the Go and the Java in-memory KV plugins, and the raw Unix-socket echo under them. The plugin commands come
// from the environment, one word a line: BENCH_GO_PLUGIN, BENCH_JAVA_PLUGIN, BENCH_ECHO (the echo command).
//
//	go test ./gobench -run '^$' -bench . -count 5
package gobench

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopluginjava.io/bench/memkv"
	"gopluginjava.io/step04/kv"
)

const smallValue = "0123456789abcdef" // the 16 bytes of the unary round trip

var (
	launched = map[string]*memkv.Launched{}
	mib      = bytes.Repeat([]byte{'x'}, 1<<20)
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, p := range launched {
		p.Client.Kill()
	}
	if echoProcess != nil {
		echoStdin.Close() // the echo process exits when its stdin closes
		_ = echoProcess.Wait()
		os.RemoveAll(echoDir)
	}
	os.Exit(code)
}

// plugin starts the plugin of language lang once per (lang, mtls) and warms it up, so that every round of a
// benchmark and every -count run measures a steady state (the JVM's JIT compilers have done their work).
func plugin(b *testing.B, lang string, mtls bool) kv.KV {
	key := fmt.Sprintf("%s/%v", lang, mtls)
	if p, ok := launched[key]; ok {
		return p.KV
	}
	command := commandFromEnv(b, "BENCH_"+strings.ToUpper(lang)+"_PLUGIN")
	p, err := memkv.Launch(command, mtls)
	if err != nil {
		b.Fatalf("starting the %s plugin: %v", lang, err)
	}
	launched[key] = p
	warmUp(b, p.KV, lang)
	return p.KV
}

func commandFromEnv(b *testing.B, env string) []string {
	value := strings.TrimSpace(os.Getenv(env))
	if value == "" {
		b.Skipf("%s is not set (the command, one word a line)", env)
	}
	return strings.Split(value, "\n")
}

// warmUp makes small and 1 MiB calls for a while: 15 s for the JVM, whose JIT compiles the hot paths (as long as
// the Java host's LaunchedPlugin.WARM_UP), 0.5 s for Go.
func warmUp(b *testing.B, store kv.KV, lang string) {
	length := 500 * time.Millisecond
	if lang == "java" {
		length = 15 * time.Second
	}
	must(b, store.Put("small", []byte(smallValue)))
	for deadline := time.Now().Add(length); time.Now().Before(deadline); {
		for i := 0; i < 200; i++ {
			_, err := store.Get("small")
			must(b, err)
		}
		must(b, store.Put("big", mib))
		_, err := store.Get("big")
		must(b, err)
	}
}

func must(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

func modes(b *testing.B, run func(b *testing.B, lang string, mtls bool)) {
	for _, lang := range []string{"go", "java"} {
		for _, mtls := range []bool{false, true} {
			b.Run(fmt.Sprintf("plugin=%s/mtls=%s", lang, onOff(mtls)), func(b *testing.B) { run(b, lang, mtls) })
		}
	}
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// BenchmarkUnary is one KV Get of 16 bytes, timed one by one for p50 and p99.
func BenchmarkUnary(b *testing.B) {
	modes(b, func(b *testing.B, lang string, mtls bool) {
		store := plugin(b, lang, mtls)
		must(b, store.Put("small", []byte(smallValue)))
		latencies := make([]time.Duration, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			start := time.Now()
			if _, err := store.Get("small"); err != nil {
				b.Fatal(err)
			}
			latencies[i] = time.Since(start)
		}
		b.StopTimer()
		reportPercentiles(b, latencies)
	})
}

// BenchmarkPut1MiB and BenchmarkGet1MiB move 1 MiB per call; benchstat shows B/s from SetBytes.
func BenchmarkPut1MiB(b *testing.B) {
	modes(b, func(b *testing.B, lang string, mtls bool) {
		store := plugin(b, lang, mtls)
		b.SetBytes(int64(len(mib)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			must(b, store.Put("big", mib))
		}
	})
}

func BenchmarkGet1MiB(b *testing.B) {
	modes(b, func(b *testing.B, lang string, mtls bool) {
		store := plugin(b, lang, mtls)
		must(b, store.Put("big", mib))
		b.SetBytes(int64(len(mib)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			value, err := store.Get("big")
			must(b, err)
			if len(value) != len(mib) {
				b.Fatalf("Get returned %d bytes, expected %d", len(value), len(mib))
			}
		}
	})
}

// BenchmarkEcho is the floor: the same bytes as a Get of 16 bytes and a Put of 1 MiB, as a request and its answer
// to the echo process over a Unix socket (see cmd/echo).
func BenchmarkEcho(b *testing.B) {
	for _, size := range []int{len(smallValue), len(mib)} {
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			conn := echoConn(b)
			request := make([]byte, 8+size)
			binary.BigEndian.PutUint32(request[:4], uint32(len(smallValue)))
			binary.BigEndian.PutUint32(request[4:8], uint32(size))
			answer := make([]byte, len(smallValue))
			latencies := make([]time.Duration, b.N)
			b.SetBytes(int64(size))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := conn.Write(request); err != nil {
					b.Fatal(err)
				}
				if _, err := io.ReadFull(conn, answer); err != nil {
					b.Fatal(err)
				}
				latencies[i] = time.Since(start)
			}
			b.StopTimer()
			reportPercentiles(b, latencies)
		})
	}
}

var (
	echo        net.Conn
	echoProcess *exec.Cmd
	echoStdin   io.Closer
	echoDir     string
)

// echoConn starts the echo process once (it lives for the whole run, like the plugins) and connects to it.
func echoConn(b *testing.B) net.Conn {
	if echo != nil {
		return echo
	}
	command := commandFromEnv(b, "BENCH_ECHO")
	dir, err := os.MkdirTemp("", "bench-echo")
	must(b, err)
	socket := filepath.Join(dir, "echo.sock")
	cmd := exec.Command(command[0], append(command[1:], socket)...)
	stdin, err := cmd.StdinPipe()
	must(b, err)
	stdout, err := cmd.StdoutPipe()
	must(b, err)
	must(b, cmd.Start())
	echoProcess, echoStdin, echoDir = cmd, stdin, dir
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "listening\n" {
		b.Fatalf("echo did not start: %q %v", line, err)
	}
	conn, err := net.Dial("unix", socket)
	must(b, err)
	echo = conn
	return conn
}

// reportPercentiles adds p50 and p99 (in ns) and calls/s to the benchmark's output, for benchstat.
func reportPercentiles(b *testing.B, latencies []time.Duration) {
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)*50/100].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Nanoseconds()), "p99-ns")
	var total time.Duration
	for _, l := range latencies {
		total += l
	}
	b.ReportMetric(float64(len(latencies))/total.Seconds(), "calls/s")
}
