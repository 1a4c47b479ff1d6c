"""A new game in the window keeps the game in progress under Load and says so in the first report."""

from game import saves
from game.session import Decision
from game.userdata import autosave_path, data_dir
from game.ui.scenes.report import ReportScene
from game.views.report import turn_report

from ui_helpers import new_session, run_frames


def test_new_game_keeps_the_one_in_progress(make_app, home):
    old = new_session("tutorial", 1)
    old.decide(Decision((), old.default_decision().choice))
    saves.save(old, autosave_path())
    app = make_app()
    app.start(new_session("tutorial", 2))
    report = app.decide(Decision((), app.session.default_decision().choice))
    assert app.kept is not None and app.kept.parent == data_dir() / "saves"
    assert saves.load(app.kept).seed == 1 and saves.load(autosave_path()).seed == 2
    scene = ReportScene(app, turn_report(app.session, report))
    app.push(scene)
    run_frames(app, 2)
    assert "The game you had in progress was kept" in scene.widgets[1].html_text
    app.decide(Decision((), app.session.default_decision().choice))  # the same game: nothing more is moved
    assert len(list((data_dir() / "saves").glob("*.json"))) == 1
