"""Fresh 14: a scenario's own default difficulty (`default_difficulty`, the tutorial's is Guided: a
first game), used wherever a new game starts, with the player's explicit choice winning, and one
difficulty for every team of a workshop."""

from __future__ import annotations

import io

import pytest

from game.cli import main
from game.views import prompts as say
from game.workshop.files import read_workshop


@pytest.mark.parametrize("argv, guided", [(["tutorial"], True), (["tutorial", "--difficulty", "standard"], False),
                                          (["scaleup"], False)])
def test_a_new_terminal_game_starts_on_the_scenarios_default_unless_the_player_chooses(argv, guided, capsys,
                                                                                       monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["play", *argv, "--seed", "3", "--text"]) == 0
    out = capsys.readouterr().out
    assert (f"{say.DRIVERS_HEADING}:" in out) is guided, out[-1500:]  # Guided shows the hidden drivers


def test_a_workshop_fixes_one_difficulty_for_every_team(tmp_path, capsys):
    tutorial, standard = tmp_path / "tutorial.json", tmp_path / "standard.json"
    assert main(["workshop", "new", "--scenario", "tutorial", "--seed", "1", "--name", "Day", "--out",
                 str(tutorial)]) == 0
    assert main(["workshop", "new", "--scenario", "tutorial", "--seed", "1", "--name", "Day", "--difficulty",
                 "standard", "--out", str(standard)]) == 0
    assert "difficulty guided" in capsys.readouterr().out
    assert read_workshop(tutorial).difficulty == "guided" and read_workshop(standard).difficulty == "standard"
    for extra in (["--text"], ["--hotseat", "A,B"]):  # a participant cannot play another one
        team = [] if "--hotseat" in extra else ["--team", "Blue"]
        code = main(["play", "--workshop", str(tutorial), *team, "--difficulty", "expert", *extra])
        err = capsys.readouterr().err.strip()
        assert code != 0 and err.endswith("a workshop fixes the difficulty for every team; drop --difficulty")
        assert len(err.splitlines()) == 1 and "Traceback" not in err
