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
  close_pairs         1,000 pairs of a 1 and another digit (either order), dark on white at 3×,
                      their ink boxes 0, 0.03, 0.06, 0.1 or 0.15 × the digit height apart:
                      "11", "71" written close, touching at 0
  close_strings       900 strings of 3-6 digits (a third of them 1s) bottom-aligned, each
                      0.02-0.15 × the height from the next, dark on white at 1×, 2× and 4×
  close_speckled      300 such strings (100 per scale) with dark specks sprinkled over them
                      (0.3-0.8 px × the scale in radius, gray 0-140, one per 400-1,600 px²):
                      a dusty scan, rough paper

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

from PIL import Image, ImageChops, ImageDraw, ImageOps

CATEGORIES = ["clean_1x", "clean_3x", "mnist_png", "dark_4x", "dark_strip", "close_pairs", "close_strings", "close_speckled"]


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


def ink(pixels):
    """A digit cut to the box of its ink (pixels above 30), as a light-on-black image."""
    digit = Image.frombytes("L", (28, 28), bytes(pixels))
    return digit.crop(digit.point(lambda v: 255 if v > 30 else 0).getbbox())


def written_close(digits, gaps, scale):
    """Digits (ink-cropped) side by side, bottom-aligned, `gaps` px apart, dark on white with
    8 px of paper around them, enlarged `scale`× (bilinear)."""
    height = max(d.height for d in digits)
    width = sum(d.width for d in digits) + sum(gaps)
    canvas = Image.new("L", (width + 16, height + 16), 0)
    x = 8
    for k, d in enumerate(digits):
        # Overlapping ink keeps the brighter pixel, as pen strokes do.
        y = 8 + height - d.height
        box = (x, y, x + d.width, y + d.height)
        canvas.paste(ImageChops.lighter(canvas.crop(box), d), box)
        x += d.width + (gaps[k] if k < len(gaps) else 0)
    page = ImageOps.invert(canvas)
    return page.resize((page.width * scale, page.height * scale), Image.BILINEAR) if scale != 1 else page


def close_string(rng, images, labels, ones, scale):
    """3-6 digits (each a 1, from `ones`, a third of the time) written close at `scale`, with
    their truth."""
    picks = [rng.choice(ones) if rng.random() < 1 / 3 else rng.randrange(len(images)) for _ in range(rng.randint(3, 6))]
    digits = [ink(images[i]) for i in picks]
    height = max(d.height for d in digits)
    gaps = [round(rng.uniform(0.02, 0.15) * height) for _ in picks[1:]]
    return written_close(digits, gaps, scale), "".join(str(labels[i]) for i in picks)


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
    elif category == "close_pairs":
        ones = [i for i in range(n) if labels[i] == 1]
        for apart in (0.0, 0.03, 0.06, 0.1, 0.15):
            for _ in range(200):
                pair = [rng.choice(ones), rng.randrange(n)]
                rng.shuffle(pair)
                digits = [ink(images[i]) for i in pair]
                gap = round(apart * max(d.height for d in digits))
                yield written_close(digits, [gap], 3), "".join(str(labels[i]) for i in pair)
    elif category == "close_strings":
        ones = [i for i in range(n) if labels[i] == 1]
        for scale in (1, 2, 4):
            for _ in range(300):
                yield close_string(rng, images, labels, ones, scale)
    elif category == "close_speckled":
        ones = [i for i in range(n) if labels[i] == 1]
        for scale in (1, 2, 4):
            for _ in range(100):
                page, truth = close_string(rng, images, labels, ones, scale)
                draw = ImageDraw.Draw(page)
                for _ in range(page.width * page.height // rng.choice((400, 800, 1600))):
                    x, y, r = rng.randrange(page.width), rng.randrange(page.height), rng.uniform(0.3, 0.8 * scale)
                    draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(0, 140))
                yield page, truth


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
