"""The window's turn report breaks a long 'Because of' line between causes and starts each further row
under the first cause, not at the box's left edge under the metrics' names (fresh player s6 finding 10)."""

from __future__ import annotations

import pygame

from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.ui import theme as T
from game.ui.scenes.report import CAUSE_GAP, NBSP, cause_rows, measured, report_html
from game.views import tables
from game.views.report import turn_report

WIDTH = 420  # px: narrow enough that a turn with an event's money and a few actions needs two rows


def _long_report():
    """A tutorial turn whose longest 'Because of' line is wider than WIDTH."""
    pygame.font.init()
    font = T.Fonts(1.0).font(T.BASE_FONT)
    s = Session(load("tutorial"), 4, "standard")
    while not s.done:
        s.decide(bot_decision(s, "adaptive"))
        r = turn_report(s, s.reports[-1])
        widest = max(r.lines, key=lambda ln: font.size(CAUSE_GAP.join(c.text for c in ln.causes))[0])
        if font.size(CAUSE_GAP.join(c.text for c in widest.causes))[0] > 1.5 * WIDTH:
            return r, widest
    raise AssertionError("no turn of this game has a 'Because of' line long enough")


def test_rows_break_between_causes_and_each_fits():
    r, line = _long_report()
    fits, indent = measured(T.Fonts(1.0), WIDTH)
    lead = f"    {tables.REPORT.cause}: "
    rows = cause_rows(lead, [c.text for c in line.causes], fits)
    assert len(rows) >= 2
    assert [c for row in rows for c in row] == [c.text for c in line.causes]  # every cause, in order
    for row in rows:
        assert len(row) == 1 or fits(lead, CAUSE_GAP.join(row)), row
    font = T.Fonts(1.0).font(T.BASE_FONT)
    assert abs(font.size(indent)[0] - font.size(lead)[0]) <= font.size(NBSP)[0]  # as wide as the lead


def test_each_further_row_starts_under_the_first_cause():
    r, line = _long_report()
    html = report_html(r, *measured(T.Fonts(1.0), WIDTH))
    block = html[html.index(f"<b>{line.title}</b>"):]
    for end in ("<br><b>", "<br><br>"):  # the next metric's line, or what follows the metrics
        block = block.split(end)[0]
    rows = block.split("<br>")[2:]  # after the metric's line and the 'Because of:' row
    assert rows and all(row.startswith(NBSP * 4) for row in rows), rows
    plain_rows = report_html(r)  # without measuring: one row, as before
    assert f"{NBSP * 4}" not in plain_rows.split(f"<b>{line.title}</b>")[1].split("<br><b>")[0]


def test_the_window_report_says_what_comes_on_later_turns():
    """Meet your mentor's effect is all delayed: the window's report says when it comes (s7 player 3, 9)."""
    from game.session import Decision
    from game.ui.markup import plain

    s = Session(load("startup"), 85386, "expert")
    s.decide(Decision(("find_mentor",), s.default_decision().choice))
    r = turn_report(s, s.reports[-1])
    assert r.later_text and plain(r.later_text) in report_html(r)
