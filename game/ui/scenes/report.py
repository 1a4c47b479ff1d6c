"""The turn report: each metric's change and the decisions, delayed effects and events behind it."""

from __future__ import annotations


from ...views import controls as C
from ...views import lines, tables
from ...views import report as words_of
from ...views.report import ChangeLine, Report
from .. import theme as T
from ..markup import plain
from ..scene import Scene
from .dialog import dialog_rect, prose_html

VERDICT_HEX = {v: "#%02X%02X%02X" % colour for v, colour in T.VERDICT_COLOUR.items()}
MUTED_HEX = VERDICT_HEX["same"]
ORANGE_HEX = "#%02X%02X%02X" % T.ORANGE
NBSP = "\u00a0"
TEXT_MARGIN = 48  # px of the text box's width not filled by a row of causes: its padding and scroll bar


def change_html(line: ChangeLine) -> str:
    """'up 3.2 (better)': the words carry the meaning, the colour only repeats it."""
    if line.verdict == "same":
        return f"<font color='{MUTED_HEX}'>{plain(line.change_words)}</font>"
    return f"<font color='{VERDICT_HEX[line.verdict]}'><b>{plain(line.amount_words)}</b> ({line.verdict})</font>"


def cause_html(text: str) -> str:
    """One cause as a single run of text, so a line never breaks inside it ('Luck' here, '-0.7' there).

    The text box breaks lines at spaces and wherever the style changes, hence plain text joined by
    non-breaking spaces; a cause too long for any line keeps its ordinary spaces.
    """
    if len(text) <= 48:
        text = text.replace(" ", NBSP)
    return plain(text)


CAUSE_GAP = "  •  "


def cause_rows(first: str, causes: list[str], fits) -> list[list[str]]:
    """The causes in rows that each `fits` one line of the box after `first` (the 'Because of:' lead; a
    further row starts with as wide an indent), breaking only between two causes; a cause wider than a row
    gets a row of its own (and the box wraps it)."""
    rows: list[list[str]] = [[]]
    for c in causes:
        if rows[-1] and not fits(first, CAUSE_GAP.join([*rows[-1], c])):
            rows.append([])
        rows[-1].append(c)
    return rows


def line_html(line: ChangeLine, fits=None, indent: str = "") -> str:
    """One metric's change, then 'Because of:' and its causes. With `fits` (does a lead and a row of text
    fit one line of the box?) the causes are broken into rows by this code and each row after the first
    starts with `indent`, under the first cause: the box's own wrap sent a long line back to the left
    edge, under the metrics' names (fresh player s6 finding 10)."""
    head = f"<br><b>{plain(line.title)}</b>  {plain(line.span)}, {change_html(line)}"
    lead = f"    {tables.REPORT.cause}: "
    if not line.causes:
        return f"{head}<br>{lead}{words_of.NOTHING}"
    if fits is None:
        return f"{head}<br>{lead}" + CAUSE_GAP.join(cause_html(c.text) for c in line.causes)
    rows = cause_rows(lead, [c.text for c in line.causes], fits)
    return f"{head}<br>{lead}" + f"{CAUSE_GAP.rstrip()}<br>{indent}".join(
        CAUSE_GAP.join(cause_html(c) for c in row) for row in rows)


def measured(fonts: T.Fonts, width: int):
    """A `fits` for line_html: does a lead and a row, in the text box's font, fit `width` pixels? And the
    run of non-breaking spaces as wide as the 'Because of:' lead, which starts each further row."""
    font = fonts.font(T.BASE_FONT)
    lead = f"    {tables.REPORT.cause}: "
    n = 1
    while font.size(NBSP * n)[0] < font.size(lead)[0]:
        n += 1
    return (lambda first, text: font.size(first + text)[0] <= width), NBSP * n


def report_html(r: Report, fits=None, indent: str = "") -> str:
    """The views' Report in pygame_gui's HTML subset (every scenario text passes through `plain`); with
    `fits` and `indent` (measured) the causes wrap under their own column."""
    parts = [f"<font size=5><b>{plain(r.heading)}</b></font><br>"]
    if r.answer is not None:
        parts.append(f"<i>{plain(r.answer.event)}: {plain(r.answer.choice)}. {prose_html(r.answer.result)}</i><br>")
    if r.timed_out:
        head, _, rest = r.chose.partition(". ")
        parts.append(f"<b>{plain(head)}.</b> {plain(rest)}<br>")
    else:
        parts.append(f"{plain(r.chose)}<br>")
    parts.extend(line_html(line, fits, indent) for line in (*r.lines, *r.skills))
    if r.hidden_text:
        text = r.hidden_text
        for move in {m for h in r.hidden for m in h.moves}:  # 'ownership' and its '-2.0' on one line
            text = text.replace(move, move.replace(" ", NBSP))
        parts.append(f"<br><br><font color='{MUTED_HEX}'>{plain(text)}</font>")
    if r.later_text:
        parts.append(f"<br><br><font color='{MUTED_HEX}'>{plain(r.later_text)}</font>")
    for c in r.crises_started:
        parts.append(f"<br><br><b>{plain(r.crisis_heading(c))}.</b> {prose_html(c.text)}")
    for c in r.crises_ended:
        parts.append(f"<br><br><b>{plain(lines.crisis_over(c.title))}</b>")
    if r.ended:
        head, _, rest = words_of.ENDED.partition(". ")
        parts.append(f"<br><br><b>{head}.</b> {rest}")
    return "".join(parts)


class ReportScene(Scene):
    name = "report"
    modal = True

    def __init__(self, app, report: Report):
        super().__init__(app)
        self.report = report

    def build(self) -> None:
        rect, inner = dialog_rect(self, self.px(860), self.px(600))
        self.dialog(rect)
        bh = self.px(46)
        box_w = inner.w - self.px(TEXT_MARGIN)
        text = report_html(self.report, *measured(self.app.fonts, box_w))
        for note in getattr(self.app, "save_notes", []):  # a failed save, or a game saved in a file of its own
            text += f"<br><br><font color='{ORANGE_HEX}'><b>{plain(note)}</b></font>"
        self.textbox((inner.x, inner.y, inner.w, inner.h - bh - self.px(12)), text)
        label = (C.SEE_RESULT if self.report.ended else C.CONTINUE).caption
        self.button((inner.right - self.px(220), inner.bottom - bh, self.px(220), bh), label, self.app.pop,
                    object_id="@primary")

    def back(self) -> None:
        self.app.pop()

    def pilot_target(self, pilot):
        return self.focusables[0]
