"""Reading one turn's decision in the terminal: the event's answer, the actions, the commands typed
at the actions prompt (help, i KEY, save, take back, quit, ask on/off), and "end the turn anyway?".

A wrong answer is explained in one line and asked again; nothing here changes the game: the decision
goes back to the loop, which hands it to the session.
"""

from __future__ import annotations

import time

from .. import preferences
from ..session import Decision, DecisionError
from ..views import lines as screen_lines
from ..views import prompts as say
from ..views.cards import keyed_cards, keys_text, typed_card
from ..views.event import LETTERS, event as event_view
from . import screens
from .keyboard import TAKE_BACK, TAKE_BACK_WORDS, TimeUp
from .text import Plain


class TurnPrompts:
    """The prompts of one game; `asked_turn` remembers the turn whose end was last confirmed."""

    def __init__(self, game):  # a TerminalGame (not imported: it imports this module)
        self.game = game
        self.asked_turn: int | None = None  # asked once per turn
        self.actions_owed = False  # a short screen shows the event first, the actions after its answer

    @property
    def s(self):
        return self.game.s

    @property
    def pane(self):
        return self.game.pane

    def ask(self, prompt: str) -> str:
        """Ask, first showing the metrics again if they have scrolled off the screen."""
        if self.pane.metrics_scrolled_away(prompt):
            self.pane.out(screens.metrics_strip(self.s, self.pane.console.width), metrics=True)
        return self.pane.ask(prompt)

    # --- the decision -----------------------------------------------------------------------------
    def read_decision(self) -> Decision | None | object:
        """The turn's decision, None to leave, or TAKE_BACK; with the turn clock, the default decision
        when it runs out."""
        if self.game.turn_seconds:
            self.pane.deadline = time.monotonic() + self.game.turn_seconds
        try:
            return self._read_decision()
        except TimeUp:  # the turn report says so at once ("The clock ran out ...")
            self.pane.out()
            return self.s.default_decision()
        finally:  # the pauses between screens are not timed
            self.pane.deadline = None

    def _read_decision(self):
        choice = None
        ev = event_view(self.s)
        if ev is not None:
            choice = self.read_answer(ev)
            if choice is None or choice is TAKE_BACK:
                return choice
        if self.actions_owed:
            self.actions_owed = False
            self.pane.out(self.game.compact_actions(self.pane.metrics_lines + 1))
        return self.read_actions(choice)

    def read_answer(self, ev):
        """The event's answer (its choice id), None to leave, or TAKE_BACK."""
        for r in screens.event_block(ev):
            self.pane.out(r)
        if self.pane.ahead:  # typed at the pause before the turn: the actions, once the event is answered
            self.pane.out(Plain(say.kept_for_actions(self.pane.ahead), style="yellow"))
        last = ev.choices[-1]
        while True:
            answer = self.ask(say.event_prompt(ev.question, LETTERS[0], last.letter, last.number)).lower()
            if answer in ("q", "quit"):
                return None
            if answer in TAKE_BACK_WORDS:
                return TAKE_BACK
            if answer in ("?", "help"):
                self.game.help()
                continue
            picked = next((c for c in ev.choices if answer in (c.letter, str(c.number))), None)
            if picked is not None:
                self.pane.out(Plain(say.answer_taken(picked.label, picked.effects_text), style="yellow"))
                return picked.id
            self.pane.out(Plain(say.event_answer_wrong(last.letter, last.number), style="red"))

    def read_actions(self, choice):
        """The actions (with the event's `choice`) as a Decision, None to leave, or TAKE_BACK. A line is
        taken where it is typed: typed ahead at the pause before the turn, it is shown after this prompt
        and read as typed here; typed at the end-turn question instead of an answer, it is read as typed
        here too (both were dropped, and an impatient player lost two turns: s7 player 3, finding 1)."""
        s = self.s
        prompt = say.actions_prompt(s.rules.action_points)
        typed = self.pane.take_ahead()
        if typed is not None:
            self.show_typed(prompt, typed, say.TYPED_AT_PAUSE)
        while True:
            answer, typed = (typed, None) if typed is not None else (self.ask(prompt), None)
            low = answer.lower()
            if low in ("q", "quit", "exit"):
                return None
            if low in TAKE_BACK_WORDS:
                return TAKE_BACK
            if low in ("?", "h", "help"):
                self.game.help()
                continue
            if low.startswith("i ") or low == "i":
                self.describe(low[1:].strip())
                continue
            if low in ("s", "save"):
                where = self.game.save_now()
                self.pane.out(Plain(say.saved_to(where)))
                continue
            if low in ("ask on", "ask off"):
                self.set_asking(low == "ask on")
                continue
            try:
                decision = Decision(self.parse_actions(answer), choice)
                s.check(decision)
            except DecisionError as exc:
                self.pane.out(Plain(str(exc), style="red"))
                continue
            ending = self.confirm_end(decision)
            if isinstance(ending, str):  # a line typed at the question: the keys for this turn, read here
                typed = ending
                continue
            if ending is not False:
                return ending

    def show_typed(self, prompt: str, line: str, note: str) -> None:
        """The prompt with a line typed earlier after it, as if typed now, and where it was typed."""
        if self.pane.metrics_scrolled_away(prompt):
            self.pane.out(screens.metrics_strip(self.s, self.pane.console.width), metrics=True)
        self.pane.out(Plain.assemble((prompt, "bold"), " ", line, "  ", (note, "dim")))

    def parse_actions(self, answer: str) -> tuple[str, ...]:
        """The actions a line names by their keys (the window's, in either case) or, as before the
        keys, their numbers in the table's order. A last 'e' is the window's end-turn key, typed from
        habit ('1 x e', or 'e' alone for no action): the line ends the turn anyway."""
        shown = keyed_cards(self.s, top=0)
        ids = []
        tokens = answer.replace(",", " ").split()
        if tokens and tokens[-1].lower() in say.END_TURN_WORDS:
            tokens.pop()
        for token in tokens:
            picked = typed_card(shown, token)
            if picked is None:
                raise DecisionError(say.not_an_action(token, keys_text(len(shown))))
            ids.append(picked.id)
        return tuple(ids)

    def describe(self, typed: str) -> None:
        shown = keyed_cards(self.s, top=len(self.s.scenario.metrics))  # every expected effect, not the table's few
        picked = typed_card(shown, typed) if typed else None
        if picked is None:
            self.pane.out(Plain(say.describe_wrong(keys_text(len(shown))), style="red"))
            return
        self.pane.out(screens.card_panel(picked))

    # --- ending a turn with points left -----------------------------------------------------------
    def points_left(self, decision: Decision) -> int:
        spec = {a.id: a for a in self.s.scenario.actions}
        return self.s.rules.action_points - sum(spec[a].cost.ap for a in decision.actions)

    def could_still_pick(self, decision: Decision) -> bool:
        """Some action not in the decision is available and fits the points and the budget left."""
        left = self.points_left(decision)
        spent = sum(a.cost.budget for a in self.s.scenario.actions if a.id in decision.actions)
        money = self.s.value("budget") - spent
        return any(a.id not in decision.actions and a.cost.ap <= left and a.cost.budget <= money + 1e-9
                   and self.s.unavailable_reason(a.id) is None for a in self.s.scenario.actions)

    def confirm_end(self, decision: Decision) -> Decision | None | bool | str:
        """With action points left, ask whether to end the turn: once per turn (as the window does)
        when something is chosen, every time when nothing is (an Enter after 'keep choosing' ended a
        turn with no action, unasked). The decision, None to quit, False to keep choosing, or a line
        typed instead of an answer ('7 8 1'), which the actions prompt reads as typed there. Only a
        person is asked: piped input (a script, a bot) and a player who switched the question off are not."""
        if (not self.pane.stdin.isatty() or (self.asked_turn == self.s.turn and decision.actions)
                or self.points_left(decision) <= 0 or not self.could_still_pick(decision)
                or not preferences.confirm_end_turn()):
            return decision
        self.asked_turn = self.s.turn
        total, left = self.s.rules.action_points, self.points_left(decision)
        picked = screen_lines.unspent(total if not decision.actions else left, total, "actions")
        self.pane.out(Plain(f"{picked} {screen_lines.UNSPENT_LOST}", style="yellow"))
        typed = self.pane.ask(say.END_ANYWAY)
        answer = typed.lower()
        if answer in ("q", "quit", "exit"):
            return None
        if answer in ("y", "yes", "e", "end"):
            return decision
        if answer == "never":
            self.set_asking(False)
            return decision
        if answer in ("", "n", "no"):
            self.pane.out(say.KEEP_CHOOSING)
            return False
        return typed

    def set_asking(self, on: bool) -> None:
        try:
            preferences.set_confirm_end_turn(on)
        except OSError as exc:
            self.pane.out(Plain(say.setting_not_kept(preferences.settings_path(), exc.strerror or str(exc)),
                                style="red"))
            return
        self.pane.out(say.ASKING_ON if on else say.ASKING_OFF)
