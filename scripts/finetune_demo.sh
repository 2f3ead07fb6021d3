#!/usr/bin/env bash
# Fine-tuning on your own data, measured: 200 labelled pictures of one handwriting font that the
# shipped model never saw raise its accuracy on that font's other pictures.
#
#   scripts/finetune_demo.sh [FONT]        (default dkgIt, one of the held-out "other hands" fonts)
#
# Renders 60 pictures per digit of FONT (scripts/render_font_digits.sh installs the fonts and
# Pillow), keeps the first 20 per digit (200) for fine-tuning and the other 400 for testing, then
# prints the shipped model's accuracy on the 400, fine-tunes it (digitscan train --images
# --init), and prints the fine-tuned model's accuracy on the same 400 and on MNIST test.
# Env: MODEL (default Models/digitscan-cnn.safetensors), BIN (default .build/release/digitscan),
# WORK (default a temporary folder), EPOCHS (6), SEED (7), MNIST (the training set, default ../shared/data/mnist).
set -euo pipefail
cd "$(dirname "$0")/.."
font=${1:-dkgIt}
model=${MODEL:-Models/digitscan-cnn.safetensors}
bin=${BIN:-.build/release/digitscan}
work=${WORK:-$(mktemp -d)}
# MNIST training images for rehearsal: ../shared when there, else the MNIST variable.
mnist=${MNIST:-../shared/data/mnist}
[ -e "$mnist/train-images-idx3-ubyte.gz" ] || [ -e "$mnist/train-images-idx3-ubyte" ] \
    || { echo "finetune_demo.sh: no MNIST training set in $mnist: set MNIST=DIR" >&2; exit 2; }
[ -x "$bin" ] || swift build -c release >&2
scripts/render_font_digits.sh "$work/all" --only "$font" --per-digit 60 --seed "${SEED:-7}" >&2
rm -rf "$work/tune" "$work/rest"
for d in 0 1 2 3 4 5 6 7 8 9; do
    mkdir -p "$work/tune/$d" "$work/rest/$d"
    ls "$work/all/$d" | sort | head -n 20 | while read -r f; do cp "$work/all/$d/$f" "$work/tune/$d/"; done
    ls "$work/all/$d" | sort | tail -n +21 | while read -r f; do cp "$work/all/$d/$f" "$work/rest/$d/"; done
done
echo "== shipped model on $font's 400 test pictures"
"$bin" evaluate "$work/rest" --model "$model" | head -1
# Some MNIST in every epoch (rehearsal), so the network learns the new hand without forgetting.
"$bin" train --images "$work/tune" --images-repeat 10 --mnist "$mnist" --mnist-limit 6000 --init "$model" \
    --epochs "${EPOCHS:-6}" --learning-rate 0.0005 --seed 1 -o "$work/tuned.safetensors" 2>&1 \
    | grep -E "^training|^epoch|^wrote" >&2
echo "== fine-tuned on 200 pictures of $font: the same 400 test pictures"
"$bin" evaluate "$work/rest" --model "$work/tuned.safetensors" | head -1
echo "== fine-tuned model on MNIST test (what it kept)"
"$bin" evaluate --mnist Tests/Fixtures/mnist --model "$work/tuned.safetensors" | head -1
