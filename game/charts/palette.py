"""The charts' colours, one palette for every front-end: the kinds of action (Okabe-Ito blue, orange,
green), each metric's and driver's line style (a light shade for pages, report and slides, a dark one for the
window, a dash pattern and a marker, so colour is never the only cue), and contrast checks. The window's
theme takes its colours, markers and dashes from here too."""

from __future__ import annotations

import re
from dataclasses import dataclass


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
