#!/usr/bin/env python3
"""Writes MNIST test digits as clean digital pictures, to measure what the pipeline loses.

The network reads MNIST test's own 28×28 images at 99.67 %; the same digits as a user's clean
pictures go through every stage: polarity, threshold, components, fragments, splitting,
normalisation. The gap between the two is the pipeline's, not the network's. Categories:

  clean_1x, clean_3x  each digit dark on white (255 - MNIST) with 20 px of paper around it,
                      at MNIST's own pixels and enlarged 3× (bilinear): a tablet drawing, an
                      exported PNG, a scan clipped to white
  mnist_png           each digit exactly as MNIST stores it, 28×28, light on black
  dark_4x             every 4th digit light on black, enlarged 4× (112 px): a digit drawn on
                      a black canvas
  dark_strip          600 strips of 2-6 digits light on black, side by side at 28 px

Files go to <out>/<category>/NNNNN.png, and <out>/manifest.csv (`file,category,truth`) lists
them for scripts/score_suite.py.

    python3 scripts/make_clean_digits.py OUT_DIR [--only clean_1x,mnist_png] [--mnist DIR] [--seed 1]

Needs Pillow (scripts/pillow_python.sh prints a Python that has it).
"""
import argparse
import csv
import gzip
import os
import random

from PIL import Image

CATEGORIES = ["clean_1x", "clean_3x", "mnist_png", "dark_4x", "dark_strip"]


def read_idx(path):
    data = gzip.open(path).read()
    count = int.from_bytes(data[4:8], "big")
    if data[3] == 3:
        return [data[16 + i * 784:16 + (i + 1) * 784] for i in range(count)]
    return list(data[8:8 + count])


def dark_on_white(pixels, scale):
    digit = Image.frombytes("L", (28, 28), bytes(255 - v for v in pixels))
    side = 28 * scale
    if scale != 1:
        digit = digit.resize((side, side), Image.BILINEAR)
    page = Image.new("L", (side + 40, side + 40), 255)
    page.paste(digit, (20, 20))
    return page


def pictures(category, images, labels, rng):
    """(picture, truth) pairs of one category, in a fixed order."""
    n = len(images)
    if category in ("clean_1x", "clean_3x"):
        scale = 1 if category == "clean_1x" else 3
        for i in range(n):
            yield dark_on_white(images[i], scale), str(labels[i])
    elif category == "mnist_png":
        for i in range(n):
            yield Image.frombytes("L", (28, 28), bytes(images[i])), str(labels[i])
    elif category == "dark_4x":
        for i in range(0, n, 4):
            yield Image.frombytes("L", (28, 28), bytes(images[i])).resize((112, 112), Image.BILINEAR), str(labels[i])
    elif category == "dark_strip":
        for _ in range(600):
            picks = rng.sample(range(n), rng.randint(2, 6))
            strip = Image.new("L", (28 * len(picks), 28), 0)
            for k, i in enumerate(picks):
                strip.paste(Image.frombytes("L", (28, 28), bytes(images[i])), (28 * k, 0))
            yield strip, "".join(str(labels[i]) for i in picks)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--only", help="comma-separated categories (default: all)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the strips' digit choice")
    ap.add_argument("--mnist", default=os.path.join(here, "..", "Tests", "Fixtures", "mnist"))
    a = ap.parse_args()
    only = CATEGORIES if a.only is None else a.only.split(",")
    unknown = set(only) - set(CATEGORIES)
    if unknown:
        raise SystemExit(f"unknown categories {sorted(unknown)}; known: {CATEGORIES}")
    images = read_idx(os.path.join(a.mnist, "t10k-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(a.mnist, "t10k-labels-idx1-ubyte.gz"))
    rows = []
    for category in only:
        os.makedirs(os.path.join(a.out, category), exist_ok=True)
        rng = random.Random(f"{a.seed}-{category}")
        for k, (picture, truth) in enumerate(pictures(category, images, labels, rng)):
            name = f"{category}/{k:05d}.png"
            picture.save(os.path.join(a.out, name))
            rows.append((name, category, truth))
    with open(os.path.join(a.out, "manifest.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "category", "truth"])
        w.writerows(rows)
    print(f"{len(rows)} pictures in {a.out}")


if __name__ == "__main__":
    main()
