#!/usr/bin/env python3
"""Writes each MNIST test digit alone on clean white paper, to measure what the pipeline loses.

The network reads MNIST test's own 28×28 images at 99.67 %; the same digits drawn as a user's
clean picture (a tablet drawing, an exported PNG, a scan clipped to white) go through every
stage: threshold, components, fragments, splitting, normalisation. The gap between the two is
the pipeline's, not the network's. Each digit is written dark on white (255 - MNIST), enlarged
`scale` times (bilinear; 1 keeps MNIST's own pixels) with 20 px of paper around it, as
<out>/clean_<scale>x/<index>.png, and <out>/manifest.csv (`file,category,truth`) lists them
for scripts/score_suite.py.

    python3 scripts/make_clean_digits.py OUT_DIR [--scales 1 3] [--every 1] [--mnist DIR]

Needs Pillow (scripts/pillow_python.sh prints a Python that has it).
"""
import argparse
import csv
import gzip
import os

from PIL import Image


def read_idx(path):
    data = gzip.open(path).read()
    count = int.from_bytes(data[4:8], "big")
    if data[3] == 3:
        return [data[16 + i * 784:16 + (i + 1) * 784] for i in range(count)]
    return list(data[8:8 + count])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 3])
    ap.add_argument("--every", type=int, default=1, help="write every n-th test digit")
    ap.add_argument("--mnist", default=os.path.join(here, "..", "Tests", "Fixtures", "mnist"))
    a = ap.parse_args()
    images = read_idx(os.path.join(a.mnist, "t10k-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(a.mnist, "t10k-labels-idx1-ubyte.gz"))
    rows = []
    for scale in a.scales:
        category = f"clean_{scale}x"
        os.makedirs(os.path.join(a.out, category), exist_ok=True)
        side = 28 * scale
        for i in range(0, len(images), a.every):
            digit = Image.frombytes("L", (28, 28), bytes(255 - v for v in images[i]))
            if scale != 1:
                digit = digit.resize((side, side), Image.BILINEAR)
            page = Image.new("L", (side + 40, side + 40), 255)
            page.paste(digit, (20, 20))
            name = f"{category}/{i:05d}.png"
            page.save(os.path.join(a.out, name))
            rows.append((name, category, str(labels[i])))
    with open(os.path.join(a.out, "manifest.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "category", "truth"])
        w.writerows(rows)
    print(f"{len(rows)} pictures in {a.out}")


if __name__ == "__main__":
    main()
