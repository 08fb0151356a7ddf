#!/usr/bin/env bash
# Installs what building and testing Linli needs, and only what is missing,
# so a second run takes seconds. Usage: scripts/setup.sh build|test|bench
#   build: the wasm target, cargo-leptos, wasm-bindgen-cli, wasm-opt
#   test:  the above, plus PostgreSQL, Chromium, CJK fonts and end2end's npm packages
#   bench: the above, plus wrk for the load scripts and lighthouse
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-build}
case $want in build | test | bench) ;; *) echo "usage: scripts/setup.sh build|test|bench" >&2; exit 2 ;; esac
CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

need_cmd() { command -v "$1" >/dev/null 2>&1 || { say "$1 is required but not installed: $2"; exit 1; }; }
need_cmd cargo "install Rust with rustup"
need_cmd npm "install Node.js and npm"

# 1. The browser target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos, built without its own downloads (the network here serves registries only).
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes 15-25 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock; not --locked, since
#    one of its locked dependencies is not on the registry.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (about 5 minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# 4. wasm-opt from npm's binaryen: Debian's older one builds wasm that fails to hydrate.
if [ ! -x .tools/node_modules/.bin/wasm-opt ] || [ "$(.tools/node_modules/.bin/wasm-opt --version | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing wasm-opt (npm binaryen $BINARYEN_VERSION)"
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --prefix .tools "binaryen@$BINARYEN_VERSION" >/dev/null
fi

[ "$want" = build ] && exit 0

# 5. Debian packages for the test suite (and wrk for the benchmarks).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ "$want" != bench ] || command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "please install: ${missing[*]} (Debian packages)"
    exit 1
  fi
fi

# 6. Lighthouse, for the client benchmark (`make bench-client`).
if [ "$want" = bench ] && [ ! -x .tools/node_modules/.bin/lighthouse ]; then
  say "installing lighthouse (npm)"
  npm install --silent --no-audit --no-fund --prefix .tools "lighthouse@12.8.2" >/dev/null
fi

# 7. The end-to-end runner's packages, exactly as locked.
if [ ! -d end2end/node_modules/playwright-core ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing end2end's npm packages"
  (cd end2end && npm ci --silent --no-audit --no-fund >/dev/null)
fi
