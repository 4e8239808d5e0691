// Package gobench holds the Go side of the comparison: a go-plugin host (plugin.NewClient, AutoMTLS on and off)
// calling the Go and the Java in-memory KV plugins, and the raw Unix-socket echo under them. The plugin commands come
// from the environment, one word a line: BENCH_GO_PLUGIN, BENCH_JAVA_PLUGIN, BENCH_ECHO (the echo command).
// BENCH_PLUGINS and BENCH_MTLS give the plugins and the mTLS modes in the order they run (default "go java" and
// "off on"; a plugin "x_y" is the command in BENCH_X_Y_PLUGIN); BENCH_WARMUP_LOG names a file to which each
// plugin's warm-up appends how long it took (see warmUp).
//
//	go test ./gobench -run '^$' -bench . -count 5
package gobench

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
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
	warmUp(b, p.KV, lang, mtls)
	return p.KV
}

func commandFromEnv(b *testing.B, env string) []string {
	value := strings.TrimSpace(os.Getenv(env))
	if value == "" {
		b.Skipf("%s is not set (the command, one word a line)", env)
	}
	return strings.Split(value, "\n")
}

// The warm-up's rule, the same as the Java host's (LaunchedPlugin.warmUp, SteadyState): rounds of warmUpRound of
// 16-byte Gets, each timed, and a 1 MiB Put and Get, until the median of the last settleWindow rounds' medians is
// within settleWithin of the median of the settleWindow rounds before (the call time has stopped moving: the
// plugin's JIT has done its work), but at least minWarmUp (a JVM's first seconds are the interpreter's and C1's) and
// at most maxWarmUp (then unsettled). Windows of 5 s: a JVM plugin's call time falls 1 to 2 % a second for 30 s,
// which windows of 1.5 s took for flat (see SteadyState).
const (
	warmUpRound  = 500 * time.Millisecond
	settleWindow = 10
	settleWithin = 0.05
	minWarmUp    = 10 * time.Second
)

// maxWarmUp is 60 s, or BENCH_WARMUP_MAX_S seconds (bench/run --quick: 10).
var maxWarmUp = func() time.Duration {
	if s, err := strconv.Atoi(os.Getenv("BENCH_WARMUP_MAX_S")); err == nil {
		return time.Duration(s) * time.Second
	}
	return 60 * time.Second
}()

// warmUp calls the plugin until it has settled (see the constants above) and appends to BENCH_WARMUP_LOG how long
// that took.
func warmUp(b *testing.B, store kv.KV, lang string, mtls bool) {
	must(b, store.Put("small", []byte(smallValue)))
	start := time.Now()
	var medians []time.Duration
	settled := false
	for !settled && time.Since(start) < maxWarmUp {
		var round []time.Duration
		for roundStart := time.Now(); time.Since(roundStart) < warmUpRound; {
			callStart := time.Now()
			_, err := store.Get("small")
			must(b, err)
			round = append(round, time.Since(callStart))
		}
		must(b, store.Put("big", mib))
		_, err := store.Get("big")
		must(b, err)
		slices.Sort(round)
		medians = append(medians, round[len(round)/2])
		settled = time.Since(start) >= minWarmUp && steady(medians)
	}
	logWarmUp(b, lang, mtls, time.Since(start), settled, medians)
}

// steady says whether the median of the last settleWindow medians is within settleWithin of the median of the
// settleWindow before them.
func steady(medians []time.Duration) bool {
	n := len(medians)
	if n < 2*settleWindow {
		return false
	}
	before := median(medians[n-2*settleWindow : n-settleWindow])
	last := median(medians[n-settleWindow:])
	return math.Abs(last-before) <= before*settleWithin
}

func median(values []time.Duration) float64 {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return float64(sorted[len(sorted)/2])
}

// logWarmUp appends "host plugin mtls benchmark seconds settled rounds last-median-µs" to BENCH_WARMUP_LOG, when set
// (as LaunchedPlugin does): the benchmark is "all", one warm-up serving every benchmark of this process.
func logWarmUp(b *testing.B, lang string, mtls bool, took time.Duration, settled bool, medians []time.Duration) {
	path := os.Getenv("BENCH_WARMUP_LOG")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	must(b, err)
	defer f.Close()
	_, err = fmt.Fprintf(f, "go\t%s\t%s\tall\t%.1f\t%v\t%d\t%.0f\n", lang, onOff(mtls), took.Seconds(), settled, len(medians),
		float64(medians[len(medians)-1].Nanoseconds())/1e3)
	must(b, err)
}

func must(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

func modes(b *testing.B, run func(b *testing.B, lang string, mtls bool)) {
	for _, lang := range listFromEnv("BENCH_PLUGINS", "go java") {
		for _, mode := range listFromEnv("BENCH_MTLS", "off on") {
			mtls := mode == "on"
			b.Run(fmt.Sprintf("plugin=%s/mtls=%s", lang, onOff(mtls)), func(b *testing.B) { run(b, lang, mtls) })
		}
	}
}

// listFromEnv is the words of env, or of def when it is not set.
func listFromEnv(env, def string) []string {
	if value := strings.TrimSpace(os.Getenv(env)); value != "" {
		return strings.Fields(value)
	}
	return strings.Fields(def)
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
