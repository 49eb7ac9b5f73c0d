#!/usr/bin/env bash
# Prints the release bundle's sizes (wasm, js, css; raw and gzip -9) from
# dist/. Build it first with scripts/build.sh (or scripts/serve.sh).
# With --check it also fails when the total is over the ratchet in
# scripts/bundle-limit (the size the bundle has reached, so that growth is
# noticed and said), and says how far it is from the 350,000 B budget.
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
budget=350000
if [ "$total_gz" -le "$budget" ]; then
  echo "budget: $total_gz B gzip is within the $budget B budget ($((budget - total_gz)) B to spare)"
else
  echo "budget: $total_gz B gzip is OVER the $budget B budget by $((total_gz - budget)) B"
fi
if [ "${1:-}" = --check ]; then
  limit=$(tr -dc 0-9 < scripts/bundle-limit)
  if [ "$total_gz" -gt "$limit" ]; then
    echo "bundle-size: $total_gz B gzip is over the ratchet of $limit B in scripts/bundle-limit." >&2
    echo "  Find what grew (twiggy top target/wasm-bindgen/release/mailsim-web_bg.wasm) and cut it," >&2
    echo "  or raise the ratchet knowingly and say why in the commit." >&2
    exit 1
  fi
  echo "ratchet: $total_gz <= $limit B (scripts/bundle-limit)"
fi
