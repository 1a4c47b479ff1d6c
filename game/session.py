"""One game in progress: the only door through which play changes the model.

Terminal play, the graphical game, bots and replays all send decisions here.
A decision names actions and an event answer by id; the session checks it,
logs it, and runs the model's step with R=1. The decision log plus the seed
and the scenario text is the whole game: saving writes them, loading replays
them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from .model import scoring
from .model.context import expected_effects, later_effects, legal_actions
from .model.rules import Rules, compile_rules
from .model.state import NO_EVENT, State, new_state
from .model.step import Source, Trace, step
from .scenario.loader import LoadedScenario
from .scenario.schema import CATEGORIES, DIFFICULTIES



class DecisionError(ValueError):
    """The player's decision cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class Decision:
    actions: tuple[str, ...] = ()
    choice: str | None = None
    timed_out: bool = False
    bot: str | None = None  # the bot that played this turn for the team (a workshop's stand-in), else None

    def to_json(self) -> dict:
        out: dict = {"actions": list(self.actions), "choice": self.choice}
        if self.timed_out:
            out["timed_out"] = True
        if self.bot:
            out["bot"] = self.bot
        return out

    @classmethod
    def from_json(cls, data) -> "Decision":
        if not isinstance(data, dict) or not isinstance(data.get("actions", []), list):
            raise DecisionError("a decision must be an object with a list of 'actions'")
        actions = data.get("actions", [])
        choice = data.get("choice")
        bot = data.get("bot")
        if not all(isinstance(a, str) for a in actions) or not all(v is None or isinstance(v, str)
                                                                   for v in (choice, bot)):
            raise DecisionError("decision actions, choice and bot must be ids (text)")
        return cls(tuple(actions), choice, bool(data.get("timed_out", False)), bot or None)


class CauseKind(StrEnum):
    """What moved a metric. Equal to its plain value ("action" == CauseKind.ACTION)."""

    ACTION = "action"  # an action taken this turn
    DELAYED = "delayed"  # the later part of an earlier decision, arriving now
    EVENT = "event"  # this turn's answer to an event
    CRISIS = "crisis"  # a crisis that is on
    DRIFT = "drift"  # the metric's own drift
    NOISE = "noise"  # luck
    BOUNDS = "bounds"  # the limits of the metric's scale
    OTHER = "other"  # small causes summed up (only in the views)

    @property
    def chosen(self) -> bool:
        """Caused by a decision of the player (an action or an event answer, now or earlier)."""
        return self in (CauseKind.ACTION, CauseKind.DELAYED, CauseKind.EVENT)


@dataclass(frozen=True)
class Cause:
    """One reason behind this turn's changes, as data: what kind, whose, from when, how much per metric."""

    kind: CauseKind
    source_id: str  # the action, event or crisis id; "" for drift, luck and limits
    title: str  # the source's title: "Share the vision", "Key client: Say yes", a crisis title; "" if none
    change: dict[str, float]
    from_turn: int | None = None  # delayed effects: the turn on which the decision was made
    choice_id: str | None = None  # an event answer (now or delayed): the answer's id


class Why(StrEnum):
    """Why an action cannot be taken this turn."""

    GAME_OVER = "game_over"
    RESTING = "resting"  # cooldown: `turns` until it is back
    NOT_IN_PHASE = "not_in_phase"  # `phase` is the current phase's title
    NO_BUDGET = "no_budget"  # `budget` is what it needs
    TOO_MANY_AP = "too_many_ap"
    CONDITION = "condition"  # the scenario's condition for it does not hold


@dataclass(frozen=True)
class Unavailable:
    """An unavailable action's reason as a record; `sentence` is the one wording of it."""

    why: Why
    turns: int | None = None
    # resting past the game's last turn: it does not come back in this game ('back in 1 turn' on the last
    # turn promised a turn that never comes: s7 player 3)
    not_again: bool = False
    budget: float | None = None
    phase: str | None = None

    @property
    def sentence(self) -> str:
        if self.why is Why.GAME_OVER:
            return "the game is over"
        if self.why is Why.RESTING and self.not_again:
            return "resting: not available again in this game"
        if self.why is Why.RESTING:
            return f"resting: available again in {self.turns} turn{'s' if self.turns != 1 else ''}"
        if self.why is Why.NOT_IN_PHASE:
            return f"not offered in the {self.phase} phase"
        if self.why is Why.NO_BUDGET:
            return f"needs {self.budget:g} budget"
        if self.why is Why.TOO_MANY_AP:
            return "costs more action points than a turn has"
        return "its condition does not hold right now"


@dataclass(frozen=True)
class Snapshot:
    """What this turn's screens ask about every action, computed once per turn (kernel calls are dear)."""

    turn: int
    legal: dict[str, bool]
    unavailable: dict[str, Unavailable | None]
    effectiveness: dict[str, float]  # per category
    expected: dict[str, dict[str, float]]  # per action: expected change per metric, luck aside
    later: dict[str, dict[str, float]] = field(default_factory=dict)  # per action: the part of `expected`
    # that arrives on later turns (delayed effects)


@dataclass
class TurnReport:
    """What happened in one turn and why, in plain data for any interface."""

    turn: int  # the turn that was just played, 1-based
    decision: Decision
    before: dict[str, float]
    after: dict[str, float]
    causes: list[Cause]
    phase_changed_to: str | None = None
    crises_started: list[str] = field(default_factory=list)
    crises_ended: list[str] = field(default_factory=list)
    event_next: str | None = None
    ended: str | None = None
    effectiveness: dict[str, float] = field(default_factory=dict)
    answered: str | None = None  # the id of the event this decision answered

    def change(self, metric: str) -> float:
        return self.after[metric] - self.before[metric]


def starting_difficulty(loaded: LoadedScenario, chosen: str | None = None) -> str:
    """The difficulty a new game starts on: the player's own choice (a command-line option, the picker),
    else the scenario's `default_difficulty` (the tutorial: guided, a first game). A saved game, a
    replay or a workshop keeps the difficulty it recorded; this is only for games begun now."""
    return chosen if chosen is not None else loaded.scenario.default_difficulty


class Session:
    def __init__(self, loaded: LoadedScenario, seed: int, difficulty: str = "standard"):
        if difficulty not in DIFFICULTIES:
            raise DecisionError(f"unknown difficulty '{difficulty}'; choose {', '.join(DIFFICULTIES)}")
        self.loaded = loaded
        self.scenario = loaded.scenario
        self.rules: Rules = compile_rules(loaded.scenario)
        self.seed = int(seed)
        self.difficulty = difficulty
        self.state: State = new_state(self.rules, self.seed, 1)
        self.log: list[Decision] = []
        self.reports: list[TurnReport] = []
        self.history: list[np.ndarray] = [self.state.x[0].copy()]
        self.phase_history: list[int] = [0]
        self._pending_sources: dict = {}
        self._snapshot: tuple[tuple, Snapshot] | None = None
        self._score: tuple[tuple, float] | None = None
        self.meta: dict = {}  # who plays and in which workshop; saved with the game, never read by the model
        # The choice the player was making when the game was saved mid-turn (cards picked, an event
        # answered): saved with the game so a closed window gives it back; deciding a turn clears it.
        self.draft: Decision | None = None

    # --- reading the game ------------------------------------------------
    @property
    def turn(self) -> int:
        """Turns played so far (0 before the first decision)."""
        return self.state.turn

    @property
    def done(self) -> bool:
        return bool(self.state.done[0])

    @property
    def phase(self) -> str:
        return self.rules.phases[int(self.state.phase[0])]

    @property
    def phase_spec(self):
        return self.scenario.phases[int(self.state.phase[0])]

    def value(self, metric: str) -> float:
        return float(self.state.x[0, self.rules.index[metric]])

    def values(self) -> dict[str, float]:
        return {m: float(v) for m, v in zip(self.rules.metrics, self.state.x[0])}

    def previous_values(self) -> dict[str, float]:
        return {m: float(v) for m, v in zip(self.rules.metrics, self.history[-2 if len(self.history) > 1 else -1])}

    def visible_metrics(self) -> list[str]:
        return [m for m, spec in self.scenario.metrics.items() if spec.visible]

    def active_crises(self) -> list[str]:
        return [c for k, c in enumerate(self.rules.crises) if self.state.crisis[0, k]]

    @property
    def event(self):
        """The event waiting for an answer this turn, or None."""
        e = int(self.state.event[0])
        return self.scenario.events[e] if e != NO_EVENT else None

    def snapshot(self) -> Snapshot:
        """This turn's legality, reasons, effectiveness and expected effects, computed once per turn."""
        key = (id(self.state), self.turn, len(self.log))
        if self._snapshot is None or self._snapshot[0] != key:
            from .model.context import effectiveness

            ok = legal_actions(self.rules, self.state)[0]
            legal = dict(zip(self.rules.actions, map(bool, ok)))
            eff_array = effectiveness(self.rules, self.state)
            exp = expected_effects(self.rules, self.state, eff_array)[0]
            expected = {a: {m: float(exp[i, j]) for j, m in enumerate(self.rules.metrics) if abs(exp[i, j]) > 1e-9}
                        for i, a in enumerate(self.rules.actions)}
            eff = dict(zip(CATEGORIES, map(float, eff_array[0])))
            late = later_effects(self.rules, self.state, eff_array)[0]
            later = {a: {m: float(late[i, j]) for j, m in enumerate(self.rules.metrics)}
                     for i, a in enumerate(self.rules.actions)}
            reasons = {a: self._unavailable(a, legal) for a in self.rules.actions}
            self._snapshot = (key, Snapshot(self.turn, legal, reasons, eff, expected, later))
        return self._snapshot[1]

    def legal(self) -> dict[str, bool]:
        return dict(self.snapshot().legal)

    def unavailable(self, action_id: str) -> Unavailable | None:
        """Why the action cannot be taken this turn, as a record; None when it can."""
        return self.snapshot().unavailable[action_id]

    def unavailable_reason(self, action_id: str) -> str | None:
        u = self.unavailable(action_id)
        return u.sentence if u is not None else None

    def _unavailable(self, action_id: str, legal: dict[str, bool]) -> Unavailable | None:
        a = self.rules.actions.index(action_id)
        spec = self.scenario.actions[a]
        if self.done:
            return Unavailable(Why.GAME_OVER)
        if self.state.cooldown[0, a] > 0:
            back = int(self.state.cooldown[0, a])
            return Unavailable(Why.RESTING, turns=back, not_again=self.turn + back >= self.scenario.turns)
        if not self.rules.action_phase[a, int(self.state.phase[0])]:
            return Unavailable(Why.NOT_IN_PHASE, phase=self.phase_spec.title)
        if spec.cost.budget > 0 and self.value("budget") < spec.cost.budget:
            return Unavailable(Why.NO_BUDGET, budget=float(spec.cost.budget))
        if spec.cost.ap > self.rules.action_points:
            return Unavailable(Why.TOO_MANY_AP)
        if not legal[action_id]:
            return Unavailable(Why.CONDITION)
        return None

    def expected(self) -> dict[str, dict[str, float]]:
        """Expected change of every metric per action, luck aside (for previews and tooltips)."""
        return {a: dict(e) for a, e in self.snapshot().expected.items()}

    def effectiveness(self) -> dict[str, float]:
        return dict(self.snapshot().effectiveness)

    def score(self) -> float:
        """The score so far, computed once per turn (a room's console and projector rank 200 games often)."""
        key = (id(self.state), self.turn, len(self.log))
        if self._score is None or self._score[0] != key:
            self._score = (key, float(scoring.score(self.rules, self.state)[0]))
        return self._score[1]

    def score_breakdown(self) -> dict[str, float]:
        return {k: float(v[0]) for k, v in scoring.breakdown(self.rules, self.state).items()}

    @property
    def ending(self):
        e = int(self.state.ending[0])
        return self.rules.endings[e] if e >= 0 else None

    def mix(self) -> dict[str, dict[str, int]]:
        """Actions taken per phase and category: the player's leadership/management mix."""
        return {p: {c: int(self.state.mix[0, i, k]) for k, c in enumerate(CATEGORIES)}
                for i, p in enumerate(self.rules.phases)}

    def phase_weights(self) -> dict[str, dict[str, float]]:
        return {p.id: {"leadership": p.weights.leadership, "management": p.weights.management,
                       "development": p.weights.development} for p in self.scenario.phases}

    # --- changing the game -------------------------------------------------
    def check(self, decision: Decision) -> tuple[np.ndarray, np.ndarray]:
        """Turn a decision into model arrays, or raise DecisionError saying what is wrong."""
        if self.done:
            raise DecisionError("the game is over; no more decisions can be made")
        acts = np.zeros((1, len(self.rules.actions)), dtype=bool)
        ap = 0
        for a in decision.actions:
            if a not in self.rules.actions:
                close = difflib.get_close_matches(a, self.rules.actions, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise DecisionError(f"unknown action '{a}'{hint}")
            i = self.rules.actions.index(a)
            if acts[0, i]:
                raise DecisionError(f"'{self.scenario.actions[i].title}' is chosen twice; "
                                    "each action can be taken once a turn")
            reason = self.unavailable_reason(a)
            if reason:
                raise DecisionError(f"'{self.scenario.actions[i].title}' is not available: {reason}")
            acts[0, i] = True
            ap += int(self.rules.cost_ap[i])
        budget = sum(self.scenario.actions[self.rules.actions.index(a)].cost.budget for a in decision.actions)
        if ap > self.rules.action_points:
            raise DecisionError(f"these actions need {ap} action points; you have {self.rules.action_points}")
        if budget > 0 and budget > self.value("budget") + 1e-9:
            raise DecisionError(f"these actions cost {budget:g} together; the budget is {self.value('budget'):.1f}")
        choice = np.zeros(1, dtype=np.int64)
        event = self.event
        if event is not None:
            ids = [c.id for c in event.choices]
            if decision.choice is None:
                raise DecisionError(f"answer the event '{event.title}' first: choose one of {', '.join(ids)}")
            if decision.choice not in ids:
                raise DecisionError(f"'{decision.choice}' is not an answer to '{event.title}'; "
                                    f"choose one of {', '.join(ids)}")
            choice[0] = ids.index(decision.choice)
        elif decision.choice is not None:
            raise DecisionError("there is no event to answer this turn")
        return acts, choice

    def decide(self, decision: Decision) -> TurnReport:
        acts, choice = self.check(decision)
        answered = self.event.id if self.event is not None else None
        before = self.values()
        phase_before = int(self.state.phase[0])
        trace = Trace()
        eff = self.effectiveness()
        step(self.rules, self.state, acts, choice, trace, self._pending_sources)
        self.log.append(decision)
        self.draft = None
        self.history.append(self.state.x[0].copy())
        self.phase_history.append(int(self.state.phase[0]))
        report = self._report(decision, before, trace, phase_before, eff, answered)
        self.reports.append(report)
        return report

    # --- practice mode ---------------------------------------------------------
    def can_take_back(self) -> str | None:
        """Why the last turn cannot be taken back now, or None when it can (practice mode)."""
        if not self.log:
            return "no turn has been played yet"
        if self.meta.get("workshop") or self.meta.get("hotseat"):
            return "turns cannot be taken back in a workshop or hot-seat game: everyone plays the same game once"
        return None

    def replayed(self, turns: int) -> "Session":
        """A new game of this scenario, seed and difficulty with this log's first `turns` decisions played:
        the one way to rebuild a game part-way (take_back, a practice copy), as the log is the whole truth."""
        replay = Session(self.loaded, self.seed, self.difficulty)
        for decision in self.log[:turns]:
            replay.decide(decision)
        return replay

    def take_back(self) -> Decision:
        """Undo the last turn and return its decision, so the player can try another one (outside workshops).

        The game is rebuilt by replaying the log without its last decision: the
        decision log stays the whole truth, and everything derived from it
        (state, reports, history, delayed-effect sources, any cache) comes back
        exactly as it was. Meta counts the take-backs, so a save says it was practised.
        """
        reason = self.can_take_back()
        if reason:
            raise DecisionError(f"cannot take back the last turn: {reason}")
        last, meta = self.log[-1], dict(self.meta)
        self.__dict__.update(self.replayed(len(self.log) - 1).__dict__)
        self.meta = {**meta, "taken_back": int(meta.get("taken_back", 0)) + 1}
        return last

    def default_decision(self) -> Decision:
        """What happens when the player lets the clock run out: no actions, the first answer."""
        event = self.event
        return Decision((), event.choices[0].id if event else None, timed_out=True)

    def _report(self, decision, before, trace: Trace, phase_before: int, eff, answered) -> TurnReport:
        names = self.rules.metrics
        causes = []
        for kind, source, change in trace.contributions:
            parts = {names[i]: float(v) for i, v in enumerate(change) if abs(v) > 1e-9}
            if parts:
                causes.append(Cause(CauseKind(kind), source.id, self.source_title(source), parts, source.turn,
                                    source.choice))
        phase_now = int(self.state.phase[0])
        ev = self.event
        ending = self.ending
        return TurnReport(
            turn=self.turn, decision=decision, before=before, after=self.values(), causes=causes,
            phase_changed_to=self.rules.phases[phase_now] if phase_now != phase_before else None,
            crises_started=trace.crises_started, crises_ended=trace.crises_ended,
            event_next=ev.id if ev is not None else None,
            ended=ending.id if ending is not None else None,
            effectiveness=eff, answered=answered,
        )

    def source_title(self, source: Source) -> str:
        """The scenario's title for a cause's source: an action's, "Event: answer", a crisis's; "" for none."""
        s = self.scenario
        if source.kind == "action":
            return next((a.title for a in s.actions if a.id == source.id), source.id)
        if source.kind == "event":
            ev = next(e for e in s.events if e.id == source.id)
            ch = next(c for c in ev.choices if c.id == source.choice)
            return f"{ev.title}: {ch.label}"
        if source.kind == "crisis":
            return next(c.title for c in s.crises if c.id == source.id)
        return ""

    # --- summaries -----------------------------------------------------------
    def result(self, policy: str | None = None) -> dict:
        """The summary printed by `simulate --json` and written into result files."""
        ending = self.ending
        return {
            "scenario": self.scenario.id,
            "policy": policy,
            "seed": self.seed,
            "score": round(self.score(), 3),
            "outcome": ending.kind if ending else "running",
            "ending": ending.id if ending else None,
            "turns": self.turn,
            "metrics": {m: round(v, 3) for m, v in self.values().items()},
            "score_breakdown": {k: round(v, 3) for k, v in self.score_breakdown().items()},
            "mix": self.mix(),
        }
