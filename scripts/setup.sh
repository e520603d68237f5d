#!/usr/bin/env bash
# Installs everything building, running and testing Daydream needs, and nothing that is there.
#
# Idempotent: every step checks first and skips when its result is already in place, so a warm
# run takes seconds. Nothing is downloaded from outside the package registries (Debian, crates.io,
# npm). See ../shared/TOOLCHAIN.md for why each step looks the way it does.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages -------------------------------------------------------------------------
want_pkgs=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

default_has_wasm() {
  command -v rustup >/dev/null 2>&1 &&
    RUSTUP_TOOLCHAIN= rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

if default_has_wasm; then
  log "the default rustup toolchain has wasm32-unknown-unknown: using it"
  USE_DEBIAN_RUST=0
else
  USE_DEBIAN_RUST=1
  for p in rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy rustfmt-web; do
    have_pkg "$p" || want_pkgs+=("$p")
  done
fi
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want_pkgs+=(postgresql postgresql-contrib)
have_pkg chromium || want_pkgs+=(chromium)
command -v node >/dev/null 2>&1 || want_pkgs+=(nodejs npm)
command -v cc >/dev/null 2>&1 || want_pkgs+=(gcc libc6-dev)
command -v pkg-config >/dev/null 2>&1 || want_pkgs+=(pkg-config)

if [ ${#want_pkgs[@]} -gt 0 ]; then
  log "apt-get install ${want_pkgs[*]}"
  as_root apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${want_pkgs[@]}" >/dev/null
fi

# rustc-web's wasm linker /usr/bin/rust-lld is a link to lld-<llvm version>, a package of its own
# that --no-install-recommends leaves out.
if [ "$USE_DEBIAN_RUST" = 1 ] && [ ! -e /usr/bin/rust-lld ]; then
  lld_pkg=$(readlink /usr/bin/rust-lld 2>/dev/null || true)
  [ -n "$lld_pkg" ] || lld_pkg=$(apt-cache depends rust-web-llvm 2>/dev/null | awk '/lld-[0-9]+/ {print $2; exit}')
  log "apt-get install ${lld_pkg:?cannot tell which lld package rustc-web needs}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "$lld_pkg" >/dev/null
fi

# --- 2. The Rust toolchain and a wasm32 standard library ---------------------------------------
if [ "$USE_DEBIAN_RUST" = 1 ]; then
  if ! rustup toolchain list 2>/dev/null | grep -q '^debian-web'; then
    log "registering Debian's rustc-web with rustup as 'debian-web'"
    rustup toolchain link debian-web /usr
  fi
  export RUSTUP_TOOLCHAIN=debian-web
  rustc_ver=$(dpkg-query -W -f='${Version}' rustc-web)
  wasm_lib=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  stamp="$wasm_lib/.daydream-std-$rustc_ver"
  if [ ! -f "$stamp" ]; then
    log "building the wasm32 standard library for rustc-web $rustc_ver (about 1.5 min)"
    tmp=$(mktemp -d)
    mkdir -p "$tmp/src"
    printf '[package]\nname = "wasmstd"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n' >"$tmp/Cargo.toml"
    printf '#![no_std]\n' >"$tmp/src/lib.rs"
    (cd "$tmp" && RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTFLAGS=-Cembed-bitcode=yes \
      CARGO_TARGET_DIR="$tmp/target" /usr/bin/cargo build -q --release \
      -Zbuild-std=std,panic_abort,panic_unwind,proc_macro --target wasm32-unknown-unknown)
    as_root mkdir -p "$wasm_lib"
    as_root rm -f "$wasm_lib"/lib*.rlib "$wasm_lib"/.daydream-std-*
    for f in "$tmp"/target/wasm32-unknown-unknown/release/deps/lib*.rlib; do
      case "$(basename "$f")" in libwasmstd-*) ;; *) as_root cp "$f" "$wasm_lib/" ;; esac
    done
    as_root touch "$stamp"
    rm -rf "$tmp"
  fi
fi

# --- 3. Cargo-installed CLIs, pinned --------------------------------------------------------------
export PATH="$HOME/.cargo/bin:$PATH"
bindgen_ver=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_ver" ]; then
  log "cargo install wasm-bindgen-cli $bindgen_ver (about 2.5 min; must equal the lockfile's wasm-bindgen)"
  # Not --locked: its lockfile pins a webpki-roots version the registry no longer serves.
  # A debug build without debug info, like cargo-leptos below: it installs in 2.5 min instead of
  # 5-10, and on the islands bundle it takes 1.1 s instead of 0.2 s, with byte-identical output.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install -q --force --debug wasm-bindgen-cli --version "$bindgen_ver"
fi

leptos_ver=0.3.11
if [ "$(cargo-leptos --version 2>/dev/null | awk '{print $2}')" != "$leptos_ver" ]; then
  # A debug build (without debug info) installs in a third of the time of a release one; it only
  # orchestrates cargo, wasm-bindgen, wasm-opt and tailwind, so its own speed does not matter.
  log "cargo install cargo-leptos $leptos_ver (about 8 min)"
  CARGO_PROFILE_DEV_DEBUG=0 cargo install -q --force --locked --debug \
    --features no_downloads cargo-leptos --version "$leptos_ver"
fi

if ! command -v cargo-nextest >/dev/null 2>&1; then
  log "cargo install cargo-nextest"
  cargo install -q --locked cargo-nextest
fi

# --- 4. npm: Playwright, Tailwind, wasm-opt (end2end/node_modules/.bin goes on PATH) -----------
if [ ! -f end2end/node_modules/.stamp ] || [ end2end/package-lock.json -nt end2end/node_modules/.stamp ]; then
  # `npm install`, not `npm ci`: npm 11's ci rejects this lockfile over Tailwind's optional
  # per-platform packages; install still follows the lockfile's versions.
  log "npm install in end2end/"
  (cd end2end && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  touch end2end/node_modules/.stamp
fi
# Tailwind resolves `@import "tailwindcss"` from the stylesheet's folder upwards.
[ -L style/node_modules ] || ln -sfn ../end2end/node_modules style/node_modules

log "ready ($(RUSTUP_TOOLCHAIN=${RUSTUP_TOOLCHAIN:-} rustc --version))"
