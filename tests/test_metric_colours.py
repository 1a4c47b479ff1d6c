"""Metric and driver lines never wear a kind of action's colour, read on every background, and every
front-end takes them from the one place (charts.METRIC_STYLES): Morale drawn orange like management and
the review's Ownership green like development made a reader link a metric's line to a kind of action."""

from __future__ import annotations

import re

import pytest

from game import charts

LIGHT = [(255, 255, 255), (246, 247, 249)]  # the report's and slides' paper, the web page's background
STYLES = [*charts.METRIC_STYLES, charts.MEAN_LINE, charts.PAR_LINE]


def _dark_backgrounds():
    pytest.importorskip("pygame")
    from game.ui import theme as T

    return [T.BG, T.PANEL]


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.name)
def test_no_line_wears_a_kinds_colour(style):
    kinds = {charts.hex_rgb(c) for c in charts.CATEGORY_COLOUR.values()}
    assert charts.hex_rgb(style.light) not in kinds and charts.hex_rgb(style.dark) not in kinds


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.name)
def test_every_line_reads_at_three_to_one_on_its_backgrounds(style):
    for bg in LIGHT:
        assert charts.contrast(charts.hex_rgb(style.light), bg) >= 3, (style.name, bg)
    for bg in _dark_backgrounds():
        assert charts.contrast(charts.hex_rgb(style.dark), bg) >= 3, (style.name, bg)


def test_no_two_metric_lines_differ_by_colour_alone():
    styles = charts.METRIC_STYLES
    assert len({s.light for s in styles}) == len({s.dark for s in styles}) == len(styles)
    assert len({s.dash for s in styles}) == len(styles)  # each its own dash pattern
    assert len({s.marker for s in styles[:4]}) == 4  # and the first four their own marker


def test_the_window_draws_the_one_palette():
    pytest.importorskip("pygame")
    from game.ui import theme as T

    for k in range(7):
        style = charts.metric_style(k)
        assert T.metric_colour(k) == charts.hex_rgb(style.dark) and T.metric_shape(k) == style.marker


def test_the_web_charts_draw_the_one_palette():
    for k in range(len(charts.METRIC_STYLES)):
        style = charts.metric_style(k)
        line = str(charts.line_chart("Morale", [50, 55, 60], 0, 100, style=style))
        assert f'stroke="{style.light}"' in line and f'fill="{style.light}"' in line
        assert (f'stroke-dasharray="{style.dash}"' in line) == bool(style.dash)
        spark = str(charts.sparkline([50, 55, 60], 0, 100, style))
        assert f'stroke="{style.light}"' in spark


def test_the_style_sheet_does_not_repaint_the_lines():
    """A stroke in the style sheet beats the SVG's own: the web's lines would all be one colour again."""
    from pathlib import Path

    css = (Path(charts.__file__).parents[1] / "web" / "static" / "leadsim.css").read_text(encoding="utf-8")
    rules = re.findall(r"(\.spark polyline|\.chart \.line|\.chart \.point)\s*\{([^}]*)\}", css)
    assert {r[0] for r in rules} >= {".spark polyline", ".chart .line"}
    for selector, body in rules:
        assert "stroke:" not in body and "fill: var" not in body, selector


def test_the_window_dashes_each_line_as_the_report_does():
    """The window's charts told lines apart by markers only (closing6 'Left'): each now has its style's dashes."""
    pytest.importorskip("pygame")
    from game.ui import theme as T

    for k in range(7):
        style = charts.metric_style(k)
        assert T.metric_dash(k) == charts.dash_lengths(style.dash)
    assert T.PAR_DASH == charts.dash_lengths(charts.PAR_LINE.dash) != ()
    assert charts.dash_lengths("") == () and charts.dash_lengths("9 3 2 3") == (9, 3, 2, 3)


@pytest.mark.parametrize("dash", ["", "7 4", "2 3", "9 3 2 3", "12 4"])
def test_a_window_line_is_drawn_in_its_dash_pattern_across_corners(dash):
    pygame = pytest.importorskip("pygame")
    from game.ui import draw

    surf = pygame.Surface((200, 10))
    surf.fill((0, 0, 0))
    # a straight line of three segments, so the pattern must run on across the corners to stay regular
    draw.lines(surf, (255, 255, 255), [(0, 5), (33, 5), (71, 5), (199, 5)], 2, charts.dash_lengths(dash))
    row = [surf.get_at((x, 5))[0] > 128 for x in range(200)]
    runs, k = [], 0
    while k < len(row):
        j = k
        while j < len(row) and row[j] == row[k]:
            j += 1
        runs.append((row[k], j - k))
        k = j
    if not dash:
        assert runs == [(True, 200)]
        return
    pattern = charts.dash_lengths(dash)
    pattern = pattern * 2 if len(pattern) % 2 else pattern
    inner = runs[1:-1]  # the first and last runs may be cut by the ends
    assert len(inner) >= 4 and all(a[0] != b[0] for a, b in zip(inner, inner[1:]))  # on, off, on, ...
    offs = [n for on, n in inner if not on]
    ons = [n for on, n in inner if on]
    assert offs and min(offs) >= min(pattern[1::2]) - 1 and max(offs) <= max(pattern[1::2]) + 1, runs
    assert ons and min(ons) >= min(pattern[0::2]) - 1 and max(ons) <= max(pattern[0::2]) + 2, runs
