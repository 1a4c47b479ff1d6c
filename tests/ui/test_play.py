"""Whole games through the real UI: by keyboard only, by mouse only, autosave and continue, autoplay JSON."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame

from game import saves
from game.autoplay import play_bot, result_json
from game.ui.pilot import Pilot, click
from game.ui.scenes.dashboard import DashboardScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.title import TitleScene
from game.userdata import autosave_path

from ui_helpers import dashboard_at_turn_start, new_session, run_frames, run_until

ROOT = Path(__file__).resolve().parents[2]


def play_through_ui(make_app, scenario, seed, policy, mode, size=(1024, 600)):
    app = make_app(size)
    app.pending_scenario, app.pending_seed = scenario, seed
    app.pilot = Pilot(policy, scenario, mode=mode)
    app.push(TitleScene(app))
    run_until(app, lambda a: not a.running)
    return app


def test_keyboard_only_game_to_the_end(make_app):
    app = play_through_ui(make_app, "startup", 5, "balanced", "keyboard")
    assert app.pilot.finished and app.session.done
    assert isinstance(app.top, DebriefScene)
    expected = play_bot(new_session("startup", 5), "balanced")
    assert result_json(app.session, "balanced") == result_json(expected, "balanced")


def test_mouse_only_game_to_the_end(make_app):
    app = play_through_ui(make_app, "mature", 2, "random", "mouse", size=(1280, 720))
    assert app.pilot.finished and app.session.done
    expected = play_bot(new_session("mature", 2), "random")
    assert result_json(app.session, "random") == result_json(expected, "random")


def test_number_keys_pick_cards_and_e_ends_the_turn(make_app):
    app = make_app()
    dash = dashboard_at_turn_start(app, new_session("scaleup", 3))
    for key in (pygame.K_1, pygame.K_3):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    run_frames(app, 2)
    assert dash.chosen == [dash.order[0].id, dash.order[2].id]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_e, mod=0, unicode="e", scancode=0))
    run_frames(app, 2)
    assert app.top.name == "confirm" and app.session.turn == 0  # a point is left: asked first
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_e, mod=0, unicode="e", scancode=0))
    run_frames(app, 2)
    assert app.session.turn == 1
    assert app.top.name == "report"
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
    run_frames(app, 2)
    assert app.top is dash or app.top.name == "event"


def test_autosave_every_turn_and_continue_resumes_exactly(make_app, home):
    app = make_app()
    app.pending_scenario, app.pending_seed = "scaleup", 11
    app.pilot = Pilot("adaptive", "scaleup")
    app.push(TitleScene(app))
    run_until(app, lambda a: a.session is not None and a.session.turn == 4)
    assert saves.load(autosave_path()).turn == 4
    digest = app.session.state.digest()
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # closing the window mid-game
    run_frames(app, 1)
    assert not app.running
    pygame.quit()

    app2 = make_app()
    title = TitleScene(app2)
    app2.push(title)
    run_frames(app2, 2)
    cont = next(b for b in title.focusables if b.text.startswith("Continue"))
    assert cont.is_enabled
    click(cont)
    run_until(app2, lambda a: a.session is not None)
    assert app2.session.turn == 4 and app2.session.state.digest() == digest
    assert any(isinstance(s, DashboardScene) for s in app2.stack)


def test_autoplay_command_prints_the_same_json_as_simulate(tmp_path):
    env = dict(os.environ, LEADSIM_HOME=str(tmp_path / "home"), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    shots = tmp_path / "shots"
    cmd = [sys.executable, "-m", "game"]
    play = subprocess.run(cmd + ["play", "scaleup", "--seed", "7", "--autoplay", "adaptive", "--screenshots",
                                 str(shots)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    sim = subprocess.run(cmd + ["simulate", "scaleup", "--policy", "adaptive", "--seed", "7", "--json"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert play.returncode == 0, play.stderr
    assert play.stdout == sim.stdout
    json.loads(play.stdout)
    names = {p.stem.split("-", 1)[1] for p in shots.glob("*.png")}
    assert {"briefing", "dashboard", "event", "phase", "report", "debrief"} <= names
    # the finished game left the autosave for a file of its own (saves.SaveSlot)
    (finished,) = (tmp_path / "home" / "saves").glob("scaleup-seed7-*.json")
    assert not (tmp_path / "home" / "autosave.json").exists() and saves.load(finished).done


def test_autoplay_rejects_unknown_policy(tmp_path):
    env = dict(os.environ, LEADSIM_HOME=str(tmp_path), SDL_VIDEODRIVER="dummy")
    r = subprocess.run([sys.executable, "-m", "game", "play", "--autoplay", "nosuchbot"], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 2 and "unknown policy" in r.stderr and r.stdout == ""


def test_a_click_is_handled_and_drawn_in_the_frame_it_arrives(make_app):
    app = make_app()
    dash = dashboard_at_turn_start(app, new_session("scaleup", 3))
    run_frames(app, 2)
    b = next(b for b in dash.card_buttons.values() if b.is_enabled)
    click(b)
    app.frame()  # one frame: the mouse-up, the button's press event and the redraw
    assert len(dash.chosen) == 1 and dash.card_buttons[dash.chosen[0]] is b
    assert b.is_selected


def test_cards_after_the_ninth_have_keys_too(make_app):
    from game.ui.scenes.dashboard import card_key

    app = make_app()
    dash = dashboard_at_turn_start(app, new_session("scaleup", 3))
    assert len(dash.order) == 15
    assert [card_key(n) for n in range(9, 15)] == ["0", "Z", "X", "C", "V", "B"]
    free = [n for n, a in enumerate(dash.order) if n >= 9 and dash.card_buttons[a.id].is_enabled]
    n = free[0]
    key = getattr(pygame, f"K_{card_key(n).lower()}")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    run_frames(app, 1)
    assert dash.chosen == [dash.order[n].id]


def test_turn_end_updates_the_cards_in_place(make_app):
    app = make_app()
    dash = dashboard_at_turn_start(app, new_session("tutorial", 1))
    before = dict(dash.card_buttons)
    first = dash.order[0].id
    dash.toggle(first)
    dash.end_turn()
    assert dash.card_buttons == before and not any(b.is_selected for b in before.values())
    for a in dash.order:  # availability follows the new turn (cool-downs)
        assert before[a.id].is_enabled == (app.session.unavailable_reason(a.id) is None)


def test_rich_text_headings_grow_with_the_large_text_setting():
    from game.ui import theme as T

    small = T.scale_headings("<font size=5>Hi</font>", T.ui_scale((1280, 720), "normal"))
    large = T.scale_headings("<font size=5>Hi</font>", T.ui_scale((1280, 720), "large"))
    size = lambda s: int(s.split("pixel_size=")[1].split(">")[0])  # noqa: E731
    assert size(large) > size(small) >= 18


def test_an_answer_closes_the_event_dialog_once(make_app):
    """Answering used to pop the dialog before the answer was kept, so the dashboard opened a second copy."""
    from game.session import Decision

    app = make_app()
    session = new_session("scaleup", 3)
    while session.event is None:
        session.decide(Decision((), None))
    dash = dashboard_at_turn_start(app, session)
    assert [s.name for s in app.stack] == ["dashboard", "event"]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_2, mod=0, unicode="2", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1", scancode=0))
    run_frames(app, 2)
    assert [s.name for s in app.stack] == ["dashboard"]
    assert dash.choice == session.event.choices[1].id and dash.chosen == [dash.order[0].id]
