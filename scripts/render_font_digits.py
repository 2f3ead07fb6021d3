#!/usr/bin/env python3
"""Renders the digits 0-9 of handwriting-style fonts from Debian packages as scan-like PNGs.

    scripts/render_font_digits.py --out DIR [--per-digit 30] [--seed 5]

Writes DIR/train/<digit>/<font>-<k>.png (fonts that may be mixed into training) and
DIR/other-hands/<digit>/<font>-<k>.png (fonts that must never be trained on: the held-out
"other hands" test set). The split is fixed below, by font family, so no family is on both sides.
Each image is one dark digit on light paper, drawn at a random size, stroke weight, slant and
position, then lightly blurred and noised so it goes through the same segmentation and
normalisation as a scan. scripts/render_font_digits.sh installs the fonts and Pillow first.
"""
import argparse
import os
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Family -> font files. Licences: see Models/README.md ("Data").
TRAIN_FONTS = {
    "breip": ["/usr/share/fonts/truetype/breip/Breip.ttf"],
    "dancingscript": ["/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
                      "/usr/share/fonts/opentype/dancingscript/DancingScript-Bold.otf"],
    "comicneue": [f"/usr/share/fonts/opentype/comic-neue/ComicNeue-{s}.otf"
                  for s in ("Regular", "Bold", "Italic", "Light", "LightItalic", "BoldItalic")],
    "klee": ["/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf",
             "/usr/share/fonts/truetype/klee/KleeOne-SemiBold.ttf"],
    "rufscript": ["/usr/share/fonts/truetype/rufscript/Rufscript010.ttf"],
    "sjfonts": ["/usr/share/fonts/truetype/sjfonts/Delphine.ttf",
                "/usr/share/fonts/truetype/sjfonts/SteveHand.ttf"],
    "yuseimagic": ["/usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf"],
    "seto": ["/usr/share/fonts/truetype/seto/setofont.ttf"],
}
HELD_OUT_FONTS = {
    "dkg": ["/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
            "/usr/share/fonts/truetype/fifthhorseman/dkgBd.ttf",
            "/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf"],
    "bwht": [f"/usr/share/fonts/opentype/bwht/BecauseWe{s}-Regular.otf"
             for s in ("Build", "Connect", "Create", "Learn", "Mentor", "Organize")],
    "humorsans": ["/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf"],
}

CANVAS = 96


def render(font_path, digit, rng):
    size = rng.randint(48, 72)
    font = ImageFont.truetype(font_path, size)
    stroke = rng.choice([0, 0, 0, 1, 1, 2])
    pad = 40
    glyph = Image.new("L", (CANVAS + 2 * pad, CANVAS + 2 * pad), 0)
    draw = ImageDraw.Draw(glyph)
    draw.text(((CANVAS + 2 * pad) / 2, (CANVAS + 2 * pad) / 2), str(digit), fill=255, font=font,
              anchor="mm", stroke_width=stroke, stroke_fill=255)
    # Slant and a small rotation, as hands vary.
    shear = rng.uniform(-0.25, 0.25)
    glyph = glyph.transform(glyph.size, Image.AFFINE,
                            (1, shear, -shear * glyph.size[1] / 2, 0, 1, 0), resample=Image.BILINEAR)
    glyph = glyph.rotate(rng.uniform(-8, 8), resample=Image.BILINEAR)
    box = glyph.getbbox()
    if box is None:
        return None
    glyph = glyph.crop(box)
    if glyph.size[0] > CANVAS - 8 or glyph.size[1] > CANVAS - 8:
        scale = (CANVAS - 8) / max(glyph.size)
        glyph = glyph.resize((max(1, int(glyph.size[0] * scale)), max(1, int(glyph.size[1] * scale))),
                             Image.LANCZOS)
    paper = rng.randint(215, 250)
    ink = rng.randint(10, 90)
    page = Image.new("L", (CANVAS, CANVAS), paper)
    x = rng.randint(4, CANVAS - 4 - glyph.size[0])
    y = rng.randint(4, CANVAS - 4 - glyph.size[1])
    ink_layer = Image.new("L", glyph.size, ink)
    page.paste(ink_layer, (x, y), glyph)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    noise = Image.effect_noise((CANVAS, CANVAS), rng.uniform(2, 8))
    page = Image.blend(page, noise, 0.06)
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--per-digit", type=int, default=30, help="images per digit per font file")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--only", metavar="FONT",
                        help="render one font file (its name without extension, e.g. dkgIt) into OUT/<digit>/ only")
    args = parser.parse_args()
    counts = {}
    for split, families in (("train", TRAIN_FONTS), ("other-hands", HELD_OUT_FONTS)):
        for family, paths in sorted(families.items()):
            for path in paths:
                if not os.path.exists(path):
                    raise SystemExit(f"missing font {path}: run scripts/render_font_digits.sh")
                name = os.path.splitext(os.path.basename(path))[0].lower()
                if args.only and name != args.only.lower():
                    continue
                for digit in range(10):
                    folder = os.path.join(args.out, "" if args.only else split, str(digit))
                    os.makedirs(folder, exist_ok=True)
                    rng = random.Random(f"{args.seed}-{name}-{digit}")
                    for k in range(args.per_digit):
                        page = render(path, digit, rng)
                        if page is None:
                            raise SystemExit(f"{path} has no glyph for {digit}")
                        page.save(os.path.join(folder, f"{name}-{k:03d}.png"), optimize=True)
                        counts[split] = counts.get(split, 0) + 1
    if not counts:
        raise SystemExit(f"no font file named {args.only}")
    for split, n in counts.items():
        print(f"{split}: {n} images in {args.out if args.only else os.path.join(args.out, split)}")


if __name__ == "__main__":
    main()
