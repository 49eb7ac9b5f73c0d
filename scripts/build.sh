#!/usr/bin/env bash
# Builds the release web bundle into dist/ with Trunk, offline, using the
# wasm-bindgen and wasm-opt that scripts/setup.sh installed. Skips the build
# when dist/ is newer than every source file that goes into it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find src protocol-core/src protocol-core/scenarios public index.html Trunk.toml Cargo.toml Cargo.lock protocol-core/Cargo.toml .cargo \
      -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
  echo "build: release bundle in dist/ is up to date"
  exit 0
fi
echo "build: trunk build --release (the first build takes about 5 minutes)"
# The wasm-release profile (Cargo.toml) holds the size settings, kept out of
# [profile.release] so the CLI and benchmarks stay optimized for speed.
trunk build --release --offline --cargo-profile "${WASM_PROFILE:-wasm-release}"
touch "$stamp"
