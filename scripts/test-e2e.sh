#!/usr/bin/env bash
# Runs the Playwright journeys against the release build, served on its own address with a
# fresh data folder (so a fresh private PostgreSQL cluster), then stops it with SIGTERM and
# checks it shut down cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
addr=${1:-127.0.0.1:3100}
data=${2:-target/e2e-data}
log=target/e2e-server.log

if [ -f "$data/postgres/postmaster.pid" ]; then
  ./target/release/daydream cluster stop --dir "$data/postgres" || true
fi
rm -rf "$data"

# Another server already answering on this address would pass the readiness check below and the
# journeys would run against it: refuse instead.
if curl -fsS -o /dev/null --max-time 2 "http://$addr/healthz" 2>/dev/null; then
  echo "e2e: something already answers on $addr; stop it or pass another address" >&2
  exit 1
fi

# Every journey signs in from 127.0.0.1: the per-IP limit is raised so they do not share 10/min.
LEPTOS_SITE_ADDR=$addr DAYDREAM_DATA_DIR=$data DAYDREAM_ENV=development \
  DAYDREAM_SIGN_IN_PER_MINUTE=1000 DAYDREAM_MAILS_PER_HOUR=1000 DAYDREAM_SIGN_UPS_PER_HOUR=1000 \
  DAYDREAM_FORMS_PER_HOUR=1000 DAYDREAM_FORM_MIN_SECONDS=1 \
  ./target/release/daydream >"$log" 2>&1 &
pid=$!
stop_server() {
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    if ! wait "$pid"; then
      echo "e2e: the server did not exit cleanly on SIGTERM; its log:" >&2
      tail -40 "$log" >&2
      return 1
    fi
  fi
}
trap 'stop_server || true' EXIT

started=$(date +%s%N)
for _ in $(seq 1 240); do
  if curl -fsS "http://$addr/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "e2e: the server exited during start; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.25
done
curl -fsS "http://$addr/readyz" >/dev/null
echo "e2e: server ready in $((($(date +%s%N) - started) / 1000000)) ms (fresh data folder, initdb included)"

status=0
# Arguments after the address and data folder go to Playwright (a spec file, `-g title`).
(cd end2end && BASE_URL="http://$addr" npx playwright test "${@:3}") || status=$?
# CI shows only the end of the log: each failure's first lines again, just above the summary.
node -e '
  const r = require("./end2end/test-results/results.json");
  const walk = (suite, out) => {
    for (const spec of suite.specs ?? []) for (const t of spec.tests) {
      const last = t.results[t.results.length - 1];
      if (t.status === "unexpected" && last) {
        const msg = (last.error?.message ?? last.status).replace(/\x1b\[[0-9;]*m/g, "");
        out.push(`FAILED ${spec.file}:${spec.line} ${spec.title}\n  ${msg.split("\n").slice(0, 8).join("\n  ")}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, out);
    return out;
  };
  for (const line of r.suites.flatMap((s) => walk(s, []))) console.log(line);
  const s = r.stats;
  console.log(`playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed, ${s.skipped} skipped`);
' || true

trap - EXIT
stop_server
exit "$status"
