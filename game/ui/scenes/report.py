"""The turn report: each metric's change and the decisions, delayed effects and events behind it."""

from __future__ import annotations


from ...insights import KIND_WORDS, hidden_moves, metric_lines
from .. import theme as T
from ..markup import plain
from ..scene import Scene
from .dialog import dialog_rect, prose_html

GOOD_HEX = "#%02X%02X%02X" % T.GOOD
BAD_HEX = "#%02X%02X%02X" % T.BAD
MUTED_HEX = "#%02X%02X%02X" % T.MUTED
ORANGE_HEX = "#%02X%02X%02X" % T.ORANGE


def change_html(change: float, good: str) -> str:
    """'up 3.2 (better)': the words carry the meaning, the colour only repeats it."""
    if abs(change) < 0.05:
        return f"<font color='{MUTED_HEX}'>no change</font>"
    better = (change > 0) == (good == "higher")
    colour = GOOD_HEX if better else BAD_HEX
    return (f"<font color='{colour}'><b>{'up' if change > 0 else 'down'} {abs(change):.1f}</b> "
            f"({'better' if better else 'worse'})</font>")


NBSP = "\u00a0"


def cause_html(kind: str, label: str, amount: float) -> str:
    """One cause as a single run of text, so a line never breaks inside it ('Luck' here, '-0.7' there).

    The text box breaks lines at spaces and wherever the style changes, hence plain text joined by
    non-breaking spaces; a cause too long for any line keeps its ordinary spaces.
    """
    if kind in ("drift", "noise", "bounds", "other"):
        text = f"{KIND_WORDS[kind].capitalize()} {amount:+.1f}"
    else:
        text = f"{label} ({KIND_WORDS.get(kind, kind)}) {amount:+.1f}"
    if len(text) <= 48:
        text = text.replace(" ", NBSP)
    return plain(text)


SKILLS = ("leadership_skill", "management_skill")


def extras_html(session, report) -> str:
    """What the metric lines leave out: the leader's skills (shown on the dashboard) and effects on
    drivers the player cannot see yet, so an action never seems to have done nothing."""
    parts = []
    for line in metric_lines(session, report, [m for m in SKILLS if m in report.after]):
        if abs(line.change) < 0.5:
            continue
        causes = "  •  ".join(cause_html(*c) for c in line.causes)
        title = {"leadership_skill": "Leadership skill", "management_skill": "Management skill"}[line.metric]
        parts.append(f"<br><b>{title}</b>  {line.before:.1f} to {line.after:.1f}, "
                     f"{change_html(line.change, 'higher')}<br>    Because of: {causes}")
    hidden = hidden_moves(session, report)
    if hidden:
        moved = "; ".join(f"{plain(label)}: {plain(', '.join(names))}"
                          for label, names in hidden.items())
        parts.append(f"<br><br><font color='{MUTED_HEX}'>Also moved drivers you cannot see (the debrief "
                     f"shows them): {moved}.</font>")
    return "".join(parts)


def report_html(session, report, answered) -> str:
    parts = [f"<font size=5><b>Turn {report.turn} report: what changed and why</b></font><br>"]
    if answered is not None and report.decision.choice:
        ch = next(c for c in answered.choices if c.id == report.decision.choice)
        parts.append(f"<i>{plain(answered.title)}: {plain(ch.label)}. {prose_html(ch.result)}</i><br>")
    titles = {a.id: a.title for a in session.scenario.actions}
    did = ", ".join(plain(titles[a]) for a in report.decision.actions) or "no actions"
    if report.decision.timed_out:
        answer = " and the event got its first answer" if report.decision.choice else ""
        parts.append(f"<b>The clock ran out.</b> No actions were taken this turn{answer}; "
                     "the decision is logged as timed out.<br>")
    else:
        parts.append(f"You chose: {did}.<br>")
    for line in metric_lines(session, report):
        spec = session.scenario.metrics[line.metric]
        unit = plain(spec.unit)
        parts.append(f"<br><b>{plain(line.title)}</b>  {line.before:.1f}{unit} to "
                     f"{line.after:.1f}{unit}, {change_html(line.change, spec.good)}")
        causes = "  •  ".join(cause_html(*c) for c in line.causes) or "nothing notable"
        parts.append(f"<br>    Because of: {causes}")
    parts.append(extras_html(session, report))
    scen = session.scenario
    for cid in report.crises_started:
        c = next(c for c in scen.crises if c.id == cid)
        parts.append(f"<br><br><b>Crisis begins: {plain(c.title)}.</b> {prose_html(c.text)}")
    for cid in report.crises_ended:
        c = next(c for c in scen.crises if c.id == cid)
        parts.append(f"<br><br><b>The crisis is over: {plain(c.title)}.</b>")
    if report.ended:
        parts.append("<br><br><b>The game has ended.</b> Continue to see how it went.")
    return "".join(parts)


class ReportScene(Scene):
    name = "report"
    modal = True

    def __init__(self, app, report, answered):
        super().__init__(app)
        self.report = report
        self.answered = answered

    def build(self) -> None:
        rect, inner = dialog_rect(self, self.px(860), self.px(600))
        self.dialog(rect)
        bh = self.px(46)
        text = report_html(self.app.session, self.report, self.answered)
        kept = getattr(self.app, "kept", None)
        if kept is not None and self.report.turn == 1:
            text += (f"<br><br><font color='{MUTED_HEX}'>The game you had in progress was kept: "
                     f"Load on the title screen lists it as {plain(kept.stem)}.</font>")
        for note in getattr(self.app, "save_notes", []):  # a failed save, or a game saved in a file of its own
            text += f"<br><br><font color='{ORANGE_HEX}'><b>{plain(note)}</b></font>"
        self.textbox((inner.x, inner.y, inner.w, inner.h - bh - self.px(12)), text)
        label = "See the result" if self.report.ended else "Continue"
        self.button((inner.right - self.px(220), inner.bottom - bh, self.px(220), bh), label, self.app.pop,
                    object_id="@primary")

    def back(self) -> None:
        self.app.pop()

    def pilot_target(self, pilot):
        return self.focusables[0]
