"""The categories of the hard-case suite: one function per category, each drawing one page.

A category function takes (rng, p, digits): a numpy Generator, the category's parameters from
scripts/hard_cases.json merged over "common", and a `Digits` source of MNIST test digits; it
returns a `Case` (the page before light and noise, its truth, how often it is saved in colour).
Used by make_hard_cases.py; needs numpy and OpenCV.
"""
import math

import cv2
import numpy as np

import hard_glyphs as hg
import hard_render as hr
import scan_render as sr
from hard_layout import Item, Layout


def U(rng, r):
    """A float drawn uniformly from the range [low, high]."""
    return float(rng.uniform(r[0], r[1]))


def I(rng, r):
    """An int drawn uniformly from the inclusive range [low, high]."""
    return int(rng.integers(r[0], r[1] + 1))


def shade(rng, spec):
    """A colour between spec's rgb_low and rgb_high: one position along the range for all three
    channels (a lighter or darker shade of one hue), plus a little per-channel jitter."""
    lo, hi = np.asarray(spec["rgb_low"], float), np.asarray(spec["rgb_high"], float)
    c = lo + rng.uniform() * (hi - lo) + rng.uniform(-4, 4, 3)
    return tuple(np.clip(c, 0, 255))


def pick(rng, weighted):
    """A key of {name: weight} or {name: {"share": weight, ...}} drawn by weight."""
    names = sorted(weighted)
    w = np.array([v["share"] if isinstance(v, dict) else v for v in (weighted[n] for n in names)], float)
    return names[int(rng.choice(len(names), p=w / w.sum()))]


class Digits:
    """MNIST test digits in a seeded order, each used once per pass through the set."""

    def __init__(self, images, labels, seed):
        self.images, self.labels = images, labels
        self.rng = np.random.default_rng(seed)
        self.order, self.next = self.rng.permutation(len(images)), 0

    def take(self):
        if self.next == len(self.order):
            self.order, self.next = self.rng.permutation(len(self.images)), 0
        i = self.order[self.next]
        self.next += 1
        return self.images[i], str(int(self.labels[i]))


class Case:
    """What a category function returns: the page before light, its layout and how to save it."""

    def __init__(self, sheet, truth, rgb_share=0.0):
        self.sheet, self.truth, self.rgb_share = sheet, truth, rgb_share
        self.illumination = None


def digit_size(rng, p):
    lo, hi = p["digit_size"]
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def line_counts(rng, p, n):
    """Digits per line: one line, or two when the file has two or more digits."""
    if n >= 2 and rng.uniform() < p["two_line_share"]:
        first = int(rng.integers(1, n))
        return [first, n - first]
    return [n]


def digit_rows(rng, p, digits, H, counts=None, shape=None):
    """Rows of digit Items; `shape(cov)` redraws each glyph with a pen effect."""
    counts = counts or line_counts(rng, p, I(rng, p["digits_per_file"]))
    rows = []
    for c in counts:
        row = []
        for _ in range(c):
            img, label = digits.take()
            cov = sr.glyph(img, int(round(H * rng.uniform(0.92, 1.08))))
            row.append(Item(shape(cov) if shape else cov, label))
        rows.append(row)
    return rows


def plain_layout(rng, p, rows, H, margin=(0.2, 0.5)):
    pitch = H * (1.0 + U(rng, p["line_gap"]))
    lay = Layout(rng, rows, H, slope=rng.uniform(-0.02, 0.02), gap=p["digit_gap"], pitch=pitch)
    m = max(6, int(H * U(rng, margin)))
    return lay.finish(m, m)


def ink_pages(rng, p, lay, paper_rgb, ink_rgb):
    """A sheet of `paper_rgb` with every placed item in `ink_rgb`."""
    sheet = hr.Sheet(rng, lay.canvas_height, lay.width, paper_rgb)
    for g, x, y, _, _ in lay.placements:
        sheet.lay(g, x, y, ink_rgb)
    return sheet


def white(rng, p):
    return (U(rng, p["paper_white"]),) * 3


def dark(rng, p):
    return (U(rng, p["ink_dark"]),) * 3


def standard(rng, p, digits, shape=None, H=None, ink=None):
    H = H or digit_size(rng, p)
    lay = plain_layout(rng, p, digit_rows(rng, p, digits, H, shape=shape), H)
    return Case(ink_pages(rng, p, lay, white(rng, p), ink or dark(rng, p)), lay.truth())


# ---- categories -------------------------------------------------------------------------------

def shading(rng, p, digits):
    H = digit_size(rng, p)
    lay = plain_layout(rng, p, digit_rows(rng, p, digits, H), H, margin=p["margin"])
    case = Case(ink_pages(rng, p, lay, white(rng, p), dark(rng, p)), lay.truth(), rgb_share=0.3)
    h, w = case.sheet.shape
    effects = [hr.gradient(rng, h, w, U(rng, p["gradient"])), hr.vignette(rng, h, w, U(rng, p["vignette"])),
               hr.shadow(rng, h, w, U(rng, p["shadow"]), U(rng, p["shadow_width"]), U(rng, p["shadow_softness"]))]
    chosen = rng.permutation(3)[:I(rng, p["effects"])]
    illum = np.prod([effects[i] for i in chosen], axis=0)
    case.illumination = hr.floor_light(illum, p["min_light"])
    return case


def ink_colour(rng, p, digits):
    name = pick(rng, p["inks"])
    spec = p["inks"][name]
    ink = shade(rng, spec)
    shape = None
    if name == "pencil":
        grain = U(rng, p["pencil_grain"])
        # Graphite leaves grainy strokes: coverage varies pixel to pixel.
        shape = lambda cov: cov * np.clip(1 - grain * rng.uniform(0, 1, cov.shape).astype(np.float32), 0, 1)
    case = standard(rng, p, digits, shape=shape, ink=ink)
    case.rgb_share = 1.0
    return case


def paper(rng, p, digits):
    spec = p["papers"][pick(rng, p["papers"])]
    paper_rgb = shade(rng, spec)
    t = U(rng, p["ink_transmittance"])
    blue = rng.uniform() < p["blue_ink_share"]
    ink = tuple(255 * np.clip(np.array([0.55, 0.75, 1.5]) * t if blue else np.array([t, t, t]), 0, 1))
    H = digit_size(rng, p)
    lay = plain_layout(rng, p, digit_rows(rng, p, digits, H), H)
    return Case(ink_pages(rng, p, lay, paper_rgb, ink), lay.truth(), rgb_share=1.0)


def ruled(rng, p, digits):
    H = digit_size(rng, p)
    spacing = H * U(rng, p["spacing"])
    rows = digit_rows(rng, p, digits, H)
    pitch = spacing * (2 if len(rows) > 1 and rng.uniform() < p["skip_line_share"] else 1)
    sit = U(rng, p["sit"])
    centres = [r * pitch + rng.uniform(-0.03, 0.03) * H for r in range(len(rows))]
    lay = Layout(rng, rows, H, gap=p["digit_gap"], centres=centres)
    lay.finish(int(H * rng.uniform(0.4, 1.2)), int(spacing * rng.uniform(0.7, 1.3)))
    lay.canvas_height = max(lay.canvas_height, int(lay.lines[-1][2] + H / 2 + spacing * 0.8))
    sheet = hr.Sheet(rng, lay.canvas_height, lay.width, white(rng, p))
    h, w = sheet.shape
    rule_y = lay.lines[0][2] + H / 2 - sit * H
    colour = p["colours"][int(rng.integers(len(p["colours"])))]
    sheet.lay_layer(hr.ruled_layer(h, w, rule_y, spacing, I(rng, p["thickness"])), colour)
    if rng.uniform() < p["margin_line_share"]:
        x = int(lay.dx - H * rng.uniform(0.15, 0.35))
        if x > 2:
            layer = np.zeros((h, w), np.uint8)
            layer[:, x:x + int(rng.integers(1, 3))] = 230
            sheet.lay_layer(layer, (225, 110, 110))
    ink = dark(rng, p)
    for g, x, y, _, _ in lay.placements:
        sheet.lay(g, x, y, ink)
    return Case(sheet, lay.truth(), rgb_share=0.7)


def squared(rng, p, digits):
    H = digit_size(rng, p)
    lay = plain_layout(rng, p, digit_rows(rng, p, digits, H), H, margin=(0.4, 1.0))
    sheet = hr.Sheet(rng, lay.canvas_height, lay.width, white(rng, p))
    h, w = sheet.shape
    s = H * U(rng, p["spacing"])
    bold = 5 if rng.uniform() < p["bold_every_share"] else 0
    colour = p["colours"][int(rng.integers(len(p["colours"])))]
    sheet.lay_layer(hr.grid_layer(h, w, s, I(rng, p["thickness"]), rng.uniform(0, s, 2), bold), colour)
    ink = dark(rng, p)
    for g, x, y, _, _ in lay.placements:
        sheet.lay(g, x, y, ink)
    return Case(sheet, lay.truth(), rgb_share=0.7)


def form_boxes(rng, p, digits):
    H = digit_size(rng, p)
    rows = digit_rows(rng, p, digits, H)
    glyphs = [it.cov for row in rows for it in row]
    b = I(rng, p["border"])
    bh = max(g.shape[0] for g in glyphs) + I(rng, p["pad"]) + I(rng, p["pad"])
    bw = max(g.shape[1] for g in glyphs) + I(rng, p["pad"]) + I(rng, p["pad"])
    comb = rng.uniform() < p["comb_share"]
    step = bw + b if comb else bw + 2 * b + int(H * U(rng, p["box_gap"]))
    m = int(H * rng.uniform(0.3, 0.8)) + b
    boxes, placed, truth = [], [], []
    for r, row in enumerate(rows):
        y0 = m + r * (bh + 2 * b + int(H * rng.uniform(0.3, 0.7)))
        for k, it in enumerate(row):
            x0 = m + k * step
            g = it.cov
            ox = int(rng.integers(-1, max(0, bw - g.shape[1] + 1) + 1))
            oy = int(rng.integers(-1, max(0, bh - g.shape[0] + 1) + 1))
            boxes.append((x0, y0, bw, bh))
            placed.append((g, x0 + ox, y0 + oy))
        truth.append("".join(it.text for it in row))
    W = max(x + bw for x, _, _, _ in boxes) + m
    Ht = max(y + bh for _, y, _, _ in boxes) + m
    sheet = hr.Sheet(rng, Ht, W, white(rng, p))
    colour = p["colours"][int(rng.integers(len(p["colours"])))]
    sheet.lay_layer(hr.box_layer(Ht, W, boxes, b), colour)
    ink = dark(rng, p) if rng.uniform() < 0.6 else shade(rng, p["blue_ink"])
    for g, x, y in placed:
        sheet.lay(g, x, y, ink)
    return Case(sheet, " ".join(truth), rgb_share=0.5)


def hairline(rng, p, digits):
    width = I(rng, p["width"])
    return standard(rng, p, digits, shape=lambda cov: hg.hairline(cov, width))


def marker(rng, p, digits):
    H = digit_size(rng, p)
    width = U(rng, p["widen"]) * p["mnist_stroke"] * H
    return standard(rng, p, digits, H=H, shape=lambda cov: hg.widen(cov, width))


def touching(rng, p, digits):
    H = digit_size(rng, p)
    groups = [3 if rng.uniform() < p["triple_share"] else 2
              for _ in range(2 if rng.uniform() < p["two_line_share"] else 1)]
    rows = digit_rows(rng, p, digits, H, counts=groups)
    for row in rows:
        for it in row[1:]:
            it.touch = I(rng, p["overlap"])
    jitter = max(abs(v) for v in p["baseline_jitter"])
    lay = Layout(rng, rows, H, slope=rng.uniform(-0.02, 0.02), jitter=jitter,
                 pitch=H * (1.0 + U(rng, p["line_gap"])))
    m = max(6, int(H * rng.uniform(0.2, 0.5)))
    lay.finish(m, m)
    return Case(ink_pages(rng, p, lay, white(rng, p), dark(rng, p)), lay.truth())


def slope(rng, p, digits):
    H = digit_size(rng, p)
    angle = U(rng, p["angle"]) * (1 if rng.uniform() < 0.5 else -1)
    counts = [I(rng, p["per_line"]) for _ in range(I(rng, p["lines"]))]
    rows = digit_rows(rng, p, digits, H, counts=counts)
    rotate = rng.uniform() < p["rotate_share"]
    # Image y grows downwards: a line rising to the right has a negative slope.
    s = 0.0 if rotate else -math.tan(math.radians(angle))
    lay = Layout(rng, rows, H, slope=s, gap=p["digit_gap"], pitch=H * (1.0 + U(rng, p["line_gap"])))
    m = max(6, int(H * rng.uniform(0.3, 0.6)))
    lay.finish(m, m)
    paper_rgb = white(rng, p)
    case = Case(ink_pages(rng, p, lay, paper_rgb, dark(rng, p)), lay.truth())
    if rotate:
        case.sheet.rotate(angle, paper_rgb)
    return case


def pages(rng, p, digits):
    W, Hp = p["page"]
    H = digit_size(rng, p)
    counts, left = [], I(rng, p["digits"])
    while left > 0:
        c = min(left, I(rng, p["per_line"]))
        counts.append(c)
        left -= c
    top, bottom = rng.uniform(200, 400), rng.uniform(200, 400)
    # Many short lines need smaller writing to fit the page.
    H = min(H, (Hp - top - bottom) / (1.6 * (len(counts) - 1) + 1.2))
    rows = digit_rows(rng, p, digits, H, counts=counts)
    # Lines spread over most of the page (as on a filled-in sheet), never closer than 1.6 H.
    pitch = max(1.6 * H, (Hp - top - bottom - 1.2 * H) / max(1, len(rows) - 1) * rng.uniform(0.6, 1.0))
    lay = Layout(rng, rows, H, slope=rng.uniform(-0.004, 0.004), gap=p["digit_gap"],
                 centres=[r * pitch for r in range(len(rows))],
                 x_starts=[rng.uniform(0, 700) for _ in rows])
    lay.finish(int(rng.uniform(180, 320)), int(top))
    right = max(x + g.shape[1] for g, x, _, _, _ in lay.placements)
    low = max(y + g.shape[0] for g, _, y, _, _ in lay.placements)
    if right > W - 100 or low > Hp - 100:
        raise ValueError(f"page layout reaches ({right}, {low}): does not fit A4")
    lay.width, lay.canvas_height = W, Hp
    colour = rng.uniform() < p["rgb_share"]
    ink = shade(rng, p["blue_ink"]) if colour else dark(rng, p)
    case = Case(ink_pages(rng, p, lay, white(rng, p), ink), lay.truth(), rgb_share=1.0 if colour else 0.0)
    specks = np.full((Hp, W), 255.0, np.float32)
    sr.add_specks(specks, rng, I(rng, p["specks"]), lay.boxes())
    # Lay each speck's own patch: laying the whole page as one coverage array is slow.
    n, _, stats, _ = cv2.connectedComponentsWithStats((specks < 255).astype(np.uint8))
    for x, y, w, h, _ in stats[1:n]:
        case.sheet.lay((255.0 - specks[y:y + h, x:x + w]) / 255.0, int(x), int(y), (40, 40, 40))
    case.illumination = hr.gradient(rng, Hp, W, U(rng, p["gradient"]))
    return case


def jpeg_low(rng, p, digits):
    colour = rng.uniform() < p["rgb_share"]
    ink = shade(rng, p["blue_ink"]) if colour else None
    case = standard(rng, p, digits, ink=ink)
    case.rgb_share = 1.0 if colour else 0.0
    return case


def dotted(rng, p, digits):
    H = digit_size(rng, p)
    dot, pitch = H * U(rng, p["dot"]), U(rng, p["pitch"])
    return standard(rng, p, digits, H=H, shape=lambda cov: hg.dotted(rng, cov, dot, pitch))


def broken(rng, p, digits):
    H = digit_size(rng, p)
    return standard(rng, p, digits, H=H, shape=lambda cov: hg.broken(
        rng, cov, I(rng, p["cuts"]), max(2.0, H * U(rng, p["gap"]))))


def marks(rng, p, digits):
    H = digit_size(rng, p)
    rows = digit_rows(rng, p, digits, H)
    pen = float(np.median([hg.stroke_width(it.cov) for row in rows for it in row]))
    underlined = set()
    for _ in range(I(rng, p["marks_per_file"])):
        kind = pick(rng, p["kinds"])
        r = int(rng.integers(len(rows)))
        row = rows[r]
        if kind == "underline":
            underlined.add(r)
            continue
        # Marks go between digits (or after the last), never beside another mark.
        free = [k for k in range(1, len(row) + 1) if row[k - 1].text and (k == len(row) or row[k].text)]
        if kind == "hyphen":
            free = [k for k in free if k < len(row)]
        if not free:
            continue
        k = free[int(rng.integers(len(free)))]
        if kind == "hyphen":
            mark = Item(hg.hyphen(rng, H * U(rng, p["hyphen_length"]), pen), kind="mid", gap=H * rng.uniform(0.1, 0.25))
            row[k].gap = H * rng.uniform(0.1, 0.25)
        else:
            cov = hg.dot(rng, pen) if kind == "dot" else hg.comma(rng, pen, H)
            mark = Item(cov, kind="base" if kind == "dot" else "comma", gap=H * rng.uniform(0.04, 0.12))
            if k < len(row):
                row[k].gap = H * rng.uniform(0.15, 0.35)
        row.insert(k, mark)
    pitch = H * (1.0 + U(rng, p["line_gap"]))
    lay = Layout(rng, rows, H, slope=rng.uniform(-0.02, 0.02), gap=p["digit_gap"], pitch=pitch)
    m = max(8, int(H * rng.uniform(0.3, 0.6)))
    lay.finish(m, m)
    lay.canvas_height += int(0.3 * H)  # room for an underline below the last line
    ink = dark(rng, p)
    sheet = ink_pages(rng, p, lay, white(rng, p), ink)
    for r in sorted(underlined):
        x0, x1, y0 = lay.lines[r]
        y = y0 + lay.line_bottom(r) + H * U(rng, p["underline_gap"])
        xs = np.linspace(x0 - H * rng.uniform(0, 0.2), x1 + H * rng.uniform(0, 0.2), 6)
        pts = [(x, y + lay.slope * x + rng.uniform(-0.02, 0.02) * H) for x in xs]
        h, w = sheet.shape
        sheet.lay_layer(hr.polyline_layer(h, w, pts, pen * rng.uniform(0.7, 1.0)), ink)
    return Case(sheet, lay.truth())


def desk(rng, p, digits):
    """A phone photo of a sheet lying on a darker desk: the page, turned a little, with desk
    around it on every side (a share of the page's size per side), wood, grey, a green cutting
    mat or black, with its own grain and a soft shadow along the sheet's edges."""
    case = standard(rng, p, digits)
    sheet = case.sheet
    colour = np.asarray(shade(rng, p["desks"][pick(rng, p["desks"])]), np.float32)
    sheet.rotate(U(rng, p["angle"]) * (1 if rng.uniform() < 0.5 else -1), (-1.0, -1.0, -1.0))
    h, w = sheet.shape
    left, right = (int(w * U(rng, p["margin"])) for _ in range(2))
    top, bottom = (int(h * U(rng, p["margin"])) for _ in range(2))
    H, W = h + top + bottom, w + left + right
    grain = sr.paper(rng, H, W, noise=0.0)
    grain = 1.0 + (grain / float(grain.mean()) - 1.0) * U(rng, p["grain"])
    # Streaks along the desk (wood grain, a mat's texture): smoothed noise stretched one way.
    streaks = cv2.resize(rng.standard_normal((max(2, H // 3), 8)).astype(np.float32), (W, H),
                         interpolation=cv2.INTER_CUBIC)
    canvas = colour[None, None, :] * (grain * (1.0 + 0.06 * streaks))[:, :, None]
    # The sheet (corners the turn added are marked -1) with a soft shadow just outside it.
    inside = (sheet.px[:, :, 0] >= 0).astype(np.float32)
    mask = np.zeros((H, W), np.float32)
    mask[top:top + h, left:left + w] = inside
    shadow = cv2.GaussianBlur(mask, (0, 0), max(1.0, 0.01 * max(H, W)))
    canvas *= (1.0 - 0.35 * np.clip(shadow - mask, 0, 1))[:, :, None]
    region = canvas[top:top + h, left:left + w]
    canvas[top:top + h, left:left + w] = np.where(inside[:, :, None] > 0, sheet.px, region)
    sheet.px = canvas
    case.rgb_share = 0.5
    return case


def small(rng, p, digits):
    """Digits 10-20 px tall, the picture cropped close around them: a number cut from a scan at
    low resolution, or a form field saved at screen size."""
    return standard(rng, p, digits)


def scan_margin(rng, p, digits):
    """A flatbed scan cropped tight, the scanner's black lid showing along the left side (and
    sometimes the bottom): the nearest digit a few pixels from the black, or touching it."""
    case = standard(rng, p, digits)
    px = case.sheet.px
    grey = px.mean(axis=2)
    ink = grey < 0.75 * float(np.median(grey))
    sides = ["left"] + (["bottom"] if rng.uniform() < p["bottom_share"] else [])
    for side in sides:
        if side == "bottom":  # turned so the bottom is on the left
            px = np.ascontiguousarray(np.rot90(px, -1))
            ink = np.rot90(ink, -1)
        cut = max(0, int(np.nonzero(ink.any(axis=0))[0].min()) - I(rng, p["gap"]))
        px, ink = px[:, cut:], ink[:, cut:]
        h = px.shape[0]
        band = np.full((h, I(rng, p["band"]), 3), U(rng, p["level"]), np.float32)
        band *= (1.0 + 0.05 * rng.standard_normal((h, band.shape[1], 1))).astype(np.float32)
        px = np.concatenate([band, px], axis=1)
        ink = np.concatenate([np.zeros(band.shape[:2], bool), ink], axis=1)
        if side == "bottom":
            px = np.ascontiguousarray(np.rot90(px, 1))
            ink = np.rot90(ink, 1)
    case.sheet.px = px
    return case


CATEGORIES = [("shading", shading), ("ink_colour", ink_colour), ("paper", paper), ("ruled", ruled),
              ("squared", squared), ("form_boxes", form_boxes), ("hairline", hairline),
              ("marker", marker), ("touching", touching), ("slope", slope), ("pages", pages),
              ("jpeg_low", jpeg_low), ("dotted", dotted), ("broken", broken), ("marks", marks),
              ("desk", desk), ("small", small), ("scan_margin", scan_margin)]
