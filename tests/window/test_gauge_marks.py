"""Every mark on every gauge keeps its label readable (fresh player s6 finding 6).

Startup's budget gauge has three lines close together (the win at 9k, the loss at 0k, a crisis below 25k).
Pushed along one line, their labels ran together ('loss ≤ 0  crisis < 25  win ≥ 9'), the win's far from
its tick and with no unit next to a value that says '90k'. Here, on every built-in scenario's first
dashboard at the window's smallest and a common size: each label is drawn whole (none dropped), carries
the metric's unit as the value does, overlaps no other label, stays in its metric's row, and sits next to
its own tick, above or under the bar.
"""

from __future__ import annotations

import pygame
import pytest

from flows import new_game_by_keys

from game.scenario.loader import load
from game.views.dashboard import dashboard
from game.session import Session

SIZES = ("1280x720", "960x600")
GAP = 12  # px: the least space between two labels on one line
NEAR = 20  # px: how far a label's nearer end may be from its tick (slid past a neighbour's label)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scenario", ["startup", "tutorial"])
def test_every_mark_label_is_whole_apart_and_carries_the_unit(game, scenario, size):
    g = game(scenario, "--seed", "3", "--size", size, name=f"{scenario}-{size}")
    p = new_game_by_keys(g)
    assert p["top"] == "dashboard", p["stack"]
    view = dashboard(Session(load(scenario), 3, "standard"))
    units = {row.id: row.unit for row in view.metrics}
    company = pygame.Rect(p["areas"]["company"])
    g.screenshot("first-dashboard")
    for gauge in p["gauges"]:
        bar = pygame.Rect(gauge["bar_rect"])
        rects = []
        for m in gauge["marks"]:
            r = pygame.Rect(m["label_rect"])
            assert r.w > 0, f"{gauge['metric']}: the label {m['label']!r} was not drawn"
            assert m["label"].endswith(units[gauge["metric"]]), m["label"]
            near = max(r.left - m["x"], m["x"] - r.right)  # from the tick to the label's nearer end
            assert near <= NEAR, f"{m['label']!r} {r} is away from its tick {m['x']}"
            assert (m["row"] == "above" and r.bottom <= bar.y) or (m["row"] == "below" and r.y >= bar.bottom), m
            assert company.contains(r), (m, company)
            rects.append(r)
        for k, r in enumerate(rects):
            assert r.collidelist(rects[k + 1:]) < 0, f"{gauge['metric']}: labels overlap: {gauge['marks']}"
            # two labels side by side keep a clear gap, so they read as two (s6 player 2: 'loss ≤ 0k win ≥ 9k'
            # a few pixels apart over ticks 15 px apart read as one crowd); one above the other is fine
            for other in rects[k + 1:]:
                if r.y < other.bottom and other.y < r.bottom:
                    apart = max(other.left - r.right, r.left - other.right)
                    assert apart >= GAP, f"{gauge['metric']}: labels {apart} px apart: {gauge['marks']}"
