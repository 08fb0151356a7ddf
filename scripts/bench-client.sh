#!/usr/bin/env bash
# The client's figures: first-load bytes (wasm + js + css as sent) and
# Lighthouse's mobile scores (median of 3) on the page types, for the
# release build, and beside it, when BEFORE names a directory holding an
# older build (its `linli` binary and its `site/`), for that one too, in
# the same run on the same machine. Each build serves its own fresh demo
# city on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x target/release/linli ] || { echo "bench-client: run 'make build' first" >&2; exit 1; }
[ -x .tools/node_modules/.bin/lighthouse ] || { echo "bench-client: run 'scripts/setup.sh bench' first" >&2; exit 1; }

work=$(mktemp -d /tmp/linli-bench-client.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT

# start LABEL BINARY SITE: serves a fresh demo city; prints LABEL=URL.
start() {
  local label=$1 binary=$2 site=$3 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$work/$label"
  LINLI_DATABASE_URL="sqlite:$work/$label/linli.db" LINLI_DATA_DIR="$work/$label/data" LINLI_SITE_ROOT="$site" \
    LINLI_ADDR="127.0.0.1:$port" LINLI_LOG=warn "$binary" serve --seed-demo >"$work/$label/server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  echo "$label=http://127.0.0.1:$port"
}

servers=()
if [ -n "${BEFORE:-}" ]; then
  servers+=("$(start before "$BEFORE/linli" "$BEFORE/site")")
fi
servers+=("$(start after target/release/linli target/site)")
cd end2end && node bench/client.mjs "${servers[@]}"
