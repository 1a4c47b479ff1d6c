"""Hot reload in terminal play (`leadsim play FILE --watch`): the terminal's part of `game.watch`.

The watcher and the replay onto a new scenario version are the core's (`game/watch.py`); this part
prints the file's problems and waits for a save that fixes them.
"""

from __future__ import annotations

import time
from typing import Callable

from ..scenario.loader import LoadedScenario
from ..scenario.problems import ScenarioError
from ..watch import ScenarioWatcher, reload_session
from ..views import prompts as say
from .text import Plain, plain


class TerminalWatch:
    """Called by TerminalGame before each turn: reload the scenario if its file was saved.

    While the file does not validate it prints the problems once and polls until a later save
    fixes them (Ctrl+C stops as usual; the game was saved after the last turn).
    """

    def __init__(self, watcher: ScenarioWatcher, sleep: Callable[[float], None] = time.sleep):
        self.watcher = watcher
        self.sleep = sleep

    def __call__(self, game) -> None:
        result = self.watcher.check_now(self.sleep)
        if result is None:
            return
        loaded = self.until_valid(game.console, result)
        if loaded.sha256 == game.s.loaded.sha256:
            game.console.print(Plain(say.RELOAD_UNCHANGED, style="green"))
            return
        r = reload_session(game.s, loaded)
        game.s = r.session
        if game.autosave and game.s.turn > 0:
            game.autosave(game.s)
        style = "green" if r.complete else "yellow"
        game.console.print(Plain.assemble((say.RELOADED, f"bold {style}"), " ", r.message))

    def until_valid(self, console, result: LoadedScenario | ScenarioError) -> LoadedScenario:
        while isinstance(result, ScenarioError):
            n = sum(1 for p in result.problems if p.severity == "error") or len(result.problems)
            console.print(Plain(say.file_problems(self.watcher.path.name, n), style="bold red"))
            for p in result.problems:  # a problem quotes the file: escapes and control characters out
                console.print(plain(str(p), markup=False), style="red" if p.severity == "error" else "yellow",
                              markup=False)
            console.print(Plain(say.RELOAD_WAIT))
            result = None
            while result is None:
                self.sleep(self.watcher.files.interval)
                result = self.watcher.check_now(self.sleep)
        return result
