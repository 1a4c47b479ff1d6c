"""A whole tutorial game in the real window, once by keys and once by mouse: every event answered once,
cards picked after each event, the autosave holding every decision."""

CARD_KEYS = [str(i) for i in range(1, 10)] + ["0", "z", "x", "c", "v", "b"]


def _cards(p):
    return [b for b in p["buttons"] if b["scene"] == "dashboard" and b["id"]]


def _play(g, by_mouse):
    from flows import new_game_by_keys

    p = new_game_by_keys(g)
    answered = 0
    for _ in range(200):
        top = p["top"]
        if top == "debrief":
            return g.wait_top("debrief"), answered  # its busy notice first, then the debrief
        if top == "event":
            p = g.click("1.") if by_mouse else g.key("1")
            assert p["top"] != "event", "the answered event dialog is still open"
            answered += 1
        elif top == "dashboard":
            free = [(n, b) for n, b in enumerate(_cards(p)) if b["enabled"]][:2]
            for n, b in free:
                p = g.click(id=b["id"]) if by_mouse else g.key(CARD_KEYS[n])
            assert len(p["chosen"]) >= min(1, len(free)), "a card pick after the event was lost"
            p = g.click("End turn") if by_mouse else g.key("e")
        elif top == "confirm":
            p = g.click("End the turn") if by_mouse else g.key("e")
        elif top in ("report", "phase"):
            p = g.click("Continue") if by_mouse and any(b["text"] == "Continue" for b in p["buttons"]
                                                        if b["scene"] == top) else g.key("Return")
        else:
            raise AssertionError(f"unexpected screen {p['stack']}")
    raise AssertionError("the game did not end")


def _check(g, p, answered):
    g.screenshot("debrief")
    mine = [b for b in g.probe()["buttons"] if b["scene"] == "debrief"]
    assert [b["text"] for b in mine if b["focused"]] == [b["text"] for b in mine if b["primary"]] == ["Review my game"]
    save = g.autosave()
    assert save["turn"] == 12 and len(save["log"]) == 12
    assert sum(1 for d in save["log"] if d["choice"]) == answered >= 1
    assert all(d["actions"] for d in save["log"]), "a turn was decided without the cards picked for it"


def test_a_whole_tutorial_game_by_keys(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p, answered = _play(g, by_mouse=False)
    _check(g, p, answered)


def test_a_whole_tutorial_game_by_mouse(game):
    g = game("tutorial", "--seed", "229453", "--size", "1024x600")
    p, answered = _play(g, by_mouse=True)
    _check(g, p, answered)
