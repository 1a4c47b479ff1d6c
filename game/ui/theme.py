"""Colours, fonts and the pygame_gui theme, scaled to the window and the text-size setting.

The palette is Okabe-Ito, which stays distinguishable for the common kinds of
colour blindness; every colour used to tell things apart also comes with a
shape or a letter, so nothing relies on colour alone.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache

import pygame

from .. import charts
from .markup import SIGNS_DRAWN
from ..paths import resource_dir

ASSETS = resource_dir("assets")
FONT_REGULAR = ASSETS / "fonts" / "NotoSans-Regular.ttf"
FONT_BOLD = ASSETS / "fonts" / "NotoSans-Bold.ttf"
THEME_FILE = ASSETS / "theme.json"

# Okabe-Ito
ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILION = (213, 94, 0)
PURPLE = (204, 121, 167)

BG = (24, 29, 37)
PANEL = (35, 42, 53)
PANEL_EDGE = (62, 72, 88)
TEXT = (236, 239, 244)
MUTED = (160, 170, 185)
FAINT = (96, 106, 122)

GOOD, BAD = SKY, VERMILION  # always paired with an arrow (up/down) and a sign
VERDICT_COLOUR = {"better": GOOD, "worse": BAD, "same": MUTED}  # keyed by views.words.Verdict

WHITE = (255, 255, 255)


def ink_on(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """The text colour that reads best on a fill of `colour`: the window's dark background or white,
    whichever contrasts more (white on the orange read at about 2:1, the dark ink at 8:1)."""
    return max((BG, WHITE), key=lambda ink: charts.contrast(ink, colour))


# One colour per kind of action, the web pages', the workshop report's and the slides' (charts.CATEGORY_COLOUR:
# leadership blue, management orange, development green): the window had its own (leadership pink,
# management blue), so a player who saw the window and then the room's report read two colours for one kind.
CATEGORY_COLOUR = {kind: charts.hex_rgb(hexes) for kind, hexes in charts.CATEGORY_COLOUR.items()}
CATEGORY_INK = {kind: ink_on(colour) for kind, colour in CATEGORY_COLOUR.items()}  # a letter or label on it
# A metric's and a driver's line: charts.METRIC_STYLES' dark shades and markers, the web's and the report's (in
# their light shades), none a kind's colour (Morale was orange like management, Ownership green like development).
METRIC_COLOURS = [charts.hex_rgb(s.dark) for s in charts.METRIC_STYLES]
METRIC_SHAPES = [s.marker for s in charts.METRIC_STYLES]
METRIC_DASHES = [charts.dash_lengths(s.dash) for s in charts.METRIC_STYLES]
PAR_DASH = charts.dash_lengths(charts.PAR_LINE.dash)  # strong play's line, dashed as on the report's charts


def metric_colour(k: int) -> tuple[int, int, int]:
    """The k-th metric's (or driver's) line colour in the window (charts.metric_style)."""
    return METRIC_COLOURS[k % len(METRIC_COLOURS)]


def metric_shape(k: int) -> str:
    return METRIC_SHAPES[k % len(METRIC_SHAPES)]


def metric_dash(k: int) -> tuple[float, ...]:
    """The k-th metric's (or driver's) dash pattern, on and off lengths; () is solid (charts.metric_style)."""
    return METRIC_DASHES[k % len(METRIC_DASHES)]


# A hot-seat team's badge colour and shape (six teams apart; a team is no metric, and its badge no line).
TEAM_COLOURS = [ORANGE, SKY, YELLOW, PURPLE, GREEN, VERMILION]
TEAM_SHAPES = ["circle", "square", "triangle", "diamond", "circle", "square"]

TEXT_SCALES = {"normal": 1.0, "large": 1.3}
BASE_FONT = 16


def ui_scale(size: tuple[int, int], text_size: str = "normal") -> float:
    """How big text and spacing are: grows with the window, and more for the large-text setting."""
    w, h = size
    base = max(0.82, min(1.45, min(w / 1280, h / 720)))
    return round(base * TEXT_SCALES.get(text_size, 1.0), 2)


def px(scale: float, n: float) -> int:
    return int(round(n * scale))


def scale_headings(text: str, scale: float) -> str:
    """Rich-text headings (`<font size=5>`) sized in pixels, so they grow with the window and text setting.

    pygame_gui maps HTML font sizes to fixed pixel sizes, which the large-text setting would not reach.
    """
    return text.replace("<font size=5>", f"<font pixel_size={px(scale, 21)}>")


def theme_dict(scale: float) -> dict:
    """The JSON theme from assets/ with absolute font paths and font sizes multiplied by `scale`."""
    data = copy.deepcopy(_raw_theme())
    for block in data.values():
        misc = block.get("misc") if isinstance(block, dict) else None
        if misc and "text_horiz_alignment_padding" in misc:  # room for an option's mark (see draw.option_mark)
            misc["text_horiz_alignment_padding"] = str(px(scale, int(misc["text_horiz_alignment_padding"])))
        font = block.get("font") if isinstance(block, dict) else None
        if not font:
            continue
        font["size"] = str(max(10, px(scale, int(font.get("size", BASE_FONT)))))
        for key in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
            if key in font:
                font[key] = str(ASSETS / font[key])
    return data


@lru_cache(maxsize=1)
def _raw_theme() -> dict:
    return json.loads(THEME_FILE.read_text(encoding="utf-8"))


class Fonts:
    """Fonts for custom drawing, with a small cache of rendered text (rendering is the slow part)."""

    def __init__(self, scale: float):
        self.scale = scale
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._cache: dict[tuple, pygame.Surface] = {}

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (max(9, px(self.scale, size)), bold)
        if key not in self._fonts:
            self._fonts[key] = pygame.font.Font(str(FONT_BOLD if bold else FONT_REGULAR), key[0])
        return self._fonts[key]

    def render(self, text: str, size: int = BASE_FONT, colour=TEXT, bold: bool = False) -> pygame.Surface:
        key = (text, size, colour, bold)
        surf = self._cache.get(key)
        if surf is None:
            if len(self._cache) > 3000:
                self._cache.clear()
            # '≥' '≤' (the bundled Noto Sans lacks them) are written '>=' '<=' as in the text boxes and
            # tooltips (markup.SIGNS_DRAWN): the gauges drew a composed '≥' while the help, quoting their
            # labels, wrote 'win >= 67' (s7 player 3 finding 12)
            surf = self.font(size, bold).render(text.translate(SIGNS_DRAWN), True, colour)
            self._cache[key] = surf
        return surf

    def line_height(self, size: int = BASE_FONT, bold: bool = False) -> int:
        return self.font(size, bold).get_linesize()

    def wrap(self, text: str, width: int, size: int = BASE_FONT, bold: bool = False) -> list[str]:
        """Split text into lines that fit `width` pixels (words are never cut; '≥' written '>=', as drawn)."""
        font = self.font(size, bold)
        text = text.translate(SIGNS_DRAWN)
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for word in para.split():
                trial = f"{line} {word}".strip()
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return lines

    def fit(self, text: str, width: int, size: int = BASE_FONT, bold: bool = False) -> str:
        """The text, shortened with an ellipsis if it would not fit `width` pixels (measured as `render`
        draws it: '≥' as '>=')."""
        font = self.font(size, bold)
        text = text.translate(SIGNS_DRAWN)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text.rstrip() + "…"
