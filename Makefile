# Daydream: `make run` builds and serves the site; `make test` runs every check CI runs.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
ENV := source scripts/env.sh &&
# Each step of `make test` runs through this: it prints and records how long the step took.
PHASE := bash scripts/phase.sh

# The e2e server's own data folder and address, so tests never touch `make run`'s data.
E2E_ADDR ?= 127.0.0.1:3100
E2E_DATA ?= target/e2e-data

.PHONY: setup build run test fmt fmt-check lint budget unit e2e bench clean-data phase-reset

setup:
	@$(PHASE) setup bash scripts/setup.sh

# The front end (WASM, CSS, assets) through cargo-leptos; the server through cargo with the test
# targets included, so `make build` and `make test` compile the native half with one feature set
# (dev-dependencies unify features) and never rebuild each other's work.
# Not --all-targets: that also builds a test harness of a library whose tests are turned off
# (`test = false`: the app crate, whose unit tests live in app/tests/unit), compiling it twice.
NATIVE_TARGETS := --release --lib --bins --tests
export NATIVE_TARGETS
build: setup target/site/.built
	@$(ENV) $(PHASE) "native build" cargo build $(NATIVE_TARGETS)

# cargo-leptos re-runs wasm-bindgen and wasm-opt on every call (about 15 s); skip it when no
# input of the front end changed since the last build.
FRONT_INPUTS := $(shell find app frontend style public -type f 2>/dev/null) Cargo.toml Cargo.lock
target/site/.built: $(FRONT_INPUTS) | setup
	@$(ENV) $(PHASE) "front end" bash scripts/build-front.sh
	@touch $@

# Development for the newcomer: demo accounts, demo store, dev mailbox (production refuses them).
run: build
	@$(ENV) DAYDREAM_ENV=$${DAYDREAM_ENV:-development} ./target/release/daydream

fmt:
	@$(ENV) cargo fmt --all

fmt-check: setup
	@$(ENV) $(PHASE) fmt cargo fmt --all -- --check

# Clippy runs inside the builds (scripts/env.sh); this fails on any warning they printed.
lint: fmt-check build
	@$(ENV) $(PHASE) clippy bash scripts/check-warnings.sh

# The shopper's WASM against its budget (gzip), like a test.
budget: target/site/.built
	@$(ENV) $(PHASE) "wasm budget" bash scripts/check-wasm-budget.sh

unit: build
	@$(ENV) $(PHASE) "rust tests" bash scripts/test-rust.sh

e2e: build
	@$(ENV) $(PHASE) journeys bash scripts/test-e2e.sh "$(E2E_ADDR)" "$(E2E_DATA)"

# Load figures for the shop's read paths (req/s, p50, p99, CPU-ms per request); not part of test.
bench: build
	@$(ENV) bash scripts/bench.sh

phase-reset:
	@$(PHASE) --reset

test: phase-reset lint budget unit e2e
	@$(PHASE) --report
	@echo "make test: all checks passed"

clean-data:
	@$(ENV) ./target/release/daydream cluster stop 2>/dev/null || true
	rm -rf .data
