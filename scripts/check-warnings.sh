#!/usr/bin/env bash
# The lint gate: fails when the native build or the last front-end build printed a warning.
#
# Clippy is not a second compilation here: scripts/env.sh makes clippy-driver the compiler of the
# workspace's own crates, so its lints (and rustc's) come out of the builds themselves. Cargo
# replays a fresh crate's warnings on every build, so the native build below is a no-op replay
# when `make build` has run; the front end's output was kept by scripts/build-front.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${RUSTC_WORKSPACE_WRAPPER:-}" != clippy-driver ] || ! clippy-driver --version >/dev/null 2>&1; then
  echo "check-warnings: clippy-driver is not the workspace's compiler (source scripts/env.sh;" \
    "it comes with rust-web-clippy or rustup's clippy component): no lint ran" >&2
  exit 1
fi

native=$(mktemp)
trap 'rm -f "$native"' EXIT
# shellcheck disable=SC2086 # the Makefile's target flags, word-split on purpose
cargo build ${NATIVE_TARGETS:---release --lib --bins --tests} 2>&1 | tee "$native" >/dev/null

found=0
for log in "$native" target/front-build.log; do
  if [ ! -f "$log" ]; then
    echo "check-warnings: $log is missing: build the front end first (make build)" >&2
    exit 1
  fi
  if grep -Eq '^(warning|error)(\[[^]]*\])?:' "$log"; then
    found=1
    echo "check-warnings: warnings in $( [ "$log" = "$native" ] && echo "the native build" || echo "the front-end build ($log)" ):" >&2
    grep -E -A12 '^(warning|error)(\[[^]]*\])?:' "$log" >&2
  fi
done
if [ "$found" = 1 ]; then
  echo "check-warnings: clippy and rustc warnings fail the build here (like clippy -D warnings)" >&2
  exit 1
fi
echo "check-warnings: no warnings from clippy or rustc (native and wasm)"
