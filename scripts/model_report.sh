#!/usr/bin/env bash
# Every figure of the model card for one model file, in one run:
#   scripts/model_report.sh [MODEL]     (default Models/digitscan-cnn.safetensors)
# MNIST test accuracy, ECE and 99.9 %-precision point; the same on the held-out fonts ("other
# hands"); non-digit marks read as confident digits; the generated end-to-end suite.
# Env: BIN (default .build/release/digitscan), FONTS_DIR, MARKS_DIR (as in the Makefile;
# rendered when missing), PLOTS (a folder for the evaluate plots, optional).
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-Models/digitscan-cnn.safetensors}
bin=${BIN:-.build/release/digitscan}
fonts=${FONTS_DIR:-/tmp/digitscan-fonts}
marks=${MARKS_DIR:-/tmp/digitscan-marks}
[ -x "$bin" ] || swift build -c release >&2
[ -d "$fonts/other-hands" ] || scripts/render_font_digits.sh "$fonts" >&2
if [ ! -d "$marks/test" ]; then py=$(scripts/pillow_python.sh); (cd scripts && "$py" make_nondigit_marks.py --out "$marks/test") >&2; fi
summary() { grep -E "^accuracy|^calibration|precision >= 99.9"; }
echo "== MNIST test"
"$bin" evaluate --mnist Tests/Fixtures/mnist --model "$model" ${PLOTS:+--plots "$PLOTS/mnist"} | summary
echo "== other hands (held-out fonts)"
"$bin" evaluate "$fonts/other-hands" --model "$model" ${PLOTS:+--plots "$PLOTS/other-hands"} | summary
echo "== non-digit marks read as a digit (status ok at the configured minConfidence)"
status=0; "$bin" "$marks/test" --format jsonl --model "$model" > /tmp/digitscan-report-marks.jsonl || status=$?
[ $status -le 1 ] || exit $status
python3 scripts/score_nondigits.py /tmp/digitscan-report-marks.jsonl | tail -1
echo "== generated end-to-end suite"
status=0; "$bin" Tests/Fixtures/e2e/scans -o /tmp/digitscan-report-e2e.csv --model "$model" || status=$?
[ $status -le 1 ] || exit $status
python3 scripts/score_suite.py /tmp/digitscan-report-e2e.csv Tests/Fixtures/e2e/manifest.csv | tail -1
