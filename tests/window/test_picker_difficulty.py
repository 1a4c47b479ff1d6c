"""The picker starts on the scenario's own difficulty and says why (fresh 14): the tutorial, a first
game, on Guided; the player's choice, by keys in the picker or by --difficulty, wins. No tooltip of the
button the focus rests on covers the briefing, whose last line is the goal (a new player's s4 finding 9)."""

import time

import pygame


def _picker_selection(p) -> list[str]:
    return [b["text"] for b in p["buttons"] if b["scene"] == "briefing" and b["selected"]]


def test_the_tutorial_starts_on_guided_says_why_and_the_players_choice_wins(game):
    g = game("tutorial", "--seed", "3", "--size", "1024x600")
    g.wait_top("title")
    p = g.key("Return")  # New game
    assert p["top"] == "briefing" and _picker_selection(p)[-1] == "Guided", _picker_selection(p)
    assert p["picker_difficulty"] == "guided" and p["difficulty_help"].startswith("This scenario starts on Guided")
    time.sleep(1.2)  # past the tooltip delay (scene.TIP_DELAY_MS) with the focus resting on Start
    p = g.probe()
    briefing = [pygame.Rect(t["rect"]) for t in p["texts"]]
    others = [pygame.Rect(b["rect"]) for b in p["buttons"] if b["scene"] == "briefing" and not b["focused"]]
    for tip in map(pygame.Rect, p["tooltips"]):
        assert tip.collidelist(briefing + others) < 0, f"a tooltip {tip} covers the briefing or a button"
    g.screenshot("picker-tutorial-guided")
    p = g.key("Up", "Left", "Left", "Right", "Return")  # the difficulty row, to Standard: the player's choice
    assert _picker_selection(p)[-1] == "Standard" and p["picker_difficulty"] == "standard"
    assert "This scenario starts" not in p["difficulty_help"]
    g.key("Return")  # Start
    p = g.wait_top("phase")
    assert p["difficulty"] == "standard"


def test_difficulty_on_the_command_line_wins_over_the_scenarios(game):
    g = game("tutorial", "--seed", "3", "--difficulty", "expert", "--size", "1024x600")
    g.wait_top("title")
    p = g.key("Return")
    assert _picker_selection(p)[-1] == "Expert" and "This scenario starts" not in p["difficulty_help"]
    g.key("Return")
    assert g.wait_top("phase")["difficulty"] == "expert"
