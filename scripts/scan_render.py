"""Renders MNIST digits as realistic scans: dark ink on light, slightly noisy paper.

Shared by make_samples.py and make_e2e_suite.py. Needs numpy and OpenCV (cv2); nothing here
touches the network or the Swift code, so the scans are an independent test of the pipeline.

How a scan is made:
  1. Each MNIST digit (28x28, ink bright) is cropped to its own ink, upscaled with Lanczos so its
     longer side is the wanted digit size, and its intensity becomes ink coverage (0..1).
  2. Paper is a base grey (200-245) with a gentle illumination gradient, a low-frequency
     texture and fine per-pixel noise.
  3. Digits are laid out left to right on one or more lines with a gap between their boxes
     (so no two digits' ink overlaps), a small baseline jitter and slope, and composited as ink
     of one darkness per file (20-80): pixel = paper * (1 - coverage) + ink * coverage.
  4. A slight Gaussian blur stands in for the scanner's optics.
"""
import gzip
import struct

import cv2
import numpy as np

IDX_DTYPE_UBYTE = 0x08


def load_idx(path):
    """Reads a gzipped IDX file (MNIST format) into a uint8 array, validating its header.

    Header: two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions,
    then each dimension as a big-endian uint32; the data follows.
    """
    with gzip.open(path, "rb") as f:
        data = f.read()
    if len(data) < 4:
        raise ValueError(f"{path}: too short for an IDX header")
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != IDX_DTYPE_UBYTE or ndim == 0:
        raise ValueError(f"{path}: not an unsigned-byte IDX file (magic {data[:4].hex()})")
    header_len = 4 + 4 * ndim
    if len(data) < header_len:
        raise ValueError(f"{path}: header truncated")
    dims = struct.unpack(f">{ndim}I", data[4:header_len])
    count = int(np.prod(dims))
    if len(data) - header_len != count:
        raise ValueError(f"{path}: {len(data) - header_len} data bytes, header says {count}")
    return np.frombuffer(data, dtype=np.uint8, offset=header_len).reshape(dims)


def load_mnist_test(fixtures_dir):
    """Returns (images (N, 28, 28) uint8, labels (N,) uint8) of the MNIST test set."""
    images = load_idx(f"{fixtures_dir}/t10k-images-idx3-ubyte.gz")
    labels = load_idx(f"{fixtures_dir}/t10k-labels-idx1-ubyte.gz")
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise ValueError(f"MNIST shapes do not match: {images.shape} vs {labels.shape}")
    return images, labels


def glyph(digit28, size):
    """Ink coverage (float32, 0..1) of one MNIST digit cropped to its ink, longer side `size` px."""
    ys, xs = np.nonzero(digit28)
    if len(ys) == 0:
        raise ValueError("digit has no ink")
    crop = digit28[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32) / 255.0
    h, w = crop.shape
    scale = size / max(h, w)
    out_w, out_h = max(1, round(w * scale)), max(1, round(h * scale))
    up = cv2.resize(crop, (out_w, out_h), interpolation=cv2.INTER_LANCZOS4)
    # MNIST strokes have soft anti-aliased edges; upscaled 5x they look like felt pen through
    # fog. A mild contrast curve gives a pen-like edge while keeping the anti-aliasing.
    return np.clip((up - 0.08) / 0.75, 0.0, 1.0)


def paper(rng, h, w, noise=None):
    """Float32 paper: base grey 200-245, illumination gradient, low-frequency texture, and fine
    noise of standard deviation `noise` (default: drawn from 0.3-1.2 grey levels)."""
    base = rng.uniform(200, 245)
    gx, gy = rng.uniform(-8, 8, size=2)
    yy = np.linspace(-0.5, 0.5, h, dtype=np.float32)[:, None]
    xx = np.linspace(-0.5, 0.5, w, dtype=np.float32)[None, :]
    img = base + gx * xx + gy * yy
    # Texture: coarse noise upscaled smoothly, like paper fibre and uneven scanner light.
    coarse = rng.standard_normal((max(2, h // 16), max(2, w // 16))).astype(np.float32)
    img = img + cv2.resize(coarse, (w, h), interpolation=cv2.INTER_CUBIC) * rng.uniform(1.0, 3.0)
    sigma = rng.uniform(0.3, 1.2) if noise is None else noise
    img = img + rng.standard_normal((h, w)).astype(np.float32) * sigma
    return img


def composite(canvas, coverage, x, y, ink):
    """Lays ink of darkness `ink` with the given coverage onto canvas at (x, y), in place."""
    h, w = coverage.shape
    roi = canvas[y:y + h, x:x + w]
    if roi.shape != coverage.shape:
        raise ValueError(f"glyph at ({x}, {y}) size {w}x{h} falls outside the canvas")
    roi[:] = roi * (1.0 - coverage) + ink * coverage


def add_specks(canvas, rng, count, keep_out):
    """Adds `count` small dust specks (radius <= 1.5 px) away from the boxes in keep_out."""
    h, w = canvas.shape
    placed = 0
    for _ in range(count * 20):
        if placed == count:
            break
        x, y = int(rng.integers(2, w - 2)), int(rng.integers(2, h - 2))
        if any(bx - 8 <= x <= bx + bw + 8 and by - 8 <= y <= by + bh + 8 for bx, by, bw, bh in keep_out):
            continue
        darkness = rng.uniform(60, 150)
        cv2.circle(canvas, (x, y), int(rng.integers(0, 2)), float(darkness), -1, lineType=cv2.LINE_AA)
        placed += 1


def finish(canvas, rng):
    """Scanner optics (slight blur), then rounding to 8-bit grey."""
    canvas = cv2.GaussianBlur(canvas, (0, 0), rng.uniform(0.3, 0.7))
    return np.clip(np.rint(canvas), 0, 255).astype(np.uint8)


class Layout:
    """Positions of digit glyphs on lines: each line left to right, lines top to bottom.

    `lines` is a list of lists of coverage arrays. Gaps between boxes on a line are at least
    `min_gap` px, so no two digits' ink can overlap; the vertical centre of each glyph follows
    the line's baseline plus a small jitter and slope.
    """

    def __init__(self, rng, lines, height, margin=None, min_gap=3):
        self.placements = []  # (coverage, x, y)
        margin = int(round(height * rng.uniform(0.15, 0.4))) if margin is None else margin
        margin = max(margin, 6)
        slope = rng.uniform(-0.02, 0.02)
        rows = []
        for li, glyphs in enumerate(lines):
            x = margin + (int(round(rng.uniform(0, 0.5) * height)) if li > 0 else 0)
            row = []
            for g in glyphs:
                jitter = rng.uniform(-0.06, 0.06) * height
                row.append((g, x, jitter))
                x += g.shape[1] + max(min_gap, int(round(height * rng.uniform(0.08, 0.45))))
            rows.append(row)
        # Place rows: each row's band is tall enough for its glyphs with jitter and slope.
        width = max(r[-1][1] + r[-1][0].shape[1] for r in rows) + margin
        y_top = margin
        for row in rows:
            centres = [j + slope * (x - margin) for g, x, j in row]
            tops = [c - g.shape[0] / 2 for (g, _, _), c in zip(row, centres)]
            bottoms = [c + g.shape[0] / 2 for (g, _, _), c in zip(row, centres)]
            shift = y_top - min(tops)
            for (g, x, _), t in zip(row, tops):
                self.placements.append((g, x, int(round(t + shift))))
            band = max(bottoms) - min(tops)
            y_top = int(round(y_top + band + rng.uniform(0.3, 0.8) * height))
        bottom = max(y + g.shape[0] for g, _, y in self.placements)
        self.width = width
        self.height = bottom + margin

    def boxes(self):
        """Each glyph's (x, y, w, h) box in canvas pixels."""
        return [(x, y, g.shape[1], g.shape[0]) for g, x, y in self.placements]

    def draw(self, canvas, ink):
        """Composites every glyph onto canvas as ink of darkness `ink`."""
        for g, x, y in self.placements:
            composite(canvas, g, x, y, ink)
