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

import numpy as np

from .model import scoring
from .model.context import expected_effects, legal_actions
from .model.rules import Rules, compile_rules
from .model.state import NO_EVENT, State, new_state
from .model.step import Trace, step
from .scenario.loader import LoadedScenario
from .scenario.schema import CATEGORIES

DIFFICULTIES = ("guided", "standard", "expert")


class DecisionError(ValueError):
    """The player's decision cannot be carried out; the message says why and what to do."""


@dataclass(frozen=True)
class Decision:
    actions: tuple[str, ...] = ()
    choice: str | None = None
    timed_out: bool = False

    def to_json(self) -> dict:
        out: dict = {"actions": list(self.actions), "choice": self.choice}
        if self.timed_out:
            out["timed_out"] = True
        return out

    @classmethod
    def from_json(cls, data) -> "Decision":
        if not isinstance(data, dict) or not isinstance(data.get("actions", []), list):
            raise DecisionError("a decision must be an object with a list of 'actions'")
        actions = data.get("actions", [])
        choice = data.get("choice")
        if not all(isinstance(a, str) for a in actions) or not (choice is None or isinstance(choice, str)):
            raise DecisionError("decision actions and choice must be ids (text)")
        return cls(tuple(actions), choice, bool(data.get("timed_out", False)))


@dataclass
class Cause:
    kind: str  # action, delayed, event, crisis, drift, noise, bounds
    label: str
    change: dict[str, float]


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

    def change(self, metric: str) -> float:
        return self.after[metric] - self.before[metric]


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
        self.meta: dict = {}  # who plays and in which workshop; saved with the game, never read by the model

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

    def next_phase_hint(self) -> str | None:
        """'Mature company by turn 15' style hint, or None in the last phase."""
        i = int(self.state.phase[0])
        if i + 1 >= len(self.scenario.phases):
            return None
        nxt = self.scenario.phases[i + 1]
        if nxt.starts_at_turn is not None:
            early = " or earlier" if nxt.starts_when else ""
            return f"{nxt.title} from turn {nxt.starts_at_turn}{early}"
        return f"{nxt.title} when the time is right"

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

    def legal(self) -> dict[str, bool]:
        ok = legal_actions(self.rules, self.state)[0]
        return dict(zip(self.rules.actions, map(bool, ok)))

    def unavailable_reason(self, action_id: str) -> str | None:
        a = self.rules.actions.index(action_id)
        spec = self.scenario.actions[a]
        if self.done:
            return "the game is over"
        if self.state.cooldown[0, a] > 0:
            n = int(self.state.cooldown[0, a])
            return f"resting: available again in {n} turn{'s' if n > 1 else ''}"
        if not self.rules.action_phase[a, int(self.state.phase[0])]:
            return f"not offered in the {self.phase_spec.title} phase"
        if spec.cost.budget > 0 and self.value("budget") < spec.cost.budget:
            return f"needs {spec.cost.budget:g} budget"
        if spec.cost.ap > self.rules.action_points:
            return "costs more action points than a turn has"
        if not self.legal()[action_id]:
            return "its condition does not hold right now"
        return None

    def expected(self) -> dict[str, dict[str, float]]:
        """Expected change of every metric per action, luck aside (for previews and tooltips)."""
        exp = expected_effects(self.rules, self.state)[0]
        return {a: {m: float(exp[i, j]) for j, m in enumerate(self.rules.metrics) if abs(exp[i, j]) > 1e-9}
                for i, a in enumerate(self.rules.actions)}

    def preview(self, expected: dict[str, dict[str, float]] | None = None, top: int = 4
                ) -> dict[str, list[tuple[str, float]]]:
        """Per action, its largest expected changes as (metric title, amount), the price left out.

        The price is shown on the card itself; interfaces choose how much of
        the rest to reveal (size and direction, size only, or nothing).
        """
        expected = self.expected() if expected is None else expected
        out = {}
        for action in self.scenario.actions:
            effects = dict(expected.get(action.id, {}))
            effects["budget"] = effects.get("budget", 0.0) + action.cost.budget
            ranked = sorted(effects.items(), key=lambda kv: -abs(kv[1]))[:top]
            out[action.id] = [(self.scenario.metrics[m].title or m, v) for m, v in ranked if abs(v) >= 0.5]
        return out

    def effectiveness(self) -> dict[str, float]:
        from .model.context import effectiveness

        eff = effectiveness(self.rules, self.state)[0]
        return dict(zip(CATEGORIES, map(float, eff)))

    def score(self) -> float:
        return float(scoring.score(self.rules, self.state)[0])

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
                raise DecisionError(f"'{a}' is chosen twice; each action can be taken once a turn")
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
        before = self.values()
        phase_before = int(self.state.phase[0])
        trace = Trace()
        eff = self.effectiveness()
        step(self.rules, self.state, acts, choice, trace, self._pending_sources)
        self.log.append(decision)
        self.history.append(self.state.x[0].copy())
        self.phase_history.append(int(self.state.phase[0]))
        report = self._report(decision, before, trace, phase_before, eff)
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
        replay = Session(self.loaded, self.seed, self.difficulty)
        for decision in self.log[:-1]:
            replay.decide(decision)
        self.__dict__.update(replay.__dict__)
        self.meta = {**meta, "taken_back": int(meta.get("taken_back", 0)) + 1}
        return last

    def default_decision(self) -> Decision:
        """What happens when the player lets the clock run out: no actions, the first answer."""
        event = self.event
        return Decision((), event.choices[0].id if event else None, timed_out=True)

    def _report(self, decision, before, trace: Trace, phase_before: int, eff) -> TurnReport:
        names = self.rules.metrics
        causes = []
        for kind, label, change in trace.contributions:
            parts = {names[i]: float(v) for i, v in enumerate(change) if abs(v) > 1e-9}
            if parts:
                causes.append(Cause(kind, self._label(kind, label), parts))
        phase_now = int(self.state.phase[0])
        ev = self.event
        ending = self.ending
        return TurnReport(
            turn=self.turn, decision=decision, before=before, after=self.values(), causes=causes,
            phase_changed_to=self.rules.phases[phase_now] if phase_now != phase_before else None,
            crises_started=trace.crises_started, crises_ended=trace.crises_ended,
            event_next=ev.id if ev is not None else None,
            ended=ending.id if ending is not None else None,
            effectiveness=eff,
        )

    def _label(self, kind: str, label: str) -> str:
        s = self.scenario
        titles = {a.id: a.title for a in s.actions}
        if kind == "action":
            return titles.get(label, label)
        if kind == "delayed":
            source, _, when = label.partition(" (turn ")
            if ":" in source:
                ev_id, choice_id = source.split(": ")
                source = self._choice_title(ev_id, choice_id)
            return f"{titles.get(source, source)} (from turn {when}"
        if kind == "event":
            ev_id, choice_id = label.split(": ")
            return self._choice_title(ev_id, choice_id)
        if kind == "crisis":
            return next(c.title for c in s.crises if c.id == label)
        return label

    def _choice_title(self, ev_id: str, choice_id: str) -> str:
        ev = next(e for e in self.scenario.events if e.id == ev_id)
        ch = next(c for c in ev.choices if c.id == choice_id)
        return f"{ev.title}: {ch.label}"

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
