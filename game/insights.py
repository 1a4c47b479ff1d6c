"""Plain-language explanations of a game, shared by every interface.

Turn reports say why each metric moved; the debrief compares the player's
leadership/management mix with what each phase rewarded and picks out a few
concrete lessons from this particular game.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model.context import metric_value_weights
from .scenario.defaults import SKILL_METRICS
from .session import Session, TurnReport

KIND_WORDS = {
    "action": "your action", "delayed": "arriving now", "event": "your answer", "crisis": "crisis",
    "drift": "on its own", "noise": "luck", "bounds": "limit", "other": "other causes",
}


@dataclass
class MetricLine:
    metric: str
    title: str
    before: float
    after: float
    causes: list[tuple[str, str, float]]  # (kind, label, amount), largest first

    @property
    def change(self) -> float:
        return self.after - self.before


def metric_lines(session: Session, report: TurnReport, metrics: list[str] | None = None,
                 top: int = 4) -> list[MetricLine]:
    """For each metric, its change and the biggest reasons behind it."""
    metrics = metrics or session.visible_metrics()
    lines = []
    for m in metrics:
        causes = [(c.kind, c.label, c.change[m]) for c in report.causes if c.change.get(m, 0) != 0]
        causes.sort(key=lambda c: -abs(c[2]))
        shown = [c for c in causes[:top] if abs(c[2]) >= 0.05]
        rest = sum(c[2] for c in causes) - sum(c[2] for c in shown)
        if abs(rest) >= 0.05:  # so the listed causes always add up to the change
            shown.append(("other", "other causes", rest))
        lines.append(MetricLine(m, session.scenario.metrics[m].title or m, report.before[m], report.after[m],
                                shown))
    return lines


def action_notes(action) -> list[str]:
    """The rules of an action card in a few words: rest after use, fatigue, delayed part."""
    notes = []
    if action.cooldown:
        notes.append(f"rests {action.cooldown} turn{'s' if action.cooldown > 1 else ''} after use")
    if action.diminishing < 1:
        notes.append("weaker if repeated in a row")
    if action.delayed:
        notes.append("part of the effect arrives later")
    return notes


def describe_cause(kind: str, label: str, amount: float) -> str:
    if kind in ("drift", "noise", "bounds", "other"):
        return f"{KIND_WORDS[kind]} {amount:+.1f}"
    return f"{label} {amount:+.1f}"


@dataclass
class PhaseMix:
    phase: str
    title: str
    leadership: int
    management: int
    development: int
    weight_leadership: float
    weight_management: float

    @property
    def leadership_share(self) -> float:
        total = self.leadership + self.management
        return self.leadership / total if total else 0.0

    @property
    def rewarded(self) -> str:
        if self.weight_leadership > self.weight_management:
            return "leadership"
        if self.weight_management > self.weight_leadership:
            return "management"
        return "both equally"

    @property
    def fits(self) -> bool:
        """Whether the mix leaned the way this phase rewarded."""
        share = self.leadership_share
        if self.rewarded == "both equally":
            return 0.4 <= share <= 0.6
        return share >= 0.6 if self.rewarded == "leadership" else share <= 0.4

    def verdict(self) -> str:
        total = self.leadership + self.management
        if total == 0:
            return f"You took no leadership or management actions in the {self.title} phase."
        share = self.leadership_share
        amount = "all" if share == 1 else "none" if share == 0 else f"{share:.0%}"
        text = f"{self.title}: {amount} of your leadership and management actions were leadership"
        if self.rewarded == "both equally":
            return text + ("; this phase rewarded both equally. Good fit." if self.fits else
                           "; this phase rewarded both equally, so a more even mix would have paid more.")
        other = "management" if self.rewarded == "leadership" else "leadership"
        ratio = (max(self.weight_leadership, self.weight_management)
                 / max(min(self.weight_leadership, self.weight_management), 1e-9))
        text += f"; this phase made {self.rewarded} {ratio:.1f}x as effective as {other}."
        return text + (" Good fit." if self.fits else f" Leaning more toward {self.rewarded} would have paid more.")


def phase_mix(session: Session) -> list[PhaseMix]:
    mix = session.mix()
    out = []
    for p in session.scenario.phases:
        m = mix[p.id]
        if session.phase_history.count(session.rules.phases.index(p.id)) == 0:
            continue
        out.append(PhaseMix(p.id, p.title, m["leadership"], m["management"], m["development"],
                            p.weights.leadership, p.weights.management))
    return out


def insights(session: Session, limit: int = 5) -> list[str]:
    """A few concrete observations about this game, most telling first."""
    notes: list[str] = []
    notes.extend(pm.verdict() for pm in phase_mix(session))
    totals: dict[str, float] = {}
    worth = metric_value_weights(session.rules)  # hidden drivers count too: coaching pays through them
    for report in session.reports:
        for cause in report.causes:
            if cause.kind not in ("action", "delayed", "event"):
                continue
            label = cause.label.split(" (from turn")[0]
            value = sum(worth[session.rules.index[m]] * v for m, v in cause.change.items())
            totals[label] = totals.get(label, 0.0) + value
    if totals:
        best = max(totals, key=totals.get)
        worst = min(totals, key=totals.get)
        if totals[best] > 0:
            notes.append(f"What helped most: '{best}' did more for your score than anything else you chose.")
        if totals[worst] < 0:
            notes.append(f"What hurt most: '{worst}' cost you more than anything else you chose.")
    crisis_turns = [r.turn for r in session.reports for _ in r.crises_started]
    if crisis_turns:
        notes.append(f"A crisis began on turn {crisis_turns[0]}; crises end only when the metric behind them "
                     "recovers well past the point where they started.")
    elif session.rules.crises:
        notes.append("You never fell into a crisis.")
    start = session.history[0]
    for skill, word in (("leadership_skill", "leadership"), ("management_skill", "management")):
        if skill in session.rules.index:
            i = session.rules.index[skill]
            gain = session.history[-1][i] - start[i]
            if gain >= 1:
                notes.append(f"Your {word} skill grew by {gain:.0f} points, making every {word} action "
                             "after that stronger.")
    delayed = sum(1 for r in session.reports for c in r.causes if c.kind == "delayed")
    if delayed:
        notes.append(f"{delayed} delayed effects arrived during the game: some of what you saw in later turns "
                     "was caused by decisions made turns earlier.")
    return notes[:limit]


def hidden_reveal(session: Session) -> list[tuple[str, float, float]]:
    """(title, start, end) for every hidden metric: the debrief shows what was going on underneath."""
    out = []
    for m, spec in session.scenario.metrics.items():
        if not spec.visible:
            i = session.rules.index[m]
            out.append((spec.title or m, float(session.history[0][i]), float(session.history[-1][i])))
    return out


def hidden_moves(session: Session, report) -> dict[str, list[str]]:
    """Cause label -> names of the drivers the player cannot see that it moved this turn.

    So an action whose visible effect was small never seems to have done nothing.
    """
    shown = set(session.visible_metrics()) | set(SKILL_METRICS)
    moves: dict[str, list[str]] = {}
    for c in report.causes:
        if c.kind not in ("action", "delayed", "event"):
            continue
        for m, v in c.change.items():
            if m in shown or abs(v) < 0.05 or m not in session.scenario.metrics:
                continue
            name = (session.scenario.metrics[m].title or m).lower()
            if name not in moves.setdefault(c.label, []):
                moves[c.label].append(name)
    return {label: names for label, names in moves.items() if names}


def score_scale(session: Session) -> str:
    """What the score's number means, in one sentence: the scale, the averaging, the ending's part."""
    sc = session.scenario.score
    names = [session.scenario.metrics[m].title or m for m, w in sc.weights.items() if w]
    ending = []
    if sc.win_bonus:
        ending.append(f"a win adds {sc.win_bonus:g}")
    if sc.loss_penalty:
        ending.append(f"a loss takes away {sc.loss_penalty:g}")
    tail = f"; {' and '.join(ending)}" if ending else ""
    return (f"Up to 1,000 points come from {', '.join(names)}: each counts by its weight, from nothing at "
            f"its worst to its full share at its best, averaged over all {session.scenario.turns} turns "
            f"(a game that ends early scores nothing for the turns it missed){tail}.")
