"""Help: how to play, the keys of each front-end, the turn clock and the facilitator's keys.

Text comes as paragraphs of spans; a span's `mark` says what it is (a key to
press, a kind of action, a strong word) and each front-end decides how that
looks: bold, a colour, <kbd>.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import words
from .prompts import SIZE_NOT_DIRECTION


@dataclass(frozen=True)
class Span:
    text: str
    mark: str | None = None  # None, "strong", "key", or a category ("leadership", ...)


Paragraph = tuple[Span, ...]


@dataclass(frozen=True)
class Keys:
    heading: str
    rows: tuple[tuple[str, str], ...]  # (key, what it does)
    note: str = ""


@dataclass(frozen=True)
class Help:
    title: str
    paragraphs: tuple[Paragraph, ...]
    keys: tuple[Keys, ...]
    clock: str | None  # the turn clock's rule, when a clock runs


def _kinds(front: str) -> Paragraph:
    """The lesson in three sentences: what each kind of action moves."""
    out: list[Span] = []
    for c in ("leadership", "management", "development"):
        label = f"{words.CATEGORY_LETTER[c]} {words.CATEGORY_TITLE[c]}" if front == "window" else words.CATEGORY_TITLE[c]
        out += [Span(label, c), Span(f" actions {words.CATEGORY_MOVES[c]}. ")]
    out.append(Span("Which kind works better depends on the phase. Repeating an action weakens it; some need a rest."))
    return tuple(out)


WINDOW_KEYS = Keys("Keys", (
    ("Arrows or Tab", "move between buttons and cards"),
    ("Enter or Space", "press the highlighted button"),
    ("Down, Up, Page Down, Page Up, Home, End", "scroll text that goes on below (a report, this help)"),
    ("1 to 9, 0, then Z X C V B", "pick or drop a card (its key is on the card)"),
    ("1 to 9 in an event", "choose an answer"),
    ("E", "end the turn"),
    ("U", "take back the last turn to try another decision (practice; not in workshops)"),
    ("Esc", "this menu, or back"),
    ("F1 or ?", "this help"),
), "Hover a card to see what it does. The game is saved after every turn.")

TERMINAL_KEYS = Keys("Commands", (
    ("Enter, or e last", "end the turn with the actions typed before it, as E in the window ('1 x e')"),
    ("i KEY", "describe the action with that key, e.g. i x"),
    ("?", "help"),
    ("s", "save"),
    ("q", "save and quit"),
    ("u", "take back the last turn (practice; not in workshops)"),
    ("ask on / ask off", "ask, or not, before a turn ends with action points left (as the window's Settings)"),
))

WEB_KEYS = Keys("Keys (as in the window)", (
    ("1 to 9, 0, then Z X C V B", "pick or drop a card, in card order (its key is on the card)"),
    ("1 to 9 in an event", "choose an answer (then the keys pick cards)"),
    ("E", "end the turn"),
    ("Enter", "continue after a report"),
    ("Esc", "this help"),
    ("Tab", "move between cards"),
))

REJOIN = Keys("Lost your connection?", (), "Your game is kept on the facilitator's computer. Reload the page, or "
              "on another device use the rejoin code shown under your team's name.")

FACILITATOR_KEYS = Keys("Facilitator keys (hot seat)", (
    ("P", "pause: cover the screen and stop the turn clock (P again resumes)"),
    ("R", "reveal the hidden drivers of every team (trust, stress, process, ownership, skills)"),
    ("N", "next: start the next team's turn, or move on from a report"),
    ("S", "standings of all teams"),
), "Teams take turns round by round: all teams play turn 1, then all play turn 2, and so on.")

FACILITATOR_LINE = "Facilitator:  P pause   R reveal hidden effects   N next   S standings   F1 help and keys"


def clock_rule(seconds: int) -> str:
    return (f"Turn clock: {words.clock_text(seconds)} a turn. It stops while this menu is open. When it runs out, "
            "no actions are taken (an event gets its first answer) and the turn is logged as timed out.")


GAUGE_POINTING = "Point at a gauge to read what it measures and what each of its marks means."  # the window's tooltip


def help_view(front: str = "window", turn_seconds: int | None = None, hotseat: bool = False,
              scenario=None, difficulty: str | None = None) -> Help:
    """The help of the window ("window"), the terminal ("terminal") or the web pages ("web"); with the
    scenario being played, it also says how the score is made and what counts as a win; in the
    terminal on Standard, what its table's dots say and do not say."""
    if front == "terminal":
        how: Paragraph = (Span("Each turn: answer the event if there is one (a letter or its number), "
                               "then pick actions by their keys, separated by spaces, e.g. "), Span("1 x", "key"),
                          Span(". The keys are the window's: 1 to 9, 0, then Z X C V B, down the table; a row's "
                               "number works too (12 for the twelfth). Each action costs action points (AP) "
                               "and budget."))
        keys: tuple[Keys, ...] = (TERMINAL_KEYS,)
    else:
        how = (Span("Each turn, answer the event if there is one, pick up to your action points' worth of cards, "
                    "then end the turn. The report tells you what changed and why."),)
        keys = (WINDOW_KEYS,)
    if front == "web":
        keys = (WEB_KEYS, REJOIN)
    if hotseat:
        keys += (FACILITATOR_KEYS,)
    paragraphs: tuple[Paragraph, ...] = (how, _kinds(front))
    if front == "terminal" and difficulty == "standard":
        paragraphs += ((Span(SIZE_NOT_DIRECTION),),)
    if scenario is not None:
        paragraphs += (goal_paragraph(scenario),) + crises_paragraph(scenario)
        if front in ("window", "web"):
            from .targets import marks_help

            paragraphs += ((Span(marks_help(scenario) + (f" {GAUGE_POINTING}" if front == "window" else "")),),)
    return Help("How to play" if front in ("window", "web") else "Help", paragraphs, keys,
                clock_rule(turn_seconds) if turn_seconds else None)


def goal_paragraph(scenario) -> Paragraph:
    """'Goal: ...': how the score is made and what wins or loses this scenario."""
    from .goal import goal_text

    return Span("Goal. ", "strong"), Span(goal_text(scenario))


def crises_paragraph(scenario) -> tuple[Paragraph, ...]:
    """'Crises. The crisis 'Cash squeeze' begins at Budget below 25k (...)': the crises that start on a
    metric the player sees (views.targets.crisis_lines), said before they bite; none: no paragraph."""
    from .targets import crisis_lines, warning_rule

    said = crisis_lines(scenario)
    if not said:
        return ()
    return ((Span("Crises. ", "strong"), Span(". ".join(c.sentence(scenario) for c in said)
                                              + ". " + warning_rule(scenario, said) + ".")),)


def dashboard_hints(ap: int) -> tuple[str, ...]:
    """The window's hint under the cards, longest first (it shows the longest that fits)."""
    return (f"Pick cards worth up to {ap} action points (hover or Tab to a card to see what it does), "
            "then press End turn.",
            f"Pick cards worth up to {ap} action points, then press End turn.",
            "Pick cards, then press End turn.")


BRIEFING_KEYS = "The number or letter on a card picks it, E ends the turn, Esc opens the help."
