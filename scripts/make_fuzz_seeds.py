#!/usr/bin/env python3
"""Writes the libFuzzer seed corpus, Tests/Fixtures/fuzz-seeds/ (a few tiny JPEG/PNG files).

Seeds are small so libFuzzer's mutations reach the decoder's and segmenter's branches quickly:
copies of the decoding fixtures (each PNG colour type and bit depth, baseline, progressive,
CMYK and EXIF-rotated JPEGs) plus two pages with real digits scaled down from samples/, so
segmentation and normalisation have ink to work on from the first run.

Usage: python3 scripts/make_fuzz_seeds.py   (needs Pillow; run from the repository root)
"""
import shutil
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests/ImageDecodingTests/Fixtures"
OUT = ROOT / "Tests/Fixtures/fuzz-seeds"

COPIES = ["png_gray1.png", "png_gray16.png", "png_palette_trns.png", "png_rgba.png",
          "png_rgb_interlaced.png", "png_gray_alpha.png", "jpeg_gray.jpg",
          "jpeg_progressive.jpg", "jpeg_cmyk.jpg", "jpeg_exif6.jpg", "jpeg_rgb.jpg"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in COPIES:
        shutil.copyfile(FIXTURES / name, OUT / name)
    sheet = Image.open(ROOT / "samples/two-line-sheet.png").convert("L")
    sheet.thumbnail((96, 96))
    sheet.save(OUT / "digits_sheet.png", optimize=True)
    single = Image.open(ROOT / "samples/white-on-black.png").convert("L")
    single.thumbnail((64, 64))
    single.save(OUT / "digits_inverted.jpg", quality=80)


if __name__ == "__main__":
    main()
