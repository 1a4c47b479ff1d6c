"""Lines over the turns: small multiples of panels (`panels`: each with its lines, marks and axes), a
metric over the game (`line_chart`, the web's end screen) and a dashboard sparkline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup

from .palette import INK, METRIC_STYLES, OKABE_ITO, RULE, LineStyle
from .svg import Key, _dasharray, _legend, _marker, _n, _number, _svg, _text, _ticks, _width, fit_lines


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
