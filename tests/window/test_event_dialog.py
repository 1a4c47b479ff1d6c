"""An event is answered once, in a real window: the dialog closes and the next keys reach the dashboard."""

from flows import new_game_by_keys, play_turn_by_keys, through_overlays_by_keys, top_bar_brightness


def test_an_answered_event_closes_and_the_next_keys_pick_cards(game):
    """The issue's reproduction, by keys: tutorial seed 229453, turn 7's 'Investors ask for numbers', answer 2."""
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p = new_game_by_keys(g)
    plain = top_bar_brightness(g.screenshot("turn1-dashboard"))
    for cards in ("13", "29", "34", "12", "37", "20"):
        p = play_turn_by_keys(g, cards)
    assert p["top"] == "event" and p["event"] == "investor_review", p["stack"]
    dimmed = top_bar_brightness(g.screenshot("turn7-event"))
    assert dimmed < plain * 0.8, "the event dialog should dim the dashboard under it"

    p = g.key("2")
    assert p["stack"] == ["dashboard"], f"the answered dialog is still open: {p['stack']}"
    answer = p["choice"]
    after = top_bar_brightness(g.screenshot("turn7-answered"))
    assert abs(after - plain) < plain * 0.1, "the screen still looks dimmed by a dialog"

    p = g.key("1", "3")
    assert p["stack"] == ["dashboard"] and p["choice"] == answer and len(p["chosen"]) == 2, p
    chosen = p["chosen"]
    p = g.key("e")
    assert p["turn"] == 7
    assert g.autosave()["log"][-1] == {"actions": chosen, "choice": answer}


def test_an_event_answered_by_click_closes_and_cards_are_picked_by_click(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p = new_game_by_keys(g)
    for cards in ("13", "29", "34", "12", "37", "20"):
        p = play_turn_by_keys(g, cards)
    assert p["top"] == "event"
    p = g.click("2.")
    assert p["stack"] == ["dashboard"], f"the answered dialog is still open: {p['stack']}"
    first = next(b for b in p["buttons"] if b["id"] and b["enabled"])
    p = g.click(id=first["id"])
    assert p["chosen"] == [first["id"]], p
    p = g.click("End turn")
    assert p["top"] == "confirm", "one point is left: the game asks before ending the turn"
    p = g.click("End the turn")
    assert p["turn"] == 7 and g.autosave()["log"][-1]["actions"] == [first["id"]]


def test_hot_seat_first_card_key_after_a_phase_screen_and_an_event_counts(game):
    """Hot seat, round 7 of the tutorial (seed 229453): each team sees the phase screen, then the event."""
    g = game("tutorial", "--seed", "229453", "--hotseat", "Red,Blue", "--size", "1280x720")
    g.wait_top("handover")
    p = g.key("Return")
    assert p["stack"] == ["dashboard", "phase"]
    p = g.key("Return")
    p = g.key("1")
    assert p["chosen"] == ["share_vision"], "the first card key after the opening phase screen was lost"
    saw_phase_change = False
    for _ in range(60):  # rounds 1 to 6 for both teams, no cards: to Red's turn 7 after the phase change
        saw_phase_change |= p["top"] == "phase" and p["turn"] == 6
        if p["top"] == "event" or (p["top"] == "dashboard" and p["turn"] == 6):
            break
        p = g.key("e" if p["top"] in ("dashboard", "confirm") else "Return")
    assert saw_phase_change and p["turn"] == 6 and p["top"] == "event", p["stack"]
    p = g.key("2")
    assert p["stack"] == ["dashboard"], f"the answered dialog is still open: {p['stack']}"
    p = g.key("3")
    assert len(p["chosen"]) == 1, "the first card key after the phase screen and the event was lost"
