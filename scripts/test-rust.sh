#!/usr/bin/env bash
# Runs the Rust test suite (unit, property and integration tests) with cargo-nextest on the
# shared release profile, against a private PostgreSQL cluster made fresh for this run.
set -euo pipefail
cd "$(dirname "$0")/.."

cluster=target/test-postgres
stop_cluster() {
  if [ -f "$cluster/postmaster.pid" ] && [ -x target/release/daydream ]; then
    ./target/release/daydream cluster stop --dir "$cluster" || true
  fi
}

stop_cluster
rm -rf "$cluster" "$cluster".lock "$cluster".template.lock
trap stop_cluster EXIT

cargo nextest run --release --no-fail-fast "$@"
