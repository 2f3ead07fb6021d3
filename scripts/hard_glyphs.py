"""Pen effects on MNIST glyphs for the hard-case suite: thin and thick pens, dotted and broken
strokes, and non-digit marks (hyphen, dot, comma) drawn with the same pen.

Glyphs are ink coverage arrays (float32, 0..1) as scripts/scan_render.py's `glyph` makes them.
Needs numpy and OpenCV. Used by make_hard_cases.py.
"""
import cv2
import numpy as np

INK = 0.5  # coverage above which a pixel counts as ink for the shape operations below


def _neighbours(img):
    """The 8 neighbours P2..P9 (clockwise from north) of every interior pixel of a padded image."""
    return [img[:-2, 1:-1], img[:-2, 2:], img[1:-1, 2:], img[2:, 2:],
            img[2:, 1:-1], img[2:, :-2], img[1:-1, :-2], img[:-2, :-2]]


def thin(binary):
    """One-pixel-wide skeleton of a binary image (Guo-Hall thinning, vectorised).

    Zhang-Suen, tried first, erodes two-pixel-thick diagonal runs and leaves side branches on
    bold strokes; pruning those took whole strokes with them (a 3's upper bow). OpenCV's
    contrib `ximgproc.thinning` would do the same as this, but the contrib build is not
    something every machine has.
    """
    img = np.pad((binary > 0).astype(np.uint8), 1)
    while True:
        changed = False
        for step in (0, 1):
            p2, p3, p4, p5, p6, p7, p8, p9 = [q.astype(bool) for q in _neighbours(img)]
            centre = img[1:-1, 1:-1] == 1
            # C: 8-connected ink pieces around the pixel; N: how much of the ring is ink.
            c = sum((a & (b | d)).astype(np.int32) for a, b, d in
                    ((~p2, p3, p4), (~p4, p5, p6), (~p6, p7, p8), (~p8, p9, p2)))
            n1 = sum((a | b).astype(np.int32) for a, b in ((p9, p2), (p3, p4), (p5, p6), (p7, p8)))
            n2 = sum((a | b).astype(np.int32) for a, b in ((p2, p3), (p4, p5), (p6, p7), (p8, p9)))
            n = np.minimum(n1, n2)
            keep = ((p6 | p7 | ~p9) & p8) if step == 0 else ((p2 | p3 | ~p5) & p4)
            remove = centre & (c == 1) & (n >= 2) & (n <= 3) & ~keep
            if remove.any():
                img[1:-1, 1:-1][remove] = 0
                changed = True
        if not changed:
            return img[1:-1, 1:-1]


def _crossings(skel):
    """Crossing number of every pixel: 0-to-1 transitions around its 8-neighbourhood.
    1 = a stroke end, 2 = inside a stroke (staircase corners included), 3+ = a junction."""
    p = _neighbours(np.pad(skel.astype(np.uint8), 1))
    ring = p + [p[0]]
    return sum(((ring[i] == 0) & (ring[i + 1] == 1)).astype(np.int32) for i in range(8))


def prune(skel, length):
    """Removes skeleton spurs: branches from an end point to a junction shorter than `length` px.

    Thinning a blobby upscaled glyph leaves such spurs at every bump of its outline; a real pen
    stroke has none, and a dotted or thin pen would draw them as extra strokes.
    """
    sk = skel.copy().astype(np.uint8)
    cross = _crossings(sk)
    h, w = sk.shape
    ends = list(zip(*np.nonzero((sk == 1) & (cross == 1))))
    for y, x in ends:
        path, seen, cur = [], set(), (y, x)
        while True:
            path.append(cur)
            seen.add(cur)
            cy, cx = cur
            nxt = [(cy + dy, cx + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                   if (dy or dx) and 0 <= cy + dy < h and 0 <= cx + dx < w and sk[cy + dy, cx + dx]
                   and (cy + dy, cx + dx) not in seen]
            if not nxt or len(path) > length:
                break  # a free-standing stroke or a long branch: keep it
            if any(cross[q] >= 3 for q in nxt):  # reached a junction: this was a spur
                for q in path:
                    sk[q] = 0
                break
            # Staircase corners offer two next pixels; the 4-adjacent one comes first on the stroke.
            straight = [q for q in nxt if q[0] == cy or q[1] == cx]
            cur = (straight or nxt)[0]
            seen.update(nxt)
    return sk


def stroke_width(cov):
    """Typical stroke width of a glyph in px: twice the median distance from the skeleton to the
    paper (the distance transform along the skeleton), minus the centre pixel."""
    binary = (cov > INK).astype(np.uint8)
    skel = thin(binary)
    if not skel.any():
        return 1.0
    dist = cv2.distanceTransform(binary, cv2.DIST_L2, 5)
    return max(1.0, 2.0 * float(np.median(dist[skel > 0])) - 1.0)


def skeleton(cov):
    """A clean centre line of a glyph: its outline smoothed, thinned, spurs pruned.

    The smoothing is skipped where it would close a loop (a bold 8 with small holes), since the
    skeleton of a filled loop is a single line and the digit would change.
    """
    w = stroke_width(cov)
    binary = cov > INK
    smooth = cv2.GaussianBlur(cov, (0, 0), max(0.5, w / 3)) > INK
    if _holes(smooth) < _holes(binary):
        smooth = binary
    # A spur from a bump of the outline is at most about the stroke width long. Pruning up to
    # twice the width cut whole strokes of bold digits (a 4's left arm, a 2's top hook, a 3's
    # upper bow) and the pens drew another digit than the label.
    return prune(thin(smooth), max(3, int(round(w))))


def hairline(cov, width):
    """The glyph redrawn with a thin pen: its skeleton, `width` (1 or 2) px wide, lightly anti-aliased."""
    skel = skeleton(cov).astype(np.float32)
    if width >= 2:
        skel = cv2.dilate(skel, np.ones((2, 2), np.uint8))
    # A real 1-px pen line is not a perfect pixel row: a little blur spreads it as ink would.
    soft = cv2.GaussianBlur(skel, (0, 0), 0.35)
    return np.clip(soft * 1.4, 0.0, 1.0)


def _holes(binary):
    """Number of enclosed paper regions (loops of 0, 6, 8, 9) larger than a few pixels."""
    contours, hierarchy = cv2.findContours(binary.astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return 0
    return sum(1 for c, hcy in zip(contours, hierarchy[0]) if hcy[3] != -1 and cv2.contourArea(c) >= 4)


def widen(cov, width):
    """The glyph redrawn with a marker: strokes grown to `width` px (grey dilation), at least 1 px
    wider on each side.

    Someone writing with a marker draws loops big enough to stay open, so the widening is cut
    back (down to 1 px) where it would fill in a loop of the digit.
    """
    w = stroke_width(cov)
    holes = _holes(cov > INK)
    radius = max(1, int(round((width - w) / 2.0)))
    while True:
        padded = np.pad(cov, radius + 1)
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
        out = cv2.dilate(padded, kernel)
        if radius == 1 or _holes(out > INK) >= holes:
            return out
        radius -= 1


def _stroke_points(cov):
    """Clean skeleton pixel coordinates (y, x) of a glyph."""
    ys, xs = np.nonzero(skeleton(cov))
    return np.stack([ys, xs], axis=1).astype(np.float32)


def _disc_layer(shape, centres, diameter, supersample=4):
    """Anti-aliased filled discs of the given diameter at (y, x) centres, as coverage 0..1."""
    h, w = shape
    big = np.zeros((h * supersample, w * supersample), np.uint8)
    r = max(1, int(round(diameter * supersample / 2)))
    for y, x in centres:
        cv2.circle(big, (int(round((x + 0.5) * supersample)), int(round((y + 0.5) * supersample))), r, 255, -1)
    return cv2.resize(big, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0


def dotted(rng, cov, diameter, pitch):
    """The glyph redrawn with a dotted pen: dots `diameter` px wide, centres `pitch` × diameter
    apart along the skeleton (greedy Poisson-disc sampling of the skeleton pixels)."""
    diameter = max(2.0, diameter)
    spacing = pitch * diameter
    points = _stroke_points(cov)
    chosen = []
    for i in rng.permutation(len(points)):
        p = points[i]
        if not chosen or np.min(np.sum((np.array(chosen) - p) ** 2, axis=1)) >= spacing ** 2:
            chosen.append(p)
    return _disc_layer(cov.shape, chosen, diameter)


def broken(rng, cov, cuts, gap):
    """The glyph with `cuts` gaps, each `gap` px wide, cut across its strokes at random skeleton
    points (perpendicular to the local stroke direction, like a pen that skips)."""
    points = _stroke_points(cov)
    if len(points) == 0:
        return cov
    w = stroke_width(cov)
    mask = np.zeros(cov.shape, np.uint8)
    for _ in range(cuts):
        y, x = points[int(rng.integers(len(points)))]
        near = points[np.sum((points - (y, x)) ** 2, axis=1) <= (2.5 * w) ** 2]
        # Local stroke direction: the principal axis of nearby skeleton pixels.
        if len(near) >= 3:
            _, _, vt = np.linalg.svd(near - near.mean(axis=0), full_matrices=False)
            dy, dx = vt[0]
        else:
            dy, dx = 0.0, 1.0
        ny, nx = dx, -dy  # normal to the stroke
        half = 1.5 * w
        a = (int(round(x - nx * half)), int(round(y - ny * half)))
        b = (int(round(x + nx * half)), int(round(y + ny * half)))
        cv2.line(mask, a, b, 255, max(1, int(round(gap))))
    return cov * (1.0 - mask.astype(np.float32) / 255.0)


def _drawn(shape_hw, draw, supersample=4):
    """Coverage of shapes drawn by `draw(canvas, s)` on a supersampled canvas (s = scale)."""
    h, w = shape_hw
    big = np.zeros((h * supersample, w * supersample), np.uint8)
    draw(big, supersample)
    return cv2.resize(big, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0


def hyphen(rng, length, width):
    """A hand-drawn hyphen: a short stroke, slightly tilted, `width` px thick."""
    tilt = rng.uniform(-0.08, 0.08) * length
    h = int(np.ceil(abs(tilt) + 2 * width + 2))
    w = int(np.ceil(length + 2 * width))

    def draw(c, s):
        y0 = (h / 2 - tilt / 2) * s
        y1 = (h / 2 + tilt / 2) * s
        cv2.line(c, (int(width * s), int(y0)), (int((w - width) * s), int(y1)), 255, max(1, int(width * s)))
    return _drawn((h, w), draw)


def dot(rng, width):
    """A full stop: a blob a little wider than the pen."""
    d = width * rng.uniform(1.1, 1.6)
    size = int(np.ceil(d + 2))
    return _disc_layer((size, size), [((size - 1) / 2, (size - 1) / 2)], d)


def comma(rng, width, height):
    """A comma: a dot with a tail curving down and to the left, about 0.2 × height long."""
    d = width * rng.uniform(1.1, 1.5)
    tail = height * rng.uniform(0.15, 0.25)
    h = int(np.ceil(d + tail + 2))
    w = int(np.ceil(d + tail * 0.5 + 2))

    def draw(c, s):
        cx, cy = (w - d / 2 - 1) * s, (d / 2 + 1) * s
        cv2.circle(c, (int(cx), int(cy)), max(1, int(d * s / 2)), 255, -1)
        pts = [(cx + d * s * 0.3, cy), (cx + d * s * 0.2, cy + tail * s * 0.5), (cx - tail * s * 0.45, cy + tail * s)]
        cv2.polylines(c, [np.array(pts, np.int32)], False, 255, max(1, int(width * s * 0.7)))
    return _drawn((h, w), draw)


def touch_offset(left, right, top_left, top_right, overlap):
    """Horizontal offset of `right` from `left` so that their ink shares `overlap` px on some row.

    Rows are matched through the glyphs' tops (canvas y). Returns None when the glyphs share no
    ink row (then they cannot touch side by side).
    """
    best = None
    for r in range(right.shape[0]):
        rl = top_right + r - top_left
        if rl < 0 or rl >= left.shape[0]:
            continue
        lx = np.nonzero(left[rl] > INK)[0]
        rx = np.nonzero(right[r] > INK)[0]
        if len(lx) == 0 or len(rx) == 0:
            continue
        need = int(lx.max()) - int(rx.min()) + 1
        best = need if best is None else max(best, need)
    return None if best is None else best - overlap
