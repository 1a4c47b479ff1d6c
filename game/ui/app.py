"""The window, the scene stack and the frame loop of the graphical game.

The loop sleeps in `pygame.event.wait` while nothing happens and caps the
frame rate, so an idle game costs almost no CPU; input is handled in the same
frame it arrives. Scenes change the game only through the Session API, and
the app autosaves after every decided turn.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

import pygame
import pygame_gui

from .. import saves
from ..session import Decision, Session, TurnReport
from ..userdata import autosave_path, data_dir
from ..views.saves import (INTERRUPTED_FINISHED, INTERRUPTED_NOTHING, INTERRUPTED_SAVED, SAVED_NOWHERE,
                           could_not_save, rescued_in, saved_as, still_in)
from ..views.words import taken_back
from . import probe as probe_mod
from . import settings as settings_mod
from . import theme as T
from .sound import Sounds

FPS = 60
IDLE_WAIT_MS = 250
MIN_SIZE = (1024, 600)
MAX_EVENT_ROUNDS = 8
# input that must not wait for the frame-rate cap (people click and type far slower than 60 Hz)
URGENT_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN, pygame.QUIT)

# input a person gives; what arrived while a screen was busy working is dropped (App.drop_queued_input)
INPUT_EVENTS = (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP,
                pygame.MOUSEWHEEL)

# pygame_gui loads fonts it meets in rich text on first use and warns about it; that is fine here.
warnings.filterwarnings("ignore", message="(Finding font with id|Trying to pre-load font)", category=UserWarning)
# A tooltip is placed beside its own card by the scene (scene.place_beside) right after pygame_gui made
# it; pygame_gui's first guess (above or below the card) not fitting is no news for the player.
warnings.filterwarnings("ignore", message="Unable to fit tool tip on screen", category=UserWarning)


class App:
    def __init__(self, size: tuple[int, int] | None = None, settings: settings_mod.Settings | None = None,
                 save_path: Path | None = None, fps: int = FPS, sound: bool = True):
        self.settings = settings or settings_mod.load()
        if size:
            self.settings.width, self.settings.height = size
        pygame.display.init()
        pygame.font.init()
        self.window = pygame.display.set_mode(self.settings.size, pygame.RESIZABLE)
        pygame.display.set_caption("Leadsim")
        _set_minimum_size()
        self.fps = fps
        self.clock = pygame.time.Clock()
        self._last_frame = 0.0
        self.stack: list = []
        self.session: Session | None = None
        self.save_path = save_path
        self.game_path: Path | None = None  # the save file the game was loaded from: it is saved back there
        self.title_note: str | None = None  # what the title screen tells the player (where a game was saved)
        self.pilot = None
        self.running = True
        self.show_focus = False
        self.slot: saves.SaveSlot | None = None  # where the game is autosaved (see saves.SaveSlot)
        self.kept: Path | None = None  # where the game in progress went when a new one took the autosave
        self.save_notes: list[str] = []  # what the last autosave has to tell the player (failures included)
        self.sound = Sounds(self.settings.sound, init=sound)
        self.pending_scenario: str | None = None
        self.pending_seed: int | None = None
        self.pending_difficulty: str | None = None  # --difficulty: the picker starts on it, not the scenario's
        self.idle_wait_ms = IDLE_WAIT_MS
        self.probe = probe_mod.from_environment()  # LEADSIM_PROBE: what the window shows, for tests
        self.watch = None  # hot reload of the scenario file (leadsim play FILE --watch), see ui/watch.py
        self.interrupted = False  # Ctrl+C ended the loop (run): the command exits with 130
        self._setup_ui(self.window.get_size())

    def _setup_ui(self, size: tuple[int, int]) -> None:
        """A new manager and fonts for this size: theme font sizes follow the window and text setting."""
        self.size = size
        self.scale = T.ui_scale(size, self.settings.text_size)
        self.fonts = T.Fonts(self.scale)
        self.manager = pygame_gui.UIManager(size, T.theme_dict(self.scale), enable_live_theme_updates=False)

    # --- the scene stack ------------------------------------------------------------
    @property
    def top(self):
        return self.stack[-1] if self.stack else None

    def push(self, scene) -> None:
        scene.layer = 1 + 10 * len(self.stack)
        self.stack.append(scene)
        scene.rebuild()
        self.refresh_visibility()
        scene.enter()

    def pop(self) -> None:
        self.stack.pop().teardown()
        self.refresh_visibility()
        if self.stack:
            self.stack[-1].enter()

    def replace(self, scene) -> None:
        if self.stack:
            self.stack.pop().teardown()
        self.push(scene)

    def reset(self, scene) -> None:
        while self.stack:
            self.stack.pop().teardown()
        self.push(scene)

    def resize(self, size: tuple[int, int], set_mode: bool = False) -> None:
        """Rebuild every scene for a new window size (or a new text size)."""
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        if set_mode or size != self.window.get_size():
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self._setup_ui(self.window.get_size())
        for scene in self.stack:
            scene.rebuild()
        self.refresh_visibility()

    def refresh_visibility(self) -> None:
        """Only the top full screen and the dialogs above it show widgets; screens under it hide theirs."""
        if self.stack and self.stack[-1] is not getattr(self, "_tip_scene", None):
            self._tip_scene = self.stack[-1]
            self._tip_scene.became_top()
        base = max((i for i, s in enumerate(self.stack) if not s.modal), default=0)
        for i, scene in enumerate(self.stack):
            scene.set_visible(i >= base)

    # --- game actions used by scenes ------------------------------------------------
    def start(self, session: Session, path: Path | None = None) -> None:
        """Play `session`; `path` is the save it was loaded from, which its later saves then update
        (so Load never lists a stale copy of a game that went on elsewhere)."""
        from .scenes.dashboard import DashboardScene
        from .scenes.debrief import DebriefScene

        self.session = session
        self.game_path = Path(path) if path is not None else None
        if session.done:
            self.reset(DebriefScene(self))
            return
        self.reset(DashboardScene(self))
        self.take_slot()
        from ..practice import practice_info
        from ..views.practice import started

        info = practice_info(session)
        if info is not None and session.turn == info["from_turn"] - 1:  # a practice, at its start: say so
            self.stack[0].message = started(session, None)  # the strip has one line: Load lists the file

    def start_practice(self, turn: int, better: Decision | None) -> None:
        """From the review: a practice copy of this game from the start of `turn`, saved in a file of its
        own and played from there; the game reviewed stays as it is in its file (game.practice)."""
        from .. import practice
        from ..session import DecisionError
        from ..views.practice import not_saved

        original = self.session
        source = self.slot.path if self.slot is not None and self.slot.ok else self.game_path
        try:
            copy = practice.practice_copy(original, turn, better, source=source)
            path = practice.save_practice(copy, saves.save_folder())
        except DecisionError as exc:
            self.title_note = str(exc)
            return
        except OSError as exc:
            self.title_note = not_saved(exc)
            return
        if self.slot is not None:
            self.slot.close()  # the reviewed game keeps its file; the practice is saved in its own
            self.slot = None
        self.start(copy, path)

    def take_slot(self) -> None:
        """A new game takes its save slot before its first screen: a game found there is moved aside now
        and the player is told in a notice over the new game's start, not inside its first turn's report,
        where it read as news about the new game (player s6 finding 14)."""
        from .scenes.notice import NoticeScene

        session = self.session
        path = self.game_path or self.save_path or autosave_path()
        if self.slot is None or self.slot.wanted != path:
            self.slot = saves.SaveSlot(path, data_dir() / "saves", shared=_is_autosave(path))
        notes = self.slot.take(session)
        self.kept = self.slot.kept
        for note in notes:
            print(note, file=sys.stderr, flush=True)
        if self.kept is not None:
            self.push(NoticeScene(self, kept_notice(self.kept)))
        elif self.slot.crowded:
            from ..views import controls as C

            self.push(NoticeScene(self, C.crowded_on_load(self.slot.path.stem)))

    def take_back(self) -> None:
        """Practice mode, from any screen: undo the last turn and go back to its dashboard, its cards picked."""
        from .scenes.dashboard import DashboardScene, answered_events

        last = self.session.take_back()
        self.autosave()
        dash = DashboardScene(self, intro=False)
        dash.chosen = list(last.actions)
        dash.message = taken_back(self.session, answered_events(self.session, {last.choice} - {None}))
        self.reset(dash)

    def decide(self, decision: Decision) -> TurnReport:
        report = self.session.decide(decision)
        self.autosave()
        self.sound.play("alert" if report.crises_started else "turn")
        return report

    def autosave(self) -> None:
        """Save the game after a turn; a failure is told (report, stderr) and never stops the game."""
        if self.session is not None and (self.session.turn > 0 or self.session.draft is not None):
            path = self.game_path or self.save_path or autosave_path()
            if self.slot is None or self.slot.wanted != path:
                self.slot = saves.SaveSlot(path, data_dir() / "saves", shared=_is_autosave(path))
            notes = self.slot.save(self.session)
            self.kept = self.slot.kept
            self.save_notes = [n for n in notes if self.kept is None or str(self.kept) not in n]
            for note in notes:
                print(note, file=sys.stderr, flush=True)

    def save_and_leave_game(self) -> Path | None:
        """"Save and go to title": the game moves into a named save of its own (Load lists it with its
        scenario, turn and date; Continue resumes it), and leaves the autosave to the next new game.
        Returns where it went (None when it could not be saved: the player is told why)."""
        session = self.session
        self.save_before_leaving()
        if session is None or session.done:
            return None
        folder = saves.save_folder()
        current = self.slot.path if self.slot is not None and self.slot.ok else None
        if current is not None and current.resolve().parent == folder.resolve():
            target = current  # already a save of its own (a loaded game, or a second window's)
        else:
            target = folder / f"{session.scenario.id}-{time.strftime('%Y%m%d-%H%M%S')}.json"
            n = 1
            while target.exists():
                n += 1
                target = folder / f"{session.scenario.id}-{time.strftime('%Y%m%d-%H%M%S')}-{n}.json"
        try:
            saves.save(session, target)
        except OSError as exc:
            self.title_note = (could_not_save(target, exc.strerror or exc)
                               + (still_in(current) if current is not None else ""))
            return None
        if self.slot is not None:
            self.slot.close()
            if current is not None and current != target:
                current.unlink(missing_ok=True)  # the same game, now kept under its own name
            self.slot = None
        self.title_note = saved_as(target)
        return target

    def saved_as_well(self, target: Path) -> None:
        """The game was just saved to a file of its own, `target` (the debrief's 'Save the result'): its copy in
        the autosave slot goes, so Load lists the game once (the next game moved that copy aside as
        'tutorial-finished-...' beside the named save). Play that goes on (a take-back) is saved in the slot
        again, as a practice game of its own: the named save keeps the result as it was saved. A file the
        player loaded from outside Leadsim's folder is never removed."""
        current = self.slot.path if self.slot is not None and self.slot.ok else None
        if self.slot is not None:
            self.slot.close()
            self.slot = None
        if current is None or current.resolve() == Path(target).resolve():
            return
        if current.resolve() == autosave_path().resolve() or current.resolve().parent == saves.save_folder().resolve():
            current.unlink(missing_ok=True)  # the same game, now kept under its own name

    def open_help(self) -> None:
        from .scenes.help import HelpScene

        if not isinstance(self.top, HelpScene):
            self.push(HelpScene(self))

    def quit(self) -> None:
        self.save_before_leaving()
        self.running = False

    def save_before_leaving(self) -> None:
        """The last save of a game the player leaves, with the cards picked so far this turn (they come back
        when the game is continued); when it fails, a rescue copy in the temporary folder."""
        self.keep_draft()
        self.autosave()
        if self.slot is not None and not self.slot.ok and self.session is not None:
            where = self.slot.rescue(self.session)
            print(rescued_in(where) if where else SAVED_NOWHERE, file=sys.stderr, flush=True)

    def keep_draft(self) -> None:
        """The dashboard's choice in progress goes into the session, so the save keeps it (Session.draft)."""
        from .scenes.dashboard import DashboardScene

        session = self.session
        dash = next((s for s in self.stack if isinstance(s, DashboardScene)), None)
        if session is None or session.done or dash is None or dash.session is not session:
            return
        session.draft = Decision(tuple(dash.chosen), dash.choice) if dash.chosen or dash.choice else None

    # --- the loop ---------------------------------------------------------------------
    def run(self) -> int:
        """The frame loop until the window closes; Ctrl+C in the terminal saves as Quit does and says where
        (130, the shell's code for it)."""
        try:
            while self.running:
                self.frame()
        except KeyboardInterrupt:
            self.interrupted = True
            self.running = False
            self.save_before_leaving()
            where = self.slot.path if self.slot is not None and self.slot.ok else None
            if self.session is None or where is None:
                print(INTERRUPTED_NOTHING if self.session is None else SAVED_NOWHERE, file=sys.stderr, flush=True)
            else:
                print(INTERRUPTED_FINISHED if self.session.done else INTERRUPTED_SAVED, file=sys.stderr)
                print(where, file=sys.stderr, flush=True)
            return 130
        return 0

    def frame(self) -> None:
        self.wait_for_frame()
        dt = self.clock.tick() / 1000
        events = self.next_events()
        for _ in range(MAX_EVENT_ROUNDS):
            for event in events:
                if self.probe is not None:
                    self.probe.saw(event)
                self.dispatch(event)
                if not self.running:
                    return
            # Widgets answer input with events of their own (a button's press follows its mouse-up):
            # handle those in this same frame, so a click is on screen in the frame it arrived.
            events = pygame.event.get()
            if not events:
                break
        else:
            for event in events:  # rare: keep the rest in order for the next frame
                pygame.event.post(event)
        if self.watch is not None:
            self.watch.tick()
        for scene in self.stack[:-1]:  # a scene under another keeps no tooltip on screen
            scene.drop_keyboard_tip()
        if self.top is not None:
            self.top.sync_keyboard_tip()
        self.manager.update(dt)
        if self.top is not None:
            self.top.update(dt)
        self.render()
        if self.watch is not None:
            self.watch.draw(self.window)
        pygame.display.flip()
        if self.probe is not None:
            self.probe.after_frame(self)
        if self.pilot is not None:
            self.pilot.after_frame(self)

    def wait_for_frame(self) -> None:
        """The frame-rate cap: wait out the rest of the frame, but never while a click or key waits."""
        if not self.fps:
            return
        deadline = self._last_frame + 1.0 / self.fps
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or pygame.event.peek(URGENT_EVENTS):
                break
            time.sleep(min(left, 0.002))
        self._last_frame = time.perf_counter()

    def next_events(self) -> list:
        """Sleep until input arrives when idle (tooltips still get a look every IDLE_WAIT_MS)."""
        if self.pilot is not None or pygame.event.peek():
            return pygame.event.get()
        first = pygame.event.wait(self.idle_wait_ms)
        return ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()

    def dispatch(self, event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize((event.w, event.h))
            return
        consumed = self.manager.process_events(event)
        top = self.top
        if top is None:
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            top.on_button(event.ui_element)
        elif event.type == pygame.KEYDOWN and not consumed:
            self.show_focus = True
            top.on_key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self.show_focus = False
        elif event.type == pygame.MOUSEMOTION and tuple(getattr(event, "rel", (1, 1))) != (0, 0):
            # a real motion only: one that moved nothing (SDL sends those, say when the pointer's window
            # changes under it) must not open a tooltip under a still pointer after key picks
            top.pointer_moved = True
            self.show_focus = False
        elif event.type == pygame.MOUSEBUTTONUP:
            top.on_mouse_up(event)

    def drop_queued_input(self) -> int:
        """Forget the key presses and clicks that arrived while a screen was working (a debrief or a review
        computing for seconds on a first run): a second Enter pressed at a screen that seemed stuck must
        not press the next screen's default button (a new player's s4 finding 6). Returns how many."""
        dropped = pygame.event.get(INPUT_EVENTS)
        if self.probe is not None:
            for event in dropped:
                self.probe.saw(event)  # handled, by being dropped: the tests' count of inputs stays true
        return len(dropped)

    def render(self) -> None:
        base = max((i for i, s in enumerate(self.stack) if not s.modal), default=0)
        if not (self.stack and getattr(self.stack[base], "opaque", False)):
            self.window.fill(T.BG)  # an opaque scene paints every pixel itself
        for scene in self.stack[base:]:
            scene.draw(self.window)
        self.manager.draw_ui(self.window)
        if self.top is not None:
            self.top.draw_over(self.window)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.window, str(path))


def _is_autosave(path: Path) -> bool:
    """Whether `path` is the autosave every new game wants (a finished game then moves to a file of its own)."""
    return Path(path).resolve() == autosave_path().resolve()


def kept_notice(kept: Path) -> str:
    """The notice's words: which game was kept and under which name Load lists it."""
    from ..views import controls as C

    what = C.FINISHED_GAME_KEPT if saves.kept_finished(kept) else C.PROGRESS_GAME_KEPT
    return C.kept_on_load(what, kept.stem)


def _set_minimum_size() -> None:
    """Stop the window manager from shrinking the window below the smallest supported layout."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
    except (AttributeError, pygame.error):
        pass


def headless() -> bool:
    return os.environ.get("SDL_VIDEODRIVER") == "dummy"
