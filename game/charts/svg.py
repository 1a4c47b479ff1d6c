"""What every SVG chart is made of: `_t`, through which every text that goes into a chart passes (escaped
for XML, control characters dropped; SVG has no math mode, so a '$' is a dollar sign), numbers, the <svg>
frame, axis texts and ticks, legends (`Key`), titles fitted to their width, dashes and point markers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape
from typing import Sequence

from markupsafe import Markup

from .palette import INK, MUTED


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
