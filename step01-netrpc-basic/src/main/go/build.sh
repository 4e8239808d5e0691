#!/bin/sh
# Builds step01's Go programs on go-plugin v1.8.0 (greeter-host: the blog's host; greeter-plugin: a Go Greeter plugin
# over netrpc; kv-host and kv-plugin: go-plugin's KV example over netrpc; counter-host and counter-plugin: a plugin
# that calls its host back through the MuxBroker) into the directory given, e.g.
#   step01-netrpc-basic/src/main/go/build.sh step01-netrpc-basic/target/go-bin
# Without go on the PATH it says so and builds nothing: the tests against go-plugin then skip, saying why.
# When every program is newer than every file here, there is nothing to do.
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 OUTPUT_DIR" >&2
  exit 2
fi
if ! command -v go >/dev/null 2>&1; then
  echo "step01: go is not on the PATH, so the Go host and plugin are not built and the tests against go-plugin skip"
  exit 0
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")"
up_to_date=true
for program in cmd/*; do
  binary="$out/$(basename "$program")"
  if [ ! -x "$binary" ] || [ -n "$(find . -type f -newer "$binary" | head -n 1)" ]; then
    up_to_date=false
  fi
done
if [ "$up_to_date" = true ]; then
  exit 0
fi
go build -trimpath -o "$out/" ./cmd/...
