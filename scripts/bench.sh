#!/usr/bin/env bash
# `make bench`: the shop's read paths under load, on catalogs of 1 000 and 100 000 products.
#
# For each catalog size, with the page cache on (the default) and off (DAYDREAM_CACHE_MB=0, every
# request goes to PostgreSQL), it runs wrk at 16 connections for each scenario and prints
# req/s, p50, p99 and CPU-ms per request: the CPU time (user + system) the server and every
# PostgreSQL process spent during the run, divided by the requests served. Then it prints the
# plans of the listing's queries at the largest size (EXPLAIN ANALYZE).
#
# Then checkout: `daydream bench-checkout` runs BENCH_CONNECTIONS buyers placing orders (the real
# one-transaction checkout, sandbox payments) from carts filled beforehand, over 100 hot variants
# and then all on one variant, and once more filling each cart in the loop; it prints orders/s,
# p50, p99 and CPU-ms per order (that process + PostgreSQL).
#
# Lighthouse (mobile) scores `/`, `/products`, a product page and `/cart` on the first catalog
# (scripts/lighthouse.sh).
#
# The client dashboard: `daydream seed-dashboard` makes one client of 12 projects × 200 tasks;
# signed in as its admin, wrk measures `/dashboard` and a project's page (req/s, p50, p99 and
# CPU-ms per request, uncached: both pages are private), then each page is asked once with
# PostgreSQL logging every statement, and the statements are counted (BENCH_DASHBOARD_ONLY=1 runs
# only this).
#
# Last, the studio's local styles: `daydream bench-styles` times each look on a 1024×1024 photo
# (BENCH_STYLES_ONLY=1 runs only that).
#
# Settings: BENCH_SIZES (default "1000 100000"), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (16),
# BENCH_CHECKOUT_ONLY=1 (skip the read paths), BENCH_READS_ONLY=1 (only the read paths: no
# Lighthouse, query plans or checkout; for before/after figures of a page change).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${BENCH_SIZES:-1000 100000}
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-16}
addr=127.0.0.1:3200
data=target/bench-data
bin=./target/release/daydream
log=target/bench-server.log

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: installing wrk (Debian package)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
fi

# Production mode wants a media key: a fresh one per run (the bench's photos live only as long).
export LEPTOS_SITE_ADDR=$addr DAYDREAM_DATA_DIR=$data DAYDREAM_ENV=production DAYDREAM_ALLOW_SANDBOX_PAYMENTS=true \
  DAYDREAM_JOB_WORKERS=0 RUST_LOG=warn DATABASE_POOL_SIZE=16 \
  DAYDREAM_MEDIA_KEY=${DAYDREAM_MEDIA_KEY:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}

if [ -f "$data/postgres/postmaster.pid" ]; then
  $bin cluster stop --dir "$data/postgres" >/dev/null 2>&1 || true
fi
rm -rf "$data"

hz=$(getconf CLK_TCK)
pid=

# CPU ticks (user + system) of the server and of every PostgreSQL process of the cluster.
cpu_ticks() {
  local pg pids total=0
  pg=$(head -1 "$data/postgres/postmaster.pid")
  pids="$pid $pg $(pgrep -P "$pg" | tr '\n' ' ')"
  for p in $pids; do
    if [ -r "/proc/$p/stat" ]; then
      # Fields 14 and 15 (utime, stime), counted after the ")" that ends the command name.
      total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
    fi
  done
  echo "$total"
}

start_server() {
  $bin >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    curl -fsS "http://$addr/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.25
  done
  echo "bench: the server did not become ready" >&2
  exit 1
}

stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
  pid=
}
trap stop_server EXIT

# Converts wrk's latency ("1.23ms", "850.00us", "1.02s") to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else { printf "%s", v } }'
}

# Extra wrk arguments (the dashboard's session cookie).
wrk_extra=()

run() {
  local name=$1 path=$2 before after out requests rps p50 p99
  wrk -t2 -c"$connections" -d2s "${wrk_extra[@]}" "http://$addr$path" >/dev/null
  before=$(cpu_ticks)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${wrk_extra[@]}" "http://$addr$path")
  after=$(cpu_ticks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  errors=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  local cpu
  cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')
  printf '%-8s %-6s %-22s %9s %9s %9s %9s %s\n' "$size" "$cache" "$name" "$rps" "$p50" "$p99" "$cpu" "${errors:+($errors non-2xx)}"
}

checkout() {
  echo
  echo "# checkout: the one-transaction order placement through the domain (no HTTP), sandbox payments"
  $bin bench-checkout --buyers "$connections" --variants 100 --seconds "$seconds"
}
styles() {
  echo
  echo "# studio: each local style on a 1024×1024 photo (the engine alone, no HTTP)"
  $bin bench-styles --size 1024
  echo
  echo "# studio: local style jobs through the job queue (claim, style, save, notify), 2 workers"
  $bin bench-studio-queue --jobs 40 --size 1024 --workers 2
}
dashboard() {
  echo
  echo "# client dashboard: 12 projects x 200 tasks, signed in as the client's admin (private pages: no cache)"
  local line email password project jar cookie pglog from n
  line=$($bin seed-dashboard --projects 12 --tasks 200 2>"$log.seed" | tail -1) || { cat "$log.seed" >&2; exit 1; }
  read -r email password project <<<"$line"
  start_server
  jar=$(mktemp)
  curl -fsS -o /dev/null -c "$jar" -H "Origin: http://$addr" -H "Accept: text/html" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" "http://$addr/api/sign_in"
  # The jar marks HttpOnly cookies with a "#HttpOnly_" prefix; every cookie goes with the requests.
  cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}')
  rm -f "$jar"
  wrk_extra=(-H "Cookie: $cookie")
  size="12x200" cache="-"
  printf '%-8s %-6s %-22s %9s %9s %9s %9s\n' projects cache scenario req/s p50_ms p99_ms cpu_ms/req
  run "dashboard" "/dashboard"
  run "project page" "/dashboard/projects/$project"
  stop_server
  # Statements per page: PostgreSQL logs each one while every page is asked once.
  echo "log_statement = 'all'" >>"$data/postgres/postgresql.conf"
  start_server
  pglog="$data/postgres/server.log"
  for path in /dashboard "/dashboard/projects/$project"; do
    curl -fsS -o /dev/null -H "Cookie: $cookie" "http://$addr$path"
    sleep 0.5
    from=$(wc -l <"$pglog")
    curl -fsS -o /dev/null -H "Cookie: $cookie" "http://$addr$path"
    sleep 0.5
    n=$(tail -n +"$((from + 1))" "$pglog" | grep -cE 'LOG:  (statement|execute)' || true)
    echo "# sql statements for one $path: $n (session and user lookups included)"
  done
  stop_server
  sed -i '/^log_statement/d' "$data/postgres/postgresql.conf"
  wrk_extra=()
}
if [ -n "${BENCH_DASHBOARD_ONLY:-}" ]; then
  dashboard
  exit 0
fi
if [ -n "${BENCH_CHECKOUT_ONLY:-}" ]; then
  checkout
  exit 0
fi
if [ -n "${BENCH_STYLES_ONLY:-}" ]; then
  styles
  exit 0
fi

printf '%-8s %-6s %-22s %9s %9s %9s %9s\n' products cache scenario req/s p50_ms p99_ms cpu_ms/req
for size in $sizes; do
  t0=$(date +%s%N)
  $bin seed --products "$size" >"$log.seed" 2>&1 || { cat "$log.seed" >&2; exit 1; }
  echo "# catalog grown to $size products in $((($(date +%s%N) - t0) / 1000000)) ms" >&2
  for cache in on off; do
    if [ "$cache" = off ]; then export DAYDREAM_CACHE_MB=0; else unset DAYDREAM_CACHE_MB; fi
    start_server
    slug=$(curl -fsS "http://$addr/sitemaps/products-0.xml" | grep -o '/products/[a-z0-9-]*' | sed -n 7p)
    run "product page" "$slug"
    run "listing" "/products"
    run "listing, one filter" "/products?brand=fjord"
    run "text search" "/products?q=linen+shirt"
    run "typo search" "/products?q=snekaers"
    if [ "$cache" = on ] && [ "$size" = "${sizes%% *}" ] && [ -z "${BENCH_READS_ONLY:-}" ]; then
      echo "# lighthouse (mobile) on the first catalog, cache on" >&2
      bash scripts/lighthouse.sh "$addr"
    fi
    stop_server
  done
done
unset DAYDREAM_CACHE_MB
[ -z "${BENCH_READS_ONLY:-}" ] || exit 0

dashboard

# The plans PostgreSQL chose for the real queries of each listing scenario, at the largest
# size and with the cache off, logged by auto_explain (EXPLAIN ANALYZE of every statement).
plans=target/bench-plans.txt
cat >>"$data/postgres/postgresql.conf" <<'CONF'
session_preload_libraries = 'auto_explain'
auto_explain.log_min_duration = 0
auto_explain.log_analyze = on
auto_explain.log_buffers = on
CONF
export DAYDREAM_CACHE_MB=0
start_server
pglog="$data/postgres/server.log"
from=$(wc -l <"$pglog")
for path in "/products" "/products?brand=fjord" "/products?q=linen+shirt" "/products?q=snekaers" "$slug"; do
  curl -fsS -o /dev/null "http://$addr$path"
done
stop_server
tail -n +"$((from + 1))" "$pglog" >"$plans"
echo
echo "# query plans at $size products: $plans ($(grep -c 'Query Text' "$plans") statements)"
echo "# sequential scans on products: $(grep -c 'Seq Scan on products' "$plans" || true)," \
  "on product_variants: $(grep -c 'Seq Scan on product_variants' "$plans" || true)," \
  "on product_categories: $(grep -c 'Seq Scan on product_categories' "$plans" || true)"

checkout

styles
