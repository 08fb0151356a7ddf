#!/usr/bin/env bash
# Figures for the closing notes: the islands bundle's size (raw and brotli),
# requests per second of the community directory and of a consultation page
# (the demo's, with its opinion map), of an item-list question and of the
# projects list and a project page, measured with wrk on loopback against
# the release build and the demo city, and the opinion groups' recompute
# time at 2,000 participants × 200 statements.
# Bounded: 2 threads, 32 connections, 10 seconds per page, loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x target/release/linli ] || { echo "bench: run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || { echo "bench: install Debian's wrk ('make bench' does)" >&2; exit 1; }

echo "== islands bundle (target/site/pkg, content-hashed names)"
node -e '
const fs = require("fs"), zlib = require("zlib");
let raw = 0, br = 0;
const files = fs.readdirSync("target/site/pkg").filter((f) => /^linli\.[^.]+\.(wasm|js|css)$/.test(f));
for (const f of files) {
  const data = fs.readFileSync("target/site/pkg/" + f);
  const b = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${f.padEnd(40)} ${String(data.length).padStart(9)} B raw ${String(b).padStart(8)} B brotli`);
  raw += data.length; br += b;
}
console.log(`${"wasm + js + css".padEnd(40)} ${String(raw).padStart(9)} B raw ${String(br).padStart(8)} B brotli`);
'

work=$(mktemp -d /tmp/linli-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LINLI_DATABASE_URL="sqlite:$work/linli.db" LINLI_SITE_ROOT=target/site LINLI_ADDR="127.0.0.1:$port" LINLI_LOG=warn \
  target/release/linli serve --seed-demo >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

community=$(curl -s "http://127.0.0.1:$port/communities" | grep -o '/communities/[0-9]\{17\}' | head -n 1 | cut -d/ -f3)
# /deliberations/2 is the demo's open consultation; the item list is asked
# a question (谁开居住证明) as a resident would; /projects/1 is the demo's
# delivered project, with its bids, published scores and ratings.
for path in "/communities" "/communities?q=%E7%BF%A0" "/communities/$community" "/deliberations/2" \
  "/communities/$community/items?q=%E8%B0%81%E5%BC%80%E5%B1%85%E4%BD%8F%E8%AF%81%E6%98%8E" \
  "/api/v1/communities/$community/items?q=%E8%B0%81%E5%BC%80%E5%B1%85%E4%BD%8F%E8%AF%81%E6%98%8E" \
  "/projects" "/api/v1/projects" "/api/v1/projects?format=csv" "/projects/1"; do
  echo "== wrk -t2 -c32 -d10s $path"
  wrk -t2 -c32 -d10s "http://127.0.0.1:$port$path" | grep -E "Requests/sec|Latency|requests in|Non-2xx"
done

echo "== sign-in latency (Argon2id 19 MiB, t=2, p=1), 20 sequential sign-ins"
python3 - "$port" <<'PY'
import http.client, sys, time, urllib.parse
port = int(sys.argv[1])
body = urllib.parse.urlencode({"login": "admin@linli.demo", "password": "linli-demo-2026"})
times = []
for _ in range(20):
    c = http.client.HTTPConnection("127.0.0.1", port)
    t = time.perf_counter()
    c.request("POST", "/account/sign-in", body, {"Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse(); r.read()
    times.append((time.perf_counter() - t) * 1000)
    assert r.status == 303, r.status
times.sort()
print(f"median {times[10]:.1f} ms, slowest {times[-1]:.1f} ms")
PY

cookie=$(curl -s -o /dev/null -D - -X POST -d "login=resident@linli.demo&password=linli-demo-2026" \
  "http://127.0.0.1:$port/account/sign-in" | grep -i '^set-cookie: linli_session=' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
echo "== wrk -t2 -c32 -d10s /account (signed in)"
wrk -t2 -c32 -d10s -H "Cookie: $cookie" "http://127.0.0.1:$port/account" | grep -E "Requests/sec|Latency|requests in|Non-2xx"

# A token may make LINLI_API_RATE_LIMIT requests a minute; this server runs
# with the default, so the JSON list is measured without a token (public).
token=$(curl -s -X POST -H "Cookie: $cookie" -H "Origin: http://127.0.0.1:$port" -H "Content-Type: application/json" \
  -d '{"name":"bench"}' "http://127.0.0.1:$port/api/v1/me/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
echo "== wrk -t2 -c32 -d10s /api/v1/communities?limit=50 (public JSON)"
wrk -t2 -c32 -d10s "http://127.0.0.1:$port/api/v1/communities?limit=50" | grep -E "Requests/sec|Latency|requests in|Non-2xx"
echo "== wrk -t1 -c1 -d5s /api/v1/me (with a token: latency, and 429s past the per-token limit)"
wrk -t1 -c1 -d5s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" | grep -E "Requests/sec|Latency|requests in|Non-2xx"
