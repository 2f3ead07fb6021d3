"""Lays glyphs and marks out in lines for the hard-case suite: sloped lines, touching
neighbours, marks that sit on the baseline, lines at given heights (ruled paper).

scripts/scan_render.py's `Layout` keeps every gap positive and every line nearly flat; the hard
cases need the opposite, so this is a separate, more general layout. Needs numpy only.
"""
import numpy as np

import hard_glyphs as hg


class Item:
    """One thing written on a line.

    cov: ink coverage (float32 0..1); text: its truth ('' for a mark); kind: how it sits on the
    line: 'digit' (centred on the line), 'mid' (a hyphen, near the centre), 'base' (a full stop,
    on the baseline), 'comma' (head on the baseline, tail below); gap: px of paper before it
    (None = the layout's random gap); touch: px its ink runs into the previous item's (0 = apart).
    """

    def __init__(self, cov, text="", kind="digit", gap=None, touch=0):
        self.cov, self.text, self.kind, self.gap, self.touch = cov, text, kind, gap, touch


class Layout:
    """Positions of items on lines, in canvas pixels after `finish`.

    Each line's centre runs along y = y0 + slope * x; lines are parallel, `pitch` px apart unless
    their heights are given (`centres`). `placements` holds (cov, x, y, line index, text); `lines` holds
    per line (x_start, x_end, y0) where y0 is the centre height at x = 0.
    """

    def __init__(self, rng, rows, height, slope=0.0, gap=(0.1, 0.45), jitter=0.06,
                 pitch=None, centres=None, x_starts=None, min_gap=3):
        self.height, self.slope = height, slope
        self.placements, self.lines = [], []
        if centres is None:
            step = pitch if pitch is not None else height * 1.6
            centres = [i * step for i in range(len(rows))]
        for li, (items, y0) in enumerate(zip(rows, centres)):
            x = 0.0 if x_starts is None else float(x_starts[li])
            if x_starts is None and li > 0:
                x = rng.uniform(0, 0.5) * height
            x_first = x
            prev = None  # (cov, x, top)
            for it in items:
                g = it.cov
                if prev is not None:
                    offset = None
                    if it.touch:
                        top = self._top(rng, it, y0 + slope * (prev[1] + prev[0].shape[1]), jitter)
                        offset = hg.touch_offset(prev[0], g, prev[2], int(round(top)), it.touch)
                    if offset is None:
                        space = it.gap if it.gap is not None else max(min_gap, height * rng.uniform(*gap))
                        x = prev[1] + prev[0].shape[1] + space
                        top = self._top(rng, it, y0 + slope * (x + g.shape[1] / 2), jitter)
                    else:
                        x = prev[1] + offset
                else:
                    top = self._top(rng, it, y0 + slope * (x + g.shape[1] / 2), jitter)
                x = float(int(round(x)))
                self.placements.append((g, int(x), int(round(top)), li, it.text))
                prev = (g, x, int(round(top)))
            self.lines.append([x_first, prev[1] + prev[0].shape[1] if prev else x_first, y0])
        self.dx = self.dy = 0
        self.width = self.canvas_height = 0

    def _top(self, rng, it, centre, jitter):
        """Canvas y of the item's top edge given the line's centre height at the item."""
        h, g = self.height, it.cov
        if it.kind == "digit":
            return centre + rng.uniform(-jitter, jitter) * h - g.shape[0] / 2
        if it.kind == "mid":
            return centre + rng.uniform(-0.05, 0.1) * h - g.shape[0] / 2
        if it.kind == "base":
            return centre + h / 2 - rng.uniform(0.0, 0.05) * h - g.shape[0]
        if it.kind == "comma":
            head = g.shape[1] * 0.7
            return centre + h / 2 - head
        raise ValueError(f"unknown item kind {it.kind}")

    def finish(self, margin_x, margin_y, min_size=(0, 0)):
        """Shifts everything so the ink starts `margin` px from the canvas edge; sets the canvas
        size (at least `min_size` = (width, height))."""
        x0 = min(x for _, x, _, _, _ in self.placements)
        y0 = min(y for _, _, y, _, _ in self.placements)
        self.dx, self.dy = int(margin_x - x0), int(margin_y - y0)
        self.placements = [(g, x + self.dx, y + self.dy, li, t) for g, x, y, li, t in self.placements]
        for line in self.lines:
            line[0] += self.dx
            line[1] += self.dx
            line[2] += self.dy - self.slope * self.dx
        x1 = max(x + g.shape[1] for g, x, _, _, _ in self.placements)
        y1 = max(y + g.shape[0] for g, _, y, _, _ in self.placements)
        self.width = max(int(x1 + margin_x), min_size[0])
        self.canvas_height = max(int(y1 + margin_y), min_size[1])
        return self

    def line_bottom(self, li):
        """Lowest ink row of line `li` relative to its centre line (px below the centre)."""
        y0 = self.lines[li][2]
        return max(y + g.shape[0] - (y0 + self.slope * (x + g.shape[1] / 2))
                   for g, x, y, l, _ in self.placements if l == li)

    def truth(self):
        """Digits of each line in order, lines separated by one space."""
        n = len(self.lines)
        return " ".join("".join(t for _, _, _, l, t in self.placements if l == li) for li in range(n))

    def boxes(self):
        """(x, y, w, h) of every placed item."""
        return [(x, y, g.shape[1], g.shape[0]) for g, x, y, _, _ in self.placements]
