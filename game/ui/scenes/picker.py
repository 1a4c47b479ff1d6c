"""The scenario picker: each scenario with its briefing, and the difficulty choice."""

from __future__ import annotations


import pygame

from ...preferences import last_scenario, set_last_scenario
from ...scenario.loader import builtin_names, load
from ...scenario.problems import ScenarioError
from ...session import DIFFICULTIES, Session, starting_difficulty
from ...views import controls as C
from ...views import lines
from ...views.briefing import reflowed, rules_line
from ...views.goal import goal_text
from .. import draw
from .. import theme as T
from ..markup import plain
from ..scene import Scene

DIFFICULTY_HELP = lines.DIFFICULTY_TEXT
FIRST_GAME = ("tutorial", "scaleup")  # the picker's choice when nothing asks for one: the first game, else Scale-up


def scenario_html(sc) -> str:
    """The briefing as rich text for the text box (escaped: scenario text is author content)."""
    paras = "<br><br>".join(plain(p) for p in reflowed(sc.briefing).split("\n\n"))
    turns, _, rest = rules_line(sc).partition(", ")  # the length in bold
    return (f"<font size=5><b>{plain(sc.title)}</b></font><br>"
            f"<i>{plain(sc.summary)}</i><br><br>{paras}<br><br><b>{plain(turns)}</b>, {plain(rest)}"
            f"<br><br><b>Goal.</b> {plain(goal_text(sc))}")


class PickerScene(Scene):
    name = "briefing"

    def __init__(self, app):
        super().__init__(app)
        self.scenarios = []
        for name in builtin_names():
            try:
                self.scenarios.append((name, load(name)))
            except ScenarioError:
                continue
        names = [n for n, _ in self.scenarios]
        # the scenario asked for (--scenario, "Play again"), else the one last started here (the player's
        # own, s6 player 2: the picker always opened on Scale-up), else, for a first game, the tutorial (s7
        # player 3: a first start opened on Scale-up, 30 turns, though the README calls the tutorial the
        # first game)
        wanted = app.pending_scenario or last_scenario(names)
        if wanted and wanted not in names:
            self.scenarios.append((wanted, load(wanted)))
            names.append(wanted)
        first = next((n for n in FIRST_GAME if n in names), names[0] if names else None)
        self.selected = names.index(wanted) if wanted in names else names.index(first)
        self.chosen_difficulty: str | None = app.pending_difficulty  # the player's (--difficulty, a click)

    @property
    def difficulty(self) -> str:
        """The player's choice, else the selected scenario's default (the tutorial's: Guided)."""
        return starting_difficulty(self.scenarios[self.selected][1], self.chosen_difficulty)

    def difficulty_help(self) -> str:
        return lines.difficulty_help(self.difficulty, suggested=self.chosen_difficulty is None)

    def build(self) -> None:
        w, h = self.app.size
        m, gap, bh = self.px(24), self.px(10), self.px(44)
        top = m + self.app.fonts.line_height(28, True) + gap
        left_w = int(w * 0.30)
        bottom = h - m - bh
        help_lines = len(self.app.fonts.wrap(self.difficulty_help(), left_w, 13))
        self.help_h = max(2, help_lines) * self.app.fonts.line_height(13)
        self.diff_y = bottom - gap - self.help_h - gap - bh
        # the list ends above the "Difficulty" heading: with large text at 1024x600 its rows get lower
        room = self.diff_y - self.app.fonts.line_height(15, True) - self.px(4) - gap - top
        n = max(1, len(self.scenarios))
        row_h = max(self.app.fonts.line_height(16, True) + self.px(4), min(bh, (room + gap) // n - gap))
        self.scenario_buttons = []
        for i, (name, loaded) in enumerate(self.scenarios):
            b = self.button((m, top + i * (row_h + gap), left_w, row_h), C.scenario_caption(loaded.scenario.title),
                            lambda i=i: self.pick(i), tooltip=loaded.scenario.summary, option=i == self.selected)
            self.scenario_buttons.append(b)
        dw = (left_w - 2 * gap) // 3
        self.diff_buttons = []
        rects = [((m + i * (dw + gap), self.diff_y, dw, bh), C.difficulty_caption(d)) for i, d in enumerate(DIFFICULTIES)]
        radio = self.options_fit(rects)
        for (rect, caption), d in zip(rects, DIFFICULTIES):
            b = self.button(rect, caption, lambda d=d: self.set_difficulty(d), tooltip=DIFFICULTY_HELP[d],
                            option=d == self.difficulty, radio=radio)
            self.diff_buttons.append(b)
        self.button((m, bottom, (left_w - gap) // 2, bh), C.BACK.caption, self.app.pop, tooltip=C.BACK.tip)
        self.start_button = self.button((m + (left_w + gap) // 2, bottom, (left_w - gap) // 2, bh),
                                        C.START.caption, self.start, object_id="@primary", tooltip=C.START.tip)
        self.text_rect = pygame.Rect(m + left_w + 2 * m, top, w - left_w - 4 * m, h - top - m)
        self.box = self.textbox(self.text_rect.inflate(-self.px(16), -self.px(16)),
                                scenario_html(self.scenarios[self.selected][1].scenario))

    def default_focus(self):
        return self.focusables.index(self.start_button) if self.focusables else None

    def pick(self, i: int) -> None:
        self.selected = i
        self.rebuild_on_start()

    def set_difficulty(self, d: str) -> None:
        self.chosen_difficulty = d
        self.rebuild_on_start()

    def rebuild_on_start(self) -> None:
        """A scenario or a difficulty was chosen: the next Enter starts the game (Start, the highlighted
        button), rather than pressing the same choice again."""
        self.rebuild()
        self.focus = self.default_focus()

    def start(self) -> None:
        from ..cli_support import new_seed

        loaded = self.scenarios[self.selected][1]
        seed = self.app.pending_seed if self.app.pending_seed is not None else new_seed()
        self.app.pending_difficulty = self.chosen_difficulty  # "Play again" starts on the player's choice too
        name = self.scenarios[self.selected][0]
        if name in builtin_names():  # a scenario file given by path is no built-in to open on next time
            try:
                set_last_scenario(name)
            except OSError:
                pass  # a comfort: a folder that cannot be written never stops a game
        self.app.start(Session(loaded, seed, self.difficulty))

    def draw(self, surf) -> None:
        f = self.app.fonts
        m = self.px(24)
        surf.blit(f.render(C.PICKER_HEADING, 28, T.TEXT, True), (m, m - self.px(4)))
        pygame.draw.rect(surf, T.PANEL, self.text_rect, border_radius=12)
        pygame.draw.rect(surf, T.PANEL_EDGE, self.text_rect, 1, border_radius=12)
        label = f.render(C.DIFFICULTY_HEADING, 15, T.MUTED, True)
        surf.blit(label, (m, self.diff_y - label.get_height() - self.px(4)))
        r = pygame.Rect(m, self.diff_y + self.px(44) + self.px(10), int(self.app.size[0] * 0.30), self.help_h)
        draw.text_block(surf, r, f, self.difficulty_help(), 13, T.MUTED)

    def tip_keep_clear(self, owner) -> list[pygame.Rect]:
        """A scenario's tooltip (its one-line summary) may lie over the briefing panel, which is only prose
        about the scenario chosen, rather than over the heading or the other scenarios: with the panel
        kept clear too, every side covered something and the heading was covered (fresh player s6
        finding 11)."""
        keep = super().tip_keep_clear(owner)
        return [r for r in keep if not self.text_rect.contains(r)] if owner in self.scenario_buttons else keep

    def regions(self):
        f, m = self.app.fonts, self.px(24)
        label_h = f.line_height(15, True)
        heading = pygame.Rect(m, self.diff_y - label_h - self.px(4), int(self.app.size[0] * 0.30), label_h)
        # the page's heading too, so a scenario's tooltip keeps off it (it covered 'Choose a scenario':
        # fresh player s6 finding 11)
        title = pygame.Rect((m, m - self.px(4)), f.font(28, True).size(C.PICKER_HEADING))
        return [("heading", title), ("briefing", self.text_rect), ("difficulty heading", heading)]

    def probe_extra(self) -> dict:
        """For the real-window tests: the difficulty Start would use and what the picker says of it."""
        return {"picker_difficulty": self.difficulty, "difficulty_help": self.difficulty_help()}

    def pilot_target(self, pilot):
        names = [n for n, _ in self.scenarios]
        if pilot.scenario in names and names.index(pilot.scenario) != self.selected:
            return self.scenario_buttons[names.index(pilot.scenario)]
        return self.start_button
