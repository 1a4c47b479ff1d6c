"""SVG charts for every page and report of the game, drawn as text: the web pages' end screen and
dashboard, the workshop debrief and its slides, and the balance report.

One module draws them all so they look alike and so that one rule holds everywhere: every text that
goes into a chart (team names, scenario titles, metric units, bot names) passes through `_t`, which
escapes it for XML and drops control characters. SVG has no math mode, so a '$' is a dollar sign.
A chart is a `markupsafe.Markup`, to be placed into a Jinja2 page as it is.

The charts are vector graphics: sharp on a screen and in a PDF printed from the page, and a few
kilobytes each (the PNG charts they replace needed matplotlib, about 92 MB installed). Nothing relies on
colour alone: lines can carry markers or dashes, bars carry letters, heat maps their numbers
(Okabe-Ito colours, which stay apart with the common forms of colour blindness).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from html import escape
from typing import Sequence

from markupsafe import Markup

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# one colour per kind of action on every chart, page and slide: the workshop report's (leadership blue,
# management orange, development green); a trainer saw leadership pink on the end screen and blue in the report
CATEGORY_COLOUR = {"leadership": OKABE_ITO[0], "management": OKABE_ITO[1], "development": OKABE_ITO[2]}


@dataclass(frozen=True)
class LineStyle:
    """How one metric's or driver's line is drawn on every chart: its colour, in a shade for light pages
    (web, report, slides) and one for the window's dark panels (one hue, so a metric is one colour
    everywhere; each shade reads at 3:1 or more on its background), a dash pattern and a point marker,
    so colour is never the only cue."""

    name: str
    light: str  # on white and the web page's #f6f7f9
    dark: str  # on the window's background and panels
    dash: str  # an SVG stroke-dasharray, "" for a solid line
    marker: str  # circle, square, triangle or diamond


# Metric and driver lines in the Okabe-Ito colours the three kinds of action do not use: Morale drawn orange like
# management (and Ownership green like development) made a reader link a metric's line to a kind of action.
METRIC_STYLES = (
    LineStyle("reddish purple", "#C0679A", "#CC79A7", "", "circle"),
    LineStyle("vermilion", "#D55E00", "#D55E00", "7 4", "square"),
    LineStyle("ink", "#1a1a1a", "#CDD3DC", "2 3", "triangle"),
    LineStyle("sky blue", "#2A88C4", "#56B4E9", "9 3 2 3", "diamond"),
    LineStyle("yellow", "#857A00", "#F0E442", "12 4", "circle"),
)
# a room's mean (solid ink, over the teams' grey) and strong play (vermilion, dashed): the report's driver panels
MEAN_LINE, PAR_LINE = LineStyle("ink", "#1a1a1a", "#CDD3DC", "", "circle"), METRIC_STYLES[1]


def dash_lengths(dash: str) -> tuple[float, ...]:
    """A LineStyle's dash pattern as its on and off lengths, for a front-end that draws dashes itself (the
    window); () for a solid line. The same numbers as the SVG stroke-dasharray, so both dash alike."""
    return tuple(float(n) for n in dash.replace(",", " ").split())


def metric_style(k: int) -> LineStyle:
    """The k-th metric's (or driver's) line style, in the order the game lists them (views' order)."""
    return METRIC_STYLES[k % len(METRIC_STYLES)]


def hex_rgb(colour: str) -> tuple[int, int, int] | None:
    """'#E69F00' (or '#fa0') as (230, 159, 0); None for a named colour. The window draws with tuples, and
    takes the kinds' colours from here through this, so a page and the window show one colour per kind."""
    hexes = colour.lstrip("#")
    hexes = "".join(c * 2 for c in hexes) if len(hexes) == 3 else hexes
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", hexes):
        return None
    return int(hexes[0:2], 16), int(hexes[2:4], 16), int(hexes[4:6], 16)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour (0 black, 1 white): what contrast ratios are made of."""
    return sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4) for w, c in
               zip((0.2126, 0.7152, 0.0722), (v / 255 for v in rgb)))


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two colours, 1 to 21 (body text wants 4.5 and more)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def label_ink(colour: str) -> str:
    """The text colour a label inside a bar of `colour` reads in: white on a dark bar, ink on a light one
    (white on the orange read at about 2:1)."""
    rgb = hex_rgb(colour)
    if rgb is None:
        return "#fff"  # a named colour: as before
    return INK if luminance(rgb) > 0.18 else "#fff"


GREY, INK, MUTED, RULE = "#B8BEC8", "#1a1a1a", "#555b66", "#d5d9df"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _t(text) -> str:
    """Any text as it may stand in SVG: escaped, without control characters."""
    return escape(_CONTROL.sub("", str(text)), quote=True)


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _width(text: str, size: float) -> float:
    """About how wide a text is drawn (for layout only: room for labels, never cut)."""
    return 0.6 * size * len(str(text))


def _svg(width: float, height: float, label: str, body: list[str], cls: str = "chart") -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
                  f'width="{_n(width)}" role="img" aria-label="{_t(label)}" class="{cls}" '
                  f'font-family="{FONT}">' + "".join(body) + "</svg>")


def _text(x: float, y: float, text, size: float = 11, anchor: str = "start", cls: str = "axis",
          fill: str = MUTED, weight: str = "normal", extra: str = "") -> str:
    bold = ' font-weight="700"' if weight == "bold" else ""
    return (f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}" fill="{fill}"{bold} '
            f'class="{cls}"{extra}>{_t(text)}</text>')


def _ticks(lo: float, hi: float, n: int = 4, whole: bool = False) -> list[float]:
    """Round tick values between lo and hi (1, 2, 2.5 or 5 times a power of ten apart; whole numbers only
    when `whole`, as turns are)."""
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / n
    power = 10 ** math.floor(math.log10(raw))
    for step in (power * k for k in (1, 2, 2.5, 5, 10, 20)):
        if whole and (step < 1 or step != int(step)):
            continue
        if (hi - lo) / step <= n:
            break
    first = -(-lo // step) * step
    out, v = [], first
    while v <= hi + 1e-9:
        out.append(round(v, 6) + 0.0)
        v += step
    return out


def _number(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 10 or v == int(v) else f"{v:.1f}"


def _legend(items: Sequence["Key"], x: float, y: float, width: float, size: float = 11) -> tuple[list[str], float]:
    """Legend keys in rows from (x, y), wrapping at width; returns the parts and the height used."""
    parts, cx, cy = [], x, y
    for item in items:
        w = 30 + _width(item.label, size) + 16
        if cx > x and cx + w > x + width:
            cx, cy = x, cy + size + 8
        if item.kind == "line":
            dash = _dasharray(item.dash)
            parts.append(f'<line x1="{_n(cx)}" x2="{_n(cx + 24)}" y1="{_n(cy - size / 3)}" y2="{_n(cy - size / 3)}" '
                         f'stroke="{item.colour}" stroke-width="{_n(max(item.width, 2))}"{dash}/>')
        else:
            parts.append(f'<rect x="{_n(cx + 4)}" y="{_n(cy - size * 0.8)}" width="16" height="{_n(size * 0.8)}" '
                         f'fill="{item.colour}"/>')
        parts.append(_text(cx + 30, cy, item.label, size, fill=INK, cls="legend"))
        cx += w
    return parts, (cy - y + size + 8) if items else 0.0


@dataclass(frozen=True)
class Key:
    """One entry of a legend: a line (solid or dashed) or a filled box."""

    label: str
    colour: str
    kind: str = "line"  # or "box"
    dash: bool | str = False  # True: dashed; a string: its own pattern (LineStyle.dash)
    width: float = 2.0


# --- lines over the turns ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    values: Sequence[float]
    colour: str = OKABE_ITO[0]
    width: float = 1.8
    dash: bool | str = False  # True: dashed; a string: its own pattern (LineStyle.dash)
    opacity: float = 1.0
    points: bool = False  # a small marker at each value (the web's single-metric charts)
    marker: str = "square"  # its shape (LineStyle.marker)
    band: tuple[Sequence[float], Sequence[float]] | None = None  # lower and upper edge, drawn faint
    cls: str = ""  # a class for the web's style sheet ("line")


@dataclass(frozen=True)
class Mark:
    """A dashed vertical rule at a turn (a phase starting), with an optional label."""

    at: float
    label: str = ""


@dataclass(frozen=True)
class Axis:
    """A further plot under a panel's own, on its own y axis, sharing the panel's turns: money (-50k to 200k)
    never shares an axis with 0-100 metrics, where it would flatten them (a fresh trainer's finding 11)."""

    series: Sequence[Series]
    lo: float
    hi: float
    unit: str = ""  # written after every tick number ("k")
    share: float = 0.42  # of the panel's plotting height


@dataclass(frozen=True)
class Panel:
    title: str
    series: Sequence[Series]
    lo: float
    hi: float
    marks: Sequence[Mark] = ()
    x_label: str = ""
    y_label: str = ""
    note: str = ""  # a muted line under the title ("score 751, rank 1"), never cut
    unit: str = ""  # written after every tick number of the panel's own axis ("k")
    below: Sequence[Axis] = ()  # plots under the panel's own, each on its own axis


BOLD_WIDTH = 0.68  # a bold title's width per character and point of size, on the safe side (W, M, Æ)


def fit_lines(text: str, size: float, width: float, lines: int = 2, per_char: float = BOLD_WIDTH) -> list[str]:
    """`text` wrapped into at most `lines` lines no wider than `width`, at spaces or after a hyphen
    ('Müller-' / 'Sánchez'), never inside a word; what does not fit, a word longer than a whole line too, is
    cut and ends in '…' ('Northern Regional' / 'Operations Team…'). So a title or a team's name never runs
    into its neighbour's and never breaks mid-word (a trainer read 'Operatio' / 'ns')."""
    room = max(2, int(width / (per_char * size)))
    pieces = []
    for word in str(text).split():
        parts = _hyphen_parts(word)
        pieces += [(p, "") for p in parts[:-1]] + [(parts[-1], " ")]
    out: list[str] = []
    k = 0
    while k < len(pieces) and len(out) < lines:
        line, joint = pieces[k]
        k += 1
        while k < len(pieces) and len(line) + len(joint) + len(pieces[k][0]) <= room:
            line, joint = line + joint + pieces[k][0], pieces[k][1]
            k += 1
        if len(line) > room:  # one word longer than a line: cut, never carried on to the next line
            out.append(line[:room - 1] + "…")
            return out
        out.append(line)
    if k < len(pieces):
        cut = out[-1][:room - 1].rstrip(" -")
        out[-1] = cut + "…"
    return out


def _hyphen_parts(word: str) -> list[str]:
    """'Müller-Sánchez' -> ['Müller-', 'Sánchez']: the places a word may break, each keeping its hyphen."""
    parts = re.split(r"(?<=[-–])(?=\w)", word)
    return [p for p in parts if p]


def _title_lines(p: Panel, w: float, size: float) -> list[str]:
    return fit_lines(p.title, size * 1.1, w - 16) if p.title else []


def _tick_labels(lo: float, hi: float, unit: str, n: int) -> list[tuple[float, str]]:
    return [(v, _number(v) + unit) for v in _ticks(lo, hi, n)]


def _plot(series: Sequence[Series], lo: float, hi: float, unit: str, X, px: float, py: float, pw: float, ph: float,
          size: float, n_ticks: int) -> list[str]:
    """One plotting area: its grid and tick labels (with the unit), bands and lines."""
    lo, hi = (lo, hi) if hi > lo else (lo - 1, lo + 1)

    def Y(v: float) -> float:
        return py + ph * (1 - max(0.0, min(1.0, (v - lo) / (hi - lo))))

    out = []
    for v, label in _tick_labels(lo, hi, unit, n_ticks):
        out.append(f'<line x1="{_n(px)}" x2="{_n(px + pw)}" y1="{_n(Y(v))}" y2="{_n(Y(v))}" stroke="{RULE}" '
                   'class="grid"/>')
        out.append(_text(px - 5, Y(v) + size * 0.32, label, size * 0.9, "end"))
    for s in series:
        if s.band is not None:
            low, high = s.band
            edge = [f"{_n(X(t))},{_n(Y(v))}" for t, v in enumerate(high)]
            edge += [f"{_n(X(t))},{_n(Y(v))}" for t, v in reversed(list(enumerate(low)))]
            out.append(f'<polygon points="{" ".join(edge)}" fill="{s.colour}" fill-opacity="0.10" stroke="none"/>')
    for s in series:
        pts = " ".join(f"{_n(X(t))},{_n(Y(v))}" for t, v in enumerate(s.values))
        dash = _dasharray(s.dash)
        fade = f' stroke-opacity="{_n(s.opacity)}"' if s.opacity < 1 else ""
        cls = f' class="{s.cls}"' if s.cls else ""
        out.append(f'<polyline points="{pts}" fill="none" stroke="{s.colour}" stroke-width="{_n(s.width)}" '
                   f'stroke-linejoin="round"{dash}{fade}{cls}/>')
        if s.points:
            out += [_marker(s.marker, X(t), Y(v), s.colour) for t, v in enumerate(s.values)]
    return out


def _dasharray(dash: bool | str) -> str:
    pattern = "6 3" if dash is True else dash or ""
    return f' stroke-dasharray="{_t(pattern)}"' if pattern else ""


def _marker(shape: str, x: float, y: float, colour: str, r: float = 3.0) -> str:
    """A point's marker (LineStyle.marker): its shape tells lines apart without colour."""
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r + 0.4)}" fill="{colour}" class="point"/>'
    if shape in ("triangle", "diamond"):
        pts = [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)] if shape == "triangle" else \
            [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
        return f'<polygon points="{" ".join(f"{_n(a)},{_n(b)}" for a, b in pts)}" fill="{colour}" class="point"/>'
    return f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}" fill="{colour}" class="point"/>'


def _widest_tick(p: Panel, size: float) -> float:
    labels = [label for lo, hi, unit in [(p.lo, p.hi, p.unit), *((a.lo, a.hi, a.unit) for a in p.below)]
              for _, label in _tick_labels(lo, hi, unit, 5)]
    return max(_width("-000", size * 0.9), *(_width(t, size * 0.9) for t in labels))


def _panel(p: Panel, x0: float, y0: float, w: float, h: float, turns: int, size: float,
           head: int | None = None) -> list[str]:
    """One panel with its title (wrapped to its width), note, grid, tick labels and series, in the box
    (x0, y0, w, h); `head`: the lines above the plot, the same for every panel of a grid so their plots align.
    The plots of `p.below` stack under the panel's own, each on its own axis, the phase marks across all."""
    titles = _title_lines(p, w, size)
    head = head if head is not None else len(titles) + bool(p.note)
    left, top, bottom = 8 + _widest_tick(p, size) + (size + 4 if p.y_label else 0), 10 + head * (size * 1.2), \
        size * 1.6 + 6
    if p.x_label:
        bottom += size + 2
    px, py, pw, ph = x0 + left, y0 + top, w - left - 8, h - top - bottom

    def X(t: float) -> float:
        return px + pw * t / max(turns, 1)

    out = [_text(x0 + 8, y0 + (k + 1) * size * 1.2, line, size * 1.1, fill=INK, weight="bold", cls="chart-title")
           for k, line in enumerate(titles)]
    if p.note:
        out.append(_text(x0 + 8, y0 + (len(titles) + 1) * size * 1.2, p.note, size, cls="chart-note"))
    gap = size * 1.5  # room between one plot's lowest tick label and the next one's highest
    own = ph * (1 - sum(a.share for a in p.below)) - gap * len(p.below)
    n_ticks = 5 if h > 160 and not p.below else 4 if not p.below else 3
    out += _plot(p.series, p.lo, p.hi, p.unit, X, px, py, pw, own, size, n_ticks)
    y = py + own
    for a in p.below:
        out += _plot(a.series, a.lo, a.hi, a.unit, X, px, y + gap, pw, ph * a.share, size, 3)
        y += gap + ph * a.share
    for t in _ticks(0, turns, 5 if w > 300 else 3, whole=True):
        out.append(_text(X(t), py + ph + size * 1.2, _number(t), size * 0.9, "middle"))
    if p.x_label:
        out.append(_text(px + pw / 2, py + ph + size * 2.4, p.x_label, size * 0.9, "middle"))
    if p.y_label:
        out.append(_text(x0 + size, py + ph / 2, p.y_label, size * 0.9, "middle",
                         extra=f' transform="rotate(-90 {_n(x0 + size)} {_n(py + ph / 2)})"'))
    for m in p.marks:
        out.append(f'<line x1="{_n(X(m.at))}" x2="{_n(X(m.at))}" y1="{_n(py)}" y2="{_n(py + ph)}" stroke="#6b7380" '
                   'stroke-dasharray="4 3" class="phase"/>')
        if m.label:  # beside the line on the side with room, wrapped rather than cut by the panel's edge
            fs, right_room, left_room = size * 0.9, px + pw - X(m.at) - 6, X(m.at) - px - 6
            right = _width(m.label, fs) <= right_room or right_room >= left_room
            lines = fit_lines(m.label, fs, right_room if right else left_room, 2, per_char=0.6)
            for k, line in enumerate(lines):
                out.append(_text(X(m.at) + (4 if right else -4), py + fs * (1 + 1.15 * k), line, fs,
                                 "start" if right else "end", cls="axis phase-label"))
    return out


def panels(items: Sequence[Panel], label: str, cols: int = 1, panel_width: float = 640, panel_height: float = 220,
           legend: Sequence[Key] = (), size: float = 11) -> Markup:
    """Small multiples: one panel per item on a grid with shared turns, a shared legend on top."""
    if not items:
        return Markup("")
    cols = max(1, min(cols, len(items)))
    rows = -(-len(items) // cols)
    width = cols * panel_width
    head, legend_h = _legend(legend, 8, size + 4, width - 16, size) if legend else ([], 0.0)
    legend_h += 6 if legend else 0
    turns = max(max((len(s.values) for s in p.series), default=1) for p in items) - 1
    body = list(head)
    lines = max(len(_title_lines(p, panel_width, size)) + bool(p.note) for p in items)
    for k, p in enumerate(items):
        body += _panel(p, (k % cols) * panel_width, legend_h + (k // cols) * panel_height, panel_width,
                       panel_height, turns, size, lines)
    return _svg(width, legend_h + rows * panel_height, label, body)


def line_chart(title: str, history: Sequence[float], low: float, high: float, unit: str = "",
               phases: Sequence[tuple[int, str]] = (), style: LineStyle = METRIC_STYLES[0]) -> Markup:
    """One metric over the game (the web's end screen): the line in the metric's `style` (metric_style, as the
    window draws it), its marker at each turn, phases dashed, on the axis the caller gives (the end screen: the
    debrief's, views.debrief.chart_groups, money fitted to what happened) with `unit` after every tick number."""
    lo, hi = min(low, min(history)), max(high, max(history))
    turns = len(history) - 1
    line = Series(history, style.light, width=2.5, dash=style.dash, points=True, marker=style.marker, cls="line")
    panel = Panel(title, [line], lo, hi,
                  [Mark(t, name) for t, name in phases], x_label="turn", unit=unit)
    # drawn about as wide as a phone's panel (320 units; CSS keeps it from growing much past that on a laptop),
    # so its 12-unit tick labels stay about 12 px: at 640 units a 360 px phone drew them at 6 px (s6 finding 12)
    return panels([panel], f"{title}: from {history[0]:.0f}{unit} to {history[-1]:.0f}{unit} over {turns} turns",
                  panel_width=320, panel_height=200, size=12)


def mix_chart(mix) -> Markup:
    """Per phase, a stacked bar of leadership (L), management (M) and development (D) actions (the web's end
    screen; `mix`: views.debrief.PhaseMix or anything with title, leadership, management, development)."""
    kinds = ("leadership", "management", "development")
    rows = [BarRow(m.title, [Bar(getattr(m, k), CATEGORY_COLOUR[k], f"{k[0].upper()} {getattr(m, k)}") for k in kinds])
            for m in mix]
    label = "Actions per phase by kind: " + "; ".join(
        f"{m.title}: {m.leadership} leadership, {m.management} management, {m.development} development" for m in mix)
    # drawn about as wide as a phone's panel (CSS keeps it from growing much past that), so its 13-unit labels
    # stay about 13 px: at 610 units a 360 px phone drew them at 6 px
    return BarChart(rows, label, width=330, row_height=36, ticks=False, size=13).svg() if mix else Markup("")


def sparkline(history: Sequence[float], low: float, high: float, style: LineStyle = METRIC_STYLES[0]) -> Markup:
    """A metric's trend on the dashboard in its `style` (decorative: the numbers beside it say the same)."""
    if len(history) < 2:
        return Markup("")
    lo, hi = (min(history) - 1, max(history) + 1) if high - low > 300 else (low, high)
    w, h = 120, 28
    pts = " ".join(f"{_n(w * t / (len(history) - 1))},{_n(h - h * (v - lo) / max(1e-9, hi - lo))}"
                   for t, v in enumerate(history))
    return Markup(f'<svg viewBox="0 0 {w} {h}" class="spark" aria-hidden="true" focusable="false">'
                  f'<polyline points="{pts}" stroke="{style.light}"{_dasharray(style.dash)}/></svg>')


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


def _shade(share: float) -> tuple[str, str]:
    """A light-to-dark blue for 0..1 (one hue: reads in grey print too) and the text colour on it."""
    share = max(0.0, min(1.0, share))
    a, b = (247, 251, 255), (8, 48, 107)
    rgb = tuple(round(x + (y - x) * share) for x, y in zip(a, b))
    return "#%02x%02x%02x" % rgb, ("#fff" if share > 0.5 else INK)


def heatmap(row_labels: Sequence[str], col_labels: Sequence[str], values: Sequence[Sequence[float]], label: str,
            caption: str = "", size: float = 10, cell: float = 38) -> Markup:
    """A table of numbers as shaded cells, each with its number (the shade only helps the eye)."""
    if not row_labels or not col_labels:
        return Markup("")
    top_value = max((max(r) for r in values), default=0) or 1
    left = 12 + max(_width(r, size) for r in row_labels)
    head = 10 + 0.72 * max(_width(c, size) for c in col_labels)  # the column labels run up at 45 degrees
    body = []
    for j, c in enumerate(col_labels):
        x = left + j * cell + cell / 2
        body.append(_text(x, head, c, size, extra=f' transform="rotate(-45 {_n(x)} {_n(head)})"', fill=INK))
    for i, r in enumerate(row_labels):
        y = head + 6 + i * (cell * 0.62)
        body.append(_text(left - 8, y + cell * 0.31 + size * 0.35, r, size, "end", fill=INK))
        for j, v in enumerate(values[i]):
            fill, ink = _shade(v / top_value)
            x = left + j * cell
            body.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell - 1)}" height="{_n(cell * 0.62 - 1)}" '
                        f'fill="{fill}"/>')
            if v:
                body.append(_text(x + cell / 2, y + cell * 0.31 + size * 0.35, f"{v:.1f}", size * 0.9, "middle",
                                  fill=ink))
    height = head + 6 + len(row_labels) * cell * 0.62
    if caption:
        body.append(_text(left, height + size + 6, caption, size, fill=MUTED))
        height += size + 10
    return _svg(max(left + len(col_labels) * cell + 0.72 * _width(col_labels[-1], size), 300), height + 6, label,
                body)
