"""The picker opens on the scenario the player last started there (s6 player 2: it always opened on
Scale-up), kept in the user folder's settings.json; a scenario on the command line still wins. The file is
hostile input: a number, a path or a name that is no built-in scenario is ignored (the tutorial then, as on
a first start: s7 player 3)."""

import json


def _selected_scenario(p) -> list[str]:
    return [b["text"] for b in p["buttons"] if b["scene"] == "briefing" and b["selected"]][0]


def test_the_picker_opens_on_the_scenario_last_started(game, tmp_path):
    g = game("--size", "1280x720")
    g.wait_top("title")
    p = g.key("Return")  # New game
    assert _selected_scenario(p).startswith("Tutorial")  # a first game: the tutorial (s7 player 3)
    p = g.click("Startup")
    assert _selected_scenario(p) == "Startup"
    g.key("Return")  # Start (the focus went there)
    g.wait_top("phase")
    settings = json.loads((g.save_dir / "settings.json").read_text())
    assert settings["last_scenario"] == "startup"
    g.close()
    g.wait_exit()

    g2 = game("--size", "1280x720", name="again")  # the same user folder: a new start of the game
    g2.wait_top("title")
    p = g2.click("New game")
    assert p["top"] == "briefing", p["stack"]
    assert _selected_scenario(p) == "Startup", [b["text"] for b in p["buttons"] if b["selected"]]
    g2.screenshot("picker-remembers-startup")


def test_a_hostile_last_scenario_is_ignored(game, tmp_path):
    """(Every kind of bad value: tests/test_last_scenario.py.)"""
    folder = tmp_path / "data" / "leadsim"
    folder.mkdir(parents=True)
    (folder / "settings.json").write_text(json.dumps({"last_scenario": "../../etc/passwd", "sound": False}))
    g = game("--size", "1024x600")
    g.wait_top("title")
    p = g.click("New game")
    assert p["top"] == "briefing" and _selected_scenario(p).startswith("Tutorial")
