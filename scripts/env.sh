# Sourced by the Makefile's recipes: puts the project's tools on PATH and picks the toolchain
# that can build wasm32 (the default rustup one if it has the target, else Debian's rustc-web
# registered as `debian-web` by scripts/setup.sh).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if ! RUSTUP_TOOLCHAIN= rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
  rustup toolchain list 2>/dev/null | grep -q '^debian-web'; then
  export RUSTUP_TOOLCHAIN=debian-web
fi

# Clippy lints the workspace's crates while they compile (clippy-driver is rustc plus the lints),
# so the release build, the tests and the front end are also the lint pass: no second
# compilation of every crate in check mode (5-7 min of a cold `make test`). Set here so every
# cargo call shares one build; `make lint` fails on any warning the builds printed.
if command -v clippy-driver >/dev/null 2>&1; then
  export RUSTC_WORKSPACE_WRAPPER=clippy-driver
fi

export LEPTOS_OUTPUT_NAME=daydream
unset root
