#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) and prints executions and coverage.
#
#   scripts/fuzz.sh 600            # every target, 10 minutes each, one after another
#   scripts/fuzz.sh 60 PipelineFuzz
#
# Targets live in scripts/fuzz/ (a separate package that depends on this one by path, so the
# root `swift build`/`swift test` never need the fuzzer runtime). They are built with
# `--sanitize=fuzzer --sanitize=address` into .build-fuzz/. The seed corpus is the committed
# Tests/Fixtures/fuzz-seeds/; what libFuzzer adds goes to .build-fuzz/corpus/<target>/ and is
# kept between runs. A crash, leak, timeout or out-of-memory input is written to
# .build-fuzz/artifacts/<target>/ and the script exits non-zero; turn each into a regression
# test before fixing it. Runs under `nice -n 10` so other work on the machine is not starved.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(PipelineFuzz DecodeFuzz)
SCRATCH="$ROOT/.build-fuzz"
SEEDS="$ROOT/Tests/Fixtures/fuzz-seeds"

# swiftc keeps only the last -sanitize= flag it is given, and SwiftPM passes two, so Swift code
# would get ASan but no coverage counters; the combined flag, appended last, gives it both.
FLAGS=(--sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)

echo "== building fuzz targets (${TARGETS[*]}) into $SCRATCH" >&2
(cd "$ROOT/scripts/fuzz" && nice -n 10 swift build "${FLAGS[@]}" --scratch-path "$SCRATCH" >&2)
BIN=$(cd "$ROOT/scripts/fuzz" && swift build "${FLAGS[@]}" --scratch-path "$SCRATCH" --show-bin-path)

status=0
for target in "${TARGETS[@]}"; do
    corpus="$SCRATCH/corpus/$target"
    artifacts="$SCRATCH/artifacts/$target"
    log="$SCRATCH/logs/$target-$(date +%Y%m%d-%H%M%S).log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    echo "== $target for ${SECONDS_EACH}s (log: $log)" >&2
    # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: a leak or an allocation
    # the pixel limit should have refused; -max_len: room for small real images.
    set +e
    nice -n 10 "$BIN/$target" "$corpus" "$SEEDS" -max_total_time="$SECONDS_EACH" \
        -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" >"$log" 2>&1
    rc=$?
    set -e
    done_line=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    cov=$(echo "$done_line" | grep -oE 'cov: [0-9]+' || true)
    ft=$(echo "$done_line" | grep -oE 'ft: [0-9]+' || true)
    corp=$(echo "$done_line" | grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' || true)
    echo "$target: ${SECONDS_EACH}s, ${execs:-?} executions (${rate:-?}/s), $cov, $ft, $corp, peak RSS ${rss:-?} MB, exit $rc"
    if [ $rc -ne 0 ]; then
        status=1
        echo "$target FAILED; artifacts in $artifacts:" >&2
        ls -la "$artifacts" >&2
        grep -E 'ERROR|SUMMARY|Fatal error|Assertion' "$log" | head -20 >&2 || true
    fi
done
exit $status
