"""Generates samples/: fourteen realistic scans of MNIST *test* digits, and samples/expected.csv.

  /work/peers-venv/bin/python scripts/make_samples.py [--out samples] [--seed 1]

Needs Python 3.9+, numpy, OpenCV (opencv-python-headless) and Pillow (for EXIF, palette and
RGBA output); run from anywhere. The output is committed: the demo and the tests never need Python.

Each sample exercises one thing a real folder of scans contains (see SAMPLES below). Digits are
MNIST test images drawn by a seeded permutation, not picked by hand. expected.csv has one row per
sample: `path` relative to samples/, `digits` the true labels in reading order (lines separated
by one space), `count`, and `status` (ok, no_digits for the blank page, error for the corrupt file).
"""
import argparse
import csv
import io
import os

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

import scan_render as sr

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST_DIR = os.path.join(REPO, "Tests", "Fixtures", "mnist")
EXIF_ORIENTATION = 0x0112
# Orientation 6: the stored pixels must be turned 90 degrees clockwise to be upright.
ROTATE_90_CW = 6


class Digits:
    """Hands out MNIST test digits in a seeded random order, each at most once."""

    def __init__(self, rng, images, labels):
        self.images, self.labels = images, labels
        self.order = iter(rng.permutation(len(images)))

    def lines(self, counts, size, rng):
        """Glyphs for lines of the given lengths and their truth text ('123 45')."""
        glyphs, truth = [], []
        for c in counts:
            picks = [next(self.order) for _ in range(c)]
            glyphs.append([sr.glyph(self.images[i], int(round(size * rng.uniform(0.93, 1.07))))
                           for i in picks])
            truth.append("".join(str(int(self.labels[i])) for i in picks))
        return glyphs, " ".join(truth)


def grey_scan(rng, digits, counts, size, margin=None):
    """Dark ink on noisy paper, 8-bit grey; returns (uint8 image, truth)."""
    glyphs, truth = digits.lines(counts, size, rng)
    layout = sr.Layout(rng, glyphs, size, margin=margin)
    canvas = sr.paper(rng, layout.height, layout.width)
    layout.draw(canvas, rng.uniform(20, 80))
    return sr.finish(canvas, rng), truth


def jpeg_bytes(image, quality, progressive=False, exif=None):
    """Encodes a PIL image as JPEG, optionally progressive and with EXIF."""
    buf = io.BytesIO()
    extra = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(buf, "JPEG", quality=quality, progressive=progressive, optimize=True, **extra)
    return buf.getvalue()


def png_bytes(image):
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def single_digit(rng, d):
    img, truth = grey_scan(rng, d, [1], 120, margin=70)
    return png_bytes(Image.fromarray(img)), truth


def small_digit(rng, d):
    img, truth = grey_scan(rng, d, [1], 44, margin=30)
    return jpeg_bytes(Image.fromarray(img), 85), truth


def zip_code(rng, d):
    img, truth = grey_scan(rng, d, [5], 90)
    return jpeg_bytes(Image.fromarray(img), 90), truth


def two_line_sheet(rng, d):
    img, truth = grey_scan(rng, d, [6, 5], 70, margin=80)
    return png_bytes(Image.fromarray(img)), truth


def white_on_black(rng, d):
    """Chalk on a blackboard: the same render with the polarity reversed."""
    img, truth = grey_scan(rng, d, [3], 100)
    return png_bytes(Image.fromarray(255 - img)), truth


def phone_photo(rng, d):
    """Blue ballpoint on cream paper under a lamp: RGB, vignetted, progressive JPEG."""
    glyphs, truth = d.lines([4], 110, rng)
    layout = sr.Layout(rng, glyphs, 110)
    h, w = layout.height, layout.width
    coverage = np.zeros((h, w), np.float32)
    layout.draw(coverage, 1.0)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.0 - 0.12 * (((xx - 0.3 * w) / w) ** 2 + ((yy - 0.4 * h) / h) ** 2)
    cream = np.array([238, 230, 205], np.float32)   # RGB
    ink = np.array([35, 45, 110], np.float32)
    rgb = np.empty((h, w, 3), np.float32)
    for c in range(3):
        noisy = cream[c] * light + rng.standard_normal((h, w)).astype(np.float32) * 1.5
        rgb[..., c] = noisy * (1 - coverage) + ink[c] * coverage
    rgb = cv2.GaussianBlur(rgb, (0, 0), 0.6)
    image = Image.fromarray(np.clip(np.rint(rgb), 0, 255).astype(np.uint8), "RGB")
    return jpeg_bytes(image, 88, progressive=True), truth


def transparent_png(rng, d):
    """Ink on a transparent background (RGBA). Transparent pixels are black with alpha 0, so a
    reader that drops alpha instead of compositing over white sees a black page."""
    glyphs, truth = d.lines([4], 80, rng)
    layout = sr.Layout(rng, glyphs, 80)
    coverage = np.zeros((layout.height, layout.width), np.float32)
    layout.draw(coverage, 1.0)
    rgba = np.zeros((layout.height, layout.width, 4), np.uint8)
    rgba[..., :3] = np.where(coverage[..., None] > 0, np.array([20, 20, 40], np.uint8), 0)
    rgba[..., 3] = np.clip(np.rint(coverage * 255), 0, 255).astype(np.uint8)
    return png_bytes(Image.fromarray(rgba, "RGBA")), truth


def rotated_exif(rng, d):
    """A phone held sideways: pixels stored turned 90 degrees counter-clockwise with EXIF
    Orientation 6, so a reader that honours the tag sees the digits upright."""
    img, truth = grey_scan(rng, d, [3], 90)
    stored = Image.fromarray(np.ascontiguousarray(np.rot90(img, k=1)))  # k=1: counter-clockwise
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATE_90_CW
    data = jpeg_bytes(stored, 90, exif=exif)
    upright = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(data))))
    if upright.shape != img.shape or np.abs(upright.astype(np.int16) - img).mean() > 3:
        raise SystemExit("EXIF rotation round trip failed: orientation tag does not undo the rotation")
    return data, truth


def scan_16bit(rng, d):
    """A 16-bit grey PNG, as archival scanners write."""
    img, truth = grey_scan(rng, d, [3], 85)
    wide = img.astype(np.uint16) * 257 + rng.integers(0, 257, img.shape).astype(np.uint16)
    ok, data = cv2.imencode(".png", np.minimum(wide, 65535).astype(np.uint16))
    if not ok:
        raise SystemExit("could not encode 16-bit PNG")
    return data.tobytes(), truth


def fax_palette(rng, d):
    """A palette PNG with 16 grey levels, as document scanners write to save space."""
    img, truth = grey_scan(rng, d, [4], 75)
    pal = Image.fromarray(img).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    return png_bytes(pal), truth


def blank_page(rng, d):
    canvas = sr.paper(rng, 420, 600)
    return jpeg_bytes(Image.fromarray(sr.finish(canvas, rng)), 85), ""


def truncated_jpeg(rng, d):
    """A JPEG cut off at 40% of its bytes, as an interrupted copy leaves it."""
    img, _ = grey_scan(rng, d, [2], 90)
    data = jpeg_bytes(Image.fromarray(img), 85)
    return data[: int(len(data) * 0.4)], ""


def sheet_on_desk(rng, d):
    """A phone photo of a small sheet lying on a dark wooden desk, turned a little: the desk,
    not the paper, is the commonest gray of the picture."""
    img, truth = grey_scan(rng, d, [5], 80, margin=40)
    # Paper and ink are never pure black, so after the turn black marks the corners it added.
    sheet = Image.fromarray(np.maximum(img, 1)).convert("RGB").rotate(
        float(rng.uniform(2, 4)), expand=True, fillcolor=(0, 0, 0), resample=Image.BICUBIC)
    inside = Image.fromarray(((np.array(sheet.convert("L")) > 0) * 255).astype(np.uint8))
    sw, sh = sheet.size
    pad_x, pad_y = int(0.25 * sw), int(0.45 * sh)
    H, W = sh + 2 * pad_y, sw + 2 * pad_x
    wood = np.array([95, 65, 42], np.float32)
    streaks = cv2.resize(rng.standard_normal((max(2, H // 3), 6)).astype(np.float32), (W, H),
                         interpolation=cv2.INTER_CUBIC)
    desk = wood[None, None, :] * (1.0 + 0.08 * streaks)[:, :, None]
    desk += rng.standard_normal((H, W, 1)).astype(np.float32) * 3
    canvas = Image.fromarray(np.clip(np.rint(desk), 0, 255).astype(np.uint8), "RGB")
    canvas.paste(sheet, (pad_x, pad_y), inside)
    return jpeg_bytes(canvas, 87), truth


def form_label(rng, d):
    """A form's printed label beside a handwritten amount: "Total:" in a printed typeface
    (Pillow's built-in font), its capitals under half the digits' height. The label is no
    digit: left out (without classifier.markMaxConfidence it reads as a doubtful 2)."""
    img, truth = grey_scan(rng, d, [4], 56, margin=20)
    h = img.shape[0]
    label = Image.new("L", (120, h), 0)
    ImageDraw.Draw(label).text((12, h // 2), "Total:", fill=255, font=ImageFont.load_default(size=28), anchor="lm")
    ink = np.asarray(label, np.float32) / 255.0
    paper = float(np.percentile(img, 90))
    left = paper - ink * (paper - rng.uniform(30, 60)) + rng.standard_normal(ink.shape) * 3
    page = np.concatenate([np.clip(np.rint(left), 0, 255).astype(np.uint8), img], axis=1)
    return png_bytes(Image.fromarray(page)), truth


# (file name, maker, expected status)
SAMPLES = [
    ("single-digit.png", single_digit, "ok"),
    ("small-digit.jpg", small_digit, "ok"),
    ("zip-code.jpg", zip_code, "ok"),
    ("two-line-sheet.png", two_line_sheet, "ok"),
    ("white-on-black.png", white_on_black, "ok"),
    ("phone-photo.jpg", phone_photo, "ok"),
    ("transparent.png", transparent_png, "ok"),
    ("rotated-exif.jpg", rotated_exif, "ok"),
    ("scan-16bit.png", scan_16bit, "ok"),
    ("fax-palette.png", fax_palette, "ok"),
    ("blank-page.jpg", blank_page, "no_digits"),
    ("truncated.jpg", truncated_jpeg, "error"),
    ("sheet-on-desk.jpg", sheet_on_desk, "ok"),
    ("form-label.png", form_label, "ok"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(REPO, "samples"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    images, labels = sr.load_mnist_test(MNIST_DIR)
    rng = np.random.default_rng(args.seed)
    digits = Digits(rng, images, labels)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "expected.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["path", "digits", "count", "status"])
        for name, make, status in SAMPLES:
            data, truth = make(rng, digits)
            with open(os.path.join(args.out, name), "wb") as out:
                out.write(data)
            writer.writerow([name, truth, len(truth.replace(" ", "")), status])
            print(f"{name:20s} {len(data):7d} bytes  {truth or '-'}  ({status})")


if __name__ == "__main__":
    main()
