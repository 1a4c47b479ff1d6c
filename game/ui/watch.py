"""Hot reload in the window (`leadsim play FILE --watch`).

Every frame the app asks `GuiWatch.tick` (the file is read at most twice a
second). A valid save swaps in the game replayed on the new version and shows
a notice for a few seconds; an invalid one opens `ProblemsScene`, a modal
overlay listing every problem as FILE:LINE:COL that keeps the game paused
until a later save validates. The window can be closed at any time.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from ..scenario.loader import LoadedScenario
from ..scenario.problems import ScenarioError
from ..session import Session, starting_difficulty
from ..views import controls as C
from ..views import prompts
from ..watch import ScenarioWatcher, reload_session, same_file
from . import theme as T
from .markup import plain
from .scene import Scene
from .scenes.dialog import dialog_rect

NOTICE_SECONDS = 8.0
LONG_NOTICE_SECONDS = 16.0  # replay stopped early: more to read


class GuiWatch:
    """Watches the scenario file of the game in the window and reloads it on every valid save.

    `clock` drives the notice's timer and (unless a `watcher` is given) the file polling, so
    tests can run it without sleeping.
    """

    def __init__(self, app, path: Path, seed: int, difficulty: str | None = None,
                 watcher: ScenarioWatcher | None = None, clock=time.monotonic, known_sha256: str | None = None):
        self.app = app
        self.path = Path(path)
        self.seed = seed
        self.difficulty = difficulty  # the player's --difficulty; None: the scenario's default
        self.clock = clock
        self.watcher = watcher or ScenarioWatcher(self.path, known_sha256, clock=clock)
        self.notice: str | None = None
        self.notice_ok = True
        self.notice_until = 0.0
        self.problems: ScenarioError | None = None
        self.waiting_to_start = False  # the file was invalid when the game was started

    # --- per frame ----------------------------------------------------------------------
    def tick(self) -> None:
        if self.notice is not None and self.clock() >= self.notice_until:
            self.notice = None
        try:
            result = self.watcher.check()
        except Exception as exc:  # never let a reload take the game down
            result = ScenarioError([_problem(self.path, prompts.reload_crashed(type(exc).__name__, exc))])
        if result is None:
            return
        if isinstance(result, ScenarioError):
            self.show_problems(result)
        else:
            self.apply(result)

    def show_problems(self, error: ScenarioError) -> None:
        if not (self.waiting_to_start or same_file(self.app.session, self.path)):
            return  # no game of this file on screen (the title screen, another scenario)
        self.problems = error
        self.notice = None
        scene = self.overlay()
        if scene is not None:
            scene.problems = error.problems
            scene.rebuild()
            self.app.refresh_visibility()
        else:
            self.app.push(ProblemsScene(self.app, error.problems, self.path))

    def apply(self, loaded: LoadedScenario) -> None:
        self.problems = None
        session = self.app.session
        try:
            if self.waiting_to_start:
                new = Session(loaded, self.seed, starting_difficulty(loaded, self.difficulty))
                self.waiting_to_start = False
                message, ok = prompts.scenario_loaded(loaded.scenario.title), True
            elif same_file(session, self.path):
                if loaded.sha256 == session.loaded.sha256:
                    self.close_overlay()  # saved back to the version being played: nothing to replay
                    self.say(prompts.RELOAD_UNCHANGED, True)
                    return
                r = reload_session(session, loaded)
                new, message, ok = r.session, f"{prompts.RELOADED} {r.message}", r.complete
            else:
                self.close_overlay()
                return
        except Exception as exc:  # a bug in replay must not close the author's game
            self.show_problems(ScenarioError([_problem(self.path, prompts.replay_crashed(type(exc).__name__, exc))]))
            return
        self.app.start(new)  # a fresh dashboard (or the debrief); open dialogs close
        self.app.autosave()
        self.say(message, ok)

    def say(self, message: str, ok: bool) -> None:
        self.notice, self.notice_ok = message, ok
        self.notice_until = self.clock() + (NOTICE_SECONDS if ok else LONG_NOTICE_SECONDS)

    def overlay(self):
        return next((s for s in self.app.stack if isinstance(s, ProblemsScene)), None)

    def close_overlay(self) -> None:
        while self.overlay() is not None:
            self.app.pop()

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface) -> None:
        """The reload notice: a banner near the top, above everything, for a few seconds."""
        if self.notice is None:
            return
        f, s = self.app.fonts, self.app.scale
        w, h = self.app.size
        pad = T.px(s, 12)
        width = min(w - 2 * pad, T.px(s, 900))
        lines = f.wrap(self.notice, width - 2 * pad, 15)[:4]
        lh = f.line_height(15)
        rect = pygame.Rect(0, 0, width, len(lines) * lh + 2 * pad)
        rect.midtop = (w // 2, T.px(s, 64))
        edge = T.GREEN if self.notice_ok else T.ORANGE
        pygame.draw.rect(surf, T.PANEL, rect, border_radius=10)
        pygame.draw.rect(surf, edge, rect, width=3, border_radius=10)
        for i, line in enumerate(lines):
            surf.blit(f.render(line, 15, T.TEXT), (rect.x + pad, rect.y + pad + i * lh))


def _problem(path: Path, message: str):
    from ..scenario.problems import Problem

    return Problem(str(path), 0, 0, message)


class ProblemsScene(Scene):
    """The scenario file does not validate: every problem, scrollable, until a later save fixes it."""

    name = "watch_problems"
    modal = True

    def __init__(self, app, problems, path: Path):
        super().__init__(app)
        self.problems = problems
        self.path = Path(path)

    def build(self) -> None:
        rect, inner = dialog_rect(self, self.px(900), self.px(560))
        self.dialog(rect)
        bh, gap = self.px(44), self.px(10)
        errors = [p for p in self.problems if p.severity == "error"]
        n = len(errors) or len(self.problems)
        session = self.app.session
        if session is None:
            where = prompts.WATCH_NOT_STARTED
        elif session.done:
            where = prompts.WATCH_FINISHED_KEPT
        else:
            where = prompts.watch_game_paused(session.turn + 1)
        lines = "<br>".join(plain(str(p)) for p in self.problems)
        text = (f"<font size=5><b>{plain(prompts.file_problems_heading(self.path.name, n))}</b></font><br>"
                f"{where} {prompts.WATCH_FIX_IN_EDITOR}<br><br>"
                f"<font color='#E69F00'>{lines}</font>")
        self.box = self.textbox((inner.x, inner.y, inner.w, inner.h - bh - gap), text)
        if self.box.scroll_bar is not None:  # pygame_gui puts it at the container's layer, under the dialog
            self.box.scroll_bar.change_layer(self.layer + 3)
            self.box.scroll_bar.button_container.change_layer(self.layer + 4)
        self.button((inner.right - self.px(160), inner.bottom - bh, self.px(160), bh), C.WATCH_QUIT.caption,
                    self.app.quit, tooltip=C.WATCH_QUIT.tip)

    def default_focus(self):
        return None  # Enter must not quit by accident while the author is typing in the editor

    def back(self) -> None:
        pass  # Esc cannot dismiss it: the game can only go on with a valid file


def run_window_watching(args, path: Path, seed: int, first) -> int:
    """The window for `leadsim play FILE --watch`: the game starts at once (or when the file first validates)."""
    from ..cli import UsageError
    from .main import parse_size, prepare_environment

    try:
        size = parse_size(args.size)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    prepare_environment(False)
    import pygame as pg

    from .app import App
    from .scenes.title import TitleScene

    try:
        app = App(size=size, save_path=Path(args.save) if args.save else None)
        app.pending_scenario, app.pending_seed = str(path), seed
        pg.display.set_caption(f"Leadsim - watching {path.name}")
        app.push(TitleScene(app))
        valid = isinstance(first, LoadedScenario)
        app.watch = GuiWatch(app, path, seed, args.difficulty, known_sha256=first.sha256 if valid else None)
        if valid:
            app.start(Session(first, seed, starting_difficulty(first, args.difficulty)))
        else:
            app.watch.waiting_to_start = True
            app.watch.show_problems(first)
        app.run()
    finally:
        pg.quit()
    return 0
