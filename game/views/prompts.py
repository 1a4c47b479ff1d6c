"""What a typed front-end (the terminal) asks and answers at its prompts, written once here.

The terminal lays these out (bold prompt, red error, dim note); it writes no sentence of its own. A
future typed front-end (a chat, a screen reader) would say the same words.
"""

from __future__ import annotations

from . import lines, tables, words

# --- the turn ------------------------------------------------------------------------------------
def turn_head(turn: int, turns: int, phase: str, upcoming: str | None, ap: int) -> tuple[str, str, str]:
    """The turn's head line in three parts (turn, phase, points): 'Turn 2 of 12', ' · Startup (Growing
    up from turn 7)', ' · 2 AP'."""
    return (f"Turn {turn} of {turns}", f" · {phase}" + (f" ({upcoming})" if upcoming else ""), f" · {ap} AP")


DRIVERS_HEADING = "Underneath"  # Guided: the hidden drivers beside the metrics
MORE_COLUMN = " (i KEY: more)"  # the cut actions table's hint


END_TURN_WORDS = ("e", "end")  # the window's end-turn key, accepted at the end of an actions line


def actions_prompt(ap: int) -> str:
    return f"Actions for this turn (keys, up to {words.plural(ap, 'action point')}; Enter for none):"


def event_prompt(question: str, first_letter: str, last_letter: str, last_number: int) -> str:
    return f"{question} ({first_letter}-{last_letter} or 1-{last_number}):"


def event_answer_wrong(last_letter: str, last_number: int) -> str:
    return f"Please type one letter from a to {last_letter}, or a number from 1 to {last_number}."


def answer_taken(label: str, effects: str) -> str:
    """After the event's answer: that it counts at the end of the turn, so the metrics shown do not move
    yet (a player who chose 'Budget +16k' still read 68k and thought it lost: s7 player 3, finding 14)."""
    what = f" ({effects})" if effects else ""
    return (f"Your answer: {label}{what}. It takes effect when this turn ends, with your actions: "
            f"the metrics show it on the next turn.")


def not_an_action(token: str, keys: str) -> str:
    """`keys`: the table's keys in words (views.cards.keys_text), '1 to 9, 0, Z X C V B'."""
    return f"'{token}' is not an action key; use the keys in the table: {keys}"


def describe_wrong(keys: str) -> str:
    return f"Use 'i' with an action's key ({keys}), e.g. i 3."


def saved_to(where) -> str:
    return f"Saved to {where}." if where else "Nothing to save yet."


# --- ending a turn with points left ----------------------------------------------------------------
END_ANYWAY = ("End the turn anyway? y = end it, Enter = keep choosing (or type the keys now), never = end it and "
              "do not ask again:")
KEEP_CHOOSING = "Keep choosing: type all the action keys for this turn on one line, e.g. 1 4."
ASKING_ON = "The game asks before a turn ends with action points left."
ASKING_OFF = ("The game no longer asks before a turn ends with action points left "
              "(ask on, or the window's Settings, switches it back on).")


def setting_not_kept(path, why: str) -> str:
    return f"Could not keep this setting in {path}: {why}."


# --- keeping what was printed readable on a short screen ---------------------------------------------
# a line typed at a pause that answers nothing there is taken at the turn's actions prompt, as typed there
TYPED_AT_PAUSE = "(typed at the pause before this turn)"


def carried(line: str) -> str:
    """Said at the pause where a line was typed that answers nothing there: it is not lost, and not taken
    silently either (s7 player 4, finding 9: a player lost track of which prompt took what)."""
    return f"'{line}' is kept: the next turn takes it as its actions."


def not_for_pager(line: str) -> str:
    """A line typed at the more-prompt is the pager's: never carried to a turn (s7 player 4, finding 9:
    an 'a' meant for the pager became a turn-1 action)."""
    return f"'{line}' is not taken here: Enter shows more, a shows all the rest at once, q leaves."


def kept_for_actions(line: str) -> str:
    """An event comes first: what was typed ahead waits for the actions prompt after the answer."""
    return f"You typed '{line}' before this turn: it is taken as this turn's actions once you answer."


def not_taken(line: str) -> str:
    """The game ended with a line typed ahead at a pause: no turn takes it, and the player is told."""
    return f"'{line}' was not taken: the game is over."


def pause_before_turn(turn: int, saves: bool = True) -> str:
    """On a short terminal the next screen would push the report off the top: wait for the player.
    `saves` False: q would save nothing (no turn played yet), and the prompt does not promise it."""
    return f"Press Enter for turn {turn} ({'q saves and leaves' if saves else LEAVES_UNSAVED}):"


PAUSE = "Press Enter to go on (q saves and leaves):"
# before the first turn nothing is saved: 'q saves and leaves' there left a player with no save and no
# word why (s7 player 4, finding 10)
LEAVES_UNSAVED = "q leaves; no turn played, nothing to save"
PAUSE_UNSAVED = f"Press Enter to go on ({LEAVES_UNSAVED}):"
DEBRIEFING = "Working out how your game went: the score, your mix against strong play's, what happened underneath..."
REVIEWING = "Reviewing your game: every decision against the best one found, on the same luck..."
PAUSE_REVIEW = "Press Enter for the review of your decisions (q leaves):"
MORE = "Press Enter for more (a: all the rest at once):"
ALL_WORDS = ("a", "all")


# --- the turn clock --------------------------------------------------------------------------------
def clock_line(seconds_left: float) -> str:
    """The turn clock above the prompt, counting down: 'Turn clock: 1:05 left'."""
    return f"Turn clock: {words.clock_text(seconds_left)} left"


# --- the end and leaving ------------------------------------------------------------------------------
GAME_OVER = "Game over"
HELP_HINT = "Type ? at any prompt for help."


def taken_back(turn: int, what: str) -> str:
    """Practice mode, in the terminal: 'Turn 3 taken back (you had chosen: ...). Try another decision.'"""
    return f"Turn {turn} taken back (you had chosen: {what or 'no action'}). Try another decision."


def left_game(why: str, where, turn: int, done: bool = False, offered: bool = True) -> str:
    """Why the game stopped, and whether it is saved (or that saving failed). Where it is saved follows on a
    line of its own (PATH_FOLLOWS): inside a sentence an 80-column terminal broke the path mid-word.
    `offered`: the file is one `leadsim play --text` looks at (the autosave, the saves folder); a game
    saved with --save elsewhere is continued by --load only (s7 player 3 was sent to play --text)."""
    if where and done:
        return f"{why} Your finished game is saved; leadsim review FILE shows its review again, FILE being:"
    if where and offered:
        return (f"{why} Your game is saved: leadsim play --text offers to continue it, and leadsim play --load "
                f"FILE --text continues it, FILE being:")
    if where:
        return f"{why} Your game is saved: leadsim play --load FILE --text continues it, FILE being:"
    if turn == 0:  # a file named before the game began ('saved in another file instead') is not written yet
        return f"{why} No turn was played, so nothing was saved."
    return f"{why} Saving your game failed (see above)."


YOU_LEFT = "You left the game."
INPUT_ENDED = "Input ended."
INTERRUPTED = "Interrupted (Ctrl+C)."


# --- an unfinished game ---------------------------------------------------------------------------------
def unfinished(title: str, turn: int, turns: int, difficulty: str, seed: int, when: str) -> str:
    return (f"You have an unfinished game of {title}: turn {turn} of {turns}, "
            f"{difficulty}, seed {seed}, saved {when}.")


def continue_with(path) -> str:
    return f"leadsim play --load {path} --text"


def unfinished_note(what: str, kept: str) -> str:
    """Piped input is not asked (a script means the game it types): a new game starts, said so, with where
    the unfinished one is kept. It named the autosave, which the new game had just moved aside, and did not
    say a new game was starting (s7 player 3, finding 13)."""
    return f"Note: {what} Input is not a terminal, so nothing is asked: a new game starts, and the unfinished one is kept ({kept})."


def continues_it(command: str) -> str:
    return f"{command} continues it"


RESUME_QUESTION = "Continue it? Enter or y continues, n starts a new game:"
RESUME_WRONG = "Please type y or n (Enter continues)."


def new_game_kept(kept: str) -> str:
    return f"A new game. Your unfinished one is kept ({kept})."


KEPT_BEFORE_START = "it moves to the saves folder before this game starts; the next line says where"


# --- hot reload -------------------------------------------------------------------------------------
RELOAD_UNCHANGED = "The scenario file is valid again and unchanged: carry on."
RELOADED = "Scenario reloaded:"
RELOAD_WAIT = "Fix the file and save it; the game continues when it validates (Ctrl+C to stop)."
scenario_loaded = "Scenario loaded: {}. Have a good game.".format
reload_crashed = "could not reload: {}: {}".format
replay_crashed = "could not replay the game on the new version: {}: {}".format
# The window's problems dialog: what happens to the game meanwhile, and how to go on.
WATCH_NOT_STARTED = "The game starts as soon as the file validates."
WATCH_FINISHED_KEPT = "Your finished game is kept."
watch_game_paused = "Your game (turn {}) is kept and paused.".format
WATCH_FIX_IN_EDITOR = "Fix the file in your editor and save it: the game reloads by itself."


def file_problems_heading(name: str, n: int) -> str:
    """'tiny.yaml has 2 problems': a heading (the window's watch dialog), the list under it."""
    return f"{name} has {words.plural(n, 'problem')}"


def file_problems(name: str, n: int) -> str:
    """The heading as a line introducing the list that follows it (the terminal)."""
    return f"{file_problems_heading(name, n)}:"


# --- the terminal's tables: headings and columns ------------------------------------------------------
METRIC_COLUMNS = ("Metric", "Value", "Change")
ACTION_COLUMNS = ("Key", "Action", "Kind", "Cost")  # the key: the one the window prints on the card


# the actions table's last column: the expected effects (on Standard their size only, and the heading says
# so: a player read the dots as gains), or (expert: none shown) the notes
# ("Size, up or down" read as a promise of the direction Standard hides: a new player's s5 finding 5)
EFFECT_COLUMN = {"guided": "Expected effect", "standard": "Expected size (direction hidden)", "expert": "Notes"}
EFFECT_COLUMN_SHORT = {**EFFECT_COLUMN, "standard": "Size only"}  # a short screen's narrow column: one line


def effect_column(difficulty: str, short: bool = False) -> str:
    return (EFFECT_COLUMN_SHORT if short else EFFECT_COLUMN).get(difficulty, EFFECT_COLUMN["guided"])


# Standard shows an effect's size and hides its direction on purpose (README, docs/authoring.md): said once
# at the start and in the help, so the dots are not read as gains
SIZE_NOT_DIRECTION = ("The dots (• small, ••• large) show how big an action's expected change is, not which "
                      "way it goes: on Standard that is yours to work out (i and a key, e.g. i z, describes an "
                      "action). An event's answers say which way too (up or down).")


# the tables the web pages show too: their headings are views.tables', written once
REPORT_COLUMNS = tuple(tables.REPORT)
SCORE_COLUMNS = tuple(tables.SCORE)
MIX_HEADING = tables.MIX_HEADING
MIX_COLUMNS = tuple(tables.MIX)
HIDDEN_HEADING = lines.UNDERNEATH_HEADING
HIDDEN_COLUMNS = tuple(tables.HIDDEN)
INSIGHTS_HEADING = "Insights"
REVIEW_HEADING = "Review"


def review_again(where) -> str:
    """After the review: the command that shows it turn by turn, with the finished game's own file."""
    if not where:
        return "The whole review turn by turn: leadsim review SAVE"
    # the path goes under the box, on a line of its own: inside it an 80-column panel broke it mid-word
    return "The whole review turn by turn: leadsim review FILE, FILE being the path under this box."
