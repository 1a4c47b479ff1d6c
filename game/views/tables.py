"""The headings of the screens' tables, written once: the web pages name each column (`REPORT.cause`),
the terminal adds them in order (`for title in REPORT: table.add_column(title)`).

Each table is a NamedTuple, so it is plain frozen data that reads both ways; the heading above a table
sits beside it. Which column is numeric, hidden or marked with a letter is the front-end's business.
"""

from __future__ import annotations

from typing import NamedTuple


class MetricColumns(NamedTuple):
    """The dashboard's metrics: each one's value now, its change this turn and its trend line."""

    metric: str = "Metric"
    now: str = "Now"
    change: str = "Change"
    trend: str = "Trend"


class ReportColumns(NamedTuple):
    """A turn report: each metric's change and the causes that add up to it."""

    metric: str = "Metric"
    change: str = "Change"
    cause: str = "Because of"


class ScoreColumns(NamedTuple):
    """The end screen's score, part by part."""

    part: str = "Part"
    points: str = "Points"


class MixColumns(NamedTuple):
    """The end screen's mix of kinds of action per phase, against what the phase rewarded."""

    phase: str = "Phase"
    leadership: str = "Leadership"
    management: str = "Management"
    development: str = "Development"
    rewarded: str = "Phase rewarded"


class HiddenColumns(NamedTuple):
    """The end screen's hidden drivers, at the start and at the end of the game."""

    driver: str = "Hidden driver"
    start: str = "Start"
    end: str = "End"


METRICS = MetricColumns()
REPORT = ReportColumns()
SCORE = ScoreColumns()
MIX = MixColumns()
HIDDEN = HiddenColumns()

COMPANY_HEADING = "The company"  # above the metrics
MIX_HEADING = "Your leadership / management mix per phase"
CHARTS_HEADING = "Your metrics over the game"
