#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer coverage instrumentation on a
# stable toolchain (the same -C flags cargo-fuzz passes, minus the
# sanitizer, which needs nightly) and runs each for SECONDS (default 60),
# one after the other.
# Seeds: the repository's fixtures, plus the shared lists when CORDON_DATA
# is set (read in place, never copied into the repository).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
# A full run as the project asks for (30 minutes per target):
#   nice -n 19 fuzz/run.sh 1800
# Each target's last lines (executions, peak RSS, any crash) are also kept
# in fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"; shift || true
targets=("$@")
all=(ofac_csv ofac_remarks file_names un eu uk_fcdo uk_ofsi us_csl bis_dpl opensanctions
  ofac_sdn_xml ofac_advanced goods ownership)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
host="$(rustc -vV | sed -n "s/^host: //p")"
# An explicit --target keeps the instrumentation off build scripts and proc macros.
cargo build --release --bins --target "$host" --target-dir target/instrumented
fixtures=../crates/cordon-lists/tests/data
lists="${CORDON_DATA:+$CORDON_DATA/lists}"
mkdir -p logs
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  seeds=()
  case "$t" in
    ofac_csv|ofac_remarks) seeds+=(../data/sample "$fixtures/basic") ;;
    un) seeds+=("$fixtures/un") ;;
    eu) seeds+=("$fixtures/eu") ;;
    uk_fcdo|uk_ofsi) seeds+=("$fixtures/uk") ;;
    us_csl) seeds+=("$fixtures/us_csl") ;;
    ofac_sdn_xml|ofac_advanced) seeds+=("$fixtures/ofac_xml") ;;
    opensanctions)
      mkdir -p "corpus/$t.seeds"
      cp "$fixtures"/*.json "corpus/$t.seeds/" 2>/dev/null || true
      [ -z "$lists" ] || cp "$lists/opensanctions/t1.entities.ftm.json" "corpus/$t.seeds/" 2>/dev/null || true
      seeds+=("corpus/$t.seeds") ;;
    bis_dpl)
      [ -z "$lists" ] || seeds+=("$lists/us_csl") ;;
    ownership)
      # The first byte picks the parser (see fuzz_targets/ownership.rs).
      own=../crates/cordon-ownership/tests/data
      mkdir -p "corpus/$t.seeds"
      { printf '\x00'; cat "$own/kama.csv"; } > "corpus/$t.seeds/kama.csv"
      { printf '\x01'; cat "$own/kama.bods.json"; } > "corpus/$t.seeds/kama.bods.json"
      { printf '\x01'; cat "$own/kama.bods.jsonl"; } > "corpus/$t.seeds/kama.bods.jsonl"
      { printf '\x03'; cat ../crates/cordon-ownership/data/rules.toml; } > "corpus/$t.seeds/rules.toml"
      if [ -n "$lists" ] && [ -f "$lists/opensanctions/zala.entities.ftm.json" ]; then
        { printf '\x02'; head -c 60000 "$lists/opensanctions/zala.entities.ftm.json"; } > "corpus/$t.seeds/zala.ftm.json"
      fi
      seeds+=("corpus/$t.seeds") ;;
    goods)
      # The first byte picks the parser (see fuzz_targets/goods.rs).
      mkdir -p "corpus/$t.seeds"
      { printf '\x00'; head -c 20000 ../data/goods/hs_nomenclature_2022.csv; } > "corpus/$t.seeds/nomenclature"
      for f in ../data/goods/controls/*.csv; do
        { printf '\x01'; cat "$f"; } > "corpus/$t.seeds/control-$(basename "$f")"
      done
      { printf '\x02'; cat ../data/goods/route_rules.csv; } > "corpus/$t.seeds/route"
      { printf '\x03'; printf '%s' '{"parties":[{"name":"Alabuga Machinery","role":"consignee","country":"RU"}],"items":[{"hs_code":"8807.30","description":"drone parts"}],"route":{"origin":"DE","destination":"RU","transit":["AE"]}}'; } > "corpus/$t.seeds/shipment.json"
      { printf '\x04'; printf 'parties:\n  - name: ACME\n    role: end_user\n    country: DE\nitems:\n  - hs_code: "8542.31"\n'; } > "corpus/$t.seeds/shipment.yaml"
      { printf '\x05'; printf 'integrated circuits'; } > "corpus/$t.seeds/lookup"
      seeds+=("corpus/$t.seeds") ;;
  esac
  echo "== $t (${secs}s)"
  "target/instrumented/$host/release/$t" "corpus/$t" "${seeds[@]}" -max_total_time="$secs" \
    -max_len=65536 -rss_limit_mb=2048 -timeout=10 -artifact_prefix="artifacts/$t/" \
    -print_final_stats=1 >"logs/$t.log" 2>&1 || true
  grep -E "stat::number_of_executed_units|stat::peak_rss|Done|ERROR|panicked|deadly|timeout|SUMMARY" \
    "logs/$t.log" || true
done
# Any crash, timeout or out-of-memory input found is kept in artifacts/.
found=$(find artifacts -type f 2>/dev/null | sort)
if [ -n "$found" ]; then echo "findings:"; echo "$found"; exit 1; fi
