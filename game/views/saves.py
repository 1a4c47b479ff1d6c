"""The words for saved games, as the title screen's Continue and the Load screen (and the terminal's
offer to resume) show them: which scenario, how far, when, and whether it can be played on."""

from __future__ import annotations

import time

from ..plaintext import plain as _plain
from ..saves import SaveInfo


def plain(text: object) -> str:
    """Author's or user's text without control characters; each front-end escapes it for where it goes."""
    return _plain(text, markup=False)


TITLE_CHARS = 48  # a scenario title longer than this is cut with an ellipsis (it is the author's text)


def short_title(info: SaveInfo) -> str:
    title = plain(info.title or info.scenario_id or info.path.stem)
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rstrip() + "…"


def progress(info: SaveInfo) -> str:
    """'turn 5 of 12' (the turn to play next), 'finished after 12 turns', or why it cannot be loaded."""
    if info.problem is not None:
        return "cannot be loaded"
    if info.finished:
        score = f", score {info.score:.1f}" if info.score is not None else ""
        return f"finished after {info.turn} turns{score}"
    return f"turn {min(info.turn + 1, info.turns)} of {info.turns}"


def when(info: SaveInfo, now: float | None = None) -> str:
    """'today 14:05', 'yesterday 09:12' or '2026-11-28 17:40' (the computer's local time)."""
    now = time.time() if now is None else now
    day, today = time.localtime(info.modified), time.localtime(now)
    clock = time.strftime("%H:%M", day)
    if day[:3] == today[:3]:
        return f"today {clock}"
    if time.localtime(now - 86400)[:3] == day[:3]:
        return f"yesterday {clock}"
    return time.strftime("%Y-%m-%d %H:%M", day)


def save_line(info: SaveInfo, now: float | None = None) -> str:
    """One line of the Load screen: 'Tutorial: Your First Team · turn 5 of 12 · saved today 14:05'."""
    parts = [short_title(info) + (" (practice)" if info.practice else ""), progress(info)]
    if info.team:
        parts.insert(1, plain(info.team))
    if info.in_use:  # said instead of when it was saved (it is saved every turn now): at 1280 px the
        # line was cut inside "autosaved today 05:02" and the in-use words pushed everything else off
        parts.append(IN_USE)
    else:
        parts.append(f"{'autosaved' if info.autosave else 'saved'} {when(info, now)}")
    return " · ".join(parts)


IN_USE = "being played now in another Leadsim"


def save_lines(info: SaveInfo, now: float | None = None) -> tuple[str, str]:
    """The Load screen's line for a save, whole and then shortened, for a front-end to show the first that
    fits: the shorter drops the scenario's subtitle and the turn count of a finished game ('Scale-up
    (practice) · finished, score 786.4 · saved today 04:58'), so the time is not cut as 'saved today 0…'
    (s7 player 3 finding 12)."""
    full = save_line(info, now)
    title = short_title(info).split(":")[0] + (" (practice)" if info.practice else "")
    parts = [title, plain(info.team)] if info.team else [title]
    done = info.problem is None and info.finished
    if done:
        parts.append("finished" + (f", score {info.score:.1f}" if info.score is not None else ""))
    else:
        parts.append(progress(info))
    parts.append(IN_USE if info.in_use else f"{'autosaved' if info.autosave else 'saved'} {when(info, now)}")
    return full, " · ".join(parts)


def folder_line(folder) -> str:
    """Where the saves are: said on the Load screen (a new player found the folder only in terminal messages)."""
    return f"Saves are kept in {plain(str(folder))}"


def save_tip(info: SaveInfo) -> str:
    """The tooltip of a save: where the file is, and the reason when it cannot be loaded."""
    where = plain(str(info.path))
    if info.problem is not None:
        return f"{plain(info.problem)}"
    if info.in_use:
        return f"{where}. Another Leadsim that is running now is saving this game; finish it there."
    return where


def continue_label(info: SaveInfo | None) -> str:
    return "Continue" if info is None else f"Continue: {short_title(info).split(':')[0]}, {progress(info)}"


def continue_tip(info: SaveInfo | None, wanted_title: str | None = None) -> str:
    """The tooltip of Continue; `wanted_title` is the scenario the player asked for (leadsim play NAME)."""
    if info is None:
        if wanted_title:
            return f"No unfinished game of {plain(wanted_title)}; New game starts one"
        return "No game in progress to continue"
    return f"{short_title(info)}: {progress(info)}, {'autosaved' if info.autosave else 'saved'} {when(info)}"


def saved_as(path) -> str:
    return f"Your game is saved as {plain(path.name)} in {plain(str(path.parent))}; Continue or Load plays it on."


def elsewhere(info: SaveInfo | None) -> str | None:
    """The title's note when the scenario asked for has no game to continue but another one has."""
    if info is None:
        return None
    return f"Your unfinished game of {short_title(info)} ({progress(info)}) is under Load a saved game."


# What the window says when a save fails (the terminal's own failures are in views.prompts).
could_not_save = "Could not save your game to {} ({})".format
still_in = "; it is in {}".format
rescued_in = "Your game is saved in {0}; continue it with: leadsim play --load {0}".format
SAVED_NOWHERE = "Your game could not be saved anywhere; it ends with this window."
# Ctrl+C in the terminal that runs the window: the game is saved as on Quit (a new player saw only
# "leadsim: interrupted" and could not tell: s6 finding 13); the path follows on a line of its own
INTERRUPTED_SAVED = ("Interrupted (Ctrl+C). Your game is saved: leadsim play, then Continue on the title screen, "
                     "plays it on (or leadsim play --load FILE), FILE being:")
INTERRUPTED_FINISHED = "Interrupted (Ctrl+C). Your finished game is saved (leadsim review FILE reviews it), FILE being:"
INTERRUPTED_NOTHING = "Interrupted (Ctrl+C); no game was in progress."
hotseat_not_saved = ("Could not save the hot seat to {}: {}. "
                     "The games stay in memory; saving is tried again after the next turn.").format

# After the game: where its result file is (the window's and the terminal's play say the same).
RESULT_READY = "Your result file is ready to hand in:"
team_result_ready = "{}: result file ready to hand in: {}".format
hotseat_resuming = "Resuming the hot seat from the autosave (round {}).".format
hotseat_saved_in = "The hot seat is saved in {}; continue it with: {}".format
