"""The words on the window's controls: every button's caption and tooltip, and the few headings around them.

The window only places these on screen (issue 17: the game's words exist once,
in the views; no front-end writes a sentence of its own). The terminal and the
web pages have their own controls (a prompt, a form), so most of these are the
window's; where a control means the same everywhere ("End turn", "Take back")
the other front-ends may take its words from here too. Plain data: no drawing,
markup or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Control:
    """A button: its caption, and the tooltip that says what it does (None: the caption says it all)."""

    caption: str
    tip: str | None = None


# --- title screen ---------------------------------------------------------------------------------------
GAME_NAME = "Leadsim"
TAGLINE = "Leadership or management? Learn when each one matters."
TITLE_KEYS = "Arrows and Enter, or the mouse.  F1: help and keys"
NEW_GAME = Control("New game", "Choose a scenario and start a new game")
LOAD_GAME = Control("Load a saved game", "Open a game you saved earlier")
SETTINGS = Control("Settings", "Window size, text size and sound")
QUIT = Control("Quit")

# --- scenario picker ------------------------------------------------------------------------------------
PICKER_HEADING = "Choose a scenario"
DIFFICULTY_HEADING = "Difficulty"
BACK = Control("Back")
START = Control("Start", "Start this scenario at the chosen difficulty")


def scenario_caption(title: str) -> str:
    """A scenario's name in the picker's list: its title before the colon ('Startup: The First Product')."""
    return title.split(":")[0].strip() or title


def difficulty_caption(difficulty: str) -> str:
    return difficulty.capitalize()


# --- settings ------------------------------------------------------------------------------------------
SETTINGS_HEADING = "Settings"
WINDOW_SIZE = "Window size"
TEXT_SIZE = "Text size"
SOUND = "Sound"
CONFIRM_END = "Ending a turn with action points left"
SOUND_ON, SOUND_OFF = Control("On"), Control("Off")
ASK_FIRST = Control("Ask first")
DONT_ASK = Control("Don't ask again")


def window_size_caption(size: tuple[int, int]) -> str:
    return f"{size[0]} x {size[1]}"


def text_size_caption(text_size: str) -> str:
    return text_size.capitalize()


# --- load ----------------------------------------------------------------------------------------------
LOAD_HEADING = "Load a saved game"
NO_SAVES = "No saved games yet. A game is saved after every turn you play."
NEWER_SAVES, OLDER_SAVES = Control("Newer saves"), Control("Older saves")


def saves_count(n: int, page: int, pages: int) -> str:
    """'3 saved games, newest first' (with the page when there are several)."""
    out = f"{n} saved game{'s' if n != 1 else ''}, newest first"
    if pages > 1:
        out += f" (page {page + 1} of {pages}; Page Up and Page Down turn pages)"
    return out


# --- dashboard and the dialogs over it -----------------------------------------------------------------
END_TURN = Control("End turn", "Carry out the chosen actions (key E)")
MENU = Control("Menu", "Help, keys, save and quit (Esc or F1)")
TAKE_BACK = Control("Take back", "Undo the last turn and try another decision (key U)")
KEEP_CHOOSING = Control("Keep choosing")
END_NOW = Control("End the turn")
END_NEVER_ASK = Control("End, don't ask again", "Switch this question off (Settings can switch it back on)")
CONTINUE = Control("Continue")
SEE_RESULT = Control("See the result")
RESUME = Control("Resume")
SAVE_TO_TITLE = Control("Save and go to title")
MORE_BELOW = "More below: scroll, or Page Down"

def weight_figure(now: float, before: float | None = None) -> str:
    """How strong a kind of action works in a phase, as its column on the dashboard shows it: '×1.5'
    (and '(was ×0.7)' at a phase change)."""
    return f"×{now:.1f}" + (f"  (was ×{before:.1f})" if before is not None else "")


# --- debrief and review --------------------------------------------------------------------------------
REVIEW_GAME = Control("Review my game", "Every decision against the best one found, on the same luck")
PLAY_AGAIN = Control("Play again")
SAVE_RESULT = Control("Save the result")
BACK_TO_TITLE = Control("Back to title")
BACK_TO_DEBRIEF = Control("Back to the debrief", "Esc")
TAKE_BACK_LAST = Control("Take back the last turn", "Practice: undo the last turn and try another decision (U)")

# --- hot seat and watch --------------------------------------------------------------------------------
TEAM_TURN_TIP = "Whose turn it is. Click (or press S) for all teams' standings."
REVEAL = Control("Reveal hidden (R)")
HIDE = Control("Hide (R or Esc)")
STANDINGS_BACK = Control("Back (S or Esc)")
PAUSED = "Paused"
RESUME_PAUSE = Control("Resume (P)")
FINAL_HEADING = "Final standings"
WATCH_QUIT = Control("Quit", "Close the game (it is saved)")


def team_turn(name: str) -> str:
    return f"{name}'s turn"


def start_team_turn(name: str) -> str:
    return f"Start {name}'s turn"


def team_debrief(rank: str, name: str) -> str:
    return f"{rank}. {name}: debrief"


def hotseat_heading(title: str) -> str:
    return f"Hot seat: {title}"


def controls() -> tuple[Control, ...]:
    """Every fixed control above (for tests: a window caption is one of these or made by a function here)."""
    return tuple(v for v in globals().values() if isinstance(v, Control))


# --- the review screen's panels -----------------------------------------------------------------------
REVIEW_EVALUATION_PANEL = "Evaluation line: best final score still within reach after each turn"
REVIEW_DRIVERS_PANEL = "Hidden drivers: you (line) and the strong bot (grey)"
REVIEW_TURN_PANEL = "The turn picked on the chart"  # the window review's panel beside the chart


# --- the debrief screen's panels and foot line ------------------------------------------------------------
DEBRIEF_CHARTS_PANEL = "The whole game"
DEBRIEF_MIX_PANEL = "Score and your mix per phase"
saved_to = "Saved to {}".format
seed_and_difficulty = "Seed {}, {} difficulty".format
result_to_hand_in = "Result to hand in: {}".format
nowhere_writable = "nowhere: {} cannot be written ({})".format
STANDINGS_RETURN = "Back to standings"


# --- games kept aside, and a card refused ------------------------------------------------------------------
FINISHED_GAME_KEPT = "Your finished game was kept"
PROGRESS_GAME_KEPT = "The game you had in progress was kept"
kept_on_load = "{}: Load on the title screen lists it as {}.".format
# a second game while another Leadsim (a window or a terminal) plays the one in the autosave (s6 player 2, 7:
# the window said so only on its terminal's stderr)
crowded_on_load = ("Another Leadsim that is running now, in a window or a terminal, is saving its game in the "
                   "autosave, so this game is saved in a file of its own; neither game is lost. Load on the title "
                   "screen lists this one as {}.").format
not_available = "{} is not available: {}".format


# --- labels inside the window's rich text (report, review, hand-in) ---------------------------------------
COSTLY_BETTER = "Do instead:"
COSTLY_CHOSEN = "You chose:"
COSTLY_CHANGED = "It would have changed:"
COSTLY_STRONG = "For reference, strong play (the bot that sets the par) chose:"  # its own decision at that turn (s6 finding 3: only --json said it)
REVIEW_INSIGHTS = "What this game shows"
# the window review's notes on its method, after the advice (s6 player 2: a wall of caveats came first)
REVIEW_METHOD = "How this review measures"
HAND_IN_HEADING = "Hand in your result"
hand_in_team = "(team {})".format
FOLDER = "Folder:"
FILE = "File:"
RESULT_NOT_WRITTEN = "Your result file could not be written:"
