"""The scene base class: widgets, keyboard focus and the hooks the app loop calls.

A scene builds its widgets for the current window size in `build` and may be
rebuilt at any time (resize, text size), so it keeps its game state in plain
attributes and never in widgets. Modal scenes (dialogs) are pushed on top of
another scene, which keeps drawing underneath a dimmed, click-blocking panel.
"""

from __future__ import annotations

from typing import Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIPanel, UITextBox

from . import draw, markup, scroll
from . import theme as T

TIP_DELAY_MS = 600  # the pointer rests this long on a button before its tooltip opens
TIP_WIDTHS = (340, 440, 540)  # a tooltip's wrap width, widened when it would cover its own card


def covered(r: pygame.Rect, rects) -> int:
    """How much of `rects` the box `r` covers, in pixels."""
    return sum(c.w * c.h for c in (r.clip(k) for k in rects))


def place_beside(target: pygame.Rect, size: tuple[int, int], area: pygame.Rect, gap: int,
                 keep_clear: list[pygame.Rect] = (), insist: bool = True,
                 rather_clear: list[pygame.Rect] = ()) -> tuple[int, int] | None:
    """Top-left for a box of `size` next to `target`: right, left, below or above, whichever fits in `area`
    first without covering `target` or any of `keep_clear` (what the player needs to read or press); of
    those, the one that covers least of `rather_clear` (what is better left in view, as the dashboard's
    other columns: a card's tooltip hid the whole Management column, s7 player 3 finding 11).
    When every side covers something: with `insist` (the player pointed at the button or moved the
    focus to it) the side that covers least, else (the focus only rests there) None: no tooltip."""
    w, h = size
    sides = [pygame.Rect(target.right + gap, target.y, w, h), pygame.Rect(target.x - gap - w, target.y, w, h),
             pygame.Rect(target.x, target.bottom + gap, w, h), pygame.Rect(target.x, target.y - gap - h, w, h)]
    beside = [r.clamp(area) for r in sides]  # each slid along its side to stay in the area
    beside = [r for r in beside if not r.colliderect(target)]
    clear = [r for r in beside if r.collidelist(keep_clear) < 0]
    if clear:  # min keeps the first side of equals: with nothing rather clear, the first that fits
        return min(clear, key=lambda r: covered(r, rather_clear)).topleft
    if not insist:
        return None
    if beside:
        return min(beside, key=lambda r: (covered(r, keep_clear), covered(r, rather_clear))).topleft
    room = [area.right - target.right, target.x - area.x, area.bottom - target.bottom, target.y - area.y]
    best = sides[room.index(max(room))]
    return best.clamp(area).topleft


class Button(UIButton):
    """A button whose tooltip the scene opens (Scene.sync_keyboard_tip), one on screen at a time."""

    def while_hovering(self, time_delta, mouse_pos) -> None:
        self.hover_time += time_delta


NAV_KEYS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}


class Scene:
    name = "scene"
    modal = False

    def __init__(self, app):
        self.app = app
        self.widgets: list = []  # leaf widgets this scene owns (checked for overlap by tests)
        self.scrollers: list[UITextBox] = []  # its text boxes; the first that scrolls takes the scroll keys
        self.options: list[tuple[UIButton, bool]] = []  # choices of a set, and whether with a radio mark (`button`)
        self.callbacks: dict[UIButton, Callable[[], None]] = {}
        self.focusables: list[UIButton] = []
        self.inert: list[UIButton] = []  # buttons that only carry a tooltip (a dashboard gauge): a press does nothing
        self.focus: int | None = None
        self.layer = 1
        self.dim: UIPanel | None = None
        self._tip_owner: UIButton | None = None  # the button showing the one tooltip on screen
        self._tip_declined: UIButton | None = None  # a resting focus whose tooltip would cover what matters
        self.pointer_moved = self.focus_moved = False  # since this scene came on top
        self._hover: tuple = (None, 0)  # the button under the pointer and since when (ms)
        self._resting: tuple = (None, 0)  # the button the ring marked when the screen came up, since when

    # --- lifecycle ---------------------------------------------------------------
    def build(self) -> None:
        """Create widgets for the current window size."""

    def teardown(self) -> None:
        for w in self.widgets:
            w.kill()
        if self.dim is not None:
            self.dim.kill()
        self.widgets, self.callbacks, self.focusables, self.dim = [], {}, [], None
        self.inert = []
        self.scrollers, self.options = [], []
        self._tip_owner = None

    def rebuild(self) -> None:
        focus = self.focus
        self.teardown()
        if self.modal:
            self.dim = UIPanel(pygame.Rect((0, 0), self.app.size), starting_height=self.layer,
                               manager=self.app.manager, object_id="@dim")
        self.build()
        self.focus = focus if focus is not None and focus < len(self.focusables) else self.default_focus()

    def set_visible(self, visible: bool) -> None:
        for w in self.widgets + ([self.dim] if self.dim is not None else []):
            if visible and not w.visible:
                w.show()
            elif not visible and w.visible:
                w.hide()

    def default_focus(self) -> int | None:
        return 0 if self.focusables else None

    def enter(self) -> None:
        """Called when the scene becomes the top of the stack again."""

    # --- widgets -----------------------------------------------------------------
    @property
    def s(self) -> float:
        return self.app.scale

    def px(self, n: float) -> int:
        return T.px(self.app.scale, n)

    def button(self, rect, text: str, callback: Callable[[], None], object_id: str | None = None,
               tooltip: str | None = None, container=None, focus: bool = True, enabled: bool = True,
               option: bool | None = None, radio: bool | None = None, inert: bool = False) -> UIButton:
        """A button; its tooltip is plain text unless it is our own `markup.Html`.

        `option`: one of a set of choices (True: the chosen one), drawn with a radio mark (draw.option_mark)
        when its caption fits beside one; `radio` decides that for the whole set (`options_fit`), so one
        set never mixes two kinds of mark. `inert`: a picture's tooltip (a gauge), which the mouse and
        the focus open as any button's; pressing it does nothing.
        """
        if radio is None:
            radio = self.options_fit([(rect, text)])
        radio = option is not None and radio
        if option is not None:
            object_id = "@option" if radio else "@option_narrow"
        b = Button(pygame.Rect(rect), text, self.app.manager, container=container, tool_tip_text=markup.tooltip(tooltip),
                     object_id=object_id, starting_height=self.layer + 1)
        if not enabled:
            b.disable()
        if option is not None:
            self.options.append((b, radio))
            if option:
                b.select()
        self.widgets.append(b)
        self.callbacks[b] = callback
        if focus:
            self.focusables.append(b)
        if inert:
            self.inert.append(b)
        return b

    def options_fit(self, items) -> bool:
        """Whether every (rect, caption) of a set of options fits beside a radio mark."""
        font = self.app.fonts.font(16, True)
        return all(draw.option_fits(pygame.Rect(r), font.size(t)[0], self.s) for r, t in items)

    def textbox(self, rect, html: str, container=None, object_id: str | None = None) -> UITextBox:
        """A text box; when its text does not fit it shows a scroll bar and a "more below" cue, and the
        scene's keys scroll it (see ui/scroll.py)."""
        box = scroll.ScrollText(T.scale_headings(html, self.s), pygame.Rect(rect), self.app.manager, container=container, object_id=object_id,
                        starting_height=self.layer + 1)
        self.widgets.append(box)
        self.scrollers.append(box)
        return box

    def dialog(self, rect) -> UIPanel:
        p = UIPanel(pygame.Rect(rect), starting_height=self.layer, manager=self.app.manager,
                    object_id="@dialog")
        self.widgets.append(p)
        return p

    def regions(self) -> list[tuple[str, pygame.Rect]]:
        """Named rects of custom-drawn areas, so tests can check them for overlap too."""
        return []

    # --- input -----------------------------------------------------------------------
    def on_button(self, element) -> bool:
        cb = self.callbacks.get(element)
        if cb is None:
            return False
        if element in self.focusables:
            self.focus = self.focusables.index(element)
        if element in self.inert:
            return True  # a picture with a tooltip: a press does nothing, and sounds like nothing
        self.app.sound.play("click")
        cb()
        return True

    def on_key(self, event) -> bool:
        """Arrows and Tab move the focus, Enter/Space press the focused button, Esc goes back."""
        key = event.key
        box = self.scroll_box()
        if box is not None and key in scroll.KEY_PAGES and (key not in NAV_KEYS or self.nav_target(*NAV_KEYS[key])
                                                            is None):
            scroll.scroll_key(box, key, self.app.fonts)  # Up/Down move the focus where there is a button
        elif key in NAV_KEYS:
            self.move_focus(*NAV_KEYS[key])
        elif key == pygame.K_TAB:
            self.cycle_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.activate_focus()
        elif key == pygame.K_ESCAPE:
            self.back()
        elif key in (pygame.K_F1, pygame.K_QUESTION) or event.unicode == "?":
            self.app.open_help()
        else:
            return False
        return True

    def on_mouse_up(self, event) -> None:
        """A left click ended anywhere (after the widgets have seen it)."""

    def back(self) -> None:
        """Esc: the default is to leave a modal scene."""
        if self.modal:
            self.app.pop()

    def activate_focus(self) -> bool:
        if self.focus is None or self.focus >= len(self.focusables):
            return False
        b = self.focusables[self.focus]
        if not b.is_enabled:
            return False
        return self.on_button(b)

    def cycle_focus(self, step: int) -> None:
        if not self.focusables:
            return
        start = -1 if self.focus is None else self.focus
        self.focus = (start + step) % len(self.focusables)
        self.focus_moved = True

    def move_focus(self, dx: int, dy: int) -> None:
        """Spatial navigation: the nearest button in the arrow's direction, favouring straight lines."""
        if not self.focusables:
            return
        self.focus_moved = True
        if self.focus is None:
            self.focus = 0
            return
        best = self.nav_target(dx, dy)
        if best is not None:
            self.focus = best

    def nav_target(self, dx: int, dy: int) -> int | None:
        """The button an arrow would move the focus to (None: there is none that way)."""
        if self.focus is None or self.focus >= len(self.focusables):
            return None
        here = self.focusables[self.focus].rect.center
        best, best_cost = None, None
        for i, b in enumerate(self.focusables):
            vx, vy = b.rect.centerx - here[0], b.rect.centery - here[1]
            along = vx * dx + vy * dy
            if i == self.focus or along <= 0:
                continue
            cost = along + 2.5 * abs(vx * dy + vy * dx)
            if best_cost is None or cost < best_cost:
                best, best_cost = i, cost
        return best

    def scroll_box(self):
        """The text box the scroll keys move: the first of this scene's that has more than fits."""
        return next((b for b in self.scrollers if scroll.can_scroll(b)), None)

    def focused_widget(self):
        if self.focus is None or self.focus >= len(self.focusables):
            return None
        return self.focusables[self.focus]

    # --- per frame ---------------------------------------------------------------------
    def update(self, dt: float) -> None:
        pass

    def draw(self, surf: pygame.Surface) -> None:
        """Custom drawing under the widgets. Must not change game state."""

    def draw_over(self, surf: pygame.Surface) -> None:
        """Drawing above the widgets: the "more below" cue of text that scrolls, the keyboard focus ring."""
        self.cues = [scroll.draw_cue(surf, b, self.app.fonts, T.PANEL) for b in self.scrollers
                     if scroll.more_below(b) and not self._under_tooltip(scroll.cue_rect(b, self.app.fonts))]
        self.marks = [(b, draw.option_mark(surf, b.rect, b.is_selected, self.s, radio)) for b, radio in self.options
                      if b.visible and b.alive() and not self._under_tooltip(b.rect)]
        ring = self.ring_rect()
        if ring is not None:
            draw.focus_ring(surf, ring)

    def ring_target(self):
        """The button the keyboard focus ring marks (None: no ring, as when the mouse is in use)."""
        w = self.focused_widget()
        return w if w is not None and self.app.show_focus else None

    def ring_rect(self) -> pygame.Rect | None:
        """Where the keyboard focus ring is drawn now (None: not drawn)."""
        w = self.ring_target()
        if w is None or self._under_tooltip(w.rect, w):
            return None
        return w.rect

    def sync_keyboard_tip(self) -> None:
        """The one tooltip on screen: the hovered button's (the mouse rests on it) or, with the keyboard,
        the button the focus ring marks. Called every frame.

        pygame_gui's own hover tooltips are switched off (see `button`): they came on top of the
        keyboard's, and opened by themselves over the card under a pointer that had not moved since
        the report closed. A hover tooltip opens only once the mouse moved on this screen; with the
        keyboard, the tooltip goes with the ring: at once where the keys move it, after TIP_DELAY_MS
        where the ring already was when the screen came up (a screen that hides its ring, like the
        dashboard after a report, shows no tooltip either).
        """
        w = self.wanted_tip_owner()
        insist = not self.app.show_focus or self.focus_moved  # pointed at, or the keys went there
        if w is self._tip_owner and (w is None or w.tool_tip is not None):
            return
        if w is not None and w is self._tip_declined and not insist:
            return
        self.drop_keyboard_tip()
        if w is None or not w.tool_tip_text or not w.visible:
            return
        area = self.tip_area(w)
        keep_clear = self.tip_keep_clear(w)
        widths = sorted({min(self.px(n), area.w - 8) for n in TIP_WIDTHS})
        for width in widths:  # a tall tooltip that fits beside its card on no side is tried wider (and lower)
            w.tool_tip = self.app.manager.create_tool_tip(
                text=w.tool_tip_text, position=(w.rect.centerx, w.rect.centery),
                hover_distance=(0, w.rect.height // 2 + self.px(12)), parent_element=w,
                object_id=w.tool_tip_object_id, wrap_width=width, text_kwargs=w.tool_tip_text_kwargs)
            where = place_beside(w.rect, w.tool_tip.rect.size, area, self.px(6), keep_clear,
                                 insist or width != widths[-1], self.tip_rather_clear(w))
            if where is None:  # the focus only rests here, and the tooltip would cover what the player needs
                w.tool_tip.kill()
                w.tool_tip = None
                self._tip_declined = w
                return
            w.tool_tip.set_position(where)
            box = pygame.Rect(where, w.tool_tip.rect.size)
            if width == widths[-1] or not (box.colliderect(w.rect) or box.collidelist(keep_clear) >= 0):
                break
            w.tool_tip.kill()
        self._tip_owner = w
        self._tip_declined = None

    def tip_keep_clear(self, owner) -> list[pygame.Rect]:
        """What a tooltip must not cover (see `place_beside`): the other buttons on screen, the scene's
        text boxes and its custom-drawn areas (`regions`). The briefing's Goal line and the review's
        "Take back the last turn" were under a tooltip (a new player's s4 finding 9)."""
        out = [b.rect for b in self.focusables if b is not owner and b.visible and b.alive()]
        out += [b.rect for b in self.scrollers if b.visible and b.alive()]
        return out + [r for _, r in self.regions()]

    def tip_rather_clear(self, owner) -> list[pygame.Rect]:
        """What a tooltip had better not cover where another place fits (see `place_beside`); none here."""
        return []

    def wanted_tip_owner(self):
        app = self.app
        if not app.show_focus:
            if not self.pointer_moved:
                return None
            pos = pygame.mouse.get_pos()
            hovered = next((b for b in self.focusables if b.visible and b.alive() and b.rect.collidepoint(pos)), None)
            now = pygame.time.get_ticks()
            if hovered is not self._hover[0]:
                self._hover = (hovered, now)
            return hovered if hovered is not None and now - self._hover[1] >= TIP_DELAY_MS else None
        w = self.ring_target()
        if w is None or self.focus_moved:
            return w
        now = pygame.time.get_ticks()
        if w is not self._resting[0]:
            self._resting = (w, now)
        return w if now - self._resting[1] >= TIP_DELAY_MS else None

    def tip_area(self, owner=None) -> pygame.Rect:
        """Where `owner`'s tooltip may go (the dashboard keeps a card's off its top bar and gauges)."""
        return pygame.Rect((0, 0), self.app.size)

    def drop_keyboard_tip(self) -> None:
        owner, self._tip_owner = self._tip_owner, None
        if owner is not None and owner.tool_tip is not None:
            owner.tool_tip.kill()
            owner.tool_tip = None

    def became_top(self) -> None:
        """This scene is on top again: no tooltip until the player moves the mouse or the focus here."""
        self.pointer_moved = self.focus_moved = False
        self._hover = self._resting = (None, 0)
        self._tip_declined = None
        self.drop_keyboard_tip()

    def _under_tooltip(self, rect: pygame.Rect, owner=None) -> bool:
        """A tooltip (of the card under the mouse) covers this rect: the ring would be drawn across it.

        The focused button's own tooltip is placed clear of its ring.
        """
        for b in self.focusables:
            if b is owner and b is self._tip_owner:
                continue
            tip = getattr(b, "tool_tip", None)
            if tip is not None and getattr(tip, "rect", None) is not None and tip.rect.inflate(8, 8).colliderect(rect):
                return True
        return False

    # --- autoplay ------------------------------------------------------------------------
    def pilot_target(self, pilot):
        """The widget (or key) an autoplay bot would press next on this scene; None to wait."""
        return None


def is_button_press(event) -> bool:
    return event.type == pygame_gui.UI_BUTTON_PRESSED


class WorkingScene(Scene):
    """A screen whose content takes a while to work out (seconds on a first run, when the model is not
    compiled yet): it shows `busy_text` in the frame it opens, works out its content in the frame after
    (`compute`), then forgets the keys and clicks given meanwhile, so an Enter pressed again at what
    looked like a stuck screen never presses this screen's default button (a new player's s4 finding 6).
    Until then it has no widgets and answers no key."""

    busy_text = ""

    def ready(self) -> bool:
        raise NotImplementedError

    def compute(self) -> None:
        raise NotImplementedError

    def update(self, dt: float) -> None:
        if not self.ready() and getattr(self, "_busy_shown", False):
            delay = getattr(self.app.probe, "work_delay", 0.0)  # only under the window tests' probe
            if delay:
                import time

                time.sleep(delay)
            self.compute()
            self.app.drop_queued_input()
            self.rebuild()
            self.app.manager.update(0)  # the new widgets drawn in this very frame, not one frame late

    def draw_busy(self, surf) -> None:
        """The busy notice, centred, wrapped to the window."""
        surf.fill(T.BG)
        f = self.app.fonts
        w, h = self.app.size
        lines = f.wrap(self.busy_text, int(w * 0.7), 18, True)
        lh = f.line_height(18, True)
        y = h // 2 - lh * len(lines) // 2
        for line in lines:
            img = f.render(line, 18, T.TEXT, True)
            surf.blit(img, img.get_rect(midtop=(w // 2, y)))
            y += lh
        self._busy_shown = True

    def on_key(self, event) -> bool:
        return True if not self.ready() else super().on_key(event)

    def probe_extra(self) -> dict:
        return {"busy": None if self.ready() else self.busy_text}

    def back(self) -> None:
        if self.ready():
            super().back()
