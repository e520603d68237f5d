#!/usr/bin/env bash
# Builds the front end: the shopper's WASM bundle, CSS and assets through cargo-leptos, and the
# admin's own WASM package (`frontend/admin`, only the admin's islands) beside it under
# content-hashed names listed in target/site/admin-bundle.txt (read by
# app::admin::islands_script). What cargo printed is kept in target/front-build.log, where
# `make lint` looks for warnings (clippy runs inside these builds: scripts/env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
log=target/front-build.log
wasm=target/front/wasm32-unknown-unknown/wasm-release
{
  # Both WASM crates in one cargo call: features unify exactly as in cargo-leptos's own build of
  # `frontend` (the admin's crates add none), so that build finds everything fresh and the
  # admin package reuses every compiled dependency.
  cargo build -p frontend -p frontend_admin --lib --target wasm32-unknown-unknown \
    --no-default-features --profile wasm-release --target-dir target/front
  cargo leptos build --release --frontend-only

  out=target/front/admin-pkg
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" --out-name admin "$wasm/frontend_admin.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$out/admin_bg.wasm" -o "$out/admin_bg.wasm"
  hash=$(cat "$out/admin.js" "$out/admin_bg.wasm" | sha256sum | cut -c1-20)
  rm -f target/site/pkg/admin.*
  cp "$out/admin.js" "target/site/pkg/admin.$hash.js"
  cp "$out/admin_bg.wasm" "target/site/pkg/admin.$hash.wasm"
  printf 'admin.%s.js admin.%s.wasm\n' "$hash" "$hash" >target/site/admin-bundle.txt
  echo "admin package: target/site/pkg/admin.$hash.{js,wasm}"
} 2>&1 | tee "$log"
