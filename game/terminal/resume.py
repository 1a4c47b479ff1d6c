"""`leadsim play SCENARIO --text` with an unfinished game of that scenario: offer to continue it.

Asked before any game starts (there is no TerminalGame yet), so it reads and prints on its own.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.console import Console

from .. import saves
from .text import Plain, plain


def offer_resume(info: saves.SaveInfo, stdin: TextIO, console: Console | None = None) -> bool:
    """Continue the unfinished game (Enter or y), or start a new one (n; the unfinished game is kept,
    and the note says where). Piped input is not asked (a script means the game it types): a note on
    stderr says how to continue instead."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.modified))
    what = (f"You have an unfinished game of {info.title}: turn {info.turn + 1} of {info.turns}, "
            f"{info.difficulty}, seed {info.seed}, saved {when}.")
    again = f"leadsim play --load {info.path} --text"
    if not stdin.isatty():
        print(plain(f"Note: {what} Continue it with: {again}", markup=False), file=sys.stderr)
        return False
    console = console or Console(highlight=False)
    console.print(Plain(what, style="bold"))
    while True:
        console.print("Continue it? [bold]Enter[/bold] or [bold]y[/bold] continues, "
                      "[bold]n[/bold] starts a new game:", end=" ")
        line = stdin.readline()
        answer = line.strip().lower()
        if not line or answer in ("", "y", "yes", "c", "continue"):
            return bool(line)
        if answer in ("n", "no", "new"):
            kept = "it moves to the saves folder when this game is first saved, and you are told where" \
                if info.autosave else again
            console.print(Plain(f"A new game. Your unfinished one is kept ({kept}).", style="dim"))
            return False
        console.print("[red]Please type y or n (Enter continues).[/red]")
