"""Text from files inside pygame_gui's HTML-like markup, always as plain characters.

pygame_gui's text boxes and tooltips read a subset of HTML: `<img src=...>` loads
the named file as a picture (a missing one is an exception when the box is drawn),
`<font face=...>` looks for a font, `<a>` makes a link. A scenario's title, unit or
briefing, a team name or a file path is someone else's text, so every piece of it
passes through `plain` before it joins markup that we wrote; a tooltip is plain
text unless it is marked as our own markup with `Html`.
"""

from __future__ import annotations

import html


class Html(str):
    """Markup that Leadsim wrote itself (every outside text in it already passed through `plain`)."""


# The bundled Noto Sans has no '≥' or '≤' (pygame_gui drew a box for each: the help's "win ≥ 68", a gauge's
# tooltip); the window's own drawing composes them (theme.Fonts), text boxes and tooltips get '>=' and '<='.
SIGNS_DRAWN = str.maketrans({"≥": ">=", "≤": "<="})


def plain(text) -> str:
    """`text` shown exactly as written: <, >, & and quotes become character references (and '≥' '≤',
    which the font lacks, '>=' '<=')."""
    return html.escape(str(text).translate(SIGNS_DRAWN), quote=True)


def tooltip(text: str | None) -> str | None:
    """A tooltip for pygame_gui: our own `Html` as it is, anything else as plain text."""
    if text is None or isinstance(text, Html):
        return text
    return plain(text)
