"""Generates the hard-case suite of issue 3: scans and photos the way people really make them.

  /work/peers-venv/bin/python scripts/make_hard_cases.py [--out /work/hard-out] [--seed N]
      [--per-category N] [--only CAT[,CAT...]] [--params scripts/hard_cases.json]

Needs Python 3.9+, numpy, Pillow and OpenCV (opencv-python-headless): the glyph rendering is
scripts/scan_render.py's, shared with the v1 samples and suite, and it is written with OpenCV.
Digits are MNIST *test* images (Tests/Fixtures/mnist), never training images. Every parameter
lives in scripts/hard_cases.json. The categories are described there and drawn by
hard_categories.py, on top of hard_layout.py (lines, touching neighbours, marks),
hard_glyphs.py (thin, thick, dotted and broken pens) and hard_render.py (paper, print, light).

Output (not committed: ~1,400 files; rerun to get it back, the same seed gives the same files
with the same library versions):
  OUT/<category>/<category>_NNNN.{jpg,png}
  OUT/manifest.csv   file,category,truth: path relative to the manifest; truth is the digits in
                     reading order, text lines separated by one space (as Tests/Fixtures/e2e);
                     marks that are not digits (hyphens, dots, commas, underlines) are not in it.

Each file draws from its own generator seeded by (seed, category, index), and each category
walks its own seeded permutation of the MNIST test set (no digit repeats within a category), so
`--only` regenerates a category exactly as the full run makes it.
"""
import argparse
import csv
import json
import os
import shutil
import time

import numpy as np

import hard_categories as hc
import hard_render as hr
import scan_render as sr

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST_DIR = os.path.join(REPO, "Tests", "Fixtures", "mnist")


def save(rng, p, case):
    """Light, noise, optics and encoding; returns (bytes, extension)."""
    if case.illumination is not None:
        case.sheet.light(case.illumination)
    rgb = case.sheet.finish(rng, hc.U(rng, p["sensor_noise"]), hc.U(rng, p["blur"]))
    grey = rng.uniform() >= case.rgb_share
    fmt = "png" if rng.uniform() < p["png_share"] else "jpg"
    return hr.encode(rgb, grey, fmt, hc.I(rng, p["jpeg_quality"]), rng), fmt


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="/work/hard-out")
    ap.add_argument("--params", default=os.path.join(REPO, "scripts", "hard_cases.json"))
    ap.add_argument("--seed", type=int, default=None, help="default: the seed in the parameters file")
    ap.add_argument("--per-category", type=int, default=None, help="files per category (pages: at most its count)")
    ap.add_argument("--only", default=None, help="comma-separated categories to (re)generate")
    args = ap.parse_args()
    with open(args.params) as f:
        params = json.load(f)
    seed = params["seed"] if args.seed is None else args.seed
    per_cat = params["per_category"] if args.per_category is None else args.per_category
    names = [n for n, _ in hc.CATEGORIES]
    only = names if args.only is None else args.only.split(",")
    unknown = set(only) - set(names)
    if unknown:
        raise SystemExit(f"unknown categories {sorted(unknown)}; known: {names}")
    images, labels = sr.load_mnist_test(MNIST_DIR)
    os.makedirs(args.out, exist_ok=True)
    manifest = os.path.join(args.out, "manifest.csv")
    kept = []
    if args.only is not None and os.path.exists(manifest):
        with open(manifest, newline="") as f:
            kept = [row for row in csv.DictReader(f) if row["category"] not in only]
    rows, start = [], time.time()
    for ci, (name, make) in enumerate(hc.CATEGORIES):
        if name not in only:
            continue
        p = {**params["common"], **{k: v for k, v in params["categories"][name].items() if not k.startswith("//")}}
        count = min(per_cat, p["count"]) if "count" in p else per_cat
        shutil.rmtree(os.path.join(args.out, name), ignore_errors=True)
        os.makedirs(os.path.join(args.out, name))
        digits = hc.Digits(images, labels, [seed, ci, 1])
        for k in range(count):
            rng = np.random.default_rng([seed, ci, 0, k])
            case = make(rng, p, digits)
            data, ext = save(rng, p, case)
            rel = f"{name}/{name}_{k:04d}.{ext}"
            with open(os.path.join(args.out, rel), "wb") as out:
                out.write(data)
            rows.append({"file": rel, "category": name, "truth": case.truth})
        print(f"{name:<11} {count:4d} files  {time.time() - start:6.1f} s", flush=True)
    order = {n: i for i, n in enumerate(names)}
    rows = sorted(kept + rows, key=lambda r: (order[r["category"]], r["file"]))
    with open(manifest, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["file", "category", "truth"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    digits_total = sum(len(r["truth"].replace(" ", "")) for r in rows)
    print(f"wrote {len(rows)} files, {digits_total} digits, manifest {manifest}")


if __name__ == "__main__":
    main()
