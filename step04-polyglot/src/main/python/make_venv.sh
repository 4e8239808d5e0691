#!/usr/bin/env bash
# Makes the Python KV plugin runnable: a venv with the pinned packages of requirements.txt, the gRPC stubs
# generated from the project's own .proto files (step02's, the one source of truth), and the goplugin package
# (goplugin/, installed editable: a change to its sources needs no reinstall). Any venv of yours works too:
#   step04-polyglot/src/main/python/make_venv.sh ~/my-plugin/venv   then   ~/my-plugin/venv/bin/python my_plugin.py
#
#   make_venv.sh VENV_DIR [GEN_DIR]
#
# VENV_DIR  the venv to create or update, e.g. step04-polyglot/target/venv
# GEN_DIR   where the generated stubs go (default: VENV_DIR/../python-gen); the venv finds them through a .pth file,
#           so `VENV_DIR/bin/python kv_plugin.py` needs no PYTHONPATH. The goplugin package takes them in as
#           goplugin.plugin.* and goplugin.kv_pb2.
#
# Idempotent and quick when nothing changed: pip runs only when requirements.txt or the base interpreter differ from
# the venv's stamp, protoc only when a .proto file, the venv or GEN_DIR's stamp differ. PYTHON picks the base
# interpreter (default python3, 3.9 or newer). Concurrent runs on the same VENV_DIR wait for each other.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 VENV_DIR [GEN_DIR]" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
requirements="$here/requirements.txt"
# step04-polyglot/src/main/python -> the repository root -> step02's protos
proto_root="$(cd "$here/../../../../step02-grpc/src/main/proto" && pwd)"
protos=(goplugin/kv.proto goplugin/plugin/grpc_controller.proto goplugin/plugin/grpc_stdio.proto
        goplugin/plugin/grpc_broker.proto)

mkdir -p "$1"
venv="$(cd "$1" && pwd)"
gen="${2:-$(dirname "$venv")/python-gen}"
mkdir -p "$(dirname "$gen")"
gen="$(cd "$(dirname "$gen")" && pwd)/$(basename "$gen")"
base_python="${PYTHON:-python3}"

if command -v flock >/dev/null 2>&1; then
  exec 9>"$venv.lock"
  flock 9
fi

sha() { if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1; }

# 1. The venv, with exactly the pinned packages.
interpreter="$("$base_python" -c \
  'import sys; assert sys.version_info >= (3, 9), "Python 3.9+ needed"; print(sys.version)')"
venv_stamp="$( { cat "$requirements"; echo "$interpreter"; } | sha)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.goplugin-stamp" 2>/dev/null)" = "$venv_stamp" ]; then
  echo "make_venv: $venv is up to date"
else
  echo "make_venv: creating $venv (pinned packages from $requirements)"
  rm -rf "$venv"
  "$base_python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --require-virtualenv \
    --only-binary=:all: -r "$requirements"
  echo "$venv_stamp" > "$venv/.goplugin-stamp"
fi

# 2. The stubs, from step02's .proto files (google/protobuf/empty.proto comes with grpc_tools).
gen_stamp="$( { cat "$venv/.goplugin-stamp" "$here/make_venv.sh"
               for p in "${protos[@]}"; do echo "$p"; cat "$proto_root/$p"; done; } | sha)"
if [ "$(cat "$gen/.goplugin-stamp" 2>/dev/null)" = "$gen_stamp" ]; then
  echo "make_venv: $gen is up to date"
else
  echo "make_venv: generating stubs into $gen"
  tmp="$gen.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  (cd "$proto_root" &&
     "$venv/bin/python" -m grpc_tools.protoc -I . --python_out="$tmp" --grpc_python_out="$tmp" "${protos[@]}")
  # bytecode now: a plugin starts with PYTHONDONTWRITEBYTECODE too, and should not compile its stubs at every start
  "$venv/bin/python" -m compileall -q "$tmp"
  echo "$gen_stamp" > "$tmp/.goplugin-stamp"
  rm -rf "$gen"
  mv "$tmp" "$gen"
fi

# 3. The venv's interpreter finds the stubs by itself.
site_packages="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
if [ "$(cat "$site_packages/goplugin-stubs.pth" 2>/dev/null)" != "$gen" ]; then
  echo "$gen" > "$site_packages/goplugin-stubs.pth"
fi

# 4. The goplugin package, editable, from here: no index, no build isolation (setuptools is pinned above). The
#    compat mode puts its folder on the path (a .pth file), so that the package comes before the stubs folder, also
#    named goplugin, which it takes in (setuptools' default finder would come after it and lose).
package="$here/goplugin"
package_stamp="$( { echo "$package"; cat "$package/pyproject.toml" "$venv/.goplugin-stamp"; } | sha)"
if [ "$(cat "$venv/.goplugin-package" 2>/dev/null)" = "$package_stamp" ]; then
  echo "make_venv: the goplugin package is installed"
else
  echo "make_venv: installing the goplugin package from $package (editable)"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --require-virtualenv \
    --no-deps --no-build-isolation --no-index --config-settings editable_mode=compat -e "$package"
  echo "$package_stamp" > "$venv/.goplugin-package"
fi
