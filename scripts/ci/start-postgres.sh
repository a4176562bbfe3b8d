#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the tests that need a real one (Obsrvr Flow) and prints its
# DSN on stdout. Usage: export SC_TEST_PG_DSN="$(bash scripts/ci/start-postgres.sh)"; stop it with
# scripts/ci/stop-postgres.sh. Needs Debian's postgresql package (`.ci/run` installs it); runs the server as the
# `postgres` user, since initdb refuses root. Data lives in a temporary folder, trust auth, loopback only.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "start-postgres: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
port=${SC_TEST_PG_PORT:-54329}
dir=${SC_TEST_PG_DIR:-/tmp/sc-test-postgres}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -f "$dir/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true; fi
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
as_pg "$bin/initdb" -D "$dir" -U postgres -A trust --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$dir" -w -l "$dir/server.log" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
echo "postgresql://postgres@127.0.0.1:$port/postgres"
