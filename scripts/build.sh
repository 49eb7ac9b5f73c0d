#!/usr/bin/env bash
# Builds the release web bundle into dist/ with Trunk, offline, using the
# wasm-bindgen and wasm-opt that scripts/setup.sh installed. Skips the build
# when dist/ is newer than every source file that goes into it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -z "$(find src locales protocol-core/src protocol-core/scenarios public index.html Trunk.toml Cargo.toml Cargo.lock protocol-core/Cargo.toml .cargo \
      -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]; then
  echo "build: release bundle in dist/ is up to date"
  exit 0
fi
echo "build: trunk build --release (the first build takes about 5 minutes)"
# The release wasm recompiles std so that a panic aborts at once
# (-Cpanic=immediate-abort): the panic message machinery and the file/line
# strings of every possible panic leave the bundle, 26 KB of gzip (353,135 vs
# 379,672 B of wasm, measured with scripts/bundle-size.sh). These are unstable
# flags of the pinned stable toolchain (RUSTC_BOOTSTRAP=1, rust-src from
# scripts/setup.sh); the flags apply only to this build, not to cargo test or
# clippy. A panic in the page still stops the app, as before, without the
# console message. MAILSIM_STD_BUILD=0, or no rust-src, builds without it.
if [ "${MAILSIM_STD_BUILD:-1}" = 1 ] && rustup component list --installed 2>/dev/null | grep -q "^rust-src"; then
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort"
else
  echo "build: without rust-src (or with MAILSIM_STD_BUILD=0): std is not rebuilt, the bundle is about 26 KB larger"
fi
# The wasm-release profile (Cargo.toml) holds the size settings, kept out of
# [profile.release] so the CLI and benchmarks stay optimized for speed.
trunk build --release --offline --cargo-profile "${WASM_PROFILE:-wasm-release}"
touch "$stamp"
