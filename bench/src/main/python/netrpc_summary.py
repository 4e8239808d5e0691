"""Writes the netrpc rows of the bench report (Markdown) from JMH's JSON and the Go benchmarks' text output.

    python3 netrpc_summary.py jmh-netrpc.json go-netrpc.txt "LOAD1 LOAD5 LOAD15" > netrpc.md

Both sides give p50 and p99 over every call's own time (JMH SampleTime; Go's time.Since per call); a Go figure is
the median over its -count runs.
"""
import json
import re
import statistics
import sys


def java_rows(path):
    rows = {}
    for result in json.load(open(path)):
        plugin = result["params"]["plugin"]
        percentiles = result["primaryMetric"]["scorePercentiles"]
        rows[("java", plugin)] = (percentiles["50.0"], percentiles["99.0"])  # microseconds
    return rows


def go_rows(path):
    runs = {}
    pattern = re.compile(r"^BenchmarkNetRpcGreet/plugin=(\w+)\S*\s+\d+\s+[\d.]+ ns/op\s+([\d.]+) p50-ns\s+([\d.]+) p99-ns")
    for line in open(path):
        match = pattern.match(line)
        if match:
            runs.setdefault(match.group(1), []).append((float(match.group(2)), float(match.group(3))))
    return {("go", plugin): (statistics.median(p50 for p50, _ in values) / 1000,
                             statistics.median(p99 for _, p99 in values) / 1000)
            for plugin, values in runs.items()}


def main(jmh, go, load):
    rows = {**java_rows(jmh), **go_rows(go)}
    base = rows.get(("go", "go"))
    print()
    print("## netrpc (step01's wire): one unary Greet, AutoMTLS off")
    print()
    print(f"Load during the run: {load}. Ratio: p50 over Go host → Go plugin's.")
    print()
    print("| host → plugin | p50 µs | p99 µs | p50 ratio |")
    print("|---|---|---|---|")
    for host, plugin in [("go", "go"), ("java", "java"), ("java", "go"), ("go", "java")]:
        if (host, plugin) not in rows:
            continue
        p50, p99 = rows[(host, plugin)]
        ratio = f"{p50 / base[0]:.2f}×" if base else "–"
        print(f"| {host.capitalize()} → {plugin.capitalize()} | {p50:.1f} | {p99:.1f} | {ratio} |")


if __name__ == "__main__":
    main(*sys.argv[1:4])
