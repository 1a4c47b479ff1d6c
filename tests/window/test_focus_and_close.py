"""Two stumbles and closing mid-turn, in the real window: the focus ring does not stay on last turn's
card, a refused card's reason is never drawn over a tooltip, and closing the window mid-turn keeps the
cards picked so far: they come back on Continue (issue 10 point 9)."""

import time

from flows import new_game_by_keys, through_overlays_by_keys


def test_no_ring_from_last_turn_and_no_reason_over_a_tooltip(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    new_game_by_keys(g)
    g.key("1", "3")
    p = through_overlays_by_keys(g, g.key("e"))
    assert p["top"] == "dashboard" and p["turn"] == 1
    assert p["ring"] is None, "the focus ring stayed on last turn's card"
    p = g.key("Right")  # the keys bring it back where they move it
    assert p["ring"] is not None

    g.hover(id="share_vision")  # resting after turn 1: the pointer rests on it, its tooltip opens
    g.wait(lambda q: q["tooltips"] and not q["show_focus"], what="the resting card's tooltip")
    p = g.click_here()
    assert p["notice"] and p["notice"]["card"] == "share_vision"
    assert p["tooltips"] == [], "the reason is drawn over a tooltip"
    time.sleep(1.0)  # the pointer still rests on the card: no tooltip comes back over the reason
    p = g.probe()
    assert p["notice"] and p["tooltips"] == []
    g.screenshot("reason-no-tip")
    g.hover(id="organize")  # the player moves on: that card's tooltip, and the reason goes
    p = g.wait(lambda q: q["tooltips"], what="the next card's tooltip")
    assert p["notice"] is None
    g.screenshot("next-tip")


def test_closing_mid_turn_keeps_the_cards_and_continue_brings_them_back(game, tmp_path):
    g = game("tutorial", "--seed", "229453", "--size", "1024x600")
    new_game_by_keys(g)
    p = g.key("2", "6")
    assert p["chosen"] == ["inspire", "organize"] and p["turn"] == 0
    g.close()  # the window manager's close button, before a turn was ever played
    assert g.wait_exit() == 0
    assert g.autosave()["draft"] == {"actions": ["inspire", "organize"], "choice": None}
    assert g.out_text() == "" and "warn" not in g.err_text().lower()

    g.start("tutorial", "--size", "1024x600")
    g.wait_top("title")
    p = g.click("Continue")
    p = through_overlays_by_keys(g, p)
    assert p["top"] == "dashboard" and p["turn"] == 0 and p["chosen"] == ["inspire", "organize"]
    selected = sorted(b["id"] for b in p["buttons"] if b["scene"] == "dashboard" and b["selected"])
    assert selected == ["inspire", "organize"]
    g.screenshot("continued")
    p = g.key("e")
    assert g.autosave()["log"] == [{"actions": ["inspire", "organize"], "choice": None}]
    assert "draft" not in g.autosave()
