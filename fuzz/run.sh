#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer coverage instrumentation on a
# stable toolchain (the same -C flags cargo-fuzz passes, minus the
# sanitizer, which needs nightly) and runs each for SECONDS (default 60).
# Seeds: the repository's fixtures, plus the shared lists when CORDON_DATA
# is set (read in place, never copied into the repository).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ofac_csv ofac_remarks file_names loaders)
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
host="$(rustc -vV | sed -n "s/^host: //p")"
# An explicit --target keeps the instrumentation off build scripts and proc macros.
cargo build --release --bins --target "$host" --target-dir target/instrumented
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  seeds=()
  case "$t" in
    ofac_csv|ofac_remarks) seeds+=(../data/sample ../crates/cordon-lists/tests/data/basic) ;;
    loaders) seeds+=(../crates/cordon-lists/tests/data) ;;
  esac
  echo "== $t (${secs}s)"
  "target/instrumented/$host/release/$t" "corpus/$t" "${seeds[@]}" -max_total_time="$secs" \
    -max_len=65536 -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" -print_final_stats=1 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::peak_rss|Done|ERROR|panicked|deadly" || true
done
