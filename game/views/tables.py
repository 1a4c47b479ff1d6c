"""The headings of the screens' tables, written once: the web pages name each column (`REPORT.cause`),
the terminal adds them in order (`for title in REPORT: table.add_column(title)`).

Each table is a named tuple, so it is plain frozen data that reads both ways; the heading above a table
sits beside it. Which column is numeric, hidden or marked with a letter is the front-end's business.
"""

from __future__ import annotations

from collections import namedtuple


def _columns(name: str, **titles: str):
    """A table's column headings in order, each also by its name."""
    return namedtuple(name, titles)(**titles)


# the dashboard's metrics: each one's value now, its change this turn and its trend line
METRICS = _columns("MetricColumns", metric="Metric", now="Now", change="Change", trend="Trend")
# a turn report: each metric's change and the causes that add up to it
REPORT = _columns("ReportColumns", metric="Metric", change="Change", cause="Because of")
# the end screen: the score part by part, the mix of kinds per phase against what the phase rewarded,
# and the hidden drivers at the start and at the end
SCORE = _columns("ScoreColumns", part="Part", points="Points")
MIX = _columns("MixColumns", phase="Phase", leadership="Leadership", management="Management",
               development="Development", rewarded="Against strong play")
HIDDEN = _columns("HiddenColumns", driver="Hidden driver", start="Start", end="End")

COMPANY_HEADING = "The company"  # above the metrics
MIX_HEADING = "Your leadership / management mix per phase"
CHARTS_HEADING = "Your metrics over the game"
