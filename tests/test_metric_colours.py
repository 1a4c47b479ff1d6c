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

    css = (Path(charts.__file__).parent / "web" / "static" / "leadsim.css").read_text(encoding="utf-8")
    rules = re.findall(r"(\.spark polyline|\.chart \.line|\.chart \.point)\s*\{([^}]*)\}", css)
    assert {r[0] for r in rules} >= {".spark polyline", ".chart .line"}
    for selector, body in rules:
        assert "stroke:" not in body and "fill: var" not in body, selector
