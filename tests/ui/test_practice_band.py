"""A practice's lines (what it is, the original's choice, the review's better decision) have a band of their
own under the dashboard's top bar, every line whole (s6 player 2, finding 5: the top bar cut the better
decision short). Here on every built-in scenario's busiest practised turn (an event answered, three lines),
at every supported size and with large text at the smallest: nothing overlaps or leaves the window, every
card still fits its column, and the band's rows hold every word of the lines."""

import pytest

from game import practice
from game.autoplay import bot_decision
from game.session import Decision, Session
from game.scenario.loader import load
from game.ui import dashview
from game.views.practice import turn_lines

from ui_helpers import SIZES, dashboard_at_turn_start, layout_problems, run_frames


def practice_at_an_event(name: str) -> Session:
    """A practice from the first turn where the original answered an event, with a long better decision."""
    s = Session(load(name), 11, "standard")
    while not s.done and not any(d.choice for d in s.log):
        s.decide(bot_decision(s, "adaptive"))
    turn = next((k for k, d in enumerate(s.log, 1) if d.choice), len(s.log))
    chosen = s.log[turn - 1]
    event = next((e for e in s.scenario.events if any(c.id == chosen.choice for c in e.choices)), None)
    other = next((c.id for c in event.choices if c.id != chosen.choice), None) if event else None
    longest = sorted(s.scenario.actions, key=lambda a: -len(a.title))
    better = Decision(tuple(a.id for a in longest[:len(chosen.actions)]), other)
    return practice.practice_copy(s, turn, better)


@pytest.mark.parametrize("name", ["tutorial", "scaleup", "ward"])
@pytest.mark.parametrize("size,text", [(s, "normal") for s in SIZES] + [((1024, 600), "large")],
                         ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else v)
def test_the_practice_band_fits_with_every_word(make_app, name, size, text):
    copy = practice_at_an_event(name)
    lines = turn_lines(copy)
    assert len(lines) == 3, lines
    app = make_app(size)
    if text == "large":
        app.settings.text_size = "large"
        app.resize(size)
    dash = dashboard_at_turn_start(app, copy)
    run_frames(app, 3)  # (the practised turn's event may be open over it: the dashboard is drawn under it)
    assert dash.lay.practice is not None and layout_problems(app, dash) == []
    rows = dashview.practice_rows(lines, dash.lay.practice.w - 2 * dash.px(12), app.fonts)
    assert " ".join(t for t, *_ in rows).split() == " ".join(lines).split()
    assert dash.practice_drawn == [t for t, *_ in rows], "a row of the practice's lines was not drawn"
    for b in dash.card_buttons.values():
        assert dash.lay.cards.contains(b.rect) and b.rect.h >= dash.px(40), (b.rect, dash.lay.cards)
