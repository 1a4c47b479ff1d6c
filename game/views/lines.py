"""The screens' short sentences and labels that belong to no single view's data: what the window, the
terminal and the web pages all say around the data ("Phase: Startup", "Crisis begins: Lost trust",
"Chosen: Share the vision"), written once here so that no front-end words them its own way.
"""

from __future__ import annotations

from . import words

YOU_AND_TEAM = "You and your team"
NOT_AVAILABLE = "Not available"
WHAT_IT_DOES = "What it does"
UNSPENT_LOST = "Points you do not spend this turn are lost."
REVIEW_CLEAN = "No turn lost points against the best decision found."
PAUSED = ("The turn clock is stopped and the game is hidden.", "Press P to resume.")
TAKE_BACK_REFUSED = "Turns cannot be taken back in a workshop or hot-seat game"
MOOD_LABEL = "Team mood"
POINTS_LABEL = "Action points per turn"
AT_STAKE = "Hidden drivers at stake"  # the hidden drivers the win or a loss needs (views.targets.hidden_goals)
MARKS_LEGEND = ("win target", "loss line", "crisis line")  # what a gauge's kinds of mark mean (MARK_KINDS)
MARK_KINDS = ("win", "loss", "crisis")  # views.targets: Target.kind, and a CrisisLine's mark
GAME_ENDED_STRIP = "The game is over: no turn is left to play"  # the dashboard behind the last report

# Sentences with one blank, each a str.format of it (called like a function: lines.phase_label("Startup")).
phase_label = "Phase: {}".format
mood_line = (MOOD_LABEL + ": {}").format  # 'Team mood: upbeat'
answer_line = "Event answer: {}".format  # the event's answer picked so far, beside the chosen cards
crisis_active = "Crisis: {}".format
crisis_begins = "Crisis begins: {}".format
crisis_at_the_end = "The game ends in a crisis: {}".format  # one that began with the last turn played
crisis_over = "The crisis is over: {}.".format
game_over = "Game over: {}".format  # the end screen's heading: 'Game over: The company thrives'
continue_to = "Continue to turn {}".format
end_turn = "End turn {}".format
last_turn = "Last turn (turn {}) in short".format  # the dashboard's fold-out of the turn just played
full_report = "Full report of turn {}".format
answer_keys = "(answer first: keys 1–{}; then the keys pick cards)".format  # an event of n answers, on the web
works_at = "works at {:.1f}x".format  # how strong a card's kind works in this phase: 'works at 1.5x'


def phase_summary(phase) -> str:
    """How strong each kind works in this phase and what comes next (a views.dashboard.PhaseInfo):
    'leadership works at 1.5x, management at 0.7x; next: Growing up from turn 7.'"""
    w = phase.weights
    nxt = f"next: {phase.next_hint}" if phase.next_hint else phase.note
    return f"leadership works at {w['leadership']:.1f}x, management at {w['management']:.1f}x; {nxt}."


def chosen_line(titles) -> str:
    """'Chosen: Share the vision, Plan the next quarter', or that nothing is chosen yet."""
    titles = list(titles)
    return f"Chosen: {', '.join(titles)}" if titles else "No cards chosen yet"


def unspent(left: int, total: int, what: str = "cards") -> str:
    """Why ending the turn now is asked about: points left to spend (the terminal picks 'actions')."""
    if left == total:
        return f"You have not picked any {what} yet."
    return f"You still have {left} of {words.plural(total, 'action point')} to spend."


def preview_hint(difficulty: str) -> str | None:
    """What the cards' expected effects show at this difficulty (None at expert: they show none)."""
    label = words.EXPECTED_LABEL[difficulty]
    if label is None:
        return None
    scale = " (• small, •• medium, ••• large)" if difficulty == "standard" else ""
    return f"{label} effects are shown on each card{scale}; luck is left out."


SEE_ENDING = "See how your game ended"
BACK_TO_GAME = "Back to the game"
START_FIRST_TURN = "Start the first turn"
TURN_REPORTS = "Your turn reports"  # the end screen's links to every turn's report (a debrief's answer points here)
TURN_REPORTS_HINT = "Each says what that turn changed and why."


def turn_report_link(turn: int) -> str:
    """What a screen reader says for the end screen's link to one turn's report (the link shows the number)."""
    return f"Turn {turn}'s report"


ACTION_CARDS = "Action cards"
HELP = "Help"
END_TURN_QUESTION = "End the turn now?"
END_TURN_KEYS = "E ends the turn; Esc keeps choosing."
INSIGHTS_HEADING = "What this game shows"
UNDERNEATH_HEADING = "What was going on underneath"
SCORE_COUNTED = "How the score is counted"
DIFFICULTY_TEXT = {
    "guided": "Guided: action tooltips show the size and direction of the expected effect.",
    "standard": "Standard: tooltips show how big an effect is, but not which way it goes; an event's answers "
                "show both.",
    "expert": "Expert: no hints but which way an event's answers move things; read the turn reports and learn "
              "from them.",
}
# why the picker starts on a scenario's own default difficulty (its `default_difficulty`; Standard says nothing)
DIFFICULTY_SUGGESTED = {
    "guided": "This scenario starts on Guided: it is meant as a first game.",
    "expert": "This scenario starts on Expert: it is meant for players who know the game.",
}


def difficulty_help(difficulty: str, suggested: bool) -> str:
    """What the picker says under the difficulty buttons; `suggested`: the scenario chose it, not the player."""
    why = DIFFICULTY_SUGGESTED.get(difficulty) if suggested else None
    return f"{why} {DIFFICULTY_TEXT[difficulty]}" if why else DIFFICULTY_TEXT[difficulty]

# --- around every page of the browser workshop ----------------------------------------------------------
BRAND = "Leadsim"
SKIP_TO_MAIN = "Skip to the main content"
TEXT_SIZE = {"normal": "Normal text", "large": "Large text"}  # the button that switches to that size
ROOM_MESSAGE = "Message from the facilitator:"
DISMISS = "Dismiss"
team_and_code = "Team {} · rejoin code".format  # the page's header, before the code itself
key_named = "key {}".format  # a card's key, as a screen reader says it
CLOCK_LEFT = ("Clock:", "s left for this turn")  # around the seconds, which the page counts down
def clock_for_turn(turn: int, paused: bool = False) -> tuple[str, str]:
    """The clock on a page other than the turn's own (a report being read, the paused screen): which turn, and,
    while it runs, that it runs now. 'Clock: 60 s left for turn 4' above the turn 3 report left a player unsure
    whether reading it ate turn 4's time (trainer s7 finding 15b): it does, the clock is the round's."""
    if paused:
        return ("Clock:", f"s left for turn {turn}")
    return ("Clock:", f"s left for turn {turn}, and counting while you read this")


CLOCK_SHORT = ("Clock:", "s left")  # the same, in the sticky bar under the cards (a phone has one line for it)
CLOCK_PAUSED = "(stopped while the room is paused)"  # after the seconds, while the room is paused
NO_SCRIPT_CLOCK = ("Without JavaScript this page does not update by itself: reload it to see whether the round "
                   "clock runs and how much time is left.")
CONNECTION_LOST = "Connection lost: your picks are kept on this page; retrying when you end the turn."
SENDING_AGAIN = "Connection lost: sending your decision again (try {})…"  # {}: the attempt, filled in by play.js
BACK_TO_START = "Back to the start"


def error_page(status: int, detail: str = "") -> tuple[str, str]:
    """The heading and sentence of the page for an HTTP error the server answers with (404: no such page).
    A `detail` that says more than the status's own name ('Too many files', not 'Bad Request') is kept."""
    from http import HTTPStatus

    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    said = detail.strip() if detail and detail.strip().lower() != phrase.lower() else ""
    if status == 404:
        return "Not found", said or "There is no page at this address. The start page leads back to your game."
    return "Something went wrong", said or f"The server could not answer this request (error {status})."
