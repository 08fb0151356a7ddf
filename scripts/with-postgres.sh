#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server: its own data directory
# in a temporary folder, listening only on loopback, run as a non-root user,
# and stopped (and deleted) when the command ends. The command sees the
# server's URL in LINLI_TEST_POSTGRES_URL. LINLI_PG_OPTIONS adds server
# settings ("-c shared_buffers=2GB ..."), for the benchmarks.
set -euo pipefail

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PGBIN/initdb" ] || { echo "with-postgres: PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; }

port=${LINLI_TEST_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
work=$(mktemp -d /tmp/linli-pg.XXXXXX)
chmod 755 "$work"

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown -R postgres "$work"
    [ -z "${LINLI_PG_KEEP:-}" ] || { mkdir -p "$LINLI_PG_KEEP"; chown -R postgres "$LINLI_PG_KEEP"; }
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# LINLI_PG_KEEP names a data directory that outlives the run (the
# benchmarks seed ten million matters once); otherwise it is temporary.
data=${LINLI_PG_KEEP:-$work/data}

stop() {
  as_pg "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

if [ ! -s "$data/PG_VERSION" ]; then
  mkdir -p "$data" && chmod 700 "$data"
  as_pg "$PGBIN/initdb" -D "$data" -U linli --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; exit 1; }
fi
as_pg "$PGBIN/pg_ctl" -D "$data" -l "$work/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${LINLI_PG_OPTIONS:-}" \
  start >/dev/null || { cat "$work/server.log" >&2; exit 1; }

export LINLI_TEST_POSTGRES_URL="postgres://linli@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
