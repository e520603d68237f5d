#!/usr/bin/env bash
# The shopper's WASM budget, checked like a test: fails when the bundle cargo-leptos built into
# target/site/pkg is over the budget gzipped (DESIGN.md: 250 KB). Prints raw, gzip and brotli,
# and the admin's and the studio's own packages beside it; fails when an admin or studio island
# reached the shopper's bundle (they live in app/admin_islands and app/studio_islands and load
# from their own packages only).
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${WASM_BUDGET_GZIP_BYTES:-250000}
shopt -s nullglob
files=(target/site/pkg/daydream*.wasm)
if [ ${#files[@]} -ne 1 ]; then
  echo "wasm budget: expected one .wasm in target/site/pkg, found ${#files[@]}" >&2
  exit 1
fi
wasm=${files[0]}
sizes() {
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    const b = fs.readFileSync(process.argv[1]);
    const gz = zlib.gzipSync(b, { level: 9 }).length;
    const br = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(b.length, gz, br);
  ' "$1"
}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
read -r raw gz br < <(sizes "$wasm")
echo "wasm budget: $(basename "$wasm") raw $(kb "$raw"), gzip $(kb "$gz"), brotli $(kb "$br") (budget $(kb "$budget") gzip)"

admin=(target/site/pkg/admin.*.wasm)
if [ ${#admin[@]} -ne 1 ]; then
  echo "wasm budget: expected the admin package (one admin.*.wasm) in target/site/pkg, found ${#admin[@]}" >&2
  exit 1
fi
read -r araw agz abr < <(sizes "${admin[0]}")
echo "wasm budget: admin package $(basename "${admin[0]}") raw $(kb "$araw"), gzip $(kb "$agz"), brotli $(kb "$abr") (admin pages only)"
# wasm-bindgen exports each island's hydrate function under its name from the JS glue.
shopper_js=(target/site/pkg/daydream*.js)
if grep -q 'SearchPreview' "${shopper_js[@]}"; then
  echo "wasm budget: FAILED, an admin island (SearchPreview) is in the shopper's bundle" >&2
  exit 1
fi
if ! grep -q 'SearchPreview' target/site/pkg/admin.*.js; then
  echo "wasm budget: FAILED, the admin package does not export its island (SearchPreview)" >&2
  exit 1
fi
studio=(target/site/pkg/studio.*.wasm)
if [ ${#studio[@]} -ne 1 ]; then
  echo "wasm budget: expected the studio package (one studio.*.wasm) in target/site/pkg, found ${#studio[@]}" >&2
  exit 1
fi
read -r sraw sgz sbr < <(sizes "${studio[0]}")
echo "wasm budget: studio package $(basename "${studio[0]}") raw $(kb "$sraw"), gzip $(kb "$sgz"), brotli $(kb "$sbr") (studio pages only)"
for island in UploadHelper JobProgress; do
  if grep -q "$island" "${shopper_js[@]}"; then
    echo "wasm budget: FAILED, a studio island ($island) is in the shopper's bundle" >&2
    exit 1
  fi
  if ! grep -q "$island" target/site/pkg/studio.*.js; then
    echo "wasm budget: FAILED, the studio package does not export its island ($island)" >&2
    exit 1
  fi
done
if [ "$gz" -gt "$budget" ]; then
  echo "wasm budget: FAILED, the shopper bundle is $(kb $((gz - budget))) over; move interactivity into islands or out of the shopper bundle" >&2
  exit 1
fi
