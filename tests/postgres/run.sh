#!/usr/bin/env bash
# Runs the PostgreSQL tests of the audit trail and the monitoring store
# (every behaviour test of the store, and monitoring runs killed with
# SIGKILL on the real SDN files when CORDON_DATA is set) against a
# throwaway PostgreSQL
# server: a fresh cluster in a temporary folder, on a free loopback port,
# trust authentication, removed at exit. Needs Debian's `postgresql`
# package (initdb and pg_ctl under /usr/lib/postgresql/*/bin); as root it
# runs the server as the `postgres` user, which that package creates.
#
#   tests/postgres/run.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bindir/initdb" ] || { echo "postgres test: no initdb (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

tmp="$(mktemp -d)"
chmod 755 "$tmp"
mkdir "$tmp/data" "$tmp/sock"
[ "$(id -u)" = 0 ] && chown postgres "$tmp/data" "$tmp/sock"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cleanup() {
  as_pg "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

as_pg "$bindir/initdb" -D "$tmp/data" -A trust -U cordon >/dev/null
as_pg "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/sock/server.log" -w \
  -o "-p $port -k $tmp/sock -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null
as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U cordon cordon_test

export CORDON_TEST_POSTGRES_URL="postgres://cordon@127.0.0.1:$port/cordon_test"
echo "postgres test: server on port $port"
cargo test -p cordon-audit --features postgres --test tests -- postgres
# Each test makes a database of its own on the server and drops it.
cargo test -p cordon-monitor --features postgres --test tests -- on_postgres
cargo test -p cordon --features postgres --test monitor -- killed_runs_lose_nothing_on_postgres
# Two `cordon serve` replicas on one database (no CORDON_DATA needed).
cargo test -p cordon --features postgres --test replicas
