"""Generates the end-to-end test suite: scans of MNIST *test* digits with a manifest of truths.

  /work/peers-venv/bin/python scripts/make_e2e_suite.py [--out Tests/Fixtures/e2e] [--count 600] [--seed 20240]

Needs Python 3.9+, numpy and OpenCV (opencv-python-headless); run from the repository root.
Output (committed; the Swift tests read it and never need Python):
  Tests/Fixtures/e2e/scans/NNNNN.{jpg,png}  one to six digits on one or two lines, dark ink on
                                            noisy paper, digit size 40-150 px (longer side of each
                                            digit's ink box), JPEG quality 75-95 or 8-bit grey PNG
  Tests/Fixtures/e2e/manifest.csv           file,digits: path relative to the manifest, digits in
                                            reading order with the lines separated by one space

The same seed gives byte-identical files with the same library versions. Each MNIST test image
is used at most once, chosen by a seeded permutation; none is filtered by difficulty, so the
suite measures the pipeline on digits as MNIST's test set has them.
"""
import argparse
import csv
import os
import shutil

import cv2
import numpy as np

import scan_render as sr

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST_DIR = os.path.join(REPO, "Tests", "Fixtures", "mnist")

MIN_SIZE, MAX_SIZE = 40, 150
PNG_SHARE = 0.2
PROGRESSIVE_SHARE = 0.3


def digit_size(rng):
    """Digit size in px, log-uniform over 40-150 so small and large scans are equally common
    per octave (and the committed suite stays small)."""
    return float(np.exp(rng.uniform(np.log(MIN_SIZE), np.log(MAX_SIZE))))


def split_lines(rng, n):
    """How many digits go on each line: one line, or two lines when there are two or more digits."""
    if n >= 2 and rng.uniform() < 0.35:
        first = int(rng.integers(1, n))
        return [first, n - first]
    return [n]


def scan(rng, images, labels, picks, as_png):
    """One scan of the digits at indices `picks`; returns (uint8 image, truth text)."""
    size = digit_size(rng)
    counts = split_lines(rng, len(picks))
    lines, truth, k = [], [], 0
    for c in counts:
        glyphs = []
        for i in picks[k:k + c]:
            s = int(round(np.clip(size * rng.uniform(0.92, 1.08), MIN_SIZE, MAX_SIZE)))
            glyphs.append(sr.glyph(images[i], s))
        lines.append(glyphs)
        truth.append("".join(str(int(labels[i])) for i in picks[k:k + c]))
        k += c
    layout = sr.Layout(rng, lines, size)
    # Lossless PNG keeps every bit of sensor noise, which would make PNGs ten times the size of
    # the JPEGs; they get the fainter noise of a scanner that denoises before saving.
    noise = rng.uniform(0.0, 0.5) if as_png else None
    canvas = sr.paper(rng, layout.height, layout.width, noise=noise)
    layout.draw(canvas, rng.uniform(20, 80))
    if rng.uniform() < 0.3:
        sr.add_specks(canvas, rng, int(rng.integers(1, 3)), layout.boxes())
    return sr.finish(canvas, rng), " ".join(truth)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(REPO, "Tests", "Fixtures", "e2e"))
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20240)
    args = ap.parse_args()

    images, labels = sr.load_mnist_test(MNIST_DIR)
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(images))
    scans_dir = os.path.join(args.out, "scans")
    shutil.rmtree(scans_dir, ignore_errors=True)
    os.makedirs(scans_dir)

    used, total_bytes, total_digits = 0, 0, 0
    with open(os.path.join(args.out, "manifest.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["file", "digits"])
        for k in range(args.count):
            n = int(rng.integers(1, 7))
            if used + n > len(order):
                raise SystemExit("ran out of MNIST test digits; lower --count")
            picks = order[used:used + n]
            used += n
            as_png = rng.uniform() < PNG_SHARE
            img, truth = scan(rng, images, labels, picks, as_png)
            if as_png:
                name = f"scans/{k:05d}.png"
                ok, data = cv2.imencode(".png", img, [cv2.IMWRITE_PNG_COMPRESSION, 9])
            else:
                name = f"scans/{k:05d}.jpg"
                quality = int(rng.integers(75, 96))
                progressive = int(rng.uniform() < PROGRESSIVE_SHARE)
                ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality,
                                                      cv2.IMWRITE_JPEG_OPTIMIZE, 1,
                                                      cv2.IMWRITE_JPEG_PROGRESSIVE, progressive])
            if not ok:
                raise SystemExit(f"could not encode {name}")
            with open(os.path.join(args.out, name), "wb") as out:
                out.write(data.tobytes())
            total_bytes += len(data)
            total_digits += n
            writer.writerow([name, truth])
    print(f"wrote {args.count} scans, {total_digits} digits, {total_bytes / 1e6:.2f} MB to {args.out}")


if __name__ == "__main__":
    main()
