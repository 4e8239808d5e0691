#!/bin/sh
# Builds the Go programs of step04 into the directory given (created if needed), e.g.
#   step04-polyglot/src/main/go/build.sh step04-polyglot/target/go-bin
# which is: go build -trimpath -o DIR/ ./cmd/...   (kv, kv-plugin, kv-load, counter, counter-plugin, mtls-probe)
# -mod=readonly (go build's default, kept if GOFLAGS says so) fails rather than edit go.mod or go.sum.
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTPUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")"
# go build relinks every program on each run (go caches packages, not linked programs): seconds of every
# `mvn test -pl step04-polyglot`, watch round and verify run. Skip it when every program is newer than every Go file.
oldest=""
for dir in cmd/*/; do
  program="$out/$(basename "$dir")"
  if [ ! -x "$program" ]; then
    oldest=""
    break
  fi
  if [ -z "$oldest" ] || [ "$program" -ot "$oldest" ]; then
    oldest=$program
  fi
done
if [ -n "$oldest" ] && [ -z "$(find . \( -name '*.go' -o -name go.mod -o -name go.sum \) -newer "$oldest" | head -n 1)" ]; then
  echo "Go programs in $out are up to date"
  exit 0
fi
go build -trimpath -o "$out/" ./cmd/...
