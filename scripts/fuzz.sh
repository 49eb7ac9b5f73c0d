#!/usr/bin/env bash
# The long fuzzing campaign (issue 16): every cargo-fuzz target of
# protocol-core/fuzz runs N executions (default 10,000,000; the goal is 0
# crashes in 10 M per target), then a table of executions, crashes and time
# per target is printed. The corpus is seeded from the transcripts and the
# scenario files, and grows in protocol-core/fuzz/corpus/ (not committed).
#
#   scripts/fuzz.sh            10 M executions per target
#   scripts/fuzz.sh 20000      a quick pass (what scripts/test.sh would run)
#   scripts/fuzz.sh 1000000 smtp_session pop3_session    some targets only
#   FUZZ_MAX_TIME=240 scripts/fuzz.sh    at most 240 s per target as well
#
# On the stable toolchain cargo-fuzz's -Z flags need RUSTC_BOOTSTRAP=1.
# A crash stops that target (libFuzzer stops at the first) and leaves its
# input in protocol-core/fuzz/artifacts/<target>/; reproduce it with
#   (cd protocol-core && RUSTC_BOOTSTRAP=1 cargo fuzz run -O <target> <file>)
# Exit code 1 if any target crashed.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10000000}
shift || true
export RUSTC_BOOTSTRAP=1

command -v cargo-fuzz >/dev/null || { echo "fuzz: cargo-fuzz is missing: run scripts/setup.sh fuzz (or cargo install cargo-fuzz --locked)" >&2; exit 2; }

cd protocol-core
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || mapfile -t TARGETS < <(cargo fuzz list)

echo "== building the fuzz targets (release, AddressSanitizer)"
cargo fuzz build -O >/dev/null 2>fuzz/build.log || { cat fuzz/build.log >&2; exit 2; }

echo "== seed corpus from the transcripts and scenario files"
SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT
FUZZ_SEEDS_DIR="$SEEDS" cargo test -q -p protocol-core --test random_splits write_fuzz_seeds -- --ignored >/dev/null 2>&1 \
  || { echo "fuzz: could not write the seed corpus" >&2; exit 2; }

mkdir -p fuzz/logs
total_crashes=0
rows=()
for t in "${TARGETS[@]}"; do
  mkdir -p "fuzz/corpus/$t" "$SEEDS/$t"
  log="fuzz/logs/$t.log"
  start=$(date +%s)
  cargo fuzz run -O "$t" "fuzz/corpus/$t" "$SEEDS/$t" -- \
    -runs="$RUNS" ${FUZZ_MAX_TIME:+-max_total_time=$FUZZ_MAX_TIME} -max_len=4096 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  [ -n "$execs" ] || execs=0
  crashes=0
  what=""
  if [ $rc -ne 0 ]; then
    crashes=1
    what=$(grep -m1 -oE 'artifact_prefix=.*|Test unit written to .*' "$log" | tail -1)
    what="${what:-see $log}"
  fi
  total_crashes=$((total_crashes + crashes))
  rate=$(( secs > 0 ? execs / secs : execs ))
  rows+=("$(printf '%-14s %12s %8s %8ss %9s/s  %s' "$t" "$execs" "$crashes" "$secs" "$rate" "$what")")
  echo "${rows[-1]}"
done

echo
echo "== fuzz campaign: $RUNS executions asked per target${FUZZ_MAX_TIME:+, at most $FUZZ_MAX_TIME s each}"
printf '%-14s %12s %8s %9s %11s\n' target execs crashes time rate
printf '%s\n' "${rows[@]}"
echo "total crashes: $total_crashes (logs in protocol-core/fuzz/logs/)"
[ "$total_crashes" -eq 0 ]
