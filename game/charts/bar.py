"""Bars: rows of stacked or side-by-side bars with their labels and an optional marker rule (`BarChart`),
where a bar's label goes (`label_x`), and box plots of a distribution (`boxes`: the balance report's scores)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from markupsafe import Markup

from .palette import INK, MUTED, OKABE_ITO, RULE, label_ink
from .svg import Key, _legend, _n, _number, _svg, _text, _ticks, _width, fit_lines


# --- bars ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bar:
    value: float
    colour: str
    label: str = ""  # written inside the bar when it fits ("L 3", "56%")
    cls: str = "bar"


@dataclass(frozen=True)
class BarRow:
    label: str
    bars: Sequence[Bar]
    marker: float | None = None  # a dashed rule across this row (what the phase rewarded)
    note: str = ""  # written across the row instead of its bars, when it has none ("game ended at turn 5")


@dataclass
class BarChart:
    """Horizontal bars, one row per label: stacked (parts of a whole) or grouped (one thin bar per series)."""

    rows: Sequence[BarRow]
    label: str  # what a screen reader says
    title: str = ""
    top: float | None = None  # the axis's end; the largest row by default
    axis: str = ""  # the axis's caption
    percent: bool = False  # ticks as percentages of top
    stacked: bool = True
    legend: Sequence[Key] = field(default_factory=tuple)
    width: float = 640
    row_height: float = 30
    ticks: bool = True
    size: float = 11

    def _label_room(self) -> float:
        """How wide the row labels may be: their own width, up to 38% of the chart (longer ones wrap)."""
        return min(max(_width(r.label, self.size) for r in self.rows), self.width * 0.38)

    def _row_label(self, label: str, x: float, centre: float) -> list[str]:
        lines = fit_lines(label, self.size, self._label_room(), 2, per_char=0.6)
        first = centre + self.size * 0.35 - (len(lines) - 1) * self.size * 0.55
        return [_text(x, first + k * self.size * 1.1, line, self.size, "end", fill=INK)
                for k, line in enumerate(lines)]

    def _outside(self, plot: float, top: float, thick: float) -> list[list[str]]:
        """Per row, the labels of the bars too narrow to hold them (a 9% share): written beside the bar."""
        out = []
        for row in self.rows:
            if row.note and not any(b.value > 0 for b in row.bars):
                out.append([])
                continue
            x, mx, missing = 0.0, plot * row.marker / top if row.marker is not None else None, []
            for bar in row.bars:
                w = plot * max(0.0, bar.value) / top
                if bar.label and (thick < self.size + 2 or label_x(x, w, _width(bar.label, self.size), mx) is None):
                    missing.append(bar.label)
                if self.stacked:
                    x += w
            out.append(missing)
        return out

    def svg(self) -> Markup:
        if not self.rows:
            return Markup("")
        size = self.size
        total = [sum(b.value for b in r.bars) if self.stacked else max((b.value for b in r.bars), default=0)
                 for r in self.rows]
        top = self.top or max(max(total), 1e-9)
        left = 12 + self._label_room()
        y = 6.0
        body = []
        if self.title:
            body.append(_text(8, y + size, self.title, size * 1.1, fill=INK, weight="bold", cls="chart-title"))
            y += size + 10
        if self.legend:
            parts, h = _legend(self.legend, left, y + size, self.width - left - 8, size)
            body += parts
            y += h
        band = self.row_height * (len(self.rows[0].bars) * 0.55 + 0.3 if not self.stacked else 1)
        thick0 = (band - 8) / (1 if self.stacked else len(self.rows[0].bars))
        beside, plot = 0.0, self.width - left - 16
        for _ in range(3):  # a column beside the bars for the labels that do not fit inside them
            outside = self._outside(plot, top, thick0)
            need = max((_width(" · ".join(m), size) + 10 for m in outside if m), default=0.0)
            if need <= beside:
                break
            beside = need
            plot = self.width - left - 16 - beside
        first = y
        for r, row in enumerate(self.rows):
            ry = first + r * band
            body += self._row_label(row.label, left - 8, ry + band / 2)
            if row.note and not any(b.value > 0 for b in row.bars):  # no bars: the note says why, not "0% 0% 0%"
                body.append(_text(left + 4, ry + band / 2 + size * 0.35, row.note, size, fill=MUTED,
                                  cls="bar-note", extra=' font-style="italic"'))
                continue
            x = left
            thick = (band - 8) / (1 if self.stacked else len(row.bars))
            mx = left + plot * row.marker / top if row.marker is not None else None
            labels = []
            for k, bar in enumerate(row.bars):
                w = plot * max(0.0, bar.value) / top
                by = ry + 4 + (0 if self.stacked else k * thick)
                body.append(f'<rect x="{_n(x)}" y="{_n(by)}" width="{_n(w)}" height="{_n(thick - (0 if self.stacked else 1))}" '
                            f'fill="{bar.colour}" class="{bar.cls}"/>')
                cx = label_x(x, w, _width(bar.label, size), mx) if bar.label and thick >= size + 2 else None
                if cx is not None:  # drawn after the marker, with a halo of the bar's colour: never crossed
                    labels.append(_text(cx, by + thick / 2 + size * 0.35, bar.label, size, "middle", fill=label_ink(bar.colour),
                                        weight="bold", cls="bar-label",
                                        extra=f' stroke="{bar.colour}" stroke-width="3" paint-order="stroke"'))
                if self.stacked:
                    x += w
            if mx is not None:
                body.append(f'<line x1="{_n(mx)}" x2="{_n(mx)}" y1="{_n(ry + 1)}" y2="{_n(ry + band - 1)}" '
                            f'stroke="{INK}" stroke-width="2" stroke-dasharray="5 3" class="marker"/>')
            body += labels
            if outside[r]:
                body.append(_text(left + plot + 8, ry + band / 2 + size * 0.35, " · ".join(outside[r]), size,
                                  fill=INK, cls="bar-label-beside"))
        y = first + len(self.rows) * band
        if self.ticks:
            body.append(f'<line x1="{_n(left)}" x2="{_n(left + plot)}" y1="{_n(y + 2)}" y2="{_n(y + 2)}" '
                        f'stroke="{MUTED}"/>')
            for v in _ticks(0, top, 5):
                x = left + plot * v / top
                body.append(_text(x, y + size + 6, f"{v / top:.0%}" if self.percent else _number(v), size * 0.9,
                                  "middle"))
            y += size + 10
        if self.axis:
            body.append(_text(left + plot / 2, y + size, self.axis, size * 0.95, "middle"))
            y += size + 6
        return _svg(self.width, y + 6, self.label, body)


def label_x(x: float, w: float, text_w: float, marker: float | None, pad: float = 4) -> float | None:
    """Where a bar's label is centred: the middle of the bar, or, when a marker line would run through the
    label, the middle of the larger side of the bar beside the marker; None when the label does not fit."""
    if w < text_w + 2 * pad:
        return None
    centre = x + w / 2
    if marker is None or not (centre - text_w / 2 - pad <= marker <= centre + text_w / 2 + pad):
        return centre
    left, right = marker - x, x + w - marker
    side = max(left, right)
    if side >= text_w + 3 * pad:
        return (x + marker) / 2 if left >= right else (marker + x + w) / 2
    return centre  # no room beside it: the label's halo keeps it readable over the line


# --- distributions and tables of numbers -------------------------------------------------------------------

@dataclass(frozen=True)
class Box:
    label: str
    p5: float
    p25: float
    p50: float
    p75: float
    p95: float


def boxes(items: Sequence[Box], label: str, axis: str, width: float = 640, size: float = 11) -> Markup:
    """Horizontal box plots, one row per label: box 25th-75th percentile, a bar at the median, whiskers 5th-95th."""
    if not items:
        return Markup("")
    lo, hi = min(b.p5 for b in items), max(b.p95 for b in items)
    pad = (hi - lo) * 0.05 or 1
    lo, hi = lo - pad, hi + pad
    left = 12 + max(_width(b.label, size) for b in items)
    plot, rh = width - left - 16, 24

    def X(v: float) -> float:
        return left + plot * (v - lo) / (hi - lo)

    body = []
    for v in _ticks(lo, hi, 6):
        body.append(f'<line x1="{_n(X(v))}" x2="{_n(X(v))}" y1="6" y2="{_n(6 + rh * len(items))}" stroke="{RULE}"/>')
    for k, b in enumerate(items):
        y = 6 + k * rh
        mid = y + rh / 2
        body.append(_text(left - 8, mid + size * 0.35, b.label, size, "end", fill=INK))
        body.append(f'<line x1="{_n(X(b.p5))}" x2="{_n(X(b.p95))}" y1="{_n(mid)}" y2="{_n(mid)}" stroke="{INK}"/>')
        for v in (b.p5, b.p95):
            body.append(f'<line x1="{_n(X(v))}" x2="{_n(X(v))}" y1="{_n(mid - 5)}" y2="{_n(mid + 5)}" stroke="{INK}"/>')
        body.append(f'<rect x="{_n(X(b.p25))}" y="{_n(y + 4)}" width="{_n(max(1, X(b.p75) - X(b.p25)))}" '
                    f'height="{_n(rh - 8)}" fill="#dbe9f5" stroke="{OKABE_ITO[0]}"/>')
        body.append(f'<line x1="{_n(X(b.p50))}" x2="{_n(X(b.p50))}" y1="{_n(y + 4)}" y2="{_n(y + rh - 4)}" '
                    f'stroke="{OKABE_ITO[5]}" stroke-width="2.5"/>')
    y = 6 + rh * len(items)
    for v in _ticks(lo, hi, 6):
        body.append(_text(X(v), y + size + 4, _number(v), size * 0.9, "middle"))
    body.append(_text(left + plot / 2, y + 2 * size + 10, axis, size * 0.95, "middle"))
    return _svg(width, y + 2 * size + 18, label, body)
