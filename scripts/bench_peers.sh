#!/usr/bin/env bash
# Measures digitscan against the Python reference pipeline in one run, on the same machine and
# the same data, and prints the figures and their ratios (quote ratios, not absolute numbers:
# the machine is shared).
#
#   scripts/bench_peers.sh                 # needs ../shared/peers (the peers) and a release build
#
# Environment: PEERS (default ../shared/peers), PY (a Python with the peers' requirements;
# default $PEERS/.venv/bin/python, made by $PEERS/setup.sh), MODEL (default the shipped model),
# REPS (default 3), CORPUS (default a temporary folder: the peers' make_corpus.py output).
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/peers}
PY=${PY:-$PEERS/.venv/bin/python}
MODEL=${MODEL:-Models/digitscan-cnn.safetensors}
REPS=${REPS:-3}
BIN=.build/release/digitscan
[ -d "$PEERS" ] || { echo "bench_peers.sh: no peers at $PEERS" >&2; exit 2; }
[ -x "$PY" ] || { echo "bench_peers.sh: no Python at $PY (run $PEERS/setup.sh, or set PY)" >&2; exit 2; }
[ -x "$BIN" ] || make build >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CORPUS=${CORPUS:-$work/corpus}
[ -d "$CORPUS/small" ] || "$PY" "$PEERS/make_corpus.py" --out "$CORPUS" >&2
"$PY" "$PEERS/export_onnx.py" "$MODEL" "$work/model.onnx" >&2

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

echo "== end to end: whole process, peers' corpus, $REPS runs each, interleaved (median)"
for set in small pages; do
    files=$(find "$CORPUS/$set" -type f | wc -l)
    ours=(); theirs=()
    for _ in $(seq "$REPS"); do
        ours+=("$(seconds "$BIN" "$CORPUS/$set" --model "$MODEL" -o "$work/ours_$set.csv")")
        theirs+=("$(seconds "$PY" "$PEERS/cv_pipeline.py" "$CORPUS/$set" --model "$work/model.onnx" --workers 2 -o "$work/peer_$set.csv")")
    done
    o=$(printf '%s\n' "${ours[@]}" | median); p=$(printf '%s\n' "${theirs[@]}" | median)
    so=$("$PY" "$PEERS/score.py" "$work/ours_$set.csv" "$CORPUS/${set}_manifest.csv")
    sp=$("$PY" "$PEERS/score.py" "$work/peer_$set.csv" "$CORPUS/${set}_manifest.csv")
    printf '%-6s %5d files  digitscan %7.2f s (%7.1f files/s)  reference %7.2f s (%7.1f files/s)  ratio %.2fx\n' \
        "$set" "$files" "$o" "$(echo "$files / $o" | bc -l)" "$p" "$(echo "$files / $p" | bc -l)" "$(echo "$p / $o" | bc -l)"
    echo "       accuracy digitscan: $so"
    echo "       accuracy reference: $sp"
done

echo "== network alone (MNIST test, 10,000 images)"
"$BIN" benchmark --network-only --model "$MODEL" --mnist Tests/Fixtures/mnist 2>&1 | sed 's/^/digitscan: /'
(cd "$PEERS" && "$PY" bench_model.py "$OLDPWD/$MODEL" --batches 64 1024 --threads 2 --reps "$REPS") 2>/dev/null | sed 's/^/peers:     /'
