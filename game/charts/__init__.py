"""SVG charts for every page and report of the game, drawn as text: the web pages' end screen and
dashboard, the workshop debrief and its slides, and the balance report.

One package draws them all so they look alike and so that one rule holds everywhere: every text that
goes into a chart (team names, scenario titles, metric units, bot names) passes through `svg._t`, which
escapes it for XML and drops control characters. SVG has no math mode, so a '$' is a dollar sign.
A chart is a `markupsafe.Markup`, to be placed into a Jinja2 page as it is.

The charts are vector graphics: sharp on a screen and in a PDF printed from the page, and a few
kilobytes each (the PNG charts they replace needed matplotlib, about 92 MB installed). Nothing relies on
colour alone: lines can carry markers or dashes, bars carry letters, heat maps their numbers
(Okabe-Ito colours, which stay apart with the common forms of colour blindness).
"""

from __future__ import annotations

# by concern: the palette (colours, line styles, contrast), what every SVG is made of (svg: escaping,
# ticks, legends), lines over the turns, bars and box plots, mixes (actions per phase, heat maps);
# every name is here too, so `charts.X` reads as it always did
from .palette import (CATEGORY_COLOUR, GREY, INK, MEAN_LINE, METRIC_STYLES, MUTED, OKABE_ITO, PAR_LINE, RULE,
                      LineStyle, contrast, dash_lengths, hex_rgb, label_ink, luminance, metric_style)
from .svg import BOLD_WIDTH, fit_lines, FONT, Key
from .line import Axis, line_chart, Mark, Panel, panels, Series, sparkline
from .bar import Bar, BarChart, BarRow, Box, boxes, label_x
from .mix import heatmap, mix_chart

__all__ = ["CATEGORY_COLOUR", "contrast", "dash_lengths", "GREY", "hex_rgb", "INK", "label_ink", "LineStyle",
           "luminance", "MEAN_LINE", "metric_style", "METRIC_STYLES", "MUTED", "OKABE_ITO", "PAR_LINE", "RULE",
           "BOLD_WIDTH", "fit_lines", "FONT", "Key", "Axis", "line_chart", "Mark", "Panel", "panels", "Series",
           "sparkline", "Bar", "BarChart", "BarRow", "Box", "boxes", "label_x", "heatmap", "mix_chart"]
