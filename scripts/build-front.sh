#!/usr/bin/env bash
# Builds the front end: the shopper's WASM bundle, CSS and assets through cargo-leptos, and the
# admin's and the studio's own WASM packages (`frontend/admin`, `frontend/studio`: only their
# islands) beside it under content-hashed names listed in target/site/<package>-bundle.txt (read
# by app::ui::package_script). What cargo printed is kept in target/front-build.log, where
# `make lint` looks for warnings (clippy runs inside these builds: scripts/env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
log=target/front-build.log
wasm=target/front/wasm32-unknown-unknown/wasm-release
{
  # Every WASM crate in one cargo call: features unify exactly as in cargo-leptos's own build of
  # `frontend` (the extra packages' crates add none), so that build finds everything fresh and
  # the extra packages reuse every compiled dependency.
  cargo build -p frontend -p frontend_admin -p frontend_studio --lib --target wasm32-unknown-unknown \
    --no-default-features --profile wasm-release --target-dir target/front
  cargo leptos build --release --frontend-only

  for package in admin studio; do
    out=target/front/$package-pkg
    rm -rf "$out"
    wasm-bindgen --target web --out-dir "$out" --out-name "$package" "$wasm/frontend_$package.wasm"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$out/${package}_bg.wasm" -o "$out/${package}_bg.wasm"
    hash=$(cat "$out/$package.js" "$out/${package}_bg.wasm" | sha256sum | cut -c1-20)
    rm -f target/site/pkg/"$package".*
    cp "$out/$package.js" "target/site/pkg/$package.$hash.js"
    cp "$out/${package}_bg.wasm" "target/site/pkg/$package.$hash.wasm"
    printf '%s.%s.js %s.%s.wasm\n' "$package" "$hash" "$package" "$hash" >"target/site/$package-bundle.txt"
    echo "$package package: target/site/pkg/$package.$hash.{js,wasm}"
  done
} 2>&1 | tee "$log"
