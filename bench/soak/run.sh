#!/usr/bin/env bash
# Soak test of `cordon serve` on loopback: steady load for DURATION seconds
# (default 600) with a reload every RELOAD_EVERY seconds (default 60) and
# the audit trail on (SQLite in a temp dir).
#
#   bench/soak/run.sh [CORDON_BINARY] [LIST_FOLDER]
#
# Load: wrk (Debian package `wrk`) with CONNECTIONS connections (default 4)
# on one thread, each waiting DELAY_MS (default 20) between its requests
# (about CONNECTIONS * 1000 / DELAY_MS requests/s when answers are fast:
# steady, not as much as the server takes, so the audit trail stays a few
# hundred MB), POST /match/default with one query per request
# (bench/load/match.lua: a fixed mix of listed and unlisted names). Reloads: POST
# /admin/reload, each must answer 200. Every SAMPLE_EVERY seconds (default
# 5) the server's RSS is sampled from /proc. At the end: the audit trail
# must hold one record per answered query.
#
# Prints, and writes to REPORT (default bench/soak/results/<UTC date>.md):
# RSS over time (first sample after the first reload, last, maximum, and
# the change over the second half, which must stay flat), errors (wrk
# socket errors and non-2xx answers, failed reloads: all must be 0),
# latency percentiles, requests, and audit records. Exits 1 when an error
# was counted or the audit trail misses answered queries.
#
# It runs on the machine that builds and tests: start it with `nice` on a
# shared machine, and read latencies as a floor for a dedicated server.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../../target/release/cordon}"
lists="${2:-${CORDON_DATA:?set CORDON_DATA or give a list folder}/lists/ofac_sdn/2024-05-03}"
duration="${DURATION:-600}"
reload_every="${RELOAD_EVERY:-60}"
sample_every="${SAMPLE_EVERY:-5}"
conns="${CONNECTIONS:-4}"
export CORDON_LOAD_DELAY_MS="${DELAY_MS:-20}" CORDON_LOAD_QUERIES=1
report="${REPORT:-$here/results/$(date -u +%Y-%m-%d).md}"
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)"; exit 1; }
command -v curl >/dev/null || { echo "curl not installed"; exit 1; }
tmp="$(mktemp -d)"
pid=""; wrk_pid=""
cleanup() {
  [ -z "$wrk_pid" ] || kill "$wrk_pid" 2>/dev/null || true
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

RUST_LOG=warn "$bin" --data "$lists" --audit "$tmp/audit.sqlite" serve \
  --listen 127.0.0.1:0 --watch-interval 0 2> "$tmp/server.log" &
pid=$!
addr=""
for _ in $(seq 1 1200); do
  # The server prints its URL (`http://127.0.0.1:PORT`).
  addr="$(sed -n 's/^cordon: listening on //p' "$tmp/server.log")"
  [ -n "$addr" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$addr" ] || { cat "$tmp/server.log"; exit 1; }
echo "server $addr (pid $pid), list folder $lists"
echo "load: $conns connections, ${CORDON_LOAD_DELAY_MS} ms apart, for ${duration}s, reload every ${reload_every}s, RSS every ${sample_every}s"

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

wrk -t1 -c"$conns" -d"${duration}s" --timeout 30s --latency -s "$here/../load/match.lua" "$addr" \
  > "$tmp/wrk.out" 2>&1 &
wrk_pid=$!

start=$(date +%s)
echo "seconds,rss_kib" > "$tmp/rss.csv"
reloads=0; reload_failures=0; next_reload=$reload_every
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep "$sample_every"
  now=$(( $(date +%s) - start ))
  kill -0 "$pid" 2>/dev/null || { echo "the server died"; cat "$tmp/server.log"; exit 1; }
  echo "$now,$(rss_kib)" >> "$tmp/rss.csv"
  if [ "$now" -ge "$next_reload" ] && [ "$now" -lt "$duration" ]; then
    code=$(curl -s -o "$tmp/reload.json" -w '%{http_code}' -X POST "$addr/admin/reload" || echo 000)
    reloads=$((reloads + 1))
    if [ "$code" != 200 ]; then
      reload_failures=$((reload_failures + 1))
      echo "reload $reloads at ${now}s: HTTP $code $(head -c 300 "$tmp/reload.json")"
    fi
    next_reload=$((next_reload + reload_every))
  fi
done
wait "$wrk_pid" || true
wrk_pid=""
# Let the audit writer commit what was answered, then stop the server.
sleep 2
peak=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
kill -TERM "$pid"; wait "$pid" || true
pid=""
audit=$("$bin" audit --db "$tmp/audit.sqlite" --count 2>/dev/null || echo "?")

result=$(grep '^RESULT' "$tmp/wrk.out" || true)
[ -n "$result" ] || { cat "$tmp/wrk.out"; exit 1; }
get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$result"; }
requests=$(get requests); non2xx=$(get non2xx); errors=$(( $(get errors) - non2xx ))

# RSS: after the first reload (the first snapshot swap allocates the second
# index), and the change over the second half of the run.
rss_summary=$(awk -F, -v first="$reload_every" -v half="$((duration / 2))" '
  NR == 1 { next }
  { last = $2; if ($2 > max) max = $2 }
  $1 >= first && !a { a = $2 }
  $1 >= half && !h { h = $2 }
  END { printf "after_first_reload=%d last=%d max=%d second_half_change=%+d", a / 1024, last / 1024, max / 1024, (last - h) / 1024 }
' "$tmp/rss.csv")

mkdir -p "$(dirname "$report")"
{
  echo "# Soak test, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "\`bench/soak/run.sh\` with DURATION=$duration RELOAD_EVERY=$reload_every CONNECTIONS=$conns DELAY_MS=$CORDON_LOAD_DELAY_MS;"
  echo "binary \`$bin\`, lists \`$lists\`, audit trail on (SQLite), on $(nproc) cores shared with other work."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| requests answered | $requests |"
  echo "| errors (socket errors + timeouts) | $errors |"
  echo "| non-2xx answers | $non2xx |"
  echo "| reloads (failed) | $reloads ($reload_failures) |"
  echo "| audit records | $audit |"
  echo "| latency p50 / p90 / p99 / p99.9 / max (ms) | $(get p50_ms) / $(get p90_ms) / $(get p99_ms) / $(get p999_ms) / $(get max_ms) |"
  echo "| requests/s | $(get rps) |"
  echo "| RSS MiB ($rss_summary) | peak $((peak / 1024)) |"
  echo
  echo "RSS over time (seconds, KiB):"
  echo
  echo '```'
  cat "$tmp/rss.csv"
  echo '```'
} > "$report"
cat "$report"

status=0
[ "$errors" = 0 ] && [ "$non2xx" = 0 ] && [ "$reload_failures" = 0 ] || status=1
# Requests still in flight when wrk stopped may be answered and audited
# without being counted by wrk, so the trail holds at least `requests`.
if [ "$audit" = "?" ] || [ "$audit" -lt "$requests" ]; then
  echo "audit trail holds $audit records for $requests answered queries"; status=1
fi
exit $status
