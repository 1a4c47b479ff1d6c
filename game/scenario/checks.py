"""Cross-reference and expression checks that the schema alone cannot do."""

from __future__ import annotations

import difflib

from ..model.expr import Compiler, ExprError
from .problems import Problem
from .schema import Scenario
from .yamlpos import Pos

SPECIAL_NAMES = ("turn", "turns_left")


def expression_names(scenario: Scenario) -> dict[str, str]:
    names = {m: "metric" for m in scenario.metrics}
    names.update({c.id: "crisis" for c in scenario.crises})
    names.update({n: "counter" for n in SPECIAL_NAMES})
    return names


class _Checker:
    def __init__(self, scenario: Scenario, filename: str, positions: dict):
        self.s, self.file, self.positions = scenario, filename, positions
        self.problems: list[Problem] = []
        self.compiler = Compiler(expression_names(scenario), [p.id for p in scenario.phases])

    def pos(self, path: tuple, key: bool = False) -> Pos:
        if key and (p := self.positions.get(path + ("<key>",))):
            return p
        for cut in range(len(path), -1, -1):
            if (p := self.positions.get(path[:cut])) is not None:
                return p
        return Pos(1, 1)

    def error(self, path: tuple, message: str, key: bool = False, severity: str = "error"):
        p = self.pos(path, key)
        self.problems.append(Problem(self.file, p.line, p.column, message, severity))

    def expr(self, path: tuple, text: str | None):
        if text is None:
            return
        try:
            self.compiler.compile(text)
        except ExprError as exc:
            p = self.pos(path)
            col = p.column if p.block else p.column + exc.column - 1 + (1 if p.quoted else 0)
            self.problems.append(Problem(self.file, p.line, col, f"in expression {text!r}: {exc.message}"))

    def metric_ref(self, path: tuple, name: str, key: bool = True):
        if name not in self.s.metrics:
            close = difflib.get_close_matches(name, list(self.s.metrics), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.error(path, f"unknown metric '{name}'; {hint}metrics: {', '.join(self.s.metrics)}", key)

    def effects(self, path: tuple, effects: dict):
        for name in effects:
            self.metric_ref(path + (name,), name)

    def delayed(self, path: tuple, delayed):
        for i, d in enumerate(delayed):
            self.metric_ref(path + (i, "metric"), d.metric, key=False)
            if d.after + d.over - 1 > 12:
                self.error(path + (i,), "a delayed effect must have fully arrived within 12 turns "
                                        "(after + over - 1 <= 12)")

    def phase_refs(self, path: tuple, phases):
        ids = [p.id for p in self.s.phases]
        for i, ph in enumerate(phases or []):
            if ph not in ids:
                close = difflib.get_close_matches(ph, ids, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self.error(path + (i,), f"unknown phase '{ph}'; {hint}phases: {', '.join(ids)}")

    def unique(self, kind: str, items, path: tuple):
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                self.error(path + (i, "id"), f"{kind} id '{item.id}' is already used by {kind} "
                                             f"#{seen[item.id] + 1}; ids must be unique")
            seen.setdefault(item.id, i)

    def run(self) -> list[Problem]:
        for section in self.sections():
            section()
        if not any(p.severity == "error" for p in self.problems):
            from .reachability import reachability_warnings  # needs every expression to compile

            reachability_warnings(self)
        return self.problems

    def sections(self) -> list:
        """The checks, in independent parts (a file that failed the schema runs what it can)."""
        return [self._metrics, self._ids, self._phases, self._actions, self._events, self._crises,
                self._endings, self._score]

    def _metrics(self):
        s = self.s
        for name, metric in s.metrics.items():
            self.expr(("metrics", name, "drift"), metric.drift)
        for cat in ("leadership", "management", "development"):
            self.expr(("effectiveness", cat), getattr(s.effectiveness, cat))

    def _ids(self):
        s = self.s
        self.unique("phase", s.phases, ("phases",))
        self.unique("action", s.actions, ("actions",))
        self.unique("event", s.events, ("events",))
        self.unique("crisis", s.crises, ("crises",))
        self.unique("ending", s.endings, ("endings",))
        clash = set(s.metrics) & {c.id for c in s.crises}
        for name in sorted(clash):
            self.error(("metrics", name), f"'{name}' is both a metric and a crisis id; rename one", key=True)

    def _actions(self):
        s = self.s
        for i, a in enumerate(s.actions):
            base = ("actions", i)
            self.effects(base + ("effects",), a.effects)
            self.effects(base + ("side_effects",), a.side_effects)
            self.delayed(base + ("delayed",), a.delayed)
            self.phase_refs(base + ("phases",), a.phases)
            self.expr(base + ("requires",), a.requires)
            if a.cost.ap > s.action_points:
                self.error(base + ("cost", "ap"), f"costs {a.cost.ap} action points but a turn has only "
                                                  f"{s.action_points}; no one can ever take it")

    def _crises(self):
        for i, c in enumerate(self.s.crises):
            self.expr(("crises", i, "start"), c.start)
            self.expr(("crises", i, "end"), c.end)
            self.effects(("crises", i, "per_turn"), c.per_turn)
            self._hysteresis(i, c)

    def _hysteresis(self, i: int, crisis) -> None:
        """Warn when a crisis on one threshold ends where it starts (no hysteresis)."""
        start, end = _threshold(crisis.start), _threshold(crisis.end)
        if not start or not end or start[0] != end[0]:
            return
        (name, s_dir, s_val), (_, e_dir, e_val) = start, end
        if s_dir == e_dir:
            return
        overlap = e_val >= s_val if s_dir == ">" else e_val <= s_val
        if overlap:
            self.error(("crises", i, "end"),
                       f"crisis '{crisis.id}' has no hysteresis: it starts when {name} passes {s_val:g} and "
                       f"ends at {e_val:g}, so it can end as soon as it starts; put the end threshold "
                       f"{'below' if s_dir == '>' else 'above'} {s_val:g}", severity="warning")

    def _endings(self):
        for i, e in enumerate(self.s.endings):
            self.expr(("endings", i, "when"), e.when)

    def _score(self):
        s = self.s
        for name in s.score.weights:
            self.metric_ref(("score", "weights", name), name)
        if not any(s.score.weights.values()):
            self.error(("score", "weights"), "at least one score weight must be non-zero")
        for name, value in s.score.enough.items():
            path = ("score", "enough", name)
            if name not in s.metrics:
                self.metric_ref(path, name)
                continue
            m = s.metrics[name]
            if not s.score.weights.get(name):
                self.error(path, f"'{name}' has no score weight, so a limit on what it adds to the score "
                                 f"changes nothing; give it a weight or remove it here", key=True)
            elif not m.min < value < m.max:
                self.error(path, f"{value:g} is not inside {name}'s range ({m.min:g} to {m.max:g}): a limit "
                                 "at or past its end changes nothing, one past the other end makes it count "
                                 "for nothing")

    def _phases(self):
        last = 0
        for i, p in enumerate(self.s.phases):
            path = ("phases", i)
            self.expr(path + ("starts_when",), p.starts_when)
            if i == 0:
                if p.starts_at_turn or p.starts_when:
                    self.error(path, "the first phase starts with the game; remove starts_at_turn/starts_when")
                continue
            if p.starts_at_turn is None and p.starts_when is None:
                self.error(path, f"phase '{p.id}' needs starts_at_turn or starts_when to say when it begins")
            if p.starts_at_turn is not None:
                if p.starts_at_turn > self.s.turns:
                    self.error(path + ("starts_at_turn",),
                               f"turn {p.starts_at_turn} is after the last turn ({self.s.turns})")
                if p.starts_at_turn <= last:
                    self.error(path + ("starts_at_turn",), "phases must start in the order they are written")
                last = p.starts_at_turn

    def _events(self):
        ids = [e.id for e in self.s.events]
        for i, e in enumerate(self.s.events):
            base = ("events", i)
            self.expr(base + ("when",), e.when)
            self.phase_refs(base + ("phases",), e.phases)
            for j, c in enumerate(e.choices):
                cp = base + ("choices", j)
                self.effects(cp + ("effects",), c.effects)
                self.delayed(cp + ("delayed",), c.delayed)
                if c.followup is not None and c.followup not in ids:
                    close = difflib.get_close_matches(c.followup, ids, n=1)
                    hint = f"did you mean '{close[0]}'? " if close else ""
                    self.error(cp + ("followup",), f"unknown event '{c.followup}'; {hint}"
                                                   f"events: {', '.join(ids) or 'none'}")


def _threshold(text: str):
    """(metric, '>' or '<', value) for a condition of the form 'metric > number', else None."""
    from ..model.expr import Binary, ExprError, Name, Num, parse

    try:
        node = parse(text)
    except ExprError:
        return None
    if not isinstance(node, Binary) or node.op not in ("<", "<=", ">", ">="):
        return None
    if isinstance(node.left, Name) and isinstance(node.right, Num):
        return node.left.name, node.op[0], node.right.value
    if isinstance(node.right, Name) and isinstance(node.left, Num):
        return node.right.name, "<" if node.op[0] == ">" else ">", node.left.value
    return None


def check_scenario(scenario: Scenario, filename: str, positions: dict) -> list[Problem]:
    problems = _Checker(scenario, filename, positions).run()
    problems.sort(key=lambda p: (p.line, p.column))
    return problems
