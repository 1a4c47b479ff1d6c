"""Fresh player s7/3 finding 12: "Process matur… near the loss line" was cut off under 'Hidden drivers at
stake'. In the real window at the player's size (1280x800), a driver's name and its standing are drawn
whole: a name too long to sit beside its word takes a line of its own."""

from game import saves
from game.scenario.loader import load
from game.session import Decision, Session
from game.views.dashboard import dashboard


def test_a_long_standing_leaves_the_drivers_name_whole(game, tmp_path):
    s = Session(load("tutorial"), 229453, "guided")
    for acts in (("share_vision", "empower"), ("inspire", "empower"), ("coach", "empower")):
        s.decide(Decision(acts))
    view = dashboard(s)
    words = {g_.word for g_ in view.hidden_goals}
    assert any(w.startswith("near the loss line, below ") for w in words), words  # the long word, with its line
    path = tmp_path / "near.json"
    saves.save(s, path)
    g = game("--load", str(path), "--size", "1280x800")
    p = g.wait(lambda q: q.get("top") in ("dashboard", "event"), what="the dashboard or its event")
    if p["top"] == "event":
        p = g.key("1")  # answering changes nothing until the turn ends
    assert p["top"] == "dashboard", p["stack"]
    g.screenshot("stakes-near-loss-line")
    assert p["stakes"] == [g_.text for g_ in view.hidden_goals], p["stakes"]
