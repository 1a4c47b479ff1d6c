"""The terminal draws what the views say (one thin rendering test), and scenario text is never rich markup."""

from __future__ import annotations

import io

from rich.console import Console

from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.terminal import TerminalGame
from game.views import cards, debrief, report

from kit import loaded, quiet


class BotInput(io.StringIO):
    """Types the adaptive bot's decision at every prompt (a letter for an event, then action numbers)."""

    def __init__(self):
        super().__init__()
        self.game = None
        self.queue: list[str] = []

    def readline(self, *a):
        if not self.queue:
            s = self.game.s
            d = bot_decision(s, "adaptive")
            if s.event is not None:
                self.queue.append("abcdefgh"[[c.id for c in s.event.choices].index(d.choice)])
            self.queue.append(" ".join(str(s.rules.actions.index(a) + 1) for a in d.actions))
        return self.queue.pop(0) + "\n"


def play(session: Session) -> str:
    out = io.StringIO()
    stdin = BotInput()
    game = TerminalGame(session, console=Console(file=out, width=400, highlight=False, color_system=None),
                        stdin=stdin)
    stdin.game = game
    assert game.run() == 0
    return out.getvalue()


def test_the_terminal_shows_every_screen_the_views_describe():
    s = Session(load("scaleup"), 3, "guided")
    first_cards = cards.cards(s, top=3)
    text = play(s)
    assert first_cards[0].effects_text in text and first_cards[0].cost in text
    assert "The first phase: Startup" in text and "A new phase begins: Mature company" in text
    for r in s.reports[:3]:
        view = report.turn_report(s, r)
        assert view.heading in text
        assert all(c.text in text for line in view.lines for c in line.causes)
    d = debrief.debrief(s)
    assert d.score_heading in text and d.ending_title in text and d.score_scale[:60] in text
    assert all(n in text for n in d.insights)
    assert text.index("Game over") > text.index(f"Turn {s.turn} report")


def test_scenario_text_is_shown_as_written_not_as_markup():
    data = quiet(title="[bold]Tiny[/bold] & co", actions=[
        {"id": "cheer", "title": "[red]Cheer[/red]", "category": "leadership", "effects": {"morale": 10},
         "diminishing": 1},
        {"id": "plan", "title": "Plan", "category": "management", "effects": {"efficiency": 10}, "diminishing": 1}])
    data["metrics"]["morale"]["title"] = "Morale [blink]"
    text = play(Session(loaded(data), 1, "guided"))
    assert "[red]Cheer[/red]" in text and "[bold]Tiny[/bold] & co" in text and "Morale [blink]" in text


def test_a_wrapped_review_or_insight_line_continues_under_its_own_text():
    """A fresh tester read 'what and write it down' at column 1 of an 80-column review: the wrapped part lost
    its indent, so one costly moment ran into the next."""
    from game.terminal.end import hanging
    from game.terminal.text import Plain

    out = io.StringIO()
    console = Console(file=out, width=40, color_system=None)
    long = "it would have changed: Morale by +3.2 by turn 9 and Trust by +4.0 by turn 12"
    for line in (Plain("    " + long), Plain("• " + long)):
        console.print(hanging(line))
    printed = [row.rstrip() for row in out.getvalue().splitlines()]
    first, second = printed.index("    it would have changed: Morale by"), None
    assert printed[first + 1].startswith("    ") and printed[first + 1].strip()
    second = next(i for i, row in enumerate(printed) if row.startswith("• "))
    assert printed[second + 1].startswith("  ") and not printed[second + 1].startswith("  •")
    assert " ".join(row.strip(" •") for row in printed[second:]).split() == long.split()


def _mix_lines(d, width: int) -> list[str]:
    """The end screen's lines from the mix table's heading to the next table's."""
    from game.terminal.end import debrief_renderables
    from game.views import prompts

    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, color_system=None)
    for r in debrief_renderables(d):
        console.print(r)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    first = next(k for k, line in enumerate(lines) if prompts.MIX_HEADING in line)
    last = next(k for k, line in enumerate(lines) if prompts.HIDDEN_HEADING in line)
    return lines[first:last]


def test_the_mix_table_reads_at_80_and_100_columns_with_each_verdict_under_its_phase():
    """At 80 to 100 columns the 'Against strong play' column beside the counts was some 26 characters wide and
    each verdict wrapped into 10 to 12 lines; now it goes under its phase's row, over the whole width."""
    s = Session(load("tutorial"), 5)
    while not s.done:
        s.decide(bot_decision(s, "balanced"))
    d = debrief.debrief(s)
    assert len(d.mix) == 2 and all(pm.short for pm in d.mix)
    for width, most in ((80, 5), (100, 4)):
        lines = _mix_lines(d, width)
        assert max(map(len, lines)) <= width
        rows = [k for k, line in enumerate(lines) if line.strip().startswith(tuple(pm.title for pm in d.mix))]
        assert len(rows) == 2, lines
        for pm, k, end in zip(d.mix, rows, rows[1:] + [len(lines)]):
            assert all(c in lines[k] for c in pm.cells)  # the counts on the phase's own line
            verdict = " ".join(" ".join(lines[k + 1:end]).split())
            assert verdict == pm.short  # the whole verdict, under its row (it names strong play: no heading)
            assert not verdict.startswith("Against strong play")
            assert end - k - 1 <= most, (width, lines[k + 1:end])
    wide = _mix_lines(d, 140)  # wide enough: the verdict is a column beside the counts again
    assert "Against strong play" in wide[1] and wide[2].strip().startswith(d.mix[0].title)
    assert d.mix[0].short.split()[0] in wide[2]


def test_the_briefing_is_reflowed_so_an_authors_line_breaks_never_break_the_terminals_lines():
    """Scale-up's story has a line the author shortened ('Around turn 15 Northwind stops' / 'being a
    startup'): printed as written, the terminal broke the sentence there and again at 'depends' /
    'on where the company is'. The briefing's paragraphs are each one line; blank lines still part them."""
    from game.scenario.loader import load
    from game.session import Session
    from game.views.briefing import briefing

    text = briefing(Session(load("scaleup"), 1, "standard")).text
    assert "Around turn 15 Northwind stops being a startup" in text
    assert all("\n" not in p for p in text.split("\n\n")) and text.count("\n\n") >= 2
