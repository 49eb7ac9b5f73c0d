#!/usr/bin/env bash
# Quick start, command 2: sets up what is missing and runs every test:
# the workspace's Rust tests, the release wasm build, and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

echo "== Rust tests (cargo test --workspace)"
cargo test --workspace --locked

echo "== release wasm build"
scripts/build.sh

echo "== browser tests (Playwright driving Debian's chromium)"
node --test --test-concurrency=1 tests/browser/
