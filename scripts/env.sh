# Sourced by the Makefile's recipes: puts the project's tools on PATH and picks the toolchain
# that can build wasm32 (the default rustup one if it has the target, else Debian's rustc-web
# registered as `debian-web` by scripts/setup.sh).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if ! RUSTUP_TOOLCHAIN= rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
  rustup toolchain list 2>/dev/null | grep -q '^debian-web'; then
  export RUSTUP_TOOLCHAIN=debian-web
fi

export LEPTOS_OUTPUT_NAME=daydream
unset root
