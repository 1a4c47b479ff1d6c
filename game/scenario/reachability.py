"""Warnings about parts of a scenario that can never come into play.

Run after the cross-reference checks have passed. Uses interval arithmetic
(game/model/expr_interval.py) over the metrics' bounds to find conditions that
can never be true, then follows phases, actions, events and follow-up chains
to find what no game can ever reach. Everything here is a warning: the
scenario still plays, but part of what the author wrote will never show.
"""

from __future__ import annotations

from ..model.expr_interval import BOOL, FALSE, IntervalEvaluator, can_be_false, can_be_true


def _fmt(x: float) -> str:
    return f"{x:g}"


class _Reach:
    def __init__(self, checker):
        self.c = checker
        self.s = checker.s
        s = self.s
        names = {m: (spec.min, spec.max) for m, spec in s.metrics.items()}
        names.update({k.id: BOOL for k in s.crises})
        names.update({"turn": (0.0, float(s.turns)), "turns_left": (0.0, float(s.turns))})
        self.ranges = names
        self.phase_ok = {p.id: True for p in s.phases}
        self.ev = IntervalEvaluator(self.ranges, self.phase_ok)

    def warn(self, path: tuple, message: str, key: bool = False):
        self.c.error(path, message, key=key, severity="warning")

    def why(self, text: str) -> str:
        used = []
        for name in dict.fromkeys(self.c.compiler.check(text)):
            if name in self.ranges and name in self.s.metrics:
                lo, hi = self.ranges[name]
                used.append(f"{name} stays within {_fmt(lo)}..{_fmt(hi)}")
            elif name in ("turn", "turns_left"):
                used.append(f"{name} stays within 0..{self.s.turns}")
            elif name in self.ranges and self.ranges[name] == FALSE:
                used.append(f"crisis '{name}' never starts")
        return f" ({'; '.join(used)})" if used else ""

    def never(self, text: str | None) -> bool:
        return text is not None and not can_be_true(self.ev.bounds(text))

    def never_false(self, text: str | None) -> bool:
        return text is not None and not can_be_false(self.ev.bounds(text))

    def run(self):
        s = self.s
        # Crises first: one that never starts is 0 in every later condition.
        for i, k in enumerate(s.crises):
            if self.never(k.start):
                self.warn(("crises", i, "start"), f"crisis '{k.id}' can never start: the condition "
                                                  f"{k.start!r} is never true{self.why(k.start)}")
                self.ranges[k.id] = FALSE
            elif self.never(k.end):
                self.warn(("crises", i, "end"), f"crisis '{k.id}' can never end once started: the condition "
                                                f"{k.end!r} is never true{self.why(k.end)}")
        self.ev = IntervalEvaluator(self.ranges, self.phase_ok)
        self._phases()
        self.ev = IntervalEvaluator(self.ranges, self.phase_ok)
        self._actions()
        self._events()
        for i, e in enumerate(s.endings):
            if self.never(e.when):
                self.warn(("endings", i, "when"), f"ending '{e.id}' can never happen: the condition "
                                                  f"{e.when!r} is never true{self.why(e.when)}")

    def _phases(self):
        s = self.s
        reachable = True
        for i, p in enumerate(s.phases):
            if i == 0:
                continue
            if not reachable:
                self.phase_ok[p.id] = False
                self.warn(("phases", i, "id"), f"phase '{p.id}' can never be reached: the phase before it "
                                               "is never reached, and phases follow in order")
                continue
            if p.starts_at_turn is None and self.never(p.starts_when):
                reachable = False
                self.phase_ok[p.id] = False
                self.warn(("phases", i, "starts_when"), f"phase '{p.id}' can never be reached: starts_when "
                                                        f"{p.starts_when!r} is never true{self.why(p.starts_when)}"
                                                        "; fix it or add starts_at_turn")
            elif p.starts_when is not None and p.starts_at_turn is not None and self.never(p.starts_when):
                self.warn(("phases", i, "starts_when"), f"starts_when {p.starts_when!r} is never true"
                                                        f"{self.why(p.starts_when)}; the phase only starts "
                                                        f"at turn {p.starts_at_turn}")

    def _offered_in_some_phase(self, phases) -> bool:
        return any(self.phase_ok.get(p, False) for p in (phases or self.phase_ok))

    def _actions(self):
        s = self.s
        lo, hi = self.ranges["budget"]
        for i, a in enumerate(s.actions):
            base = ("actions", i)
            if a.cost.budget > hi:
                self.warn(base + ("cost", "budget"), f"action '{a.id}' costs {_fmt(a.cost.budget)} but the budget "
                                                     f"never exceeds its max of {_fmt(hi)}: no one can afford it")
            if not self._offered_in_some_phase(a.phases):
                self.warn(base + ("phases",), f"action '{a.id}' is only offered in phases that are never "
                                              "reached: no one can take it")
            if self.never(a.requires):
                self.warn(base + ("requires",), f"action '{a.id}' is never offered: requires {a.requires!r} "
                                                f"is never true{self.why(a.requires)}")

    def _events(self):
        s = self.s
        by_id = {e.id: i for i, e in enumerate(s.events)}
        # An event can fire by chance, or as the follow-up of a choice of an event that can fire.
        by_chance = []
        for i, e in enumerate(s.events):
            by_chance.append(e.probability > 0 and not self.never(e.when)
                             and self._offered_in_some_phase(e.phases))
        fires = list(by_chance)
        changed = True
        while changed:
            changed = False
            for i, e in enumerate(s.events):
                if not fires[i]:
                    continue
                for c in e.choices:
                    j = by_id.get(c.followup) if c.followup else None
                    if j is not None and not fires[j]:
                        fires[j] = changed = True
        followed = {c.followup for e in s.events for c in e.choices if c.followup}
        for i, e in enumerate(s.events):
            base = ("events", i)
            if fires[i]:
                continue
            if e.id in followed:
                self.warn(base + ("id",), f"event '{e.id}' can never happen: it is only a follow-up of events "
                                          "that can never happen themselves")
            elif e.probability == 0:
                self.warn(base + ("probability",), f"event '{e.id}' can never happen: its probability is 0 and "
                                                   "no choice names it as a followup")
            elif self.never(e.when):
                self.warn(base + ("when",), f"event '{e.id}' can never happen: when {e.when!r} is never true"
                                            f"{self.why(e.when)}")
            else:
                self.warn(base + ("phases",), f"event '{e.id}' can never happen: it is limited to phases that "
                                              "are never reached")


def reachability_warnings(checker) -> None:
    _Reach(checker).run()
