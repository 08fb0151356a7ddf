#!/usr/bin/env bash
# The matters benchmark of issue 4, on one engine:
#   1. `linli seed --scale` loads BENCH_COMMUNITIES communities and
#      BENCH_MATTERS matters (it prints matters loaded per second);
#   2. wrk at 64 connections on the public list page (50 rows), the JSON list of 50,
#      and a filtered search (place + words), with latency percentiles: as
#      a visitor (shared pages) and signed in (rendered per request);
#   3. reports submitted end to end through the REST API (wrk posting JSON
#      with a fresh key each), counted in the database afterwards, and the
#      server log checked for "database is locked".
# Usage: scripts/bench-matters.sh [sqlite|postgres]   (default sqlite)
# Env: BENCH_COMMUNITIES (3000), BENCH_MATTERS (10000000), BENCH_SECONDS (15),
#      BENCH_DB (SQLite only: a database file kept between runs; seeded when
#      missing, reused as it is when present, so a 10M seed is paid once),
#      BENCH_PGDATA (PostgreSQL only: the same, as a kept data directory).
set -euo pipefail
cd "$(dirname "$0")/.."

engine=${1:-sqlite}
communities=${BENCH_COMMUNITIES:-3000}
matters=${BENCH_MATTERS:-10000000}
seconds=${BENCH_SECONDS:-15}

[ -x target/release/linli ] || { echo "bench: run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || { echo "bench: install Debian's wrk ('make bench-matters' does)" >&2; exit 1; }

work=$(mktemp -d /tmp/linli-bench-matters.XXXXXX)
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

run() {
  if [ "$engine" = postgres ]; then
    # with-postgres.sh starts a throw-away server and exports its URL.
    . scripts/bench-pg-options.sh
    LINLI_PG_KEEP=${BENCH_PGDATA:-} LINLI_PG_OPTIONS=${LINLI_PG_OPTIONS:-$BENCH_PG_OPTIONS} \
      scripts/with-postgres.sh bash -c 'LINLI_DATABASE_URL=$LINLI_TEST_POSTGRES_URL exec "$@"' _ "$@"
  else
    LINLI_DATABASE_URL="sqlite:${BENCH_DB:-$work/linli.db}" "$@"
  fi
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

# One script so PostgreSQL's throw-away server lives for seed, serve and
# the measurements alike.
cat >"$work/steps.sh" <<'STEPS'
set -euo pipefail
work=$1; port=$2; communities=$3; matters=$4; seconds=$5
base="http://127.0.0.1:$port"
db_file=${LINLI_DATABASE_URL#sqlite:}
seeded_mark=${LINLI_PG_KEEP:+$LINLI_PG_KEEP.seeded}
if [ "$db_file" != "$LINLI_DATABASE_URL" ] && [ -s "$db_file" ]; then
  echo "== reusing the seeded database $db_file"
elif [ -n "$seeded_mark" ] && [ -e "$seeded_mark" ]; then
  echo "== reusing the seeded PostgreSQL in $LINLI_PG_KEEP"
else
  echo "== seed: $communities communities, $matters matters ($LINLI_DATABASE_URL)" | sed 's#://[^@]*@#://…@#'
  /usr/bin/time -f "seed took %e s, peak memory %M KiB" target/release/linli seed --scale "$communities" --matters "$matters" 2>&1 \
    | grep -E "matters loaded|city loaded|seed took" | sed 's/\x1b\[[0-9;]*m//g'
  [ -z "$seeded_mark" ] || touch "$seeded_mark"
fi

LINLI_SITE_ROOT=target/site LINLI_ADDR="127.0.0.1:$port" LINLI_LOG=warn LINLI_API_RATE_LIMIT=100000000 \
  LINLI_DATA_DIR="$work/data" target/release/linli serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 300); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

# Searches look in a street other than the one the submissions file into:
# a kept database would otherwise fill it with earlier runs' reports.
street=$(curl -s "$base/api/v1/communities?limit=100" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][-1]["code"][:9])')
grid=$(curl -s "$base/api/v1/communities?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["code"] + "001")')
# A resident, for pages rendered for one person and for the submissions.
curl -s -o /dev/null -X POST -H "Origin: $base" \
  -d "display_name=Bench&login=bench@linli.invalid&password=bench-password-2026&confirm=bench-password-2026" "$base/account/sign-up"
cookie=$(curl -s -o /dev/null -D - -X POST -H "Origin: $base" -d "login=bench@linli.invalid&password=bench-password-2026" \
  "$base/account/sign-in" | grep -i '^set-cookie: linli_session=' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
# Visitors who are not signed in share rendered pages (the page cache); a
# signed-in resident's page is rendered for each request.
for path in "/matters?per=50" "/api/v1/matters?limit=50" "/matters?place=$street&q=%E8%B7%AF%E7%81%AF" "/matters?q=%E7%94%B5%E6%A2%AF%E5%81%9C"; do
  echo "== wrk -t2 -c64 -d${seconds}s --latency $path (not signed in)"
  wrk -t2 -c64 -d"${seconds}s" --latency "$base$path" | grep -E "Requests/sec|requests in|Non-2xx|^ +(50|99)%"
done
for path in "/matters?per=50" "/matters?place=$street&q=%E8%B7%AF%E7%81%AF" "/matters?q=%E8%B7%AF%E7%81%AF"; do
  echo "== wrk -t2 -c64 -d${seconds}s --latency $path (signed in: rendered each time)"
  wrk -t2 -c64 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$path" | grep -E "Requests/sec|requests in|Non-2xx|^ +(50|99)%"
done
# The rates page (issue 23): as visitors share it, then with every request
# for another street and month (none kept: each reads the monthly sums).
echo "== wrk -t2 -c64 -d${seconds}s --latency /accountability (not signed in)"
wrk -t2 -c64 -d"${seconds}s" --latency "$base/accountability" | grep -E "Requests/sec|requests in|Non-2xx|^ +(50|99)%"
curl -s "$base/api/v1/districts" | python3 -c '
import json, sys, urllib.request
base = sys.argv[1]
streets = [s["code"] for d in json.load(sys.stdin)
           for s in json.load(urllib.request.urlopen("{}/api/v1/districts/{}/streets".format(base, d["code"])))]
import time
print("local places = {" + ",".join(f"\"{c}\"" for c in streets) + "}")
now = time.gmtime(time.time() + 8 * 3600)
print(f"local year0, month0 = {now.tm_year}, {now.tm_mon}")
' "$base" >"$work/rates.lua"
cat >>"$work/rates.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  local place = places[(n % #places) + 1]
  local back = math.floor(n / #places) % 24
  local year, month = year0, month0 - back
  while month < 1 do month = month + 12; year = year - 1 end
  return wrk.format("GET", string.format("/accountability?place=%s&month=%04d-%02d", place, year, month))
end
LUA
echo "== wrk -t2 -c64 -d${seconds}s --latency /accountability?place=…&month=… (every street and month: rendered each time)"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/rates.lua" "$base" | grep -E "Requests/sec|requests in|Non-2xx|^ +(50|99)%"
# For comparison, the statistics page, which counts a place's matters on
# each request (the way figures were read before the monthly sums): one
# uncached request per district, timed.
for district in $(curl -s "$base/api/v1/districts" | python3 -c 'import json,sys; print(" ".join(d["code"] for d in json.load(sys.stdin)[:3]))'); do
  curl -s -o /dev/null -w "/matters/stats?place=$district: %{time_total} s\n" "$base/matters/stats?place=$district"
  curl -s -o /dev/null -w "/accountability?place=$district&month=2026-01: %{time_total} s\n" "$base/accountability?place=$district&month=2026-01"
done
token=$(curl -s -X POST -H "Cookie: $cookie" -H "Origin: $base" -H "Content-Type: application/json" \
  -d '{"name":"bench"}' "$base/api/v1/me/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
before=$(curl -s "$base/api/v1/matters?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
# A key unique to this run: a kept BENCH_DB already holds earlier runs'
# keys, and a repeated key files nothing (it answers with the first matter).
run_id=$(date +%s)
cat >"$work/report.lua" <<LUA
local n = 0
local thread_id = 0
setup = function(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  n = n + 1
  local body = string.format('{"grid":"$grid","category":"road_lighting","title":"路灯不亮 %d","description":"门口的路灯坏了，晚上看不清台阶。","key":"bench-$run_id-%d-%010d"}', n, tid, n)
  return wrk.format("POST", "/api/v1/communities/${grid:0:17}/matters", {["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json"}, body)
end
LUA
echo "== submissions: wrk -t2 -c64 -d${seconds}s POST /api/v1/communities/…/matters"
wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/report.lua" "$base" | grep -E "Requests/sec|requests in|Non-2xx|^ +(50|99)%"
after=$(curl -s "$base/api/v1/matters?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
echo "matters filed: $((after - before)) in ${seconds} s = $(( (after - before) / seconds ))/s"
echo "\"database is locked\" in the server log: $(grep -c 'database is locked' "$work/server.log" || true)"
echo "errors in the server log: $(grep -c ' ERROR ' "$work/server.log" || true)"
STEPS

run bash "$work/steps.sh" "$work" "$port" "$communities" "$matters" "$seconds"
