#!/usr/bin/env bash
# Runs one phase of `make test` (the command after its name), prints how long it took, and
# appends that to target/phase-times.txt; `--report` prints the table, `--reset` empties it.
set -euo pipefail
file=target/phase-times.txt
case "${1:-}" in
  --reset) mkdir -p target && : >"$file"; exit 0 ;;
  --report)
    [ -f "$file" ] || exit 0
    echo "phase times (wall clock):"
    cat "$file"
    awk '{ s += $(NF-1) } END { printf "  %-24s %6d s (%.1f min)\n", "total", s, s / 60 }' "$file"
    exit 0 ;;
esac
name=$1
shift
start=$(date +%s)
status=0
"$@" || status=$?
took=$(($(date +%s) - start))
mkdir -p target
printf '  %-24s %6d s\n' "$name" "$took" >>"$file"
printf '\033[1m[phase]\033[0m %s: %d s%s\n' "$name" "$took" "$([ $status -eq 0 ] || echo " (failed)")" >&2
exit $status
