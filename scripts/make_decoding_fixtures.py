#!/usr/bin/env python3
"""Writes the ImageDecoding test fixtures and their expected pixels.

Run with the peers venv (Pillow, numpy):
    /work/peers-venv/bin/python scripts/make_decoding_fixtures.py

Output: Tests/ImageDecodingTests/Fixtures/*.{png,jpg,bin} and expected.json, which maps each
decodable fixture to {width, height, gray, rgb, tolerance}; gray and rgb are the raw row-major
bytes (1 and 3 per pixel), base64-encoded.

Where the expected pixels come from:
  * PNGs: from the source arrays the PNGs were written from, using the documented decode rules
    (alpha composited over white on 8-bit values, then BT.601 luma in libjpeg's fixed point),
    so the Swift test checks exact pixels against arithmetic done independently here. Every PNG
    is also read back with Pillow and checked against its source array, so the hand-written
    PNG encoder below (needed for 2/4-bit gray, Adam7 and crafted headers) is verified too.
  * JPEGs: Pillow's own decode of the same file (gray via draft("L"), i.e. libjpeg's
    JCS_GRAYSCALE; EXIF orientation via ImageOps.exif_transpose), compared with a tolerance.
"""

import base64
import io
import json
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

OUT = Path(__file__).resolve().parent.parent / "Tests" / "ImageDecodingTests" / "Fixtures"
RNG = np.random.default_rng(20240601)
W, H = 8, 6  # small PNGs
JW, JH = 24, 16  # JPEGs: a few 8x8 blocks, wider than tall so rotations change the shape
# Pillow here decodes with the same libjpeg-turbo IDCT and upsampling, so JPEGs match exactly
# today; the slack covers a Pillow built against a different libjpeg.
JPEG_TOLERANCE = 2

expected = {}


# ---------------------------------------------------------------------------------------------
# Decode rules the Swift side implements (kept independent of the Swift code on purpose).

def luma(rgb):
    """BT.601 luma in libjpeg's fixed point: (19595 R + 38470 G + 7471 B + 32768) >> 16."""
    rgb = rgb.astype(np.int64)
    return ((19595 * rgb[..., 0] + 38470 * rgb[..., 1] + 7471 * rgb[..., 2] + 32768) >> 16).astype(np.uint8)


def over_white(value, alpha):
    v = value.astype(np.int64)
    a = alpha.astype(np.int64)
    return ((v * a + 255 * (255 - a) + 127) // 255).astype(np.uint8)


def record(name, gray, rgb, tolerance):
    assert gray.shape == rgb.shape[:2]
    expected[name] = {
        "width": int(gray.shape[1]),
        "height": int(gray.shape[0]),
        "gray": base64.b64encode(gray.astype(np.uint8).tobytes()).decode(),
        "rgb": base64.b64encode(rgb.astype(np.uint8).tobytes()).decode(),
        "tolerance": tolerance,
    }


def gray_to_rgb(gray):
    return np.repeat(gray[..., None], 3, axis=2)


# ---------------------------------------------------------------------------------------------
# A minimal PNG writer: Pillow cannot write 2/4-bit gray or Adam7, nor a lying IHDR.

def chunk(kind, data, crc=None):
    body = kind + data
    if crc is None:
        crc = zlib.crc32(body) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + body + struct.pack(">I", crc)


def pack_row(samples, bit_depth):
    """One scanline of samples (1 channel or interleaved) at bit_depth, without filter byte."""
    if bit_depth == 16:
        return b"".join(struct.pack(">H", int(v)) for v in samples)
    if bit_depth == 8:
        return bytes(int(v) for v in samples)
    per_byte = 8 // bit_depth
    out = bytearray()
    for start in range(0, len(samples), per_byte):
        byte = 0
        group = list(samples[start:start + per_byte]) + [0] * (per_byte - len(samples[start:start + per_byte]))
        for v in group:
            byte = (byte << bit_depth) | int(v)
        out.append(byte)
    return bytes(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def write_png(array, bit_depth, color_type, interlace=False):
    """array: (H, W) or (H, W, C) integers already at bit_depth."""
    h, w = array.shape[:2]
    flat = array.reshape(h, w, -1)
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        sub = flat[y0::dy, x0::dx]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        for row in sub:
            raw.append(0)  # filter type None
            raw += pack_row(row.reshape(-1), bit_depth)
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 1 if interlace else 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def pillow_array(data, mode=None):
    img = Image.open(io.BytesIO(data))
    img.load()
    return np.array(img.convert(mode) if mode else img)


def save(name, data):
    (OUT / name).write_bytes(data)
    return data


# ---------------------------------------------------------------------------------------------
# PNGs, exact.

def make_pngs():
    for bits in (1, 2, 4, 8, 16):
        levels = RNG.integers(0, 2 ** bits, size=(H, W))
        data = save(f"png_gray{bits}.png", write_png(levels, bits, 0))
        if bits == 16:
            gray = np.rint(levels / 257).astype(np.uint8)  # never a tie: 257 is odd
            assert np.array_equal(pillow_array(data), levels)
        else:
            gray = (levels * (255 // (2 ** bits - 1))).astype(np.uint8)
            assert np.array_equal(pillow_array(data, "L"), gray), bits
        record(f"png_gray{bits}.png", gray, gray_to_rgb(gray), 0)

    ga = RNG.integers(0, 256, size=(H, W, 2)).astype(np.uint8)
    ga[0, :3, 1] = [0, 255, 128]  # fully transparent, opaque, half
    data = save("png_gray_alpha.png", png_bytes(Image.fromarray(ga, "LA")))
    assert np.array_equal(pillow_array(data), ga)
    gray = over_white(ga[..., 0], ga[..., 1])
    record("png_gray_alpha.png", gray, gray_to_rgb(gray), 0)

    rgb = RNG.integers(0, 256, size=(H, W, 3)).astype(np.uint8)
    data = save("png_rgb.png", png_bytes(Image.fromarray(rgb, "RGB")))
    assert np.array_equal(pillow_array(data), rgb)
    record("png_rgb.png", luma(rgb), rgb, 0)

    rgba = RNG.integers(0, 256, size=(H, W, 4)).astype(np.uint8)
    rgba[0, :3, 3] = [0, 255, 128]
    data = save("png_rgba.png", png_bytes(Image.fromarray(rgba, "RGBA")))
    assert np.array_equal(pillow_array(data), rgba)
    composited = np.stack([over_white(rgba[..., c], rgba[..., 3]) for c in range(3)], axis=2)
    record("png_rgba.png", luma(composited), composited, 0)

    # Palette of 6 colours, two of them partly or fully transparent (tRNS).
    palette = np.array([[0, 0, 0], [255, 255, 255], [200, 30, 40], [10, 120, 250], [90, 90, 90], [250, 250, 0]],
                       dtype=np.uint8)
    alphas = np.array([255, 255, 0, 100, 255, 255], dtype=np.uint8)
    index = RNG.integers(0, len(palette), size=(H, W)).astype(np.uint8)
    index[0, :3] = [2, 3, 5]
    img = Image.fromarray(index, "P")
    img.putpalette(palette.reshape(-1).tolist())
    data = save("png_palette_trns.png", png_bytes(img, transparency=bytes(alphas)))
    assert np.array_equal(pillow_array(data), index)
    colours, alpha = palette[index], alphas[index]
    composited = np.stack([over_white(colours[..., c], alpha) for c in range(3)], axis=2)
    record("png_palette_trns.png", luma(composited), composited, 0)

    rgb = RNG.integers(0, 256, size=(H, W, 3)).astype(np.uint8)
    data = save("png_rgb_interlaced.png", write_png(rgb, 8, 2, interlace=True))
    assert Image.open(io.BytesIO(data)).info.get("interlace") == 1
    assert np.array_equal(pillow_array(data), rgb)
    record("png_rgb_interlaced.png", luma(rgb), rgb, 0)
    return rgb


def png_bytes(img, **params):
    buf = io.BytesIO()
    img.save(buf, "PNG", **params)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# JPEGs, compared with Pillow's decode.

def jpeg_picture():
    """Asymmetric: a dark block in the top-left corner, a mid-gray bar along the bottom, a
    horizontal gradient elsewhere, and a coloured patch so chroma matters."""
    y, x = np.mgrid[0:JH, 0:JW]
    rgb = np.zeros((JH, JW, 3), dtype=np.uint8)
    base = (60 + 180 * x / (JW - 1)).astype(np.uint8)
    rgb[...] = base[..., None]
    rgb[:6, :6] = 10
    rgb[-4:, :] = 128
    rgb[6:10, 14:22] = [220, 40, 40]
    return rgb


def jpeg_bytes(img, **params):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, **params)
    return buf.getvalue()


def pillow_jpeg(data, transpose=False):
    """Pillow's decode: gray through libjpeg's JCS_GRAYSCALE (draft), and RGB."""
    gray_img = Image.open(io.BytesIO(data))
    if gray_img.mode != "CMYK":
        gray_img.draft("L", gray_img.size)
    rgb_img = Image.open(io.BytesIO(data))
    if transpose:
        gray_img, rgb_img = ImageOps.exif_transpose(gray_img), ImageOps.exif_transpose(rgb_img)
    if rgb_img.mode == "CMYK":
        # Pillow has already undone Adobe's inversion; apply the same profile-free formula.
        cmyk = np.array(rgb_img).astype(np.int64)
        rgb = (((255 - cmyk[..., :3]) * (255 - cmyk[..., 3:4]) + 127) // 255).astype(np.uint8)
        return luma(rgb), rgb
    return np.array(gray_img.convert("L") if gray_img.mode != "L" else gray_img), np.array(rgb_img.convert("RGB"))


def app1(payload):
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def exif_orientation(value, big_endian=False):
    """A minimal EXIF block: TIFF header, IFD0 with the single Orientation entry."""
    e = ">" if big_endian else "<"
    tiff = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8)
    tiff += struct.pack(e + "H", 1) + struct.pack(e + "HHI", 0x0112, 3, 1) + struct.pack(e + "HH", value, 0)
    tiff += struct.pack(e + "I", 0)
    return b"Exif\x00\x00" + tiff


def insert_after_soi(data, segments):
    assert data[:2] == b"\xff\xd8"
    return data[:2] + b"".join(segments) + data[2:]


def make_jpegs():
    rgb = jpeg_picture()
    gray = luma(rgb)
    variants = {
        "jpeg_gray.jpg": jpeg_bytes(Image.fromarray(gray, "L")),
        "jpeg_rgb.jpg": jpeg_bytes(Image.fromarray(rgb, "RGB")),
        "jpeg_progressive.jpg": jpeg_bytes(Image.fromarray(rgb, "RGB"), progressive=True),
        "jpeg_cmyk.jpg": jpeg_bytes(Image.fromarray(rgb, "RGB").convert("CMYK")),
    }
    assert Image.open(io.BytesIO(variants["jpeg_progressive.jpg"])).info.get("progressive") == 1
    assert b"Adobe" in variants["jpeg_cmyk.jpg"]
    for name, data in variants.items():
        save(name, data)
        record(name, *pillow_jpeg(data), JPEG_TOLERANCE)

    # Every orientation, written by Pillow (little-endian TIFF).
    for value in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = value
        data = save(f"jpeg_exif{value}.jpg", jpeg_bytes(Image.fromarray(rgb, "RGB"), exif=exif.tobytes()))
        g, c = pillow_jpeg(data, transpose=True)
        record(f"jpeg_exif{value}.jpg", g, c, JPEG_TOLERANCE)

    # Big-endian EXIF after an XMP APP1 segment: the decoder must pick the EXIF one.
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"
    plain = variants["jpeg_gray.jpg"]
    data = save("jpeg_exif6_mm_after_xmp.jpg", insert_after_soi(plain, [app1(xmp), app1(exif_orientation(6, True))]))
    g, c = pillow_jpeg(data, transpose=True)
    assert g.shape == (JW, JH)
    record("jpeg_exif6_mm_after_xmp.jpg", g, c, JPEG_TOLERANCE)

    # Damaged EXIF (IFD0 offset past the end): decodes, unrotated.
    bad = bytearray(exif_orientation(6))
    bad[6 + 4:6 + 8] = struct.pack("<I", 0xFFFF)
    data = save("jpeg_exif_malformed.jpg", insert_after_soi(plain, [app1(bytes(bad))]))
    record("jpeg_exif_malformed.jpg", *pillow_jpeg(plain), JPEG_TOLERANCE)
    return variants


# ---------------------------------------------------------------------------------------------
# Broken files.

def png_chunks(data):
    """[(offset, length, type)] of each chunk, by walking the chunk structure."""
    pos, out = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        out.append((pos, length, kind))
        pos += 12 + length
    return out


def jpeg_segments(data):
    """[(offset, marker)] of each marker segment up to SOS, by walking the marker structure."""
    pos, out = 2, []
    while pos < len(data):
        assert data[pos] == 0xFF
        marker = data[pos + 1]
        out.append((pos, marker))
        if marker == 0xDA:
            break
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        pos += 2 + length
    return out


def make_broken(png_rgb, jpegs):
    rgb_jpeg = jpegs["jpeg_rgb.jpg"]
    sos = [p for p, m in jpeg_segments(rgb_jpeg) if m == 0xDA][0]
    save("broken_truncated.jpg", rgb_jpeg[:sos + (len(rgb_jpeg) - sos) // 2])

    png = (OUT / "png_rgb.png").read_bytes()
    pos, length, kind = [c for c in png_chunks(png) if c[2] == b"IDAT"][0]
    save("broken_truncated.png", png[:pos + 8 + length // 2])

    crc_at = pos + 8 + length
    bad = bytearray(png)
    bad[crc_at + 3] ^= 0x01
    save("broken_bad_crc.png", bytes(bad))

    # A bad CRC in an ancillary chunk: libpng only warns and drops the chunk.
    ihdr_end = 8 + 12 + 13
    text = chunk(b"tEXt", b"Comment\x00hello", crc=0x12345678)
    save("broken_bad_crc_text.png", png[:ihdr_end] + text + png[ihdr_end:])

    save("broken_text.jpg", b"%PDF-1.4\nThis is a text file with a .jpg name, not an image.\n")
    save("broken_empty.jpg", b"")

    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    save("broken_huge.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
         + chunk(b"IEND", b""))

    gray_jpeg = bytearray(jpegs["jpeg_gray.jpg"])
    sof = [p for p, m in jpeg_segments(bytes(gray_jpeg)) if m == 0xC0][0]
    # SOF0: FF C0, length(2), precision(1), height(2), width(2), ...
    gray_jpeg[sof + 5:sof + 9] = struct.pack(">HH", 60000, 60000)
    save("broken_huge.jpg", bytes(gray_jpeg))

    # A JPEG signature followed by a marker segment whose length runs past the file.
    save("broken_bad_marker.jpg", b"\xff\xd8\xff\xe0\x40\x00JFIF\x00")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    png_rgb = make_pngs()
    jpegs = make_jpegs()
    make_broken(png_rgb, jpegs)
    (OUT / "expected.json").write_text(json.dumps(expected, separators=(",", ":"), sort_keys=True) + "\n")
    total = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    print(f"wrote {len(list(OUT.iterdir()))} files, {total} bytes, to {OUT}")


if __name__ == "__main__":
    main()
