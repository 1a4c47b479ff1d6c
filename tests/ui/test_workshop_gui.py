"""The graphical workshop game: result file at the end, verified by replay; the turn clock."""

from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game import saves
from game.session import Session
from game.ui.pilot import Pilot, press_key
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.event import EventScene
from game.ui.scenes.help import HelpScene
from game.ui.scenes.title import TitleScene
from game.userdata import autosave_path
from game.workshop.files import create, read_workshop, write_workshop
from game.workshop.handin import workshop_meta
from game.workshop.verify import verify_all

from ui_helpers import dashboard_at_turn_start, run_frames, run_until


class FrameClock:
    """Stands in for the app's pygame clock: every frame takes `ms` milliseconds, no sleeping."""

    def __init__(self, ms: float):
        self.ms = ms

    def tick(self, *args) -> float:
        return self.ms


def workshop_game(tmp_path, team="Blue team", turn_seconds=None, scenario="tutorial", seed=4):
    path = tmp_path / "day.json"
    write_workshop(create(scenario, seed, "Leadership day", turn_seconds=turn_seconds), path)
    ws = read_workshop(path)
    session = Session(ws.load_scenario(), ws.seed, ws.difficulty)
    session.meta = workshop_meta(ws, team, path)
    return ws, session


def test_workshop_game_in_the_window_hands_in_a_verified_result(make_app, tmp_path, home):
    ws, session = workshop_game(tmp_path, turn_seconds=60)
    app = make_app((1280, 720))
    app.pilot = Pilot("adaptive", mode="mouse")
    app.push(TitleScene(app))
    app.start(session)
    run_until(app, lambda a: not a.running)
    assert app.session.done and isinstance(app.top, DebriefScene)
    where = app.top.handed_in
    assert where is not None and where.exists() and where.parent == home / "results"
    notes = next(w for w in app.top.widgets if isinstance(w, UITextBox))
    assert where.name in notes.html_text and str(where.parent) in notes.html_text
    accepted, rejected = verify_all([where], ws)
    assert not rejected and accepted[0].team == "Blue team"
    assert not any(d.timed_out for d in app.session.log)


def test_continue_keeps_the_workshop(make_app, tmp_path, home):
    ws, session = workshop_game(tmp_path)
    app = make_app()
    app.pilot = Pilot("balanced")
    app.push(TitleScene(app))
    app.start(session)
    run_until(app, lambda a: a.session.turn == 3)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    run_frames(app, 1)
    saved = saves.load(autosave_path())
    assert saved.meta["team"] == "Blue team" and saved.meta["workshop"]["name"] == "Leadership day"


def test_clock_runs_out_and_the_default_decision_is_logged(make_app, tmp_path):
    ws, session = workshop_game(tmp_path, turn_seconds=20)
    app = make_app()
    dash = dashboard_at_turn_start(app, session)
    assert session.event is None and dash.clock_rect is not None
    press_key(pygame.K_1)  # a card chosen but the turn not ended in time
    app.clock = FrameClock(500)
    run_frames(app, 20)  # 10 s
    assert session.turn == 0 and 9 <= app.turn_clock.remaining <= 11
    run_until(app, lambda a: session.turn == 1, limit=40)
    assert session.log[0].timed_out and session.log[0].actions == ()
    assert app.top.name == "report"
    text = next(w for w in app.top.widgets if isinstance(w, UITextBox)).html_text
    assert "clock ran out" in text


def test_menu_pauses_the_clock(make_app, tmp_path):
    ws, session = workshop_game(tmp_path, turn_seconds=20)
    app = make_app()
    dashboard_at_turn_start(app, session)
    app.clock = FrameClock(1000)
    run_frames(app, 5)
    left = app.turn_clock.remaining
    press_key(pygame.K_ESCAPE)  # the menu and help overlay
    run_frames(app, 60)
    assert isinstance(app.top, HelpScene) and session.turn == 0 and app.turn_clock.remaining == left
    press_key(pygame.K_ESCAPE)
    run_frames(app, 3)
    assert app.turn_clock.remaining < left


def test_clock_runs_out_during_an_event(make_app, tmp_path):
    from game.autoplay import bot_decision

    ws, session = workshop_game(tmp_path, turn_seconds=15, scenario="scaleup", seed=3)
    while session.event is None:
        session.decide(bot_decision(session, "adaptive"))
    turn, event = session.turn, session.event
    app = make_app()
    dashboard_at_turn_start(app, session)
    run_frames(app, 2)
    assert isinstance(app.top, EventScene)
    app.clock = FrameClock(1000)
    run_until(app, lambda a: session.turn == turn + 1, limit=40)
    last = session.log[-1]
    assert last.timed_out and last.actions == () and last.choice == event.choices[0].id
    assert not any(isinstance(s, EventScene) for s in app.stack)


def test_workshop_play_without_text_opens_the_window(tmp_path, monkeypatch):
    """`leadsim play --workshop F --team T` goes to the graphical game (here driven by --autoplay)."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, LEADSIM_HOME=str(tmp_path / "home"), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    write_workshop(create("tutorial", 9, "Day two", turn_seconds=30), tmp_path / "w.json")
    r = subprocess.run([sys.executable, "-m", "game", "play", "--workshop", str(tmp_path / "w.json"), "--team",
                        "Red", "--autoplay", "balanced"], capture_output=True, text=True, env=env, cwd=root,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["seed"] == 9
    result = tmp_path / "home" / "results" / "day-two-red.json"
    accepted, rejected = verify_all([result], read_workshop(tmp_path / "w.json"))
    assert accepted and not rejected
