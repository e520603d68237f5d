#!/usr/bin/env bash
# The shopper's WASM budget, checked like a test: fails when the bundle cargo-leptos built into
# target/site/pkg is over the budget gzipped (DESIGN.md: 250 KB). Prints raw, gzip and brotli.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${WASM_BUDGET_GZIP_BYTES:-250000}
shopt -s nullglob
files=(target/site/pkg/*.wasm)
if [ ${#files[@]} -ne 1 ]; then
  echo "wasm budget: expected one .wasm in target/site/pkg, found ${#files[@]}" >&2
  exit 1
fi
wasm=${files[0]}
read -r raw gz br < <(node -e '
  const fs = require("fs"), zlib = require("zlib");
  const b = fs.readFileSync(process.argv[1]);
  const gz = zlib.gzipSync(b, { level: 9 }).length;
  const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(b.length, gz, br);
' "$wasm")
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
echo "wasm budget: $(basename "$wasm") raw $(kb "$raw"), gzip $(kb "$gz"), brotli $(kb "$br") (budget $(kb "$budget") gzip)"
if [ "$gz" -gt "$budget" ]; then
  echo "wasm budget: FAILED, the shopper bundle is $(kb $((gz - budget))) over; move interactivity into islands or out of the shopper bundle" >&2
  exit 1
fi
