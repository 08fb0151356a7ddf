#!/usr/bin/env bash
# Requests per second and p99 of the public pages on the demo city, signed
# in (a resident) and as a visitor, with wrk at 64 connections on loopback,
# and the instance's peak memory (RSS) under that load. Targets (issue 22):
# signed in ≥ 10,000 req/s with p99 ≤ 25 ms; visitors ≥ 25,000 req/s with
# p99 ≤ 10 ms; RSS ≤ 150 MB.
# Usage: scripts/bench-pages.sh [sqlite|postgres]   (default sqlite)
# Env: BEFORE=dir (an older build: dir/linli and dir/site) is measured
#      just before this build, in the same run, on a database of its own
#      seeded with the same demo city (its schema may be older);
#      BENCH_SECONDS per page (8);
#      BENCH_MATTERS=N: the demo city with N matters instead of its 3,000
#      (`linli seed --demo --matters N`, issue 22's ten million), in a kept
#      database seeded once and reused: BENCH_DB (SQLite file) or
#      BENCH_PGDATA (PostgreSQL data directory). With BEFORE both builds
#      read that one database: the older goes first, since once this build
#      has added its migrations the older refuses to start.
set -euo pipefail
cd "$(dirname "$0")/.."

engine=${1:-sqlite}
seconds=${BENCH_SECONDS:-8}
[ -x target/release/linli ] || { echo "bench: run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || { echo "bench: install Debian's wrk ('make bench' does)" >&2; exit 1; }

work=$(mktemp -d /tmp/linli-bench-pages.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Column n of the table is build n (1 this one, 2 the one before), listed
# in the order they run.
builds="1=$PWD/target/release/linli=$PWD/target/site"
[ -z "${BEFORE:-}" ] || builds="2=$(cd "$BEFORE" && pwd)/linli=$(cd "$BEFORE" && pwd)/site $builds"
if [ -n "${BENCH_MATTERS:-}" ]; then
  kept=${BENCH_DB:-${BENCH_PGDATA:-}}
  [ -n "$kept" ] || { echo "bench: BENCH_MATTERS needs BENCH_DB (sqlite) or BENCH_PGDATA (postgres)" >&2; exit 1; }
  export BENCH_MATTERS BENCH_SEEDED_MARK="$kept.seeded"
fi

cat >"$work/steps.sh" <<'STEPS'
set -euo pipefail
work=$1; seconds=$2; shift 2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
for build in "$@"; do
  n=${build%%=*}; build=${build#*=}
  bin=${build%%=*}; site=${build#*=}
  # Each build seeds the same demo city into a database of its own; the
  # large city is seeded once into the kept database.
  case "${BENCH_MATTERS:+kept}$LINLI_DATABASE_URL" in
    kept*)
      url=$LINLI_DATABASE_URL
      if [ -e "$BENCH_SEEDED_MARK" ]; then
        echo "== reusing the demo city with $BENCH_MATTERS matters (seeded before)"
      else
        echo "== seeding the demo city with $BENCH_MATTERS matters"
        LINLI_DATABASE_URL="$url" /usr/bin/time -f "seed took %e s, peak memory %M KiB" "$bin" seed --demo --matters "$BENCH_MATTERS" 2>&1 \
          | grep -E "matters loaded|city loaded|seed took|rror" | sed 's/\x1b\[[0-9;]*m//g'
        touch "$BENCH_SEEDED_MARK"
      fi ;;
    postgres*)
      url="${LINLI_DATABASE_URL%/*}/bench_$n"
      psql -q "$LINLI_DATABASE_URL" -c "CREATE DATABASE bench_$n" >/dev/null ;;
    *) url="sqlite:$work/linli-$n.db" ;;
  esac
  LINLI_DATABASE_URL="$url" LINLI_SITE_ROOT="$site" LINLI_ADDR="127.0.0.1:$port" LINLI_LOG=warn \
    LINLI_DATA_DIR="$work/data-$n" "$bin" serve --seed-demo >"$work/server-$n.log" 2>&1 &
  server=$!
  # A new index on a large city's kept database takes minutes to build.
  started=$SECONDS
  for _ in $(seq 1 3000); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  echo "== build $n ready after $((SECONDS - started)) s (migrations and start)"
  cookie=$(curl -s -o /dev/null -D - -X POST -H "Origin: $base" -d "login=resident@linli.demo&password=linli-demo-2026" \
    "$base/account/sign-in" | { grep -i '^set-cookie: linli_session=' || true; } | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
  if [ -z "$cookie" ]; then
    echo "bench: $bin did not start or sign in; its log:" >&2
    tail -20 "$work/server-$n.log" >&2
    exit 1
  fi
  # The instance's own memory at its highest (RssAnon, sampled ten times a
  # second): VmHWM also counts the pages of a database file SQLite maps
  # in, which are the kernel's cache, shared and dropped under pressure.
  ( peak=0; while kill -0 "$server" 2>/dev/null; do
      now=$(awk '/RssAnon/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
      [ "${now:-0}" -le "$peak" ] || { peak=$now; echo "$peak" >"$work/heap-peak-$n"; }
      sleep 0.1
    done ) &
  sampler=$!
  community=$(curl -s "$base/api/v1/communities?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["code"])')
  # /deliberations/2 is the demo's open consultation, with its opinion map.
  measure() {
    # $shown names a page whose addresses a script makes.
    local who=$1 path=$2 label=${shown:-$2}; shift 2
    local out rps p99 non2xx
    out=$(wrk -t2 -c64 -d"${seconds}s" --latency -H "Accept: text/html" "$@" "$base$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$who" "$label" "$rps" "$p99${non2xx:+ ($non2xx non-2xx)}" >>"$work/results.tsv"
  }
  # A search word in one street, as a resident types it: the same page
  # again (kept for everyone signed in with the same roles), then every
  # request another street and word at a new address (never kept, so each
  # is searched and rendered); and a street's list without a word, every
  # request another street at a new address.
  streets=$(curl -s "$base/api/v1/districts" | python3 -c '
import json, sys, urllib.request
base = sys.argv[1]
print(" ".join(s["code"] for d in json.load(sys.stdin)
      for s in json.load(urllib.request.urlopen(base + "/api/v1/districts/" + d["code"] + "/streets"))))' "$base")
  street=${streets%% *}
  search="/matters?place=$street&q=%E8%B7%AF%E7%81%AF"
  # $1: the words' Lua table; an empty word lists the street.
  street_script() {
    echo "local streets = {\"${streets// /\",\"}\"}"
    echo "local words = $1"
    cat <<'LUA'
-- Each of wrk's threads has its own counter: the thread's number keeps
-- their addresses apart.
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("tid", threads) end
local n = 0
request = function()
  n = n + 1
  local street = streets[(n % #streets) + 1]
  local word = words[(math.floor(n / #streets) % #words) + 1]
  return wrk.format("GET", string.format("/matters?place=%s&q=%s&n=%d-%d", street, word, tid, n))
end
LUA
  }
  # 路灯 漏水 垃圾 噪音 井盖 充电 瓷砖 草坪, percent-encoded
  street_script '{"%E8%B7%AF%E7%81%AF", "%E6%BC%8F%E6%B0%B4", "%E5%9E%83%E5%9C%BE", "%E5%99%AA%E9%9F%B3",
    "%E4%BA%95%E7%9B%96", "%E5%85%85%E7%94%B5", "%E7%93%B7%E7%A0%96", "%E8%8D%89%E5%9D%AA"}' >"$work/search.lua"
  street_script '{""}' >"$work/street.lua"
  # A short untimed load first, so the first row does not pay for a cold
  # instance (its pools, the database's pages, the first renders).
  wrk -t2 -c64 -d2s -H "Accept: text/html" -H "Cookie: $cookie" "$base/matters?per=50" >/dev/null
  for path in "/matters?per=50" "/deliberations/2" "/projects" "/needs" "/communities/$community" "$search"; do
    measure "signed in" "$path" -H "Cookie: $cookie"
  done
  shown="/matters?place=…&q=… (every request another street and word, never kept)" \
    measure "signed in" "/" -H "Cookie: $cookie" -s "$work/search.lua"
  shown="/matters?place=… (every request another street, never kept)" \
    measure "signed in" "/" -H "Cookie: $cookie" -s "$work/street.lua"
  for path in "/" "/matters?per=50" "/matters/1" "/deliberations" "/deliberations/2" "/projects" "/projects/1" \
    "/needs" "/resources" "/responsibilities" "/organisations" "/communities" "/communities/$community" "/matters/stats?place=$community" \
    "$search"; do
    measure "visitor" "$path"
  done
  # The peak, and what the instance holds now: its own memory (heap)
  # apart from the database file SQLite maps in, which the kernel may drop.
  rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status")
  held=$(awk '/RssAnon/ {a = $2} /RssFile/ {f = $2} END {printf "heap %.0f MB, mapped files %.0f MB", a / 1024, f / 1024}' "/proc/$server/status")
  printf '%s\tpeak RSS\t(after the load above)\t%s\t\n' "$n" "$rss" >>"$work/results.tsv"
  printf '%s\tpeak heap\t(RssAnon, sampled every 0.1 s)\t%s\t\n' "$n" "$(awk '{printf "%.0f MB", $1 / 1024}' "$work/heap-peak-$n")" >>"$work/results.tsv"
  printf '%s\tRSS now\t(after the load above)\t%s\t\n' "$n" "$held" >>"$work/results.tsv"
  # Statements the database took over a second for (sqlx warns of each):
  # a page's or a background task's, such as the deadline watch's.
  slow=$(grep -c "slow statement" "$work/server-$n.log" || true)
  printf '%s\tslow statements\t(logged during the load, over 1 s)\t%s\t\n' "$n" "$slow" >>"$work/results.tsv"
  kill "$server"; wait "$server" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
done
python3 - "$work/results.tsv" "$#" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
builds = int(sys.argv[2])
keys = []
by = {}
for n, who, path, rps, p99 in rows:
    k = (who, path)
    if k not in keys:
        keys.append(k)
    by[(n, k)] = (rps, p99)
head = "| who | page | req/s | p99 |" + (" before req/s | before p99 |" if builds > 1 else "")
print(head)
print("|---|---|---|---|" + ("---|---|" if builds > 1 else ""))
for k in keys:
    cells = [k[0], f"`{k[1]}`"]
    for n in range(1, builds + 1):
        rps, p99 = by.get((str(n), k), ("", ""))
        try:
            rps = f"{float(rps):,.0f}"
        except ValueError:
            pass
        cells += [rps, p99]
    print("| " + " | ".join(cells) + " |")
PY
STEPS

echo "== pages on $engine, wrk -t2 -c64 -d${seconds}s each${BEFORE:+; before = $BEFORE}"
if [ "$engine" = postgres ]; then
  # psql comes with the server, outside PATH on Debian.
  psql_dir=$(dirname "$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1)")
  # The large city's cluster is kept and sized for it.
  . scripts/bench-pg-options.sh
  PATH="$PATH:$psql_dir" LINLI_PG_KEEP=${BENCH_MATTERS:+${BENCH_PGDATA:-}} \
    LINLI_PG_OPTIONS=${BENCH_MATTERS:+$BENCH_PG_OPTIONS} \
    scripts/with-postgres.sh bash -c 'LINLI_DATABASE_URL=$LINLI_TEST_POSTGRES_URL exec bash "$@"' _ \
    "$work/steps.sh" "$work" "$seconds" $builds
else
  LINLI_DATABASE_URL="sqlite:${BENCH_DB:-$work/linli.db}" bash "$work/steps.sh" "$work" "$seconds" $builds
fi
