#!/usr/bin/env bash
# Stops the cluster scripts/ci/start-postgres.sh started.
set -uo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
dir=${SC_TEST_PG_DIR:-/tmp/sc-test-postgres}
[ -n "$bin" ] && [ -f "$dir/postmaster.pid" ] || exit 0
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null; else "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null; fi
rm -rf "$dir"
