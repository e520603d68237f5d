#!/usr/bin/env bash
# Lighthouse (mobile profile, simulated throttling) on the shopper's four key pages of a running
# server at $1 (host:port): prints performance and accessibility scores for `/`, `/products`, a
# product page and `/cart`. Called by `make bench`; installs lighthouse from npm into
# target/lighthouse the first time; runs Debian's Chromium headless, offline.
set -euo pipefail
cd "$(dirname "$0")/.."
addr=$1
dir=target/lighthouse
if [ ! -x "$dir/node_modules/.bin/lighthouse" ]; then
  echo "lighthouse: npm install lighthouse (first run only)" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error lighthouse@12 >/dev/null
fi
product=$(curl -fsS "http://$addr/sitemaps/products-0.xml" | grep -o '/products/[a-z0-9-]*' | sed -n 3p)
printf '%-40s %12s %14s\n' page performance accessibility
for path in / /products "$product" /cart; do
  out="$dir/report-$(echo "$path" | tr '/' '_').json"
  CHROME_PATH=/usr/bin/chromium "$dir/node_modules/.bin/lighthouse" "http://$addr$path" --quiet \
    --only-categories=performance,accessibility --output=json --output-path="$out" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    >/dev/null 2>&1 || { echo "lighthouse: the run on $path failed" >&2; continue; }
  node -e '
    const r = require(process.argv[1]);
    const s = (c) => Math.round(r.categories[c].score * 100);
    const kb = Math.round(r.audits["total-byte-weight"].numericValue / 1024);
    const tbt = Math.round(r.audits["total-blocking-time"].numericValue);
    console.log(`${process.argv[2].padEnd(40)} ${String(s("performance")).padStart(12)} ${String(s("accessibility")).padStart(14)}   (${kb} KiB, TBT ${tbt} ms)`);
  ' "$PWD/$out" "$path"
done
