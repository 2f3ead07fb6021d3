#!/usr/bin/env bash
# 100,000 tiny PNGs in one folder: peak memory of a release run, as `/usr/bin/time -v` reports it.
#
#   scripts/many_files.sh [COUNT] [MODEL]     (defaults: 100000, the tiny test model written here)
#
# Builds the release binary into .build-many/ (or uses $DIGITSCAN_BIN), writes COUNT copies of
# one 8×8 PNG into a fresh folder under /tmp (about 400 MB of disk blocks, removed at the end),
# runs `digitscan FOLDER -o OUT.csv` under `/usr/bin/time -v` and prints the peak RSS, the
# wall time and the row count. Needs GNU time (`apt-get install time`).
# Issue 4 asks for a peak under 300 MB: memory must not grow with the number of files.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
COUNT=${1:-100000}
MODEL=${2:-}
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

if [ -z "${DIGITSCAN_BIN:-}" ]; then
    (cd "$ROOT" && swift build -c release --scratch-path .build-many >&2)
    DIGITSCAN_BIN="$ROOT/.build-many/release/digitscan"
fi

WORK=$(mktemp -d /tmp/digitscan-many.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/files"

# An 8×8 gray PNG with a dark bar (stored deflate, so no encoder is needed), and, unless a
# model was given, the tiny dense model the CLI tests use (weights 0, biases pick class 9).
echo "== creating $COUNT files in $WORK/files" >&2
python3 - "$WORK" "$COUNT" <<'PY'
import os, struct, sys, zlib
work, count = sys.argv[1], int(sys.argv[2])
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
rows = b"".join(b"\0" + bytes(0 if 3 <= x <= 4 and 1 <= y <= 6 else 255 for x in range(8)) for y in range(8))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(f"{work}/seed.png", "wb").write(png)
import json
arch = json.dumps([{"type": "flatten"}, {"type": "dense", "in_features": 784, "out_features": 10,
                    "weight": "fc.weight", "bias": "fc.bias"}, {"type": "softmax"}])
inp = json.dumps({"channels": 1, "height": 28, "width": 28, "scale": 1 / 255, "mean": 0, "std": 1})
header = json.dumps({"__metadata__": {"architecture": arch, "input": inp},
                     "fc.weight": {"dtype": "F32", "shape": [10, 784], "data_offsets": [0, 31360]},
                     "fc.bias": {"dtype": "F32", "shape": [10], "data_offsets": [31360, 31400]}}).encode()
header += b" " * (-len(header) % 8)
data = struct.pack("<7840f", *([0.0] * 7840)) + struct.pack("<10f", *[i * 3.0 for i in range(10)])
open(f"{work}/model.safetensors", "wb").write(struct.pack("<Q", len(header)) + header + data)
for i in range(count):  # real files, not hard links: ext4 allows only 65,000 links per inode
    with open(f"{work}/files/scan-{i:06d}.png", "wb") as f:
        f.write(png)
PY
[ -n "$MODEL" ] || MODEL="$WORK/model.safetensors"

echo "== $DIGITSCAN_BIN $WORK/files -o $WORK/out.csv" >&2
set +e
/usr/bin/time -v "$DIGITSCAN_BIN" "$WORK/files" --model "$MODEL" -o "$WORK/out.csv" 2>"$WORK/time.txt"
status=$?
set -e
grep -v "^\s" "$WORK/time.txt" >&2 || true
rss_kb=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
wall=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt")
rows=$(($(wc -l <"$WORK/out.csv") - 1))
echo "files: $COUNT, rows: $rows, exit: $status, wall: $wall, peak RSS: $((rss_kb / 1024)) MB ($rss_kb kB)"
[ "$rows" -eq "$COUNT" ]
