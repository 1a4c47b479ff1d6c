"""Terminal play: the whole game in a text console, driven through the session API.

Works interactively and with piped input (one answer per line); an invalid
answer is explained and asked again, and the end of input stops the game
cleanly after saving it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, TextIO

from rich.console import Console
from .plaintext import plain
from .plaintext import plain as escape  # markup escaped, escapes and control characters removed
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from . import preferences, saves
from .scenario.loader import LoadedScenario
from .scenario.problems import ScenarioError
from .watch import ScenarioWatcher, reload_session
from .flow import Progress, Screen, next_screen
from .session import Decision, DecisionError, Session
from .views import words
from .views.briefing import briefing
from .views.cards import cards
from .views.dashboard import crises, metric_rows, next_phase_hint
from .views.debrief import debrief
from .views.event import LETTERS, event as event_view
from .views import lines as screen_lines
from .views.help import help_view
from .views.phase import PhaseChange, phase_change
from .views.report import NOTHING, Report, turn_report


class Plain(Text):
    """rich's Text with escape sequences and control characters taken out of everything put in it.

    A Text is never read as markup, but it passes ESC and control characters through, and much of
    what the terminal prints (titles, answers, causes) was written by a scenario's author.
    """

    def __init__(self, text: str = "", *args, **kwargs) -> None:
        super().__init__(plain(text, markup=False), *args, **kwargs)

    def append(self, text, style=None):  # noqa: D102 - as Text.append, cleaned
        return super().append(plain(text, markup=False) if isinstance(text, str) else text, style)


CATEGORY_STYLE = {"leadership": "magenta", "management": "cyan", "development": "green"}
VERDICT_STYLE = {words.Verdict.BETTER: "green", words.Verdict.WORSE: "red", words.Verdict.SAME: "dim"}
ARROW = {words.Direction.UP: "▲", words.Direction.DOWN: "▼", words.Direction.SAME: "="}
OUTCOME_STYLE = {words.Outcome.WIN: "green", words.Outcome.LOSS: "red"}


class EndOfInput(Exception):
    pass


TAKE_BACK = object()  # what read_decision returns when the player asks to take back the last turn
TAKE_BACK_WORDS = ("u", "undo", "back")


class TimeUp(Exception):
    pass


class TimedLines:
    """Reads lines from a file descriptor with a deadline (POSIX select; works for terminals and pipes)."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buffer = b""

    def readline(self, timeout: float) -> str:
        import os
        import select
        import time

        end = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeUp
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                raise TimeUp
            chunk = os.read(self.fd, 4096)
            if not chunk:
                if self.buffer:
                    break
                return ""
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.decode("utf-8", "replace") + "\n"


class TerminalGame:
    def __init__(self, session: Session, console: Console | None = None, stdin: TextIO | None = None,
                 save_path: Path | None = None, autosave: Callable[[Session], Path | None] | None = None,
                 turn_seconds: int | None = None):
        self.s = session
        self.turn_seconds = turn_seconds
        self.deadline: float | None = None
        self.timed = None
        if turn_seconds:
            try:
                self.timed = TimedLines((stdin or sys.stdin).fileno())
            except (AttributeError, OSError, ValueError):
                self.timed = None  # no file descriptor (e.g. a test's StringIO): play without a clock
        self.console = console or Console(highlight=False)
        self.stdin = stdin or sys.stdin
        self.save_path = save_path
        self.autosave = autosave
        self.watch: Callable[["TerminalGame"], None] | None = None  # hot reload before each turn (--watch)
        self._asked_turn: int | None = None  # the turn whose end was last confirmed (asked once per turn)
        self._metrics_lines = 0  # how many lines the metrics took when last printed (0: not this turn)
        self._since_metrics = 0  # lines printed since then
        self._actions_owed = False  # a short screen shows the event first, the actions after its answer

    # --- input ------------------------------------------------------------
    def ask(self, prompt: str) -> str:
        if self.timed is not None and self.deadline is not None:
            import time

            left = self.deadline - time.monotonic()
            shown = f"[bold]{escape(prompt)}[/bold] [dim]({max(0, int(left))} s left)[/dim] "
            self.console.print(shown, end="")
            line = self.timed.readline(left)
        else:
            shown = f"[bold]{escape(prompt)}[/bold] "
            self.console.print(shown, end="")
            line = self.stdin.readline()
        if not line:
            self.console.print()
            raise EndOfInput
        if self.stdin.isatty():  # the terminal echoes the answer after the prompt
            self._since_metrics += self.lines(Text.from_markup(shown) + Text(line.rstrip("\n")))
        else:
            self._since_metrics += self.lines(shown)
            self.out(line.rstrip("\n"), style="dim")
        return line.strip()

    # --- the game loop -------------------------------------------------------
    def run(self) -> int:
        """Show each screen the turn flow owes, in its order; decide a turn when the dashboard is owed."""
        self.briefing()
        self.progress = Progress.new(self.s)
        while True:
            code = self.play_to_end()
            if code is not None:
                return code
            self.show_end()
            if not self.offer_take_back():
                return 0

    def play_to_end(self) -> int | None:
        """The screens the turn flow owes until the game ends (None), or the exit code when the player
        leaves or input ends."""
        try:
            while True:
                screen = next_screen(self.s, self.progress)
                if screen is Screen.REPORT:
                    self.show_report(turn_report(self.s, self.s.reports[-1]))
                elif screen is Screen.PHASE:
                    self.show_phase(phase_change(self.s, first=self.progress.phase_turn < 0))
                elif screen is Screen.DEBRIEF:
                    break
                else:  # a new turn: its event (if any) and the decision
                    if self.watch is not None:
                        before = self.s
                        self.watch(self)  # may replace self.s with the game replayed on a new scenario version
                        if self.s is not before:
                            self.progress = Progress.new(self.s, intro=False)
                            continue
                    self.show_turn()
                    decision = self.read_decision()
                    if decision is None:
                        return self.quit("You left the game.")
                    if decision is TAKE_BACK:
                        self.take_back()
                        continue
                    self.s.decide(decision)
                    self.progress.decided()
                    if self.autosave:
                        self.autosave(self.s)
                    continue
                self.progress.saw(screen, self.s)
        except EndOfInput:
            return self.quit("Input ended.")
        return None

    def offer_take_back(self) -> bool:
        """At the end of an interactive practice game: take back the last turn to try another decision?"""
        if not self.stdin.isatty() or self.s.can_take_back():
            return False
        try:
            answer = self.ask("Type u to take back the last turn and try another decision, or Enter to finish:")
        except EndOfInput:
            return False
        return answer.lower() in TAKE_BACK_WORDS and self.take_back()

    def take_back(self) -> bool:
        """Practice mode: undo the last turn (the session refuses in workshops and says why)."""
        try:
            last = self.s.take_back()
        except DecisionError as exc:
            self.out(Plain(str(exc), style="red"))
            return False
        self.progress = Progress.new(self.s, intro=False)  # the turn's report is owed again once it is replayed
        self._asked_turn = None  # the replayed turn may ask again
        if self.autosave:
            self.autosave(self.s)
        titles = {a.id: a.title for a in self.s.scenario.actions}
        what = ", ".join(titles.get(a, a) for a in last.actions) or "no action"
        self.out(Plain(f"Turn {self.s.turn + 1} taken back (you had chosen: {what}). "
                                "Try another decision.", style="yellow"))
        return True

    def quit(self, why: str) -> int:
        where = self.save_now()
        msg = f"{why} Your game is saved in {where}; continue it with: leadsim play --load {where} --text" \
            if where else why if self.s.turn == 0 else f"{why} Saving your game failed (see above)."
        self.out(msg)
        return 0

    def save_now(self) -> Path | None:
        if self.s.turn == 0 and self.save_path is None:
            return None
        target = self.save_path or (self.autosave(self.s) if self.autosave else None)
        if target is not None and self.save_path is not None:
            saves.save(self.s, target)
        return target

    # --- screens ---------------------------------------------------------------
    def briefing(self) -> None:
        b = briefing(self.s)
        if b.continuing:
            self.out(Panel(b.continuing, title=escape(b.title), border_style="blue"))
            return
        self.out(Panel(escape(b.text), title=f"[bold]{escape(b.title)}[/bold]", border_style="blue",
                                 subtitle=b.facts))

    def show_phase(self, pc: PhaseChange) -> None:
        self.out(Panel(f"{escape(pc.text)}\n\n{pc.lean} {pc.strength}",
                                 title=f"[bold yellow]{escape(pc.heading)}", border_style="yellow"))
        if pc.first:  # the end of the briefing
            self.out(Plain(briefing(self.s).score))
            self.out("Type [bold]?[/bold] at any prompt for help.\n")

    def show_turn(self) -> None:
        """The turn's head, metrics, crises and actions; on a screen too short for all of it (80x24 and
        scaleup's 15 actions), one line per action and the metrics in a strip just above the prompt."""
        s = self.s
        head = Plain(f"Turn {s.turn + 1} of {s.scenario.turns}", style="bold")
        head.append(f" · {s.phase_spec.title}", style="yellow")
        upcoming = next_phase_hint(s)
        if upcoming:
            head.append(f" ({upcoming})", style="yellow")
        head.append(f" · {s.rules.action_points} AP")
        self._metrics_lines, self._since_metrics = 0, 0
        self.console.rule(head)
        self._since_metrics += 1
        crisis_lines = [Plain.assemble((screen_lines.crisis_active(c.title), "bold red"), f"  {c.per_turn}") for c in crises(s)]
        ev = event_view(s)
        whole = [self.metrics_table(), *crisis_lines, self.actions_table()]
        screen = self.screen_height()
        need = 1 + sum(map(self.lines, whole)) + (sum(map(self.lines, self.event_block(ev))) + 1 if ev else 0) + 2
        self._actions_owed = False
        if screen is None or need <= screen:
            self.out(whole[0], metrics=True)
            for r in whole[1:]:
                self.out(r)
            return
        for r in crisis_lines:
            self.out(r)
        if ev is None:
            self.out(self.actions_table(compact=True))
        else:  # the event first, with the metrics; its actions once it is answered
            self._actions_owed = True
        self.out(self.metrics_strip(), metrics=True)

    # --- keeping the metrics in view -------------------------------------------------------------
    def screen_height(self) -> int | None:
        """The terminal's height in lines; None when the output is not a terminal (a pipe, a file)."""
        return self.console.size.height if self.console.is_terminal else None

    def lines(self, renderable, markup: bool | None = None) -> int:
        """How many lines `renderable` takes at the console's width."""
        if isinstance(renderable, str):
            renderable = self.console.render_str(renderable, markup=markup)
        return len(self.console.render_lines(renderable, self.console.options, pad=False, new_lines=False))

    def out(self, *objects, metrics: bool = False, **kw) -> None:
        """console.print, counting the lines printed since the metrics were last shown."""
        self.console.print(*objects, **kw)
        n = sum(self.lines(o, kw.get("markup")) for o in objects) if objects else 1
        if metrics:
            self._metrics_lines, self._since_metrics = n, 0
        else:
            self._since_metrics += n

    def keep_metrics_in_view(self, prompt: str) -> None:
        """Before a prompt: if the metrics have scrolled off the screen, show them again as a strip."""
        screen = self.screen_height()
        if screen is None or not self._metrics_lines:
            return
        if self._metrics_lines + self._since_metrics + self.lines(prompt + " " * 8) > screen:
            self.out(self.metrics_strip(), metrics=True)

    def metrics_strip(self) -> Text:
        """The metrics in a few lines: 'Morale 61.0 ▲+1.0  ·  Efficiency 50.0  ·  ...', never broken
        inside one metric."""
        s = self.s
        shown = s.visible_metrics() + [m for m in words.SKILLS if m in s.rules.index]
        items = []
        for row in metric_rows(s, shown):
            item = Plain(row.title, style="bold")
            item.append(f" {row.value_text}")
            if row.change is not None and row.verdict is not words.Verdict.SAME:
                item.append(f" {ARROW[row.direction]}{row.change_text}", style=VERDICT_STYLE[row.verdict])
            items.append(item)
        lines, line, gap = [], Plain(), "  ·  "
        for item in items:
            if line.cell_len and line.cell_len + len(gap) + item.cell_len > self.console.width:
                lines.append(line)
                line = Plain()
            if line.cell_len:
                line.append(gap, style="dim")
            line.append_text(item)
        lines.append(line)
        return Plain("\n").join(lines)

    def metrics_table(self) -> Table:
        s = self.s
        t = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
        t.add_column("Metric")
        t.add_column("Value", justify="right")
        t.add_column("Change", justify="right")
        t.add_column("", min_width=20)
        shown = s.visible_metrics() + [m for m in words.SKILLS if m in s.rules.index]
        for row in metric_rows(s, shown):
            filled = int(round(20 * row.level))
            bar = "█" * filled + "·" * (20 - filled)
            change = Plain(f"{ARROW[row.direction]} {row.change_text}", style=VERDICT_STYLE[row.verdict]) \
                if row.change is not None else ""
            t.add_row(Plain(row.title), Plain(row.value_text), change, bar)
        return t

    def actions_table(self, compact: bool = False) -> Table:
        """The actions; `compact`: one line each, what does not fit cut with '…' (i N shows all of it)."""
        s = self.s
        shown = cards(s, top=3)
        previews = s.difficulty != "expert"
        t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
        if compact:  # fixed widths: rich would otherwise squeeze the narrow columns away first
            width = {"#": len(str(len(shown))), "Action": min(24, max(len(c.title) for c in shown)),
                     "Kind": 4, "Cost": max(len(c.cost) for c in shown)}  # kind as its letter, L M D
            width["rest"] = max(10, self.console.width - sum(width.values()) - 2 * (len(width) + 1))  # padding
            fit = {k: dict(width=w, no_wrap=True, overflow="ellipsis") for k, w in width.items()}
        else:
            fit = {k: {} for k in ("#", "Action", "Kind", "Cost", "rest")}
        t.add_column("#", justify="right", **fit["#"])
        t.add_column("Action", **fit["Action"])
        t.add_column("Kind", **fit["Kind"])
        t.add_column("Cost", justify="right", **fit["Cost"])
        t.add_column(("Expected effect" if previews else "Notes") + (" (i N: more)" if compact else ""),
                     **fit["rest"])
        for c in shown:
            kind = words.CATEGORY_LETTER[c.category] if compact else c.category
            if c.reason:
                t.add_row(*(Plain(x, style="dim") for x in (str(c.number), c.title, kind, c.cost, c.reason)))
            else:
                t.add_row(str(c.number), Plain(c.title), Plain(kind, style=CATEGORY_STYLE[c.category]),
                          Plain(c.cost), Plain(c.effects_text))
        return t

    def describe(self, number: str) -> None:
        shown = cards(self.s)
        if not number.isdigit() or not 1 <= int(number) <= len(shown):
            self.out(f"[red]Use 'i' with an action number from 1 to {len(shown)}, e.g. i 3.[/red]")
            return
        c = shown[int(number) - 1]
        lines = [c.text] + [note[0].upper() + note[1:] + "." for note in c.notes]
        self.out(Panel(escape("\n".join(lines)), title=escape(f"{c.title} ({c.category})"),
                                 border_style=CATEGORY_STYLE[c.category]))

    # --- reading a decision -------------------------------------------------------
    def read_decision(self) -> Decision | None:
        if self.turn_seconds:
            import time

            self.deadline = time.monotonic() + self.turn_seconds
        try:
            return self._read_decision()
        except TimeUp:
            self.out()
            self.out(words.time_up(self.s.event is not None), style="bold red")
            return self.s.default_decision()

    def _read_decision(self) -> Decision | None:
        s = self.s
        choice = None
        ev = event_view(s)
        if ev is not None:
            for r in self.event_block(ev):
                self.out(r)
            last = ev.choices[-1]
            while choice is None:
                prompt = f"{ev.question} ({LETTERS[0]}-{last.letter} or 1-{last.number}):"
                self.keep_metrics_in_view(prompt)
                answer = self.ask(prompt).lower()
                if answer in ("q", "quit"):
                    return None
                if answer in TAKE_BACK_WORDS:
                    return TAKE_BACK
                if answer in ("?", "help"):
                    self.help()
                    continue
                picked = next((c for c in ev.choices if answer in (c.letter, str(c.number))), None)
                if picked is not None:
                    choice = picked.id
                else:
                    self.out(f"[red]Please type one letter from a to {last.letter}, "
                                       f"or a number from 1 to {last.number} (as in the window).[/red]")
        if self._actions_owed:
            self._actions_owed = False
            self.out(self.actions_table(compact=True))
        prompt = f"Actions for this turn (numbers, up to {s.rules.action_points} action points; Enter for none):"
        while True:
            self.keep_metrics_in_view(prompt)
            answer = self.ask(prompt)
            low = answer.lower()
            if low in ("q", "quit", "exit"):
                return None
            if low in TAKE_BACK_WORDS:
                return TAKE_BACK
            if low in ("?", "h", "help"):
                self.help()
                continue
            if low.startswith("i ") or low == "i":
                self.describe(low[1:].strip())
                continue
            if low in ("s", "save"):
                where = self.save_now()
                self.out(f"Saved to {escape(where)}." if where else "Nothing to save yet.")
                continue
            if low in ("ask on", "ask off"):
                self.set_asking(low == "ask on")
                continue
            try:
                decision = Decision(self.parse_actions(answer), choice)
                s.check(decision)
            except DecisionError as exc:
                self.out(Plain(str(exc), style="red"))
                continue
            ending = self.confirm_end(decision)
            if ending is not False:
                return ending

    # --- ending a turn with points left ---------------------------------------------------------
    def points_left(self, decision: Decision) -> int:
        spec = {a.id: a for a in self.s.scenario.actions}
        return self.s.rules.action_points - sum(spec[a].cost.ap for a in decision.actions)

    def could_still_pick(self, decision: Decision) -> bool:
        """Some action not in the decision is available and fits the points and the budget left."""
        left = self.points_left(decision)
        spent = sum(a.cost.budget for a in self.s.scenario.actions if a.id in decision.actions)
        money = self.s.value("budget") - spent
        return any(a.id not in decision.actions and a.cost.ap <= left and a.cost.budget <= money + 1e-9
                   and self.s.unavailable_reason(a.id) is None for a in self.s.scenario.actions)

    def confirm_end(self, decision: Decision) -> Decision | None | bool:
        """With action points left, ask once per turn (as the window does) whether to end the turn:
        the decision, None to quit, or False to keep choosing. Only a person is asked: piped input
        (a script, a bot) and a player who switched the question off are not."""
        if (not self.stdin.isatty() or self._asked_turn == self.s.turn or self.points_left(decision) <= 0
                or not self.could_still_pick(decision) or not preferences.confirm_end_turn()):
            return decision
        self._asked_turn = self.s.turn
        total, left = self.s.rules.action_points, self.points_left(decision)
        picked = screen_lines.unspent(total if not decision.actions else left, total, "actions")
        self.out(f"[yellow]{picked} {screen_lines.UNSPENT_LOST}[/yellow]")
        answer = self.ask("End the turn anyway? y = end it, Enter = keep choosing, "
                          "never = end it and do not ask again:").lower()
        if answer in ("q", "quit", "exit"):
            return None
        if answer in ("y", "yes", "e", "end"):
            return decision
        if answer == "never":
            self.set_asking(False)
            return decision
        self.out("Keep choosing: type all the action numbers for this turn on one line, e.g. 1 4.")
        return False

    def set_asking(self, on: bool) -> None:
        try:
            preferences.set_confirm_end_turn(on)
        except OSError as exc:
            self.out(Plain(f"Could not keep this setting in {preferences.settings_path()}: "
                                     f"{exc.strerror or exc}.", style="red"))
            return
        self.out("The game asks before a turn ends with action points left." if on else
                           "The game no longer asks before a turn ends with action points left "
                           "(ask on, or the window's Settings, switches it back on).")

    def event_block(self, ev) -> list:
        """The event's panel and its answers, as printed (and measured) before its question."""
        if ev is None:
            return []
        return [Panel(escape(ev.text), title=f"[bold]{escape(ev.heading)}[/bold]", border_style="red"),
                *(Plain.assemble("  ", (c.letter, "bold"), f") {c.label}") for c in ev.choices)]

    def parse_actions(self, answer: str) -> tuple[str, ...]:
        actions = self.s.scenario.actions
        ids = []
        for token in answer.replace(",", " ").split():
            if not token.isdigit() or not 1 <= int(token) <= len(actions):
                raise DecisionError(f"'{token}' is not an action number; use numbers from 1 to {len(actions)}")
            ids.append(actions[int(token) - 1].id)
        return tuple(ids)

    def help(self) -> None:
        h = help_view("terminal", self.turn_seconds)
        body = Plain()
        for paragraph in h.paragraphs:
            for span in paragraph:
                body.append(span.text, style=CATEGORY_STYLE.get(span.mark) or ("bold" if span.mark else None))
            body.append("\n")
        for keys in h.keys:
            body.append(f"{keys.heading}: ")
            for n, (key, what) in enumerate(keys.rows):
                body.append(key, style="bold")
                body.append(f" {what}" + (", " if n < len(keys.rows) - 1 else "."))
        if h.clock:
            body.append(f"\n{h.clock}")
        self.out(Panel(body, title=h.title, border_style="green"))

    # --- after a turn ------------------------------------------------------------
    def show_report(self, r: Report) -> None:
        if r.answer is not None:
            self.out(Plain(f"{r.answer.event}: {r.answer.choice}. {r.answer.result}".rstrip(), style="italic"))
        if r.timed_out:  # otherwise the player's own typing above says what was chosen
            self.out(Plain(r.chose, style="bold red"))
        t = Table(title=r.heading, show_header=True, header_style="bold", box=None, padding=(0, 2))
        t.add_column("Metric")
        t.add_column("Change", justify="right")
        t.add_column("Because of")
        for line in r.lines + r.skills:
            t.add_row(Plain(line.title), Plain(words.signed(line.change) if line.verdict is words.Verdict.SAME
                                             else f"{line.change:+.1f}", style=VERDICT_STYLE[line.verdict]),
                      Plain("; ".join(c.text for c in line.causes) or NOTHING))
        self.out(t)
        if r.hidden_text:
            self.out(Plain(r.hidden_text, style="dim"))
        for c in r.crises_started:
            self.out(Panel(escape(c.text or c.title), title=f"[bold red]{escape(screen_lines.crisis_begins(c.title))}",
                                     border_style="red"))
        for c in r.crises_ended:
            self.out(Plain(screen_lines.crisis_over(c.title), style="green"))

    def show_end(self) -> None:
        d = debrief(self.s)
        colour = OUTCOME_STYLE.get(d.outcome, "yellow")
        self.console.rule(Plain("Game over", style="bold"))
        self.out(Panel(escape(d.ending_text), title=f"[bold {colour}]{escape(d.ending_title)}[/bold {colour}]",
                                 border_style=colour, subtitle=d.after))
        t = Table(title=d.score_heading, box=None, padding=(0, 2), show_header=True, header_style="bold")
        t.add_column("Part")
        t.add_column("Points", justify="right")
        for part in d.score_parts:
            t.add_row(Plain(part.title), f"{part.points:+.1f}")
        self.out(t)
        self.out(Plain(d.score_scale, style="dim"))
        m = Table(title="Your leadership / management mix per phase", box=None, padding=(0, 2),
                  header_style="bold")
        for col in ("Phase", "Leadership", "Management", "Development", "Phase rewarded"):
            m.add_column(col)
        for pm in d.mix:
            m.add_row(Plain(pm.title), str(pm.leadership), str(pm.management), str(pm.development),
                      f"{pm.rewarded} ({pm.weights_text})")
        self.out(m)
        h = Table(title="What was going on underneath", box=None, padding=(0, 2), header_style="bold")
        h.add_column("Hidden driver")
        h.add_column("Start", justify="right")
        h.add_column("End", justify="right")
        for row in d.hidden:
            h.add_row(Plain(row.title), f"{row.start:.0f}", f"{row.end:.0f}")
        self.out(h)
        self.out(Panel(escape("\n".join(f"• {n}" for n in d.insights)), title="[bold]Insights",
                                 border_style="blue"))
        self.show_review()

    def show_review(self) -> None:
        """The review of the game: par, evaluation line, costliest turns, hidden drivers, insights from it."""
        from .analysis.review import review
        from .views.review import review_view, spark

        self.out(Plain("Reviewing your game: every decision against the best one found, "
                                "on the same luck...", style="dim"))
        v = review_view(self.s, review(self.s))
        lines = [Plain(v.headline, style="bold")]
        ev = v.evaluation
        lines.append(Plain(f"Evaluation line (expected final score after each turn): "
                          f"{ev[0]:.0f} {spark(ev)} {ev[-1]:.0f}"))
        lines.append(Plain("Your decisions: " + ", ".join(f"{n} {label}" for label, n in v.counts)))
        if v.costliest:
            lines.append(Plain(f"{v.costliest_title}:", style="bold"))
            for c in v.costliest:
                lines += [Plain(f"• {c.title}"), Plain(f"    better: {c.better}"), Plain(f"    you chose: {c.chosen}"),
                          Plain(f"    it would have changed: {c.changes}")]
        if v.drivers:
            lines.append(Plain("Hidden drivers over the game (yours, then the strong bot's on the same seed):",
                              style="bold"))
            width = max(len(d.title) for d in v.drivers)
            for d in v.drivers:
                lo, hi = min(d.values + d.par) - 1, max(d.values + d.par) + 1
                for who, series, name in (("you", d.values, d.title), ("bot", d.par, "")):
                    lines.append(Plain(f"  {name:<{width}}  {who} {spark(series, lo, hi)} "
                                      f"{series[0]:.0f} to {series[-1]:.0f}"))
        lines.append(Plain("What this game shows:", style="bold"))
        lines += [Plain(f"• {n}") for n in v.insights]
        where = self.save_now()  # the finished game's own file: the player needs its name to review it again
        lines.append(Plain(v.label_help[0].upper() + v.label_help[1:] + ". The whole review turn by turn: "
                          f"leadsim review {where if where else 'SAVE'}", style="dim"))
        lines = [Plain(plain(line.plain, markup=False), style=line.style) for line in lines]  # scenario titles inside
        self.out(Panel(Plain("\n").join(lines), title="[bold]Review", border_style="magenta"))


# --- an unfinished game when a new one is asked for ----------------------------------------------------
def offer_resume(info: saves.SaveInfo, stdin: TextIO, console: Console | None = None) -> bool:
    """`leadsim play SCENARIO --text` with an unfinished game of it: continue that game (Enter or y),
    or start a new one (n; the unfinished game is kept, and the note says where). Piped input is not
    asked (a script means the game it types): a note on stderr says how to continue instead."""
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


# --- hot reload (--watch) ------------------------------------------------------------------------------
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
            game.console.print("[green]The scenario file is valid again and unchanged: carry on.[/green]")
            return
        r = reload_session(game.s, loaded)
        game.s = r.session
        if game.autosave and game.s.turn > 0:
            game.autosave(game.s)
        style = "green" if r.complete else "yellow"
        game.console.print(f"[bold {style}]Scenario reloaded:[/bold {style}] {escape(r.message)}")

    def until_valid(self, console, result: LoadedScenario | ScenarioError) -> LoadedScenario:
        while isinstance(result, ScenarioError):
            n = sum(1 for p in result.problems if p.severity == "error") or len(result.problems)
            console.print(f"[bold red]{escape(self.watcher.path.name)} has {n} problem{'s' if n != 1 else ''}:[/bold red]")
            for p in result.problems:  # a problem quotes the file: escapes and control characters out
                console.print(plain(str(p), markup=False), style="red" if p.severity == "error" else "yellow",
                              markup=False)
            console.print("Fix the file and save it; the game continues when it validates (Ctrl+C to stop).")
            result = None
            while result is None:
                self.sleep(self.watcher.files.interval)
                result = self.watcher.check_now(self.sleep)
        return result
