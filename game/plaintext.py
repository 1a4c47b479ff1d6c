"""Text from a file, made safe for a terminal: the one function every print site of such text uses.

Scenario titles, workshop and team names, file names and reasons built from them are written by
other people. Printed through rich, `[/bold]` is markup (a MarkupError, or styling that was not
asked for); printed anywhere, an ANSI escape can clear the screen, retitle the window or hide
text, and a control or bidi character can make a line read differently from what it holds.
"""

from __future__ import annotations

import re

from rich.markup import escape

# ESC-based sequences (CSI, OSC, DCS/PM/APC strings, two-character escapes) and their 8-bit forms.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"            # CSI ... final byte
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC / DCS / SOS / PM / APC ... terminator
    r"|\x1b[ -/]*[0-~]"                   # two-character escapes (ESC c, ESC 7, ESC ( B ...)
    r"|\x9b[0-?]*[ -/]*[@-~]"             # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit string introducers
)
# Control characters other than newline and tab, and the bidirectional overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: object, markup: bool = True) -> str:
    """`text` as plain terminal text: escape sequences and control characters removed, tabs as spaces.

    With markup=True (the default) rich markup is escaped too, for console.print, tables and panels;
    markup=False is for print() and for messages that are printed later.
    """
    cleaned = _CONTROL.sub("", _ANSI.sub("", str(text))).replace("\t", " ")
    return escape(cleaned) if markup else cleaned
