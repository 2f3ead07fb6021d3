#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer, then under UndefinedBehaviorSanitizer.
#
#   scripts/sanitize.sh                     # both, every test
#   scripts/sanitize.sh address             # one sanitizer
#   scripts/sanitize.sh undefined --filter ImageDecodingTests   # extra args go to `swift test`
#
# ASan instruments the Swift code and the C shim (CImageCodecs); the system libjpeg and
# libpng are not rebuilt, so their own memory errors are seen only where they touch ours.
# UBSan is a C sanitizer: swiftc has no `-sanitize=undefined`, so SwiftPM applies it to the
# C shim only (Swift traps on overflow and bounds errors by itself). Scratch paths are
# .build-asan and .build-ubsan. Exits non-zero when any run reports an error or a test fails.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
KINDS=(address undefined)
if [ $# -gt 0 ] && [[ "$1" =~ ^(address|undefined)$ ]]; then KINDS=("$1"); shift; fi

# lld: the gold linker prints ~140 harmless warnings about __asan_ symbols.
LINK=(-Xswiftc -use-ld=lld)
# halt_on_error: the first report fails the run; detect_leaks: LeakSanitizer runs at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
for kind in "${KINDS[@]}"; do
    scratch=.build-${kind/address/asan}
    scratch=${scratch/undefined/ubsan}
    log="$ROOT/$scratch/sanitize-$kind.log"
    mkdir -p "$ROOT/$scratch"
    echo "== swift test --sanitize=$kind --scratch-path $scratch $* (log: $log)" >&2
    nice -n 10 swift test --sanitize="$kind" --scratch-path "$scratch" "${LINK[@]}" "$@" >"$log" 2>&1
    rc=$?
    reports=$(grep -cE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$log" || true)
    summary=$(grep -E "Executed [0-9]+ tests" "$log" | tail -1 | sed 's/^\s*//')
    echo "$kind: exit $rc, sanitizer reports: $reports, ${summary:-no XCTest summary}"
    grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY:" "$log" | sort | uniq -c | head -20
    grep -E "error: .*(failed|threw)" "$log" | cut -c1-200 | head -20
    [ "$rc" -eq 0 ] && [ "$reports" -eq 0 ] || status=1
done
exit $status
