"""A new game in the window keeps the game in progress under Load and says so before the new game starts
(in a notice over its first screen, never inside its first turn's report: player s6 finding 14)."""

from game import saves
from game.session import Decision
from game.userdata import autosave_path, data_dir
from game.ui.scenes.notice import NoticeScene
from game.ui.scenes.report import ReportScene
from game.views.report import turn_report

from ui_helpers import new_session, run_frames


def test_new_game_keeps_the_one_in_progress(make_app, home):
    old = new_session("tutorial", 1)
    old.decide(Decision((), old.default_decision().choice))
    saves.save(old, autosave_path())
    app = make_app()
    app.start(new_session("tutorial", 2))
    run_frames(app, 2)
    assert isinstance(app.top, NoticeScene)  # before anything is played in the new game
    assert app.kept is not None and app.kept.parent == data_dir() / "saves"
    assert "The game you had in progress was kept" in app.top.widgets[1].html_text and app.kept.stem in app.top.text
    app.pop()
    report = app.decide(Decision((), app.session.default_decision().choice))
    assert saves.load(app.kept).seed == 1 and saves.load(autosave_path()).seed == 2
    scene = ReportScene(app, turn_report(app.session, report))
    app.push(scene)
    run_frames(app, 2)
    assert "kept" not in scene.widgets[1].html_text  # the new game's report is about the new game only
    app.decide(Decision((), app.session.default_decision().choice))  # the same game: nothing more is moved
    assert len(list((data_dir() / "saves").glob("*.json"))) == 1


def _finish(app):
    while not app.session.done:
        app.decide(Decision((), app.session.default_decision().choice))


def test_saving_the_result_keeps_one_save_of_the_game(make_app, home):
    """One game, one entry under Load: 'Save the result' wrote the finished tutorial to a save of its own
    while the autosave held it too, and the next game moved that copy aside as 'tutorial-finished-...', so
    Load listed the same game twice."""
    from game.ui.scenes.debrief import DebriefScene

    app = make_app()
    app.start(new_session("tutorial", 1))
    _finish(app)
    scene = DebriefScene(app)
    scene.save_result()
    (saved,) = saves.list_saves()
    assert str(saved.path) == scene.saved_to and saved.finished and saved.seed == 1
    assert len(list((data_dir() / "results").glob("*.json"))) == 1  # the result summary beside it
    app.start(new_session("tutorial", 2))  # the next game takes the autosave: nothing of game 1 to move
    app.decide(Decision((), app.session.default_decision().choice))
    assert app.kept is None
    assert sorted((i.seed, i.finished) for i in saves.list_saves()) == [(1, True), (2, False)]


def test_a_take_back_after_saving_the_result_leaves_the_saved_result_as_it_was(make_app, home):
    from game.ui.scenes.debrief import DebriefScene

    app = make_app()
    app.start(new_session("tutorial", 1))
    _finish(app)
    scene = DebriefScene(app)
    scene.save_result()
    before = open(scene.saved_to, "rb").read()
    app.take_back()  # practice goes on in the autosave, as a game of its own
    assert open(scene.saved_to, "rb").read() == before
    assert sorted(i.turn for i in saves.list_saves()) == [11, 12]


def test_a_window_crowded_out_of_the_autosave_says_so_on_screen(make_app, home):
    """s6 player 2, 7: with a terminal game running, the window's game went to a file of its own and only
    the launching terminal's stderr said so. Now a notice over the new game's start says it, and where."""
    other = saves.SaveSlot(autosave_path(), data_dir() / "saves", shared=True)  # another Leadsim's game
    other.take(new_session("scaleup", 5))
    try:
        app = make_app()
        app.start(new_session("tutorial", 2))
        run_frames(app, 2)
        assert isinstance(app.top, NoticeScene) and app.slot.crowded
        assert "Another Leadsim that is running now" in app.top.text and app.slot.path.stem in app.top.text
        app.pop()
        app.decide(Decision((), app.session.default_decision().choice))
        assert saves.load(app.slot.path).seed == 2 and not autosave_path().exists()  # the other's file untouched
        listed = {i.path: i for i in saves.list_saves()}
        assert app.slot.path in listed and not listed[app.slot.path].in_use  # this window's own game
    finally:
        other.close()


def test_a_window_game_that_ends_leaves_the_autosave_for_a_file_of_its_own(make_app, home):
    app = make_app()
    app.start(new_session("tutorial", 1))
    _finish(app)
    assert not autosave_path().exists() and app.slot.path.parent == data_dir() / "saves"
    assert saves.load(app.slot.path).done and app.slot.path.stem.startswith("tutorial-seed1-")
