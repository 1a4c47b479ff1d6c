"""The dashboard's pictures say what they show, under the mouse as the cards do (window findings, s6):

- hovering a gauge opens a tooltip that says what the metric is, its value and change, and what each mark on
  it means (the win's target, a loss's line, where a crisis begins), in the goal's own sentences; it stays over
  the left-hand panels and covers no card and no button;
- a card whose action has more expected changes than the four it lists says so ('… and 1 more: ...') in its
  tooltip, with every one listed;
- the kinds of action are drawn in the colours of the web pages and the workshop report (charts.CATEGORY_COLOUR).
"""

from __future__ import annotations

import re
import time

import pygame

from flows import new_game_by_keys, through_overlays_by_keys

from game import charts
from game.scenario.loader import load


def _rect(r):
    return pygame.Rect(*r)


def _text(html: str) -> str:
    """A tooltip's words without its markup (and its character references read back)."""
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", " ", html))


def _first_turn_played(g):
    p = new_game_by_keys(g)
    p = g.key("6", "7", "8", "e")  # three management cards: every point spent, no question asked
    assert p["turn"] == 1, p["stack"]
    p = through_overlays_by_keys(g, p)
    while p["top"] == "event":
        p = through_overlays_by_keys(g, g.key("1"))
    assert p["top"] == "dashboard", p["stack"]
    return p


def _hover_tip(g, rect, wanted: str) -> dict:
    x, y, w, h = rect
    g.move(x + w // 2, y + h // 2)
    return g.wait(lambda q: len(q["tooltips"]) == 1 and wanted in _text(q["tooltip_texts"][0]),
                  what=f"a tooltip saying {wanted!r}")


def _check_gauge_tips(g, p, shot: str):
    gauges = [t["rect"] for t in p["gauge_tips"]]
    buttons = [_rect(b["rect"]) for b in p["buttons"] if b["scene"] == "dashboard" and b["rect"] not in gauges]
    areas = {k: _rect(v) for k, v in p["areas"].items()}
    left = areas["company"].union(areas["leader"])
    drawn = {gauge["metric"]: gauge for gauge in p["gauges"]}
    assert [t["metric"] for t in p["gauge_tips"]] == list(drawn), "a gauge without its tooltip"
    titles = {}
    for tip_target in p["gauge_tips"]:
        metric = tip_target["metric"]
        gauge = drawn[metric]
        q = _hover_tip(g, tip_target["rect"], gauge["label"])
        said = _text(q["tooltip_texts"][0])
        titles[metric] = said
        box = _rect(q["tooltips"][0])
        assert left.contains(box), f"the {metric} tooltip {box} leaves the left-hand panels {left}"
        assert box.collidelist(buttons) < 0, f"the {metric} tooltip {box} covers a button"
        assert not box.colliderect(_rect(gauge["bar_rect"])), f"the {metric} tooltip covers its own gauge"
        assert "Now " in said and "since the last turn" in said and " is better." in said, said
        assert "better for you" in said or "worse for you" in said or "no change" in said, said
        for mark in gauge["marks"]:  # each mark on the gauge is explained, with its label and its kind
            label = mark["label"].replace("≥", ">=").replace("≤", "<=")
            kind = {"win": "win target", "loss": "loss line", "crisis": "crisis line"}[mark["kind"]]
            assert f"{label} ({kind}):" in said, (metric, label, said)
        assert "□" not in said and "≥" not in said and "≤" not in said  # signs the font lacks are written out
    g.screenshot(shot)
    return titles


def test_gauges_cards_and_colours_under_the_mouse(game):
    g = game("scaleup", "--seed", "7", "--size", "1280x720")
    p = _first_turn_played(g)

    # 1. the kinds' colours: every card's stripe, below its letter, in the report's colour for its kind
    g.move(2, 2)  # off every card: a hovered card is lightened by its hover colour
    time.sleep(1.0)  # the hover's light fades over a few frames
    surf = g.screenshot("dashboard-colours")
    cards = [b for b in p["buttons"] if b["scene"] == "dashboard" and b["id"]]
    kinds = {a.id: a.category for a in load("scaleup").scenario.actions}
    for b in cards:
        if not b["enabled"]:
            continue
        x, y, w, h = b["rect"]
        colour = tuple(surf.get_at((x + max(18, w // 11) // 2, y + h - 8)))[:3]
        assert colour == charts.hex_rgb(charts.CATEGORY_COLOUR[kinds[b["id"]]]), (b["id"], colour)

    # 2. each gauge's tooltip: what it is, its value and change, what its marks mean; over no button
    said = _check_gauge_tips(g, p, "gauge-tips")
    assert said["budget"].startswith(" Budget: ") and "crisis line" in said["budget"], said["budget"]

    # 3. a card of five expected changes lists four and says there is one more, naming it
    q = _hover_tip(g, next(b for b in cards if b["id"] == "tighten_control")["rect"], "Tighten controls")
    text = _text(q["tooltip_texts"][0])
    listed = re.search(r"Expected size:\s+(.*?)\s+… and (\d+) more: (.*?)\s+costs", text)
    assert listed, text
    assert len(listed.group(1).split(", ")) == 4 and listed.group(2) == "1", text
    assert listed.group(3).startswith("Process maturity "), text  # the fifth, by name
    g.screenshot("card-more-effects")


def test_the_keys_reach_the_gauge_tips(game):
    """A keyboard player reads a gauge's tooltip as a card's: an arrow from the leadership column moves the
    focus onto the gauges, the tooltip opens with the ring, and Enter there changes nothing."""
    g = game("startup", "--seed", "1", "--size", "1280x720")
    p = _first_turn_played(g)
    p = g.key("1")  # the keys are in use: the ring is on Share the vision, picked
    assert next(b for b in p["buttons"] if b["focused"])["id"] == "share_vision"
    gauges = {tuple(t["rect"]): t["metric"] for t in p["gauge_tips"]}
    p = g.key("Left")
    focused = next(b for b in p["buttons"] if b["focused"])
    assert gauges.get(tuple(focused["rect"])) == "morale", (focused, gauges)
    p = g.wait(lambda q: q["tooltips"] and "Morale:" in _text(q["tooltip_texts"][0]), what="Morale's tooltip by keys")
    assert p["ring"] == focused["rect"], "the ring is not on the focused gauge"
    p = g.key("Down")
    p = g.wait(lambda q: q["tooltips"] and "Efficiency:" in _text(q["tooltip_texts"][0]),
               what="Efficiency's tooltip by keys")
    g.screenshot("gauge-tip-by-keys")
    turn, chosen = p["turn"], p["chosen"]
    p = g.key("Return")
    assert (p["top"], p["turn"], p["chosen"]) == ("dashboard", turn, chosen), "Enter on a gauge did something"
    p = g.key("Right")
    assert next(b for b in p["buttons"] if b["focused"])["id"], "Right from a gauge did not go back to the cards"


def test_gauge_tips_fit_a_small_window(game):
    g = game("startup", "--seed", "1", "--size", "1024x600")
    p = _first_turn_played(g)
    _check_gauge_tips(g, p, "gauge-tips-small")
