"""Starting the graphical game from the command line (normal play and autoplay)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..views.saves import RESULT_READY


def prepare_environment(autoplay: bool) -> None:
    """Quiet pygame's banner (stdout must stay clean for JSON) and go headless when there is no display."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    no_display = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or
                                                           os.environ.get("WAYLAND_DISPLAY"))
    if autoplay and no_display:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    if autoplay:
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"window size '{text}' should look like 1280x720") from None
    if not (640 <= w <= 7680 and 480 <= h <= 4320):
        raise ValueError(f"window size '{text}' is out of range")
    return w, h


def run_window(session=None, scenario: str | None = None, seed: int | None = None, size=None,
               autoplay: str | None = None, screenshots: Path | None = None, save_path: Path | None = None,
               input_mode: str = "mouse", session_path: Path | None = None, difficulty: str | None = None):
    """Open the window and play until it closes; returns the app (its session holds the game)."""
    prepare_environment(autoplay is not None)
    import pygame

    from .app import App
    from .pilot import Pilot
    from .scenes.title import TitleScene

    try:
        app = App(size=size, save_path=save_path, fps=0 if autoplay else 60, sound=autoplay is None)
        app.pending_scenario, app.pending_seed, app.pending_difficulty = scenario, seed, difficulty
        if autoplay:
            app.pilot = Pilot(autoplay, scenario, screenshots, input_mode)
        app.push(TitleScene(app))
        if session is not None:
            app.start(session, session_path)  # a loaded game is saved back into its file
        app.run()
        return app
    finally:
        pygame.quit()


def run_from_args(args, session=None, session_path: Path | None = None) -> int:
    """`leadsim play` without --text; with --autoplay, print the bot's result JSON when the game ends.

    `session` is a game made by the caller (a workshop game, a practice copy), played instead of the title
    screen's choice; `session_path` the file it is saved in (a practice copy's own).
    """
    from .. import saves
    from ..cli import UsageError
    from ..scenario.loader import load

    if args.screenshots and not args.autoplay:
        raise UsageError("--screenshots needs --autoplay")
    if args.autoplay:
        from ..model.bots import policy

        try:
            policy(args.autoplay)
        except KeyError as exc:
            raise UsageError(exc.args[0]) from None
        if args.load:
            raise UsageError("--autoplay starts a new game; it cannot be combined with --load")
    size = _size(args)
    if session is None and args.load:
        session = saves.load(Path(args.load))
    scenario = args.scenario
    if scenario is not None:
        load(scenario)  # a bad name or file fails here with the usual message, before a window opens
    elif args.autoplay:
        scenario = "scaleup"
    seed = args.seed if args.seed is not None else (1 if args.autoplay else None)
    app = run_window(session=session, scenario=scenario, seed=seed, size=size, autoplay=args.autoplay,
                     screenshots=Path(args.screenshots) if args.screenshots else None,
                     save_path=Path(args.save) if args.save else None, input_mode=args.input,
                     session_path=session_path or (Path(args.load) if args.load and not args.save else None),
                     difficulty=args.difficulty)
    if app.session is not None and app.session.done and not args.autoplay:
        from ..workshop.handin import result_path

        where = result_path(app.session)
        if where is not None and where.exists():
            print(RESULT_READY, where)
    if app.interrupted:
        return 130
    if args.autoplay:
        from ..autoplay import result_json

        if app.session is None or not app.session.done:
            raise UsageError("autoplay stopped before the game ended")
        print(result_json(app.session, args.autoplay))
    return 0


def _size(args):
    from ..cli import UsageError

    try:
        return parse_size(args.size)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
