"""Ending a turn with points left asks first (once a turn, can be switched off); a refused card says why."""

from flows import new_game_by_keys, through_overlays_by_keys


def test_ending_a_turn_with_points_left_asks_once_and_settings_switch_it_off(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p = new_game_by_keys(g)
    p = g.key("1")
    p = g.key("e")
    assert p["top"] == "confirm" and p["turn"] == 0, "E with a point left should ask, not end the turn"
    g.screenshot("confirm")
    p = g.key("Escape")
    assert p["stack"] == ["dashboard"] and p["turn"] == 0 and p["chosen"] == ["share_vision"]
    p = g.key("e")  # asked once this turn: now it ends
    assert p["turn"] == 1 and p["top"] == "report"
    assert g.autosave()["log"] == [{"actions": ["share_vision"], "choice": None}]
    p = through_overlays_by_keys(g, p)

    p = g.click("End turn")  # the button asks too, and E in the question confirms
    assert p["top"] == "confirm" and p["turn"] == 1
    p = g.key("e")
    assert p["turn"] == 2 and g.autosave()["log"][-1] == {"actions": [], "choice": None}
    p = through_overlays_by_keys(g, p)

    p = g.click("Menu")
    p = g.click("Settings")
    assert p["top"] == "settings"
    p = g.click("Don't ask again")
    g.screenshot("settings-dont-ask")
    p = g.click("Back")
    p = g.key("Escape") if p["top"] == "help" else p
    assert p["stack"] == ["dashboard"], p["stack"]
    p = g.key("e")
    assert p["turn"] == 3, "with the question switched off, E ends the turn at once"
    settings = (g.save_dir / "settings.json").read_text()
    assert '"confirm_end_turn": false' in settings


def test_a_refused_card_says_why_on_the_card(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p = new_game_by_keys(g)
    g.key("1", "3")
    p = through_overlays_by_keys(g, g.key("e"))
    card = next(b for b in p["buttons"] if b["id"] == "share_vision")
    assert not card["enabled"]  # resting after turn 1
    before = g.screenshot("before-refusal")
    p = g.key("1")
    notice = p["notice"]
    assert notice and notice["card"] == "share_vision" and "resting" in notice["text"], p
    shot = g.screenshot("refused-by-key")
    x, y, w, h = notice["rect"]
    cx, cy, cw, ch = card["rect"]
    assert abs((y if y > cy else y + h) - (cy + ch if y > cy else cy)) < 20, "the reason sits right by its card"
    changed = sum(before.get_at((x + i, y + h // 2)) != shot.get_at((x + i, y + h // 2)) for i in range(0, w, 4))
    assert changed > w // 8, "the reason is not drawn where the notice says"
    p = g.key("Escape")
    p = g.key("Escape")
    p = g.click(id="share_vision")  # clicking a resting card answers too
    assert p["notice"] and p["notice"]["card"] == "share_vision"
    g.screenshot("refused-by-click")
