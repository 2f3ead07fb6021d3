"""Colour pages for the hard-case suite: tinted paper, printed rules, grids and boxes, ink of any
colour, uneven light, sensor noise, and JPEG/PNG encoding in grey or RGB.

The physical model is the one a camera or scanner sees: paper reflects a colour, ink and print
absorb part of it (multiplicative: pixel = paper * (1 - coverage * (1 - colour / 255)), where
`colour` is how the ink looks on white paper), light then scales everything, and the sensor adds
noise and blur. Paper texture comes from scripts/scan_render.py's `paper`, so the grey v1 scans
and these share one paper. Needs numpy, OpenCV and Pillow.
"""
import io

import cv2
import numpy as np
from PIL import Image

import scan_render as sr


class Sheet:
    """A page being drawn: float32 RGB (h, w, 3), 0..255 scale, before light and noise."""

    def __init__(self, rng, h, w, paper_rgb):
        paper_rgb = np.asarray(paper_rgb, np.float32)
        # sr.paper draws its own grey level; only its relative texture and gradient are kept.
        texture = sr.paper(rng, h, w, noise=0.0)
        texture /= float(texture.mean())
        self.px = texture[:, :, None] * paper_rgb[None, None, :]

    @property
    def shape(self):
        return self.px.shape[:2]

    def lay(self, cov, x, y, colour):
        """Lays ink or print of `colour` with coverage `cov` (h, w) at (x, y); clips at the edges."""
        h, w = cov.shape
        H, W = self.shape
        x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
        if x0 >= x1 or y0 >= y1:
            return
        c = cov[y0 - y:y1 - y, x0 - x:x1 - x, None]
        absorb = 1.0 - np.asarray(colour, np.float32) / 255.0
        self.px[y0:y1, x0:x1] *= 1.0 - c * absorb

    def lay_layer(self, layer_u8, colour):
        """Lays a full-page uint8 coverage layer (0..255) of one colour."""
        self.lay(layer_u8.astype(np.float32) / 255.0, 0, 0, colour)

    def light(self, illumination):
        """Multiplies by an illumination map (h, w) in 0..1."""
        self.px *= illumination[:, :, None]

    def rotate(self, degrees, paper_rgb):
        """Rotates the page (a skewed scan), growing the canvas so nothing is cut; new corners get
        plain paper."""
        h, w = self.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
        cos, sin = abs(m[0, 0]), abs(m[0, 1])
        nw, nh = int(np.ceil(w * cos + h * sin)), int(np.ceil(w * sin + h * cos))
        m[0, 2] += nw / 2 - w / 2
        m[1, 2] += nh / 2 - h / 2
        border = tuple(float(v) for v in paper_rgb)
        self.px = cv2.warpAffine(self.px, m, (nw, nh), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=border)

    def finish(self, rng, noise_sigma, blur_sigma):
        """Sensor noise and optics, then 8-bit RGB."""
        noisy = self.px + rng.standard_normal(self.px.shape[:2]).astype(np.float32)[:, :, None] * noise_sigma
        noisy = cv2.GaussianBlur(noisy, (0, 0), blur_sigma)
        # In place: np.clip on a whole A4 page costs more than the blur.
        np.rint(noisy, out=noisy)
        np.maximum(noisy, 0, out=noisy)
        np.minimum(noisy, 255, out=noisy)
        return noisy.astype(np.uint8)


# Illumination maps: 1 = full light. Coordinates are normalised so the maps do not depend on size.

def _grid(h, w):
    yy = np.linspace(-0.5, 0.5, h, dtype=np.float32)[:, None]
    xx = np.linspace(-0.5, 0.5, w, dtype=np.float32)[None, :]
    return yy, xx


def gradient(rng, h, w, darkest):
    """Light falling off linearly in a random direction, to `darkest` at the far edge."""
    yy, xx = _grid(h, w)
    a = rng.uniform(0, 2 * np.pi)
    t = np.cos(a) * xx + np.sin(a) * yy
    t = (t - t.min()) / max(1e-6, float(t.max() - t.min()))
    return 1.0 - (1.0 - darkest) * t


def vignette(rng, h, w, corner):
    """Radial falloff around a point near the centre: `corner` of the light left in the corners."""
    yy, xx = _grid(h, w)
    cy, cx = rng.uniform(-0.15, 0.15, size=2)
    r2 = ((yy - cy) ** 2 + (xx - cx) ** 2) / 0.5
    return 1.0 - (1.0 - corner) * np.clip(r2, 0, 1.5)


def shadow(rng, h, w, depth, width, softness):
    """A straight shadow band with soft edges at a random angle: `depth` of the light inside.
    Width and softness are fractions of the page diagonal."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    diag = float(np.hypot(h, w))
    a = rng.uniform(0, np.pi)
    cy, cx = rng.uniform(0.2, 0.8) * h, rng.uniform(0.2, 0.8) * w
    d = np.abs((xx - cx) * np.sin(a) - (yy - cy) * np.cos(a)) / diag
    inside = np.clip((width / 2 - d) / max(1e-6, softness) + 0.5, 0, 1)
    inside = inside * inside * (3 - 2 * inside)  # smoothstep: a penumbra, not a hard edge
    return 1.0 - (1.0 - depth) * inside


def floor_light(illum, floor):
    """Rescales an illumination map so its darkest point is `floor` (if it went below): even in a
    shadow a photo keeps some contrast."""
    lo = float(illum.min())
    if lo >= floor:
        return illum
    return floor + (illum - lo) * (1.0 - floor) / (1.0 - lo)


# Printed features, as full-page uint8 coverage layers.

def ruled_layer(h, w, first_y, spacing, thickness, strength=235):
    """Horizontal rules `spacing` px apart through `first_y`, `thickness` px."""
    layer = np.zeros((h, w), np.uint8)
    k0 = -int(first_y // spacing) - 1
    for k in range(k0, k0 + int(h / spacing) + 3):
        y = first_y + k * spacing
        top = int(round(y - thickness / 2))
        if 0 <= top < h:
            layer[top:top + thickness] = strength
    return layer


def grid_layer(h, w, spacing, thickness, phase, bold_every=0, strength=220):
    """Squared paper: rules both ways, `spacing` px apart; every `bold_every`-th one thicker."""
    layer = np.zeros((h, w), np.uint8)
    for axis, size in ((0, h), (1, w)):
        k = 0
        pos = phase[axis]
        while pos < size:
            t = thickness + (1 if bold_every and k % bold_every == 0 else 0)
            a = int(round(pos - t / 2))
            if 0 <= a < size:
                if axis == 0:
                    layer[a:a + t] = strength
                else:
                    layer[:, a:a + t] = strength
            pos += spacing
            k += 1
    return layer


def box_layer(h, w, boxes, border):
    """Rectangles drawn around inner boxes (x, y, w, h) with a border `border` px wide, outside."""
    layer = np.zeros((h, w), np.uint8)
    for x, y, bw, bh in boxes:
        cv2.rectangle(layer, (x - border, y - border), (x + bw + border - 1, y + bh + border - 1), 255, -1)
        cv2.rectangle(layer, (x, y), (x + bw - 1, y + bh - 1), 0, -1)
    return layer


def polyline_layer(h, w, points, thickness):
    """An anti-aliased pen line through `points` (x, y)."""
    layer = np.zeros((h, w), np.uint8)
    pts = np.array([(int(round(x * 16)), int(round(y * 16))) for x, y in points], np.int32)
    cv2.polylines(layer, [pts], False, 255, max(1, int(round(thickness))), cv2.LINE_AA, shift=4)
    return layer


def encode(rgb, grey, fmt, quality=90, rng=None):
    """JPEG or PNG bytes of an 8-bit RGB image, converted to grey first when `grey`."""
    img = Image.fromarray(rgb, "RGB")
    if grey:
        img = img.convert("L")
    buf = io.BytesIO()
    if fmt == "png":
        img.save(buf, "PNG", optimize=False, compress_level=6)
    else:
        progressive = bool(rng is not None and rng.uniform() < 0.3)
        img.save(buf, "JPEG", quality=int(quality), progressive=progressive, optimize=True)
    return buf.getvalue()
