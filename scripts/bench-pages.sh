#!/usr/bin/env bash
# Requests per second and p99 of the public pages on the demo city, signed
# in (a resident) and as a visitor, with wrk at 64 connections on loopback,
# and the instance's peak memory (RSS) under that load. Targets (issue 22):
# signed in ≥ 10,000 req/s with p99 ≤ 25 ms; visitors ≥ 25,000 req/s with
# p99 ≤ 10 ms; RSS ≤ 150 MB.
# Usage: scripts/bench-pages.sh [sqlite|postgres]   (default sqlite)
# Env: BEFORE=dir (an older build: dir/linli and dir/site) is measured
#      right after this build, in the same run, on a database of its own
#      seeded with the same demo city (its schema may be older);
#      BENCH_SECONDS per page (8).
set -euo pipefail
cd "$(dirname "$0")/.."

engine=${1:-sqlite}
seconds=${BENCH_SECONDS:-8}
[ -x target/release/linli ] || { echo "bench: run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || { echo "bench: install Debian's wrk ('make bench' does)" >&2; exit 1; }

work=$(mktemp -d /tmp/linli-bench-pages.XXXXXX)
trap 'rm -rf "$work"' EXIT

builds="$PWD/target/release/linli=$PWD/target/site"
[ -z "${BEFORE:-}" ] || builds="$builds $(cd "$BEFORE" && pwd)/linli=$(cd "$BEFORE" && pwd)/site"

cat >"$work/steps.sh" <<'STEPS'
set -euo pipefail
work=$1; seconds=$2; shift 2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
n=0
for build in "$@"; do
  n=$((n + 1))
  bin=${build%%=*}; site=${build#*=}
  # Each build seeds the same demo city into a database of its own.
  case "$LINLI_DATABASE_URL" in
    postgres*)
      url="${LINLI_DATABASE_URL%/*}/bench_$n"
      psql -q "$LINLI_DATABASE_URL" -c "CREATE DATABASE bench_$n" >/dev/null ;;
    *) url="sqlite:$work/linli-$n.db" ;;
  esac
  LINLI_DATABASE_URL="$url" LINLI_SITE_ROOT="$site" LINLI_ADDR="127.0.0.1:$port" LINLI_LOG=warn \
    LINLI_DATA_DIR="$work/data-$n" "$bin" serve --seed-demo >"$work/server-$n.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  cookie=$(curl -s -o /dev/null -D - -X POST -H "Origin: $base" -d "login=resident@linli.demo&password=linli-demo-2026" \
    "$base/account/sign-in" | { grep -i '^set-cookie: linli_session=' || true; } | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
  if [ -z "$cookie" ]; then
    echo "bench: $bin did not start or sign in; its log:" >&2
    tail -20 "$work/server-$n.log" >&2
    exit 1
  fi
  community=$(curl -s "$base/api/v1/communities?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["code"])')
  # /deliberations/2 is the demo's open consultation, with its opinion map.
  measure() {
    local who=$1 path=$2; shift 2
    local out rps p99 non2xx
    out=$(wrk -t2 -c64 -d"${seconds}s" --latency -H "Accept: text/html" "$@" "$base$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$who" "$path" "$rps" "$p99${non2xx:+ ($non2xx non-2xx)}" >>"$work/results.tsv"
  }
  for path in "/matters?per=50" "/deliberations/2" "/projects" "/needs" "/communities/$community"; do
    measure "signed in" "$path" -H "Cookie: $cookie"
  done
  for path in "/" "/matters?per=50" "/matters/1" "/deliberations" "/deliberations/2" "/projects" "/projects/1" \
    "/needs" "/resources" "/responsibilities" "/organisations" "/communities" "/communities/$community" "/matters/stats?place=$community"; do
    measure "visitor" "$path"
  done
  rss=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status")
  printf '%s\tpeak RSS\t(after the load above)\t%s\t\n' "$n" "$rss" >>"$work/results.tsv"
  kill "$server"; wait "$server" 2>/dev/null || true
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
  PATH="$PATH:$psql_dir" scripts/with-postgres.sh bash -c 'LINLI_DATABASE_URL=$LINLI_TEST_POSTGRES_URL exec bash "$@"' _ \
    "$work/steps.sh" "$work" "$seconds" $builds
else
  LINLI_DATABASE_URL="sqlite:$work/linli.db" bash "$work/steps.sh" "$work" "$seconds" $builds
fi
