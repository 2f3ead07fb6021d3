#!/usr/bin/env python3
"""Renders marks that are not digits, one per picture, to measure how often digitscan reads them as digits.

    scripts/make_nondigit_marks.py --out DIR [--per-kind 200] [--seed 11]

Writes DIR/<kind>/<k>.png for the kinds below: letters that do not look like a digit (from
handwriting fonts: by default the held-out families, for the test set; `--fonts train --seed 12`
makes marks to train on, from the training families), scribbles (smooth random curves), blobs
(filled irregular shapes), crosses and ticks, hash signs and stars. Each is dark ink on light
paper at a digit's size, lightly blurred and noised like a scan.
scripts/score_nondigits.py reads digitscan's JSONL for the folder and prints, per kind, how many
were dropped, flagged low_confidence, or read as a confident digit. Needs Pillow and the fonts
that scripts/render_font_digits.sh installs.
"""
import argparse
import math
import os
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from render_font_digits import HELD_OUT_FONTS, TRAIN_FONTS

# Letters a reader would not take for a digit (no O/o/D/Q for 0, I/l/i/j for 1, Z/z for 2,
# S/s for 5, G/b for 6, B for 8, g/q for 9).
LETTERS = "ACEFHKMNPRUVWXYacefhkmnprtuvwxy"
CANVAS = 96


def scan(mask, rng):
    """Dark ink (the mask) on light paper, blurred and noised a little."""
    paper = rng.randint(215, 250)
    page = Image.new("L", (CANVAS, CANVAS), paper)
    page.paste(Image.new("L", mask.size, rng.randint(10, 90)), (0, 0), mask)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    return Image.blend(page, Image.effect_noise((CANVAS, CANVAS), rng.uniform(2, 8)), 0.06)


def letter(rng, fonts):
    font = ImageFont.truetype(rng.choice(fonts), rng.randint(48, 72))
    mask = Image.new("L", (CANVAS, CANVAS), 0)
    ImageDraw.Draw(mask).text((CANVAS / 2, CANVAS / 2), rng.choice(LETTERS), fill=255, font=font, anchor="mm",
                              stroke_width=rng.choice([0, 0, 1, 2]), stroke_fill=255)
    return mask


def curve_points(rng, count, spread):
    pts = [(CANVAS / 2 + rng.uniform(-spread, spread), CANVAS / 2 + rng.uniform(-spread, spread)) for _ in range(count)]
    out = []
    for i in range(len(pts) - 1):  # Catmull-Rom through the points
        p0, p1, p2, p3 = pts[max(i - 1, 0)], pts[i], pts[i + 1], pts[min(i + 2, len(pts) - 1)]
        for t in [k / 12 for k in range(12)]:
            out.append(tuple(0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t * t
                                    + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t ** 3) for j in range(2)))
    return out


def scribble(rng):
    mask = Image.new("L", (CANVAS, CANVAS), 0)
    ImageDraw.Draw(mask).line(curve_points(rng, rng.randint(6, 12), 30), fill=255, width=rng.randint(2, 6), joint="curve")
    return mask


def blob(rng):
    mask = Image.new("L", (CANVAS, CANVAS), 0)
    n, r0 = rng.randint(7, 14), rng.uniform(10, 28)
    pts = [(CANVAS / 2 + r0 * rng.uniform(0.5, 1.3) * math.cos(2 * math.pi * k / n),
            CANVAS / 2 + r0 * rng.uniform(0.5, 1.3) * math.sin(2 * math.pi * k / n)) for k in range(n)]
    ImageDraw.Draw(mask).polygon(pts, fill=255)
    return mask


def cross_or_tick(rng):
    mask = Image.new("L", (CANVAS, CANVAS), 0)
    d, w, c = ImageDraw.Draw(mask), rng.randint(2, 6), CANVAS / 2
    s = rng.uniform(14, 30)
    kind = rng.choice(["x", "+", "tick"])
    if kind == "x":
        d.line([(c - s, c - s), (c + s, c + s)], fill=255, width=w)
        d.line([(c - s, c + s), (c + s, c - s)], fill=255, width=w)
    elif kind == "+":
        d.line([(c - s, c), (c + s, c)], fill=255, width=w)
        d.line([(c, c - s), (c, c + s)], fill=255, width=w)
    else:
        d.line([(c - s, c), (c - s / 3, c + s * 0.7), (c + s, c - s)], fill=255, width=w, joint="curve")
    return mask.rotate(rng.uniform(-15, 15), resample=Image.BILINEAR)


def hash_or_star(rng):
    mask = Image.new("L", (CANVAS, CANVAS), 0)
    d, w, c, s = ImageDraw.Draw(mask), rng.randint(2, 5), CANVAS / 2, rng.uniform(14, 28)
    if rng.random() < 0.5:
        for o in (-s / 3, s / 3):
            d.line([(c - s, c + o), (c + s, c + o)], fill=255, width=w)
            d.line([(c + o, c - s), (c + o, c + s)], fill=255, width=w)
    else:
        for k in range(rng.choice([3, 4])):
            a = math.pi * k / 3 if k < 3 else math.pi / 2
            d.line([(c - s * math.cos(a), c - s * math.sin(a)), (c + s * math.cos(a), c + s * math.sin(a))], fill=255, width=w)
    return mask.rotate(rng.uniform(-20, 20), resample=Image.BILINEAR)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--fonts", choices=["held-out", "train"], default="held-out",
                        help="font families for the letters: held-out (the test set) or train (marks to train on)")
    args = parser.parse_args()
    families = HELD_OUT_FONTS if args.fonts == "held-out" else TRAIN_FONTS
    fonts = [p for family in families.values() for p in family]
    kinds = {"letters": lambda rng: letter(rng, fonts), "scribbles": scribble, "blobs": blob,
             "crosses_ticks": cross_or_tick, "hashes_stars": hash_or_star}
    for kind, draw in kinds.items():
        folder = os.path.join(args.out, kind)
        os.makedirs(folder, exist_ok=True)
        rng = random.Random(f"{args.seed}-{kind}")
        for k in range(args.per_kind):
            scan(draw(rng), rng).save(os.path.join(folder, f"{kind}-{k:03d}.png"), optimize=True)
    print(f"{len(kinds) * args.per_kind} marks in {args.out}")


if __name__ == "__main__":
    main()
