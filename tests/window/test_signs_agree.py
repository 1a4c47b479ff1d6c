"""Fresh player s7/3 finding 12: the help wrote "win >= 67" where the gauges wrote "win ≥ 67". The bundled
font has no '≥', so the text boxes write '>='; the gauges now draw the same, and the help quotes a label a
gauge really draws, character for character."""

import html

import pygame

from flows import new_game_by_keys
from game.ui.theme import FONT_BOLD


def widths(text: str) -> set[int]:
    """The widths the bundled bold font gives `text` at every size a label may be drawn in."""
    pygame.font.init()
    return {pygame.font.Font(str(FONT_BOLD), n).size(text)[0] for n in range(9, 41)}


def test_the_help_and_the_gauges_write_the_same_sign(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p = new_game_by_keys(g)
    drawn = [m["drawn"] for gauge in p["gauges"] for m in gauge["marks"]]
    assert drawn and any(">=" in d for d in drawn), drawn
    assert not any(c in d for d in drawn for c in "≥≤"), drawn
    for gauge in p["gauges"]:  # the pixels drawn are as wide as the '>=' text (a composed '≥' is as '>')
        for m in gauge["marks"]:
            w = m["label_rect"][2]
            assert w in widths(m["drawn"]), (m, sorted(widths(m["drawn"])))
    g.screenshot("gauges-signs")
    p = g.key("F1")
    assert p["top"] == "help", p["stack"]
    said = html.unescape(p["texts"][0]["html"])
    assert "≥" not in said and "≤" not in said
    quoted = [d for d in drawn if f"'{d}'" in said]
    assert quoted, f"the help quotes none of the gauges' labels {drawn}"
