"""Mixes: the actions per phase by kind as stacked bars (`mix_chart`, the web's end screen) and a table of
numbers as shaded cells (`heatmap`: the balance report's actions per bot)."""

from __future__ import annotations

from typing import Sequence

from markupsafe import Markup

from .bar import Bar, BarChart, BarRow
from .palette import CATEGORY_COLOUR, INK, MUTED
from .svg import _n, _svg, _text, _width


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
