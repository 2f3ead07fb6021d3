#!/usr/bin/env python3
"""Renders pairs of touching MNIST training digits, one pair per picture, for the network to learn
that two digits in one blob are not one digit.

    scripts/make_touching_pairs.py --mnist DIR --out DIR [--count 1500] [--seed 13]

Handwritten digits often touch; segmentation then sees one blob, and a network trained on single
digits reads a squeezed pair as one digit with full confidence (a 44 as a 4), so the splitter has
nothing to weigh a split against. These pictures go to `digitscan train --non-digits DIR`, whose
target for each piece is the uniform distribution (outlier exposure, as for letters and scribbles).

Digits come from MNIST *training* images 1-55,000 only: `--validation-count 5000` holds out the
last 5,000, and the test set stays unseen. Each pair's ink runs 2-4 px into each other on the row
where they come closest (scaled digits about 48 px tall), with a small vertical offset; a pair is
drawn again unless its ink is one 8-connected piece no wider than 1.5 x its height (wider blobs
the training loader, which has no network, would cut in two and label the halves). Dark ink on
light paper, lightly blurred and noised like a scan. Needs numpy, Pillow and OpenCV; the
touching offset is the hard-case suite's (hard_glyphs.touch_offset).
"""
import argparse
import gzip
import os
import random

import cv2
import numpy as np
from PIL import Image, ImageFilter

import hard_glyphs as hg

TRAIN_SLICE = 55000  # MNIST training images the trainer trains on (the rest are validation)
INK = hg.INK


def load_train(directory):
    with gzip.open(os.path.join(directory, "train-images-idx3-ubyte.gz"), "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(-1, 28, 28)


def glyph(image, height):
    """The digit cropped to its ink and scaled to `height` px tall (coverage 0..1)."""
    ys, xs = np.nonzero(image > 0)
    crop = image[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    scale = height / crop.shape[0]
    size = (max(1, int(round(crop.shape[1] * scale))), height)
    return np.asarray(Image.fromarray(crop).resize(size, Image.BILINEAR), dtype=np.float32) / 255.0


def one_piece(binary):
    """Whether the ink is one 8-connected piece."""
    count, _ = cv2.connectedComponents(binary.astype(np.uint8), connectivity=8)
    return count == 2  # the paper and one piece of ink


def pair(rng, images):
    """Coverage of two touching digits, or None when this draw does not make one blob."""
    a, b = (images[rng.randrange(TRAIN_SLICE)] for _ in range(2))
    h = rng.randint(44, 52)
    left, right = glyph(a, int(round(h * rng.uniform(0.9, 1.1)))), glyph(b, int(round(h * rng.uniform(0.9, 1.1))))
    d = int(round(rng.uniform(-0.08, 0.08) * h))  # right's top is d px below left's
    x = hg.touch_offset(left, right, 0, d, rng.randint(2, 4))
    if x is None:
        return None
    top_l, top_r = max(0, -d), max(0, d)
    x_l, x_r = max(0, -x), max(0, x)
    height = max(top_l + left.shape[0], top_r + right.shape[0])
    width = max(x_l + left.shape[1], x_r + right.shape[1])
    cov = np.zeros((height, width), np.float32)
    cov[top_l:top_l + left.shape[0], x_l:x_l + left.shape[1]] = left
    region = cov[top_r:top_r + right.shape[0], x_r:x_r + right.shape[1]]
    np.maximum(region, right, out=region)
    binary = cov > INK
    ys, xs = np.nonzero(binary)
    if len(ys) == 0 or (xs.max() - xs.min() + 1) > 1.5 * (ys.max() - ys.min() + 1) or not one_piece(binary):
        return None
    return cov


def scan(cov, rng):
    """Dark ink on light paper with a margin, blurred and noised a little."""
    margin = 16
    h, w = cov.shape
    paper, ink = rng.randint(215, 250), rng.randint(10, 90)
    page = np.full((h + 2 * margin, w + 2 * margin), float(paper), np.float32)
    page[margin:margin + h, margin:margin + w] -= cov * (paper - ink)
    img = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    noise = Image.effect_noise(img.size, rng.uniform(2, 8))
    return Image.blend(img, noise, 0.06)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist", required=True, help="directory with train-images-idx3-ubyte.gz")
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    images = load_train(args.mnist)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    made = tries = 0
    while made < args.count:
        tries += 1
        cov = pair(rng, images)
        if cov is None:
            continue
        scan(cov, rng).save(os.path.join(args.out, f"pair-{made:04d}.png"), optimize=True)
        made += 1
    print(f"{made} touching pairs in {args.out} ({tries} draws)")


if __name__ == "__main__":
    main()
