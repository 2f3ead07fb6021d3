#!/usr/bin/env python3
"""Writes the small committed fixtures of Tests/DigitSegmentationTests/Fixtures.

Each fixture is a page (binary PGM) on which MNIST test digits were upscaled and printed on
noisy paper, plus `<name>.mnist` holding the original 28×28 digits (raw bytes, 784 per digit,
in reading order) that segmentation must reproduce closely. Deterministic (fixed seed).

    /work/peers-venv/bin/python scripts/make_segmentation_fixtures.py
"""
import gzip, io, os
import numpy as np
from PIL import Image
import cv2

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "DigitSegmentationTests", "Fixtures")

def load_mnist():
    raw = gzip.open(os.path.join(ROOT, "Tests", "Fixtures", "mnist", "t10k-images-idx3-ubyte.gz")).read()
    magic, n, rows, cols = np.frombuffer(raw[:16], ">u4")
    assert magic == 2051, "not an IDX image file"
    return np.frombuffer(raw[16:], np.uint8).reshape(n, rows, cols)

def page(digits, height, gap, dark_ink, jpeg_quality, rng):
    """Ink amounts of the digits side by side, printed on noisy paper, through JPEG if asked."""
    crops = []
    for d in digits:
        ys, xs = np.nonzero(d)
        c = d[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32) / 255
        w = max(1, round(c.shape[1] * height / c.shape[0]))
        crops.append(np.clip(cv2.resize(c, (w, height), interpolation=cv2.INTER_LINEAR), 0, 1))
    margin = height // 2
    width = sum(c.shape[1] for c in crops) + gap * (len(crops) - 1) + 2 * margin
    amount = np.zeros((height + 2 * margin, width), np.float32)
    x = margin
    for c in crops:
        amount[margin:margin + height, x:x + c.shape[1]] = c
        x += c.shape[1] + gap
    paper, ink = 225.0, 35.0
    gray = paper - amount * (paper - ink) + rng.normal(0, 8, amount.shape)
    if not dark_ink:
        gray = 255 - gray
    gray = np.clip(gray, 0, 255).astype(np.uint8)
    if jpeg_quality:
        buf = io.BytesIO()
        Image.fromarray(gray).save(buf, "JPEG", quality=jpeg_quality)
        gray = np.array(Image.open(io.BytesIO(buf.getvalue())).convert("L"))
    return gray

def write(name, gray, digits):
    h, w = gray.shape
    with open(os.path.join(OUT, name + ".pgm"), "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (w, h))
        f.write(gray.tobytes())
    with open(os.path.join(OUT, name + ".mnist"), "wb") as f:
        f.write(b"".join(d.tobytes() for d in digits))

def main():
    os.makedirs(OUT, exist_ok=True)
    mnist = load_mnist()
    rng = np.random.default_rng(7)
    # Test indices 0, 1, 2 are a 7, a 2 and a 1; 3 is a 0; 8 is a 5 (a detached-bar shape).
    write("single_dark_jpeg", page([mnist[3]], 60, 0, True, 85, rng), [mnist[3]])
    write("single_light_png", page([mnist[8]], 48, 0, False, None, rng), [mnist[8]])
    row = [mnist[0], mnist[1], mnist[2]]
    write("row_dark_jpeg", page(row, 44, 10, True, 80, rng), row)

if __name__ == "__main__":
    main()
