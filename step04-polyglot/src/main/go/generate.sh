#!/bin/sh
# Regenerates kvproto/ and counterproto/ from the project's own .proto files, the one source of truth for every
# language: step02's kv.proto and step03's counter.proto. Re-running it on unchanged inputs changes nothing.
#
# protoc is the one the Maven build downloads (protobuf.version in the root pom; run
# `mvn -q -DskipTests package -pl step02-grpc` once if it is missing), or $PROTOC. protoc-gen-go and
# protoc-gen-go-grpc are the `tool` lines of go.mod, so their versions are pinned there.
#
# The protos have no go_package option (they are go-plugin's own, plus java_* options), so the M flags say which Go
# package each one becomes. Both define proto.GetRequest & co.: never link kvproto and counterproto into one binary.
set -eu
cd "$(dirname "$0")"
root=../../../..

if [ -z "${PROTOC:-}" ]; then
  version=4.36.2
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) classifier=linux-x86_64 ;;
    Linux-aarch64) classifier=linux-aarch_64 ;;
    Darwin-x86_64) classifier=osx-x86_64 ;;
    Darwin-arm64) classifier=osx-aarch_64 ;;
    *) echo "generate.sh: no protoc for $(uname -s)-$(uname -m); set PROTOC" >&2; exit 1 ;;
  esac
  artifact="$HOME/.m2/repository/com/google/protobuf/protoc/$version/protoc-$version-$classifier.exe"
  if [ ! -f "$artifact" ]; then
    echo "generate.sh: $artifact is missing: run mvn -q -DskipTests package -pl step02-grpc (or set PROTOC)" >&2
    exit 1
  fi
  # Maven stores it without the execute bit; run a copy rather than change the local repository.
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cp "$artifact" "$tmp/protoc"
  chmod +x "$tmp/protoc"
  PROTOC="$tmp/protoc"
fi

gen_go=$(go tool -n protoc-gen-go)
gen_go_grpc=$(go tool -n protoc-gen-go-grpc)
module=gopluginjava.io/step04

# generate PROTO_ROOT FILE GO_PACKAGE
generate() {
  "$PROTOC" -I "$1" \
    --plugin=protoc-gen-go="$gen_go" --plugin=protoc-gen-go-grpc="$gen_go_grpc" \
    --go_out=. --go_opt=module=$module --go_opt=M"$2"=$module/"$3" \
    --go-grpc_out=. --go-grpc_opt=module=$module --go-grpc_opt=M"$2"=$module/"$3" \
    "$2"
}

generate "$root/step02-grpc/src/main/proto" goplugin/kv.proto kvproto
generate "$root/step03-bidirectional/src/main/proto" counter/counter.proto counterproto
