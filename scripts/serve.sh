#!/usr/bin/env bash
# Quick start, command 1: sets up what is missing, builds the release bundle
# and serves it on localhost. PORT=9000 scripts/serve.sh picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh web
scripts/build.sh
PORT=${PORT:-8080}
echo
echo "MailSim is at http://127.0.0.1:$PORT/  (Ctrl+C stops the server)"
# http.server plus gzip (scripts/serve.py): the wasm crosses the network compressed.
exec python3 scripts/serve.py "$PORT" dist
