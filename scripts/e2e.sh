#!/usr/bin/env bash
# Starts the release build on a free loopback port with a fresh SQLite demo
# city, runs the browser tests against it, then the example nginx
# configuration in front of it, and stops it with SIGTERM, checking that it
# shuts down cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x target/release/linli ] && compgen -G "target/site/pkg/linli.*.wasm" >/dev/null || { echo "e2e: run 'make build' first" >&2; exit 1; }

work=$(mktemp -d /tmp/linli-e2e.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"

LINLI_DATABASE_URL="sqlite:$work/linli.db" LINLI_DATA_DIR="$work/data" LINLI_SITE_ROOT=target/site LINLI_ADDR="127.0.0.1:$port" \
  LINLI_TRUSTED_PROXIES=127.0.0.1 \
  target/release/linli serve --seed-demo >"$work/server.log" 2>&1 &
server=$!

cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "$url/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$url/readyz" >/dev/null || { echo "e2e: the server did not become ready" >&2; cat "$work/server.log" >&2; exit 1; }

status=0
(cd end2end && LINLI_E2E_URL="$url" npm test) || status=$?
# Last, as it locks out addresses the browser tests do not use.
scripts/nginx-check.sh "$port" || status=1

kill -TERM "$server"
if ! wait "$server"; then
  echo "e2e: the server did not exit cleanly on SIGTERM" >&2
  tail -n 20 "$work/server.log" >&2
  status=1
fi
trap 'rm -rf "$work"' EXIT
exit $status
