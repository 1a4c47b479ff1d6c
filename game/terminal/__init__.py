"""Terminal play: the whole game in a text console (rich), driven through the session API.

Works interactively and with piped input (one answer per line); an invalid answer is explained and
asked again, and the end of input stops the game cleanly after saving it. Every screen is drawn from
`game.views`; this package only lays that data out as terminal text, by concern:

- `game`     the loop: which screen the turn flow owes next, saving, leaving, taking back a turn;
- `prompts`  reading a turn's decision (event answer, actions, commands, "end the turn anyway?");
- `pane`     printing and reading lines, counting what is on screen so the metrics stay in view at 80x24;
- `screens`  the renderables of the turn: briefing, phase, metrics, actions, event, help, turn report;
- `end`      the end of the game: debrief and review;
- `keyboard` lines with a deadline (the turn clock), and the end of input;
- `text`     the terminal's markup vocabulary: text that is never markup, colours per kind and verdict;
- `resume`, `watch`: offering an unfinished game, and hot reload for `--watch`.
"""

from .game import TerminalGame
from .keyboard import EndOfInput, TimedLines, TimeUp
from .resume import offer_resume
from .watch import TerminalWatch

__all__ = ["EndOfInput", "TerminalGame", "TerminalWatch", "TimeUp", "TimedLines", "offer_resume"]
