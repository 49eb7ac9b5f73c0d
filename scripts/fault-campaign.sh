#!/usr/bin/env bash
# The long run of the deterministic fault schedules (issue 16):
# protocol-core/tests/fault_schedules.rs with N random worlds (default
# 10,000) from seed FIRST (default 1). Prints how many runs failed, what
# kinds of failure, the figures (accepted pairs, deliveries, bounces, mail
# waiting on a down host, duplicates, 250s cut off, faults), and for the
# first failure its seed and the shrunk scenario as a TOML file.
#
#   scripts/fault-campaign.sh                 10,000 schedules
#   scripts/fault-campaign.sh 500 20001       500 schedules from seed 20001
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
FIRST=${2:-1}
start=$(date +%s)
FAULT_SCHEDULES=$N FAULT_FIRST_SEED=$FIRST \
  cargo test -q -p protocol-core --test fault_schedules random_fault_schedules -- --nocapture 2>&1 \
  | grep -vE '^\s+[0-9]+: |^\s+at |^note: ' 
rc=${PIPESTATUS[0]}
echo "fault campaign: $N schedules from seed $FIRST, $(( $(date +%s) - start )) s, exit $rc"
exit "$rc"
