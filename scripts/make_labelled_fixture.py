#!/usr/bin/env python3
"""Writes Tests/Fixtures/labelled: a tiny labelled picture folder for the LabelledImageSet tests.

    scripts/make_labelled_fixture.py   (needs Pillow and the fonts of render_font_digits.sh)

Two pictures per digit (one held-out font family, dkg), plus two that must be skipped:
3/truncated.png (a PNG cut short) and 7/two-digits.png (a 7 and a 1 side by side). Also
marks/: three pictures of marks that are no digit, for LabelledImageSet.loadMarks.
"""
import io
import os
import random

from PIL import Image

from make_nondigit_marks import blob, scan, scribble
from render_font_digits import render

FONT = "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf"
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "labelled")


def main():
    rng = random.Random(3)
    for digit in range(10):
        os.makedirs(os.path.join(OUT, str(digit)), exist_ok=True)
        for k in range(2):
            render(FONT, digit, rng).save(os.path.join(OUT, str(digit), f"dkg-{k}.png"), optimize=True)
    buffer = io.BytesIO()
    render(FONT, 3, rng).save(buffer, format="PNG")
    with open(os.path.join(OUT, "3", "truncated.png"), "wb") as f:
        f.write(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    pair = Image.new("L", (192, 96), 255)
    pair.paste(render(FONT, 7, rng), (0, 0))
    pair.paste(render(FONT, 1, rng), (96, 0))
    pair.save(os.path.join(OUT, "7", "two-digits.png"), optimize=True)
    os.makedirs(os.path.join(OUT, "marks"), exist_ok=True)
    for k, draw in enumerate([scribble, blob, scribble]):
        scan(draw(rng), rng).save(os.path.join(OUT, "marks", f"mark-{k}.png"), optimize=True)


if __name__ == "__main__":
    main()
