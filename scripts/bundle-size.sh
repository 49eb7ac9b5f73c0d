#!/usr/bin/env bash
# Prints the release bundle's sizes (wasm, js, css; raw and gzip -9) from
# dist/. Build it first with scripts/build.sh (or scripts/serve.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d dist ] || { echo "no dist/: run scripts/build.sh first" >&2; exit 1; }
total_raw=0; total_gz=0
printf '%-6s %10s %10s  %s\n' kind raw gzip file
for ext in wasm js css; do
  for f in dist/*."$ext"; do
    [ -e "$f" ] || continue
    raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '%-6s %10d %10d  %s\n' "$ext" "$raw" "$gz" "$(basename "$f")"
  done
done
awk -v r="$total_raw" -v g="$total_gz" 'BEGIN { printf "%-6s %10d %10d  (%.1f KiB gzip)\n", "total", r, g, g / 1024 }'
