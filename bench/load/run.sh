#!/usr/bin/env bash
# Load test of `cordon serve` on loopback with wrk (Debian package `wrk`).
#
#   bench/load/run.sh [CORDON_BINARY] [LIST_FOLDER]
#
# Starts the server on a free port over LIST_FOLDER (default: the
# 2024-05-03 SDN under $CORDON_DATA), then runs POST /match/default with
# 1 query and with 20 queries per request, for DURATION seconds each
# (default 20) with CONNECTIONS connections (default 32) on 1 wrk thread,
# once without and once with the audit trail (SQLite in a temp dir).
# Prints one RESULT line per run and the server's peak RSS. wrk runs on
# the same machine and takes CPU from the server: on 2 cores the figures
# are a floor for what a dedicated server does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../target/release/cordon}"
lists="${2:-${CORDON_DATA:?set CORDON_DATA or give a list folder}/lists/ofac_sdn/2024-05-03}"
duration="${DURATION:-20}"
conns="${CONNECTIONS:-32}"
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)"; exit 1; }
tmp="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

start() {
  RUST_LOG=warn "$bin" --data "$lists" "$@" serve --listen 127.0.0.1:0 --watch-interval 0 \
    2> "$tmp/server.log" &
  pid=$!
  for _ in $(seq 1 600); do
    addr="$(sed -n 's/^cordon: listening on //p' "$tmp/server.log")"
    [ -n "$addr" ] && break
    sleep 0.1
  done
  [ -n "$addr" ] || { cat "$tmp/server.log"; exit 1; }
}

stop() {
  echo "peak RSS: $(grep VmHWM /proc/$pid/status | awk '{print $2/1024 " MiB"}')"
  kill -TERM "$pid"; wait "$pid" || true
}

for audit in off on; do
  if [ "$audit" = off ]; then start --no-audit; else start --audit "$tmp/audit.sqlite"; fi
  echo "== audit $audit, server $addr"
  # Warm-up.
  wrk -t1 -c4 -d2s -s "$here/match.lua" "$addr" >/dev/null
  for q in 1 20; do
    CORDON_LOAD_QUERIES=$q wrk -t1 -c"$conns" -d"${duration}s" --latency \
      -s "$here/match.lua" "$addr" | grep '^RESULT'
  done
  stop
  if [ "$audit" = on ]; then
    echo "audit records: $("$bin" audit --db "$tmp/audit.sqlite" --count)"
  fi
done
