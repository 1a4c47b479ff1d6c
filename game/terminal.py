"""Terminal play: the whole game in a text console, driven through the session API.

Works interactively and with piped input (one answer per line); an invalid
answer is explained and asked again, and the end of input stops the game
cleanly after saving it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TextIO

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from . import saves
from .scenario.defaults import SKILL_METRICS
from .insights import (action_notes, describe_cause, hidden_moves, hidden_reveal, insights, metric_lines,
                       phase_mix, score_scale)
from .session import Decision, DecisionError, Session, TurnReport

CATEGORY_STYLE = {"leadership": "magenta", "management": "cyan", "development": "green"}
CATEGORY_MARK = {"leadership": "L", "management": "M", "development": "D"}
LETTERS = "abcdefgh"


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

    # --- input ------------------------------------------------------------
    def ask(self, prompt: str) -> str:
        if self.timed is not None and self.deadline is not None:
            import time

            left = self.deadline - time.monotonic()
            self.console.print(f"[bold]{prompt}[/bold] [dim]({max(0, int(left))} s left)[/dim] ", end="")
            line = self.timed.readline(left)
        else:
            self.console.print(f"[bold]{prompt}[/bold] ", end="")
            line = self.stdin.readline()
        if not line:
            self.console.print()
            raise EndOfInput
        if not self.stdin.isatty():
            self.console.print(line.rstrip("\n"), style="dim")
        return line.strip()

    # --- the game loop -------------------------------------------------------
    def run(self) -> int:
        self.briefing()
        while True:
            code = self.play_to_end()
            if code is not None:
                return code
            self.show_end()
            if not self.offer_take_back():
                return 0

    def play_to_end(self) -> int | None:
        """Turns until the game ends (None), or the exit code when the player leaves or input ends."""
        try:
            while not self.s.done:
                if self.watch is not None:
                    self.watch(self)  # may replace self.s with the game replayed on a new scenario version
                    if self.s.done:
                        break
                self.show_turn()
                decision = self.read_decision()
                if decision is None:
                    return self.quit("You left the game.")
                if decision is TAKE_BACK:
                    self.take_back()
                    continue
                answered = self.s.event
                report = self.s.decide(decision)
                if self.autosave:
                    self.autosave(self.s)
                self.show_report(report, answered)
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
            self.console.print(Text(str(exc), style="red"))
            return False
        if self.autosave:
            self.autosave(self.s)
        titles = {a.id: a.title for a in self.s.scenario.actions}
        what = ", ".join(titles.get(a, a) for a in last.actions) or "no action"
        self.console.print(Text(f"Turn {self.s.turn + 1} taken back (you had chosen: {what}). "
                                "Try another decision.", style="yellow"))
        return True

    def quit(self, why: str) -> int:
        where = self.save_now()
        msg = f"{why} Your game is saved in {where}; continue it with: leadsim play --load {where} --text" \
            if where else why if self.s.turn == 0 else f"{why} Saving your game failed (see above)."
        self.console.print(msg)
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
        sc = self.s.scenario
        if self.s.turn > 0:
            self.console.print(Panel(f"Continuing at turn {self.s.turn + 1} of {sc.turns}.",
                                     title=sc.title, border_style="blue"))
            return
        self.console.print(Panel(sc.briefing.strip(), title=f"[bold]{sc.title}[/bold]", border_style="blue",
                                 subtitle=f"{sc.turns} turns, seed {self.s.seed}"))
        phase = sc.phases[0]
        self.console.print(Panel(phase.text.strip(), title=f"Phase: {phase.title}", border_style="yellow"))
        weights = ", ".join(f"{sc.metrics[m].title or m}" for m, w in sc.score.weights.items() if w)
        self.console.print(f"Your score is the average of {weights} over all {sc.turns} turns, "
                           "so steady results beat a last-minute sprint.")
        self.console.print("Type [bold]?[/bold] at any prompt for help.\n")

    def show_turn(self) -> None:
        s = self.s
        sc = s.scenario
        head = Text(f"Turn {s.turn + 1} of {sc.turns}", style="bold")
        head.append(f" · {s.phase_spec.title}", style="yellow")
        upcoming = s.next_phase_hint()
        if upcoming:
            head.append(f" ({upcoming})", style="yellow")
        head.append(f" · {s.rules.action_points} AP")
        self.console.rule(head)
        self.console.print(self.metrics_table())
        crises = [c for c in sc.crises if c.id in s.active_crises()]
        for c in crises:
            self.console.print(f"[bold red]Crisis: {c.title}[/bold red]  "
                               + ", ".join(f"{k} {v:+g}/turn" for k, v in c.per_turn.items()))
        self.console.print(self.actions_table())

    def metrics_table(self) -> Table:
        s = self.s
        prev = s.previous_values()
        now = s.values()
        t = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
        t.add_column("Metric")
        t.add_column("Value", justify="right")
        t.add_column("Change", justify="right")
        t.add_column("", min_width=20)
        shown = s.visible_metrics() + [m for m in ("leadership_skill", "management_skill") if m in now]
        for m in shown:
            spec = s.scenario.metrics[m]
            lo, hi = spec.min, spec.max
            v, d = now[m], now[m] - prev[m]
            filled = int(round(20 * (v - lo) / (hi - lo)))
            bar = "█" * filled + "·" * (20 - filled)
            good = d * (1 if spec.good == "higher" else -1)
            arrow = "▲" if d > 0.05 else "▼" if d < -0.05 else "="
            style = "green" if good > 0.05 else "red" if good < -0.05 else "dim"
            change = f"[{style}]{arrow} {d:+.1f}[/{style}]" if s.turn else ""
            title = spec.title or m
            t.add_row(title, f"{v:.1f}{spec.unit}", change, bar)
        return t

    def actions_table(self) -> Table:
        s = self.s
        previews = s.preview(top=3) if s.difficulty != "expert" else {}
        t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
        t.add_column("#", justify="right")
        t.add_column("Action")
        t.add_column("Kind")
        t.add_column("Cost", justify="right")
        t.add_column("Expected effect" if previews else "Notes")
        for i, a in enumerate(s.scenario.actions, 1):
            reason = s.unavailable_reason(a.id)
            style = CATEGORY_STYLE[a.category]
            cost = f"{a.cost.budget:g}k {a.cost.ap}AP"
            if reason:
                t.add_row(f"[dim]{i}[/dim]", f"[dim]{a.title}[/dim]", f"[dim]{a.category}[/dim]",
                          f"[dim]{cost}[/dim]", f"[dim]{reason}[/dim]")
            else:
                t.add_row(str(i), a.title, f"[{style}]{a.category}[/{style}]", cost,
                          self.preview(previews[a.id]) if previews else "")
        return t

    def preview(self, items: list[tuple[str, float]]) -> str:
        """Expected effect: guided shows size and direction, standard only the size."""
        parts = []
        for title, v in items:
            if self.s.difficulty == "guided":
                parts.append(f"{title} {v:+.0f}")
            else:
                parts.append(f"{title} {'•' * min(3, int(abs(v) // 3) + 1)}")
        return ", ".join(parts)

    def describe(self, number: str) -> None:
        actions = self.s.scenario.actions
        if not number.isdigit() or not 1 <= int(number) <= len(actions):
            self.console.print(f"[red]Use 'i' with an action number from 1 to {len(actions)}, e.g. i 3.[/red]")
            return
        a = actions[int(number) - 1]
        lines = [a.text, f"Costs {a.cost.ap} AP and {a.cost.budget:g}k."]
        lines += [note[0].upper() + note[1:] + "." for note in action_notes(a)]
        self.console.print(Panel("\n".join(lines), title=f"{a.title} ({a.category})",
                                 border_style=CATEGORY_STYLE[a.category]))

    # --- reading a decision -------------------------------------------------------
    def read_decision(self) -> Decision | None:
        if self.turn_seconds:
            import time

            self.deadline = time.monotonic() + self.turn_seconds
        try:
            return self._read_decision()
        except TimeUp:
            self.console.print("\n[bold red]Time is up.[/bold red] No actions this turn"
                               + (" and the first answer to the event" if self.s.event else "")
                               + "; the decision is logged as timed out.")
            return self.s.default_decision()

    def _read_decision(self) -> Decision | None:
        s = self.s
        choice = None
        event = s.event
        if event is not None:
            self.console.print(Panel(event.text.strip(), title=f"[bold]Event: {event.title}[/bold]",
                                     border_style="red"))
            for letter, c in zip(LETTERS, event.choices):
                self.console.print(f"  [bold]{letter}[/bold]) {c.label}")
            while choice is None:
                answer = self.ask(f"Your answer ({LETTERS[0]}-{LETTERS[len(event.choices) - 1]}):").lower()
                if answer in ("q", "quit"):
                    return None
                if answer in TAKE_BACK_WORDS:
                    return TAKE_BACK
                if answer in ("?", "help"):
                    self.help()
                    continue
                if len(answer) == 1 and answer in LETTERS[:len(event.choices)]:
                    choice = event.choices[LETTERS.index(answer)].id
                else:
                    self.console.print(f"[red]Please type one letter from a to "
                                       f"{LETTERS[len(event.choices) - 1]}.[/red]")
        while True:
            answer = self.ask(f"Actions for this turn (numbers, up to {s.rules.action_points} action points; "
                              "Enter for none):")
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
                self.console.print(f"Saved to {where}." if where else "Nothing to save yet.")
                continue
            try:
                decision = Decision(self.parse_actions(answer), choice)
                s.check(decision)
                return decision
            except DecisionError as exc:
                self.console.print(f"[red]{exc}[/red]")

    def parse_actions(self, answer: str) -> tuple[str, ...]:
        actions = self.s.scenario.actions
        ids = []
        for token in answer.replace(",", " ").split():
            if not token.isdigit() or not 1 <= int(token) <= len(actions):
                raise DecisionError(f"'{token}' is not an action number; use numbers from 1 to {len(actions)}")
            ids.append(actions[int(token) - 1].id)
        return tuple(ids)

    def help(self) -> None:
        self.console.print(Panel(
            "Each turn: answer the event if there is one (a letter), then pick actions by number, "
            "separated by spaces, e.g. [bold]1 7[/bold]. Each action costs action points (AP) and budget.\n"
            "[magenta]Leadership[/magenta] actions move people (morale, trust, ownership, growth). "
            "[cyan]Management[/cyan] actions move execution (efficiency, cost, predictability). "
            "[green]Development[/green] actions raise your own skills and pay off later.\n"
            "Which kind works better depends on the phase. Repeating an action weakens it; some need a rest.\n"
            "Commands: [bold]i N[/bold] describe action N, [bold]?[/bold] help, [bold]s[/bold] save, "
            "[bold]q[/bold] save and quit, [bold]u[/bold] take back the last turn (practice; not in workshops).",
            title="Help", border_style="green"))

    # --- after a turn ------------------------------------------------------------
    def show_report(self, report: TurnReport, answered=None) -> None:
        s = self.s
        if answered is not None:
            ch = next(c for c in answered.choices if c.id == report.decision.choice)
            if ch.result:
                self.console.print(f"[italic]{answered.title}: {ch.result}[/italic]")
        t = Table(title=f"Turn {report.turn} report: what changed and why", show_header=True,
                  header_style="bold", box=None, padding=(0, 2))
        t.add_column("Metric")
        t.add_column("Change", justify="right")
        t.add_column("Because of")
        skills = [m for m in SKILL_METRICS if m in s.rules.index and abs(report.change(m)) >= 0.05]
        for line in metric_lines(s, report, s.visible_metrics() + skills):
            spec = s.scenario.metrics[line.metric]
            good = line.change * (1 if spec.good == "higher" else -1)
            style = "green" if good > 0.05 else "red" if good < -0.05 else "dim"
            t.add_row(line.title, f"[{style}]{line.change:+.1f}[/{style}]",
                      "; ".join(describe_cause(*c) for c in line.causes) or "-")
        self.console.print(t)
        hidden = hidden_moves(s, report)
        if hidden:
            moved = "; ".join(f"{label}: {', '.join(names)}" for label, names in hidden.items())
            self.console.print(f"[dim]Also moved drivers you cannot see (the debrief shows them): {moved}.[/dim]")
        for cid in report.crises_started:
            c = next(c for c in s.scenario.crises if c.id == cid)
            self.console.print(Panel(c.text.strip() or c.title, title=f"[bold red]Crisis begins: {c.title}",
                                     border_style="red"))
        for cid in report.crises_ended:
            c = next(c for c in s.scenario.crises if c.id == cid)
            self.console.print(f"[green]The crisis is over: {c.title}.[/green]")
        if report.phase_changed_to:
            p = s.phase_spec
            w = p.weights
            self.console.print(Panel(
                f"{p.text.strip()}\n\nIn this phase leadership actions work at {w.leadership:.1f}x and "
                f"management actions at {w.management:.1f}x.",
                title=f"[bold yellow]A new phase begins: {p.title}", border_style="yellow"))

    def show_end(self) -> None:
        s = self.s
        ending = s.ending
        color = {"win": "green", "loss": "red"}.get(ending.kind, "yellow")
        self.console.rule(Text("Game over", style="bold"))
        self.console.print(Panel(ending.text.strip(), title=f"[bold {color}]{ending.title}[/bold {color}]",
                                 border_style=color, subtitle=f"after {s.turn} turns"))
        t = Table(title=f"Score: {s.score():.1f}", box=None, padding=(0, 2), show_header=True, header_style="bold")
        t.add_column("Part")
        t.add_column("Points", justify="right")
        for k, v in s.score_breakdown().items():
            title = s.scenario.metrics[k].title if k in s.scenario.metrics else "ending bonus/penalty"
            t.add_row(f"{title}" + (" (average over all turns)" if k in s.scenario.metrics else ""), f"{v:+.1f}")
        self.console.print(t)
        self.console.print(f"[dim]{score_scale(s)}[/dim]")
        m = Table(title="Your leadership / management mix per phase", box=None, padding=(0, 2),
                  header_style="bold")
        for col in ("Phase", "Leadership", "Management", "Development", "Phase rewarded"):
            m.add_column(col)
        for pm in phase_mix(s):
            m.add_row(pm.title, str(pm.leadership), str(pm.management), str(pm.development),
                      f"{pm.rewarded} (L {pm.weight_leadership:.1f}x, M {pm.weight_management:.1f}x)")
        self.console.print(m)
        h = Table(title="What was going on underneath", box=None, padding=(0, 2), header_style="bold")
        h.add_column("Hidden driver")
        h.add_column("Start", justify="right")
        h.add_column("End", justify="right")
        for title, a, b in hidden_reveal(s):
            h.add_row(title, f"{a:.0f}", f"{b:.0f}")
        self.console.print(h)
        self.console.print(Panel("\n".join(f"• {n}" for n in insights(s)), title="[bold]Insights",
                                 border_style="blue"))
        self.show_review()

    def show_review(self) -> None:
        """The review of the game: par, evaluation line, costliest turns, hidden drivers, insights from it."""
        from .analysis.review import review
        from .views.review import review_view, spark

        self.console.print(Text("Reviewing your game: every decision against the best one found, "
                                "on the same luck...", style="dim"))
        v = review_view(self.s, review(self.s))
        lines = [Text(v.headline, style="bold")]
        ev = v.evaluation
        lines.append(Text(f"Evaluation line (expected final score after each turn): "
                          f"{ev[0]:.0f} {spark(ev)} {ev[-1]:.0f}"))
        lines.append(Text("Your decisions: " + ", ".join(f"{n} {label}" for label, n in v.counts)))
        if v.costliest:
            lines.append(Text("The costliest turns:", style="bold"))
            for c in v.costliest:
                lines += [Text(f"• {c.title}"), Text(f"    better: {c.better}"), Text(f"    you chose: {c.chosen}"),
                          Text(f"    it would have changed: {c.changes}")]
        if v.drivers:
            lines.append(Text("Hidden drivers over the game (yours, then the strong bot's on the same seed):",
                              style="bold"))
            width = max(len(d.title) for d in v.drivers)
            for d in v.drivers:
                lo, hi = min(d.values + d.par) - 1, max(d.values + d.par) + 1
                for who, series, name in (("you", d.values, d.title), ("bot", d.par, "")):
                    lines.append(Text(f"  {name:<{width}}  {who} {spark(series, lo, hi)} "
                                      f"{series[0]:.0f} to {series[-1]:.0f}"))
        lines.append(Text("What this game shows:", style="bold"))
        lines += [Text(f"• {n}") for n in v.insights]
        lines.append(Text(v.label_help[0].upper() + v.label_help[1:] + ". The whole review turn by turn: "
                          "leadsim review SAVE.", style="dim"))
        self.console.print(Panel(Text("\n").join(lines), title="[bold]Review", border_style="magenta"))
