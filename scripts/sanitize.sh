#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer, then under UndefinedBehaviorSanitizer.
#
#   scripts/sanitize.sh                     # both, every test
#   scripts/sanitize.sh address             # one sanitizer
#   scripts/sanitize.sh undefined --filter ImageDecodingTests   # extra args go to `swift test`
#
# ASan instruments the Swift code and the C shim (CImageCodecs); the system libjpeg and
# libpng are not rebuilt, so their own memory errors are seen only where they touch ours.
# UBSan is a C sanitizer: swiftc has no `-sanitize=undefined` (and SwiftPM's
# `--sanitize=undefined` fails the build by passing it), so the C shim is compiled with
# clang's `-fsanitize=undefined` and linked with its runtime; Swift code traps on overflow
# and out-of-bounds access by itself. Scratch paths are
# .build-asan and .build-ubsan. Exits non-zero when a sanitizer reports an error or a leak
# through Sources/; failing tests are listed (the suite's own verdict is `swift test`'s).
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
    if [ "$kind" = address ]; then
        flags=(--sanitize=address)
    else
        # swiftc rejects -sanitize=undefined, so SwiftPM's --sanitize=undefined fails the
        # build: compile the C shim with clang's flag instead and link clang's runtime.
        runtime=$(dirname "$(find "$(dirname "$(command -v swift)")/../lib/clang" \
            -name 'libclang_rt.ubsan_standalone-x86_64.so' | head -1)")
        flags=(-Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
               -Xlinker "$runtime/libclang_rt.ubsan_standalone-x86_64.so" -Xlinker -rpath -Xlinker "$runtime")
    fi
    nice -n 10 swift test "${flags[@]}" --scratch-path "$scratch" "${LINK[@]}" "$@" >"$log" 2>&1
    rc=$?
    # Memory errors and UB reports always count. Leak reports count when a leak's stack
    # passes through our Sources/: XCTest keeps its test-case objects and FoundationEssentials'
    # file reading leaks small buffers on Linux, and neither is ours to fix.
    errors=$(grep -cE "ERROR: AddressSanitizer|runtime error:" "$log" || true)
    leaks=$(awk '/^(Direct|Indirect) leak of/ {n++} END {print n + 0}' "$log")
    ours=$(awk -v src="$ROOT/Sources/" '/^(Direct|Indirect) leak of/ {block = 1; hit = 0}
        block && index($0, src) {hit = 1}
        block && /^$/ {if (hit) n++; block = 0}
        END {print n + 0}' "$log")
    summary=$(grep -E "Executed [0-9]+ tests" "$log" | tail -1 | sed 's/^\s*//')
    echo "$kind: swift test exit $rc; sanitizer errors: $errors; leak reports: $leaks, through Sources/: $ours"
    echo "  ${summary:-no XCTest summary}"
    grep -E "ERROR: AddressSanitizer|runtime error:|SUMMARY:" "$log" | sort | uniq -c | head -20
    echo "  failing tests (a sanitizer stops the process at its first report, so also check these):"
    grep -E "error: .*(failed|threw)" "$log" | sed 's/^.*error: /    /' | cut -c1-160 | sort -u | head -20
    [ "$errors" -eq 0 ] && [ "$ours" -eq 0 ] || status=1
done
exit $status
