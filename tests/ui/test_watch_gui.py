"""Hot reload in the window: a save swaps the game, a broken file shows its problems, a fix resumes play."""

import shutil
from pathlib import Path

import pygame
import pytest

from game.scenario.loader import load
from game.session import Decision, Session
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.title import TitleScene
from game.ui.watch import GuiWatch, ProblemsScene

from ui_helpers import leaf_widgets, run_frames
from tests.kit import FakeClock as Clock

ROOT = Path(__file__).resolve().parents[2]
VISION = "effects: {morale: 5, trust: 3}"


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "my_team.yaml"
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", path)
    return path


def watching_app(make_app, scenario, turns=2):
    app = make_app()
    clock = Clock()
    session = Session(load(str(scenario)), 4)
    for acts in [("share_vision", "organize"), ("inspire", "coach"), ("empower", "set_goals")][:turns]:
        session.decide(Decision(acts, session.event.choices[0].id if session.event else None))
    app.push(TitleScene(app))
    app.watch = GuiWatch(app, scenario, 4, clock=clock, known_sha256=session.loaded.sha256)
    app.start(session)
    run_frames(app, 3)
    return app, clock


def settle(app, clock, frames=3):
    """Let the watcher see a save and let it settle (the clock is fake: no sleeping)."""
    for _ in range(frames):
        clock.now += 0.5
        app.frame()


def write(path: Path, old: str, new: str, base: str | None = None) -> None:
    text = base if base is not None else path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_valid_save_swaps_the_game_and_says_so(make_app, scenario):
    app, clock = watching_app(make_app, scenario)
    old = app.session
    write(scenario, VISION, "effects: {morale: 15, trust: 3}")
    settle(app, clock)
    assert app.session is not old and app.session.log == old.log
    assert app.session.value("morale") > old.value("morale")
    assert isinstance(app.stack[0], DashboardScene) and app.stack[0].session is app.session
    assert app.watch.notice.startswith("Scenario reloaded: replayed 2 of 2 turns")
    clock.now += 30
    app.frame()
    assert app.watch.notice is None  # the notice goes away by itself


def test_a_dialog_open_during_reload_is_closed(make_app, scenario):
    app, clock = watching_app(make_app, scenario)
    app.open_help()
    assert app.top.name == "help"
    write(scenario, VISION, "effects: {morale: 15, trust: 3}")
    settle(app, clock)
    assert app.top.name != "help" and isinstance(app.stack[0], DashboardScene)


def test_broken_file_shows_problems_keeps_the_game_and_resumes_when_fixed(make_app, scenario):
    app, clock = watching_app(make_app, scenario)
    good = scenario.read_text()
    old = app.session
    write(scenario, "turns: 12", "turns: many", good)
    settle(app, clock)
    assert isinstance(app.top, ProblemsScene)
    assert app.session is old  # the game is kept
    text = app.top.box.html_text
    assert f"{scenario.name} has 1 problem</b>" in text  # a heading, without the terminal's colon
    line = good.splitlines().index("turns: 12") + 1
    assert f"{scenario}:{line}:1: turns must be a whole number" in text.replace("&#x27;", "'")
    # paused: keys and Esc do not reach the dashboard
    for key in (pygame.K_e, pygame.K_ESCAPE, pygame.K_1):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=""))
        app.frame()
    assert isinstance(app.top, ProblemsScene) and app.session.turn == 2
    # a second broken save replaces the list
    write(scenario, "  - id: empower\n", "  - id: empower\n    cooldown: -3\n", good.replace("turns: 12", "turns: x"))
    settle(app, clock)
    assert sum(isinstance(s, ProblemsScene) for s in app.stack) == 1
    assert "2 problems" in app.top.box.html_text
    write(scenario, "turns: 12", "turns: 10", good)
    settle(app, clock)
    assert not any(isinstance(s, ProblemsScene) for s in app.stack)
    assert app.session is not old and app.session.turn == 2 and app.session.scenario.turns == 10
    assert "Scenario reloaded" in app.watch.notice


def test_saving_back_the_version_being_played_just_closes_the_overlay(make_app, scenario):
    app, clock = watching_app(make_app, scenario)
    good = scenario.read_text()
    old = app.session
    scenario.write_text("turns: [")
    settle(app, clock)
    assert isinstance(app.top, ProblemsScene)
    scenario.write_text(good)
    settle(app, clock)
    assert app.session is old and not isinstance(app.top, ProblemsScene)
    assert "unchanged" in app.watch.notice


def test_a_long_problem_list_scrolls(make_app, scenario):
    app, clock = watching_app(make_app, scenario)
    text = scenario.read_text()
    text += "".join(f"bogus_key_{n}: 1\n" for n in range(40))
    scenario.write_text(text)
    settle(app, clock)
    assert isinstance(app.top, ProblemsScene)
    box = app.top.box
    assert box.scroll_bar is not None  # more problems than fit: the list scrolls
    dialog = app.top.widgets[0]
    assert box.scroll_bar.sliding_button.get_top_layer() > dialog.get_top_layer()  # drawn above the dialog
    assert app.top.focus is None  # Enter does not press Quit by accident
    for w in leaf_widgets(app.top):
        assert pygame.Rect((0, 0), app.size).contains(w.rect)


def test_closing_the_window_works_while_problems_are_shown(make_app, scenario):
    app, clock = watching_app(make_app, scenario)
    scenario.write_text("turns: [")
    settle(app, clock)
    assert isinstance(app.top, ProblemsScene)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.frame()
    assert not app.running


def test_game_over_after_fewer_turns(make_app, scenario):
    app, clock = watching_app(make_app, scenario, turns=3)
    app.session.decide(Decision(("coach",), app.session.event.choices[0].id if app.session.event else None))
    write(scenario, "turns: 12", "turns: 3")
    write(scenario, "starts_at_turn: 7", "starts_at_turn: 2")
    write(scenario, "probability: 0.5", "probability: 0")  # no investors' event in the new second phase
    settle(app, clock)
    assert app.session.done and app.top.name == "debrief", app.watch.notice
    assert "replayed 3 of 4 turns; the scenario now has only 3 turns, so the game is over" in app.watch.notice


def test_an_invalid_file_at_start_waits_then_starts(make_app, scenario):
    good = scenario.read_text()
    scenario.write_text(good.replace("turns: 12", "turns: soon"))
    app = make_app()
    clock = Clock()
    app.push(TitleScene(app))
    app.watch = GuiWatch(app, scenario, 4, clock=clock)
    app.watch.waiting_to_start = True
    from game.scenario.problems import ScenarioError

    try:
        load(str(scenario))
    except ScenarioError as exc:
        app.watch.show_problems(exc)
    run_frames(app, 2)
    assert isinstance(app.top, ProblemsScene) and app.session is None
    scenario.write_text(good)
    settle(app, clock)
    assert app.session is not None and app.session.seed == 4
    assert isinstance(app.stack[0], DashboardScene)
    assert app.watch.notice.startswith("Scenario loaded")


def test_screen_of_another_scenario_is_left_alone(make_app, scenario):
    app, clock = watching_app(make_app, scenario)
    app.start(Session(load("startup"), 1))
    other = app.session
    scenario.write_text("turns: [")
    settle(app, clock)
    assert app.session is other and not isinstance(app.top, ProblemsScene)
