#!/usr/bin/env bash
# Soak test of `mailsim serve` (issue 16): well-behaved and hostile clients
# mixed (pipelined RETR, half-close, never-reading, churn, slowloris,
# mid-DATA disconnects) for a bounded time, default 600 s. Prints messages
# accepted, delivered and lost (must be 0), RSS over time and the latency of
# a probe client; exit code 1 if mail was lost or the server died.
#
#   scripts/soak.sh          10 minutes
#   scripts/soak.sh 120      2 minutes
#   MAILSIM_BIN=target/debug/mailsim scripts/soak.sh 60   (skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-600}
BIN=${MAILSIM_BIN:-target/release/mailsim}
if [ -z "${MAILSIM_BIN:-}" ]; then
  echo "soak: building mailsim (release)"
  cargo build -q --release --locked -p mailsim
fi
exec python3 scripts/soak.py "$SECS" "$BIN"
