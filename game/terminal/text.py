"""The terminal's markup vocabulary: text that is never read as markup, and the colour of each kind,
verdict and outcome.

Much of what the terminal prints (titles, answers, causes) was written by a scenario's author, so it
goes through `Plain` (or `escape` where a string is put inside rich markup): never markup, no escape
sequences, no control characters.
"""

from __future__ import annotations

from rich.text import Text

from ..plaintext import plain
from ..plaintext import plain as escape  # markup escaped, escapes and control characters removed
from ..views import words
from ..views.targets import Standing

__all__ = ["ARROW", "CATEGORY_STYLE", "OUTCOME_STYLE", "Plain", "STANDING_STYLE", "VERDICT_STYLE", "escape", "plain"]


class Plain(Text):
    """rich's Text with escape sequences and control characters taken out of everything put in it.

    A Text is never read as markup, but it passes ESC and control characters through.
    """

    def __init__(self, text: str = "", *args, **kwargs) -> None:
        super().__init__(plain(text, markup=False), *args, **kwargs)

    def append(self, text, style=None):  # noqa: D102 - as Text.append, cleaned
        return super().append(plain(text, markup=False) if isinstance(text, str) else text, style)


CATEGORY_STYLE = {"leadership": "magenta", "management": "cyan", "development": "green"}
VERDICT_STYLE = {words.Verdict.BETTER: "green", words.Verdict.WORSE: "red", words.Verdict.SAME: "dim"}
ARROW = {words.Direction.UP: "▲", words.Direction.DOWN: "▼", words.Direction.SAME: "="}
OUTCOME_STYLE = {words.Outcome.WIN: "green", words.Outcome.LOSS: "red"}
STANDING_STYLE = {Standing.CLEAR: "green", Standing.AT_RISK: "yellow", Standing.OFF: "bold red"}
