"""`leadsim play SCENARIO --text` with an unfinished game of that scenario: offer to continue it.

Asked before any game starts (there is no TerminalGame yet), so it reads and prints on its own.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.console import Console

from .. import saves
from ..views import prompts as say
from .text import Plain, plain


def offer_resume(info: saves.SaveInfo, stdin: TextIO, console: Console | None = None,
                 moved: bool | None = None) -> bool:
    """Continue the unfinished game (Enter or y), or start a new one (n; the unfinished game is kept,
    and the note says where). Piped input is not asked (a script means the game it types): a note on
    stderr says a new game starts and where the unfinished one is kept. `moved`: a new game moves the
    unfinished one out of its file before it starts (its path would be gone), and says where to; by
    default, when that file is the autosave."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.modified))
    what = say.unfinished(info.title, info.turn + 1, info.turns, info.difficulty, info.seed, when)
    again = say.continue_with(info.path)
    kept = say.KEPT_BEFORE_START if (info.autosave if moved is None else moved) else say.continues_it(again)
    if not stdin.isatty():
        print(plain(say.unfinished_note(what, kept), markup=False), file=sys.stderr)
        return False
    console = console or Console(highlight=False)
    console.print(Plain(what, style="bold"))
    while True:
        console.print(Plain(say.RESUME_QUESTION, style="bold"), end=" ")
        line = stdin.readline()
        answer = line.strip().lower()
        if not line or answer in ("", "y", "yes", "c", "continue"):
            return bool(line)
        if answer in ("n", "no", "new"):
            console.print(Plain(say.new_game_kept(kept), style="dim"))
            return False
        console.print(Plain(say.RESUME_WRONG, style="red"))
