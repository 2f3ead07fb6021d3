#!/usr/bin/env python3
"""Renders MNIST test digits as scanned pages, to measure segmentation (not committed output).

Each page holds 1-2 lines of 1-6 digits, ink 40-150 px tall, on noisy paper, dark-on-light or
light-on-dark, passed through JPEG (quality 75-95) or PNG, sometimes on an A4-sized page.
Writes <out>/page_NNNN.pgm (the decoded gray image) and <out>/truth.json: per page the list
of lines, each a list of MNIST test indices in reading order.

    python scripts/make_segmentation_evalset.py OUT_DIR [--pages 300] [--seed 1]
"""
import argparse, gzip, io, json, os
import numpy as np
from PIL import Image
import cv2

def load_mnist(root):
    raw = gzip.open(os.path.join(root, "t10k-images-idx3-ubyte.gz")).read()
    magic, n, rows, cols = np.frombuffer(raw[:16], ">u4")
    assert magic == 2051, "not an IDX image file"
    return np.frombuffer(raw[16:], np.uint8).reshape(n, rows, cols)

def render_digit(img, height, rng):
    """The digit's ink amount (0..1), cropped to its ink and scaled so the ink is `height` tall."""
    ys, xs = np.nonzero(img)
    crop = img[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32) / 255
    scale = height / crop.shape[0]
    w = max(1, int(round(crop.shape[1] * scale)))
    interp = [cv2.INTER_LINEAR, cv2.INTER_CUBIC][rng.integers(2)]
    return np.clip(cv2.resize(crop, (w, height), interpolation=interp), 0, 1)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gap", type=float, nargs=2, default=[0.08, 0.5], help="digit gap range, × height")
    ap.add_argument("--pitch", type=float, nargs=2, default=[1.4, 2.0], help="line pitch range, × height")
    ap.add_argument("--mnist", default=os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "mnist"))
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    mnist = load_mnist(a.mnist)
    os.makedirs(a.out, exist_ok=True)
    truth = []
    for p in range(a.pages):
        height = int(rng.integers(40, 151))
        nlines = int(rng.integers(1, 3))
        lines, placed = [], []
        y = 0
        for _ in range(nlines):
            k = int(rng.integers(1, 7))
            idx = [int(i) for i in rng.integers(0, len(mnist), k)]
            x = 0
            row = []
            for i in idx:
                d = render_digit(mnist[i], int(height * rng.uniform(0.9, 1.1)), rng)
                row.append((x, y + int(rng.integers(0, max(1, height // 10))), d))
                x += d.shape[1] + int(height * rng.uniform(*a.gap))
            placed.extend(row)
            lines.append(idx)
            y += int(height * rng.uniform(*a.pitch))
        w = max(px + d.shape[1] for px, _, d in placed)
        h = max(py + d.shape[0] for _, py, d in placed)
        margin = int(height * rng.uniform(0.3, 1.0))
        if rng.random() < 0.2:
            W, H = 2480, 3508  # A4 at 300 dpi
            ox, oy = int(rng.integers(0, W - w)), int(rng.integers(0, H - h))
        else:
            W, H, ox, oy = w + 2 * margin, h + 2 * margin, margin, margin
        amount = np.zeros((H, W), np.float32)
        for px, py, d in placed:
            region = amount[oy + py:oy + py + d.shape[0], ox + px:ox + px + d.shape[1]]
            np.maximum(region, d, out=region)
        paper, ink = rng.uniform(170, 250), rng.uniform(0, 90)
        page = paper - amount * (paper - ink) + rng.normal(0, rng.uniform(2, 14), amount.shape)
        if rng.random() < 0.25:
            page = 255 - page
        page = np.clip(page, 0, 255).astype(np.uint8)
        buf = io.BytesIO()
        if rng.random() < 0.6:
            Image.fromarray(page).save(buf, "JPEG", quality=int(rng.integers(75, 96)))
        else:
            Image.fromarray(page).save(buf, "PNG")
        decoded = np.array(Image.open(io.BytesIO(buf.getvalue())).convert("L"))
        Image.fromarray(decoded).save(os.path.join(a.out, f"page_{p:04d}.pgm"))
        truth.append(lines)
    with open(os.path.join(a.out, "truth.json"), "w") as f:
        json.dump(truth, f)

if __name__ == "__main__":
    main()
