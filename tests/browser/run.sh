#!/usr/bin/env bash
# Browser test of the analyst web page: starts `cordon serve` on the OFAC SDN
# list of 2024-05-03 (four times: without API keys, with a key, with
# monitoring and two reviewer keys for the alert review, and with ownership
# data), runs
# `node --test web.test.mjs` in Debian's chromium through playwright-core,
# and always stops the servers. Builds nothing.
#
#   tests/browser/run.sh [CORDON_BINARY]     (default target/release/cordon)
#
# Needs: CORDON_DATA (skips with exit 0 when unset), node >= 20, `npm ci`
# done in tests/browser, and chromium (/usr/bin/chromium or $CHROMIUM).
# Screenshots go to tests/browser/screenshots/ (or $SCREENSHOT_DIR).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-$root/target/release/cordon}"

if [ -z "${CORDON_DATA:-}" ]; then
  echo "browser test skipped: CORDON_DATA is not set (it needs \$CORDON_DATA/lists/ofac_sdn/2024-05-03)"
  exit 0
fi
data="$CORDON_DATA/lists/ofac_sdn/2024-05-03"
[ -d "$data" ] || { echo "browser test: CORDON_DATA is set but $data is missing" >&2; exit 1; }
[ -x "$bin" ] || { echo "browser test: no cordon binary at $bin (cargo build --release -p cordon)" >&2; exit 1; }
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "browser test: no chromium at $chromium (apt-get install -y chromium)" >&2; exit 1; }
[ -d "$here/node_modules/playwright-core" ] || { echo "browser test: run 'npm ci' in $here first" >&2; exit 1; }

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

logs="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap cleanup EXIT INT TERM

# start NAME PORT [ENV=VALUE...]: one server in the background.
start() {
  local name="$1" port="$2"
  shift 2
  env "$@" "$bin" --data "$data" --no-audit serve --listen "127.0.0.1:$port" >"$logs/$name.log" 2>&1 &
  pids+=("$!")
}

# wait_ready NAME PORT PID: until /readyz answers 200 (at most 60 s).
wait_ready() {
  local name="$1" port="$2" pid="$3"
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "browser test: the $name server exited; its log:" >&2
      cat "$logs/$name.log" >&2
      return 1
    fi
    sleep 0.25
  done
  echo "browser test: the $name server on port $port was not ready in 60 s; its log:" >&2
  cat "$logs/$name.log" >&2
  return 1
}

key="browser-test-key-$RANDOM$RANDOM$RANDOM"
hash_line="$(printf '%s\n' "$key" | "$bin" api-key web --stdin)"

port="$(free_port)"
start open "$port"
open_pid="${pids[-1]}"
keyed_port="$(free_port)"
while [ "$keyed_port" = "$port" ]; do keyed_port="$(free_port)"; done
start keyed "$keyed_port" "CORDON_API_KEYS=$hash_line"
keyed_pid="${pids[-1]}"
mon_port="$(free_port)"
while [ "$mon_port" = "$port" ] || [ "$mon_port" = "$keyed_port" ]; do mon_port="$(free_port)"; done
alice_key="browser-alice-$RANDOM$RANDOM$RANDOM"
bob_key="browser-bob-$RANDOM$RANDOM$RANDOM"
ops_key="browser-ops-$RANDOM$RANDOM$RANDOM"
mon_keys="$(printf '%s\n' "$alice_key" | "$bin" api-key alice --stdin --role screening --role reviewer)
$(printf '%s\n' "$bob_key" | "$bin" api-key bob --stdin --role screening --role reviewer)
$(printf '%s\n' "$ops_key" | "$bin" api-key ops --stdin --role screening --role admin)"
CORDON_API_KEYS="$mon_keys" "$bin" --data "$data" --no-audit --monitor-db "$logs/monitor.sqlite" \
  serve --monitor --listen "127.0.0.1:$mon_port" >"$logs/monitor.log" 2>&1 &
pids+=("$!")
mon_pid="${pids[-1]}"
# The same list with the invented ownership data of the CLI's tests: Volga
# Composites LLC is captured under the OFAC 50% rule through Kama Drone Parts.
own_port="$(free_port)"
while [ "$own_port" = "$port" ] || [ "$own_port" = "$keyed_port" ] || [ "$own_port" = "$mon_port" ]; do own_port="$(free_port)"; done
"$bin" --data "$data" --no-audit --ownership "$root/crates/cordon/tests/data/ownership/ownership_kama.csv" \
  serve --listen "127.0.0.1:$own_port" >"$logs/ownership.log" 2>&1 &
pids+=("$!")
own_pid="${pids[-1]}"
wait_ready open "$port" "$open_pid"
wait_ready ownership "$own_port" "$own_pid"
wait_ready keyed "$keyed_port" "$keyed_pid"
wait_ready monitor "$mon_port" "$mon_pid"

export CORDON_URL="http://127.0.0.1:$port"
export CORDON_KEYED_URL="http://127.0.0.1:$keyed_port"
export CORDON_TEST_KEY="$key"
export CORDON_MONITOR_URL="http://127.0.0.1:$mon_port"
export CORDON_OWNERSHIP_URL="http://127.0.0.1:$own_port"
export CORDON_ALICE_KEY="$alice_key" CORDON_BOB_KEY="$bob_key" CORDON_OPS_KEY="$ops_key"
export CHROMIUM="$chromium"
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$here/screenshots}"

status=0
(cd "$here" && node --test --test-concurrency=1 --test-reporter=spec web.test.mjs) || status=$?
echo "browser test screenshots (CI artifact): $SCREENSHOT_DIR"
if [ "$status" -ne 0 ]; then
  for f in "$logs"/*.log; do echo "--- server log $(basename "$f")"; tail -n 50 "$f"; done
fi
exit "$status"
