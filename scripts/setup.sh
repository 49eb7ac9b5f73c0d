#!/usr/bin/env bash
# Installs what MailSim needs and is missing, at pinned versions; skips (and
# says so) what is already there. Idempotent: safe to run again and again.
#
#   scripts/setup.sh web    what building and serving the web app needs
#   scripts/setup.sh test   the above, plus what the test suite needs
#   scripts/setup.sh fuzz   only cargo-fuzz (scripts/fuzz.sh; setup.sh test
#                           installs it too, unless MAILSIM_FUZZ=0)
#
# Versions are pinned because of facts verified on these machines
# (shared/TOOLCHAIN.md): Trunk 0.22 refuses rustc 1.95; the wasm-bindgen CLI
# must equal the wasm-bindgen version in Cargo.lock (Trunk cannot download
# one offline); Debian's wasm-opt (binaryen 108) produces a wasm that does not
# start, so wasm-opt comes from the npm package binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2
WHAT=${1:-test}

say()  { printf '\033[1msetup:\033[0m %s\n' "$*"; }
fail() { printf '\033[31msetup: %s\033[0m\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo is missing: install Rust with rustup (https://rustup.rs), then run this again."
command -v npm >/dev/null   || fail "npm is missing: install Node.js 20 or newer (Debian: apt-get install nodejs npm), then run this again."

# --- cargo-fuzz (scripts/fuzz.sh; on stable it runs with RUSTC_BOOTSTRAP=1) --
install_cargo_fuzz() {
  if cargo fuzz --version 2>/dev/null | grep -q " $CARGO_FUZZ_VERSION\$"; then
    say "cargo-fuzz $CARGO_FUZZ_VERSION: present"
  else
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 1.5 minutes, once)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked \
      || fail "could not install cargo-fuzz: run 'cargo install cargo-fuzz --version $CARGO_FUZZ_VERSION --locked' and read its error."
  fi
}
if [ "$WHAT" = fuzz ]; then
  install_cargo_fuzz
  say "ready (fuzz)"
  exit 0
fi
if [ "$WHAT" = test ] && [ "${MAILSIM_FUZZ:-1}" = 1 ]; then
  install_cargo_fuzz
fi

# --- the wasm32 target -------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "installing the wasm32-unknown-unknown target (about 20 s)"
  rustup target add wasm32-unknown-unknown || fail "could not add the wasm32 target: run 'rustup target add wasm32-unknown-unknown' and read its error."
fi

# --- rust-src (the release wasm build recompiles std, see scripts/build.sh) ---
if rustup component list --installed 2>/dev/null | grep -q "^rust-src"; then
  say "rust-src: present"
else
  say "installing the rust-src component (the wasm build recompiles std with it; seconds)"
  rustup component add rust-src \
    || say "WARNING: could not add rust-src; scripts/build.sh will build the wasm without it (a bundle about 26 KB larger)"
fi

# --- rustfmt and clippy (the test command checks formatting and lints) ------
if [ "$WHAT" = test ]; then
  missing_components=()
  for comp in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$comp" || missing_components+=("$comp")
  done
  if [ ${#missing_components[@]} -eq 0 ]; then
    say "rustfmt and clippy: present"
  else
    say "installing rustup components: ${missing_components[*]}"
    rustup component add "${missing_components[@]}" \
      || fail "could not add ${missing_components[*]}: run 'rustup component add ${missing_components[*]}' and read its error."
  fi
fi

# --- Trunk -------------------------------------------------------------------
if command -v trunk >/dev/null && trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (about 13 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked \
    || fail "could not install trunk $TRUNK_VERSION: run 'cargo install trunk --version $TRUNK_VERSION --locked' and read its error."
fi

# --- wasm-bindgen CLI at exactly the Cargo.lock version ----------------------
if [ ! -f Cargo.lock ]; then
  say "no Cargo.lock yet: resolving dependencies"
  cargo generate-lockfile
fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$WB_VERSION" ] || fail "Cargo.lock names no wasm-bindgen version; is leptos still a dependency of the web app?"
if command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$WB_VERSION" ]; then
  say "wasm-bindgen-cli $WB_VERSION: present"
else
  say "installing wasm-bindgen-cli $WB_VERSION to match Cargo.lock (about 3 minutes, once)"
  # Not --locked: that fails to resolve here (a locked dependency version is missing from the registry).
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force \
    || fail "could not install wasm-bindgen-cli $WB_VERSION: run 'cargo install wasm-bindgen-cli --version $WB_VERSION' and read its error."
fi

# --- npm tools: wasm-opt (binaryen), playwright-core, axe-core ---------------
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ] \
   && [ -x node_modules/.bin/wasm-opt ]; then
  say "npm packages (binaryen, playwright-core, axe-core): present"
else
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund || fail "npm ci failed: check that the npm registry is reachable, then run this again."
fi

apt_install() {  # apt_install PACKAGE... : installs the Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages $*: present"
    return
  fi
  say "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq || fail "apt-get update failed: are Debian's package mirrors reachable?"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]}: run 'apt-get install ${missing[*]}' and read its error."
}

# apt_install_servers PACKAGE... : like apt_install, for packages that ship a
# system service (Postfix, Dovecot). tests/interop/test_real_peers.py starts
# its own instances on free loopback ports, so the system ones must not run:
# nothing may sit on ports 25/110/143 or hold /var/spool/postfix. Postfix is
# preseeded to "No configuration" (no debconf question, no main.cf); a
# policy-rc.d that exits 101 keeps invoke-rc.d and deb-systemd-invoke from
# starting the units during the install (an existing policy-rc.d, as Docker
# images have, is kept as it is); afterwards the units are stopped and
# disabled where systemd runs. Run again, it installs nothing and only makes
# sure the system services are still stopped.
apt_install_servers() {
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
  local policy=/usr/sbin/policy-rc.d ours=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# scripts/setup.sh: no services start while it installs packages\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    ours=1
  fi
  local rc=0
  ( apt_install "$@" ) || rc=$?
  [ -z "$ours" ] || $sudo rm -f "$policy"
  [ "$rc" = 0 ] || exit "$rc"
  if [ -d /run/systemd/system ]; then
    for unit in postfix.service dovecot.service dovecot.socket; do
      if systemctl is-enabled --quiet "$unit" 2>/dev/null || systemctl is-active --quiet "$unit" 2>/dev/null; then
        say "stopping and disabling the system's $unit (the tests start their own)"
        $sudo systemctl disable --now "$unit" >/dev/null 2>&1 || true
      fi
    done
  fi
  # Without systemd (containers), a daemon started by hand earlier: stop it.
  if [ -e /var/spool/postfix/pid/master.pid ] && $sudo postfix status >/dev/null 2>&1; then
    say "stopping the system's postfix (the tests start their own)"
    $sudo postfix stop >/dev/null 2>&1 || true
  fi
  if [ -e /run/dovecot/master.pid ] && $sudo kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
    say "stopping the system's dovecot (the tests start their own)"
    $sudo doveadm stop >/dev/null 2>&1 || true
  fi
}

if [ "$WHAT" = test ]; then
  # Our own SMTP and POP3 clients against real servers (tests/interop/test_real_peers.py).
  apt_install_servers postfix dovecot-pop3d dovecot-imapd
  # The browser tests drive Debian's chromium (Playwright cannot download its own here);
  # the interop tests drive real mail clients against `mailsim serve`, and
  # dig (bind9-dnsutils) against its DNS port.
  apt_install chromium swaks curl fetchmail isync bind9-dnsutils
  PYTEST_VERSION=9.2.0
  if python3 -c "import pytest, sys; sys.exit(pytest.__version__ != '$PYTEST_VERSION')" 2>/dev/null; then
    say "pytest $PYTEST_VERSION: present"
  else
    say "installing pytest $PYTEST_VERSION (PyPI)"
    python3 -m pip install --quiet --disable-pip-version-check "pytest==$PYTEST_VERSION" \
      || fail "could not install pytest: run 'python3 -m pip install pytest==$PYTEST_VERSION' and read its error."
  fi
  # The independent SPF and DKIM checkers (protocol-core/tests/auth_interop.rs
  # runs tests/interop/auth_check.py with them); pynacl is dkimpy's Ed25519.
  for spec in dkimpy:dkim:1.1.8 pyspf:spf:2.0.14 dnspython:dns:2.9.0 pynacl:nacl:1.6.2; do
    IFS=: read -r pkg mod version <<<"$spec"
    if [ "$(python3 -c "import importlib.metadata as m; print(m.version('$pkg'))" 2>/dev/null)" = "$version" ] \
       && python3 -c "import $mod" 2>/dev/null; then
      say "$pkg $version: present"
    else
      say "installing $pkg $version (PyPI)"
      python3 -m pip install --quiet --disable-pip-version-check "$pkg==$version" \
        || fail "could not install $pkg: run 'python3 -m pip install $pkg==$version' and read its error."
    fi
  done
fi

say "ready ($WHAT)"
