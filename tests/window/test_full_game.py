"""A whole tutorial game in the real window, once by keys and once by mouse: every event answered once,
cards picked after each event, the game's save holding every decision."""

import json

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


def _check_mix_colours(g, surf):
    """The debrief's mix bars: each share in the report's colour for its kind, its letter readable on it."""
    from game import charts

    bars = g.probe()["mix_bars"]
    assert bars and all(bars), "no mix bar drawn"
    kinds = {"L": "leadership", "M": "management", "D": "development"}
    for bar in bars:
        for share in bar:
            x, y, w, h = share["rect"]
            fill = charts.hex_rgb(charts.CATEGORY_COLOUR[kinds[share["label"][0]]])
            assert tuple(surf.get_at((x + 1, y + 1)))[:3] == fill, share
            if share["label_shown"]:
                ink = max((tuple(surf.get_at((i, j)))[:3] for i in range(x + 2, x + w - 2) for j in range(y, y + h)),
                          key=lambda c: charts.contrast(c, fill))
                assert charts.contrast(ink, fill) >= 4.5, (share, ink)


def _check(g, p, answered):
    _check_mix_colours(g, g.screenshot("debrief"))
    mine = [b for b in g.probe()["buttons"] if b["scene"] == "debrief"]
    assert [b["text"] for b in mine if b["focused"]] == [b["text"] for b in mine if b["primary"]] == ["Review my game"]
    # finished, the game left the autosave for a file of its own (saves.SaveSlot)
    assert not (g.save_dir / "autosave.json").exists()
    (path,) = (g.save_dir / "saves").glob("tutorial-seed229453-*.json")
    save = json.loads(path.read_text(encoding="utf-8"))
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
