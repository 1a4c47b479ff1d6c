"""Monte-Carlo balance analysis: every bot plays a scenario many times.

`analyze` returns plain figures (JSON-ready): per bot the win rate, score
distribution, endings and when they fired, metric trajectories (mean and a
band of one standard deviation), action usage and event frequencies; then
findings: events that never or always fire, dominant strategies, and whether
the scenario teaches its lesson.

Memory stays bounded for any number of runs: games are played by play_batch
in chunks, and a recorder wrapped around each bot keeps only running sums per
turn, never the per-run paths.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..model.batch import DEFAULT_CHUNK, play_batch
from ..model.bots import DESCRIPTIONS, best_choice, heuristic_names, policy
from ..model.context import expected_effects, metric_value_weights, situation, taken_actions
from ..model.rules import DEV, LEAD, MGMT, Rules
from ..model.scoring import positions
from ..model.state import NO_EVENT, State
from .expert import mix_by_phase
from .strong import STRONG, best_routine, verdict

PERCENTILES = (5, 25, 50, 75, 95)
PURE = ("leadership", "management")
MIXED = ("adaptive", "balanced")
DOMINANT_WIN_RATE = 0.6  # a pure or one-action strategy winning this often is too easy
ALWAYS = 0.99  # an event in at least this share of games "always" fires


class _Recorder:
    """Wraps a bot: records per-turn sums while play_batch runs it, chunk after chunk."""

    def __init__(self, rules: Rules, decide: Callable, values: bool):
        self.rules, self.decide, self.values = rules, decide, values
        T, M, A = rules.turns, rules.n_metrics, len(rules.actions)
        P, E = len(rules.phases), len(rules.events)
        self.sum = np.zeros((T + 1, M))
        self.sq = np.zeros((T + 1, M))
        self.active = np.zeros(T + 1)  # runs still playing at the start of each turn
        self.usage = np.zeros((T, A))  # actions actually taken, per turn
        self.events = np.zeros((T + 1, max(E, 1)))  # events waiting for an answer, per turn
        self.phase_turns = np.zeros(P)
        self.phase_score = np.zeros(P)  # weighted normalized metrics, per phase (points per run-turn)
        self.cat_value = np.zeros((P, 3))  # best expected value of a legal action of each kind
        self.cat_count = np.zeros((P, 3))
        self.state: State | None = None
        w = rules.score_weights
        self._weights = w / np.abs(w).sum()
        self._vw = metric_value_weights(rules)

    def __call__(self, rules: Rules, state: State):
        if state is not self.state:
            self.close()
            self.state = state
        t = state.turn
        self._record_x(t, state.x)
        live = ~state.done
        self.active[t] += live.sum()
        actions, choice = self.decide(rules, state)
        taken = taken_actions(rules, state, actions)
        if t < rules.turns:
            self.usage[t] += taken.sum(axis=0)
        if rules.events:
            waiting = state.event[live & (state.event != NO_EVENT)]
            self.events[t] += np.bincount(waiting, minlength=self.events.shape[1])
        phase = state.phase[live]
        w = self._weights
        norm = positions(rules, state.x[live])
        self.phase_turns += np.bincount(phase, minlength=len(rules.phases))
        self.phase_score += np.bincount(phase, weights=1000.0 * norm @ w, minlength=len(rules.phases))
        if self.values:
            legal, eff = situation(rules, state)
            legal = legal[live]
            value = expected_effects(rules, state, eff)[live] @ self._vw  # (r, A)
            for cat in (LEAD, MGMT, DEV):
                cols = rules.category == cat
                if not cols.any():
                    continue
                v = np.where(legal[:, cols], value[:, cols], -np.inf).max(axis=1)
                ok = np.isfinite(v)
                self.cat_value[:, cat] += np.bincount(phase[ok], weights=v[ok], minlength=len(rules.phases))
                self.cat_count[:, cat] += np.bincount(phase[ok], minlength=len(rules.phases))
        return actions, choice

    def _record_x(self, t: int, x: np.ndarray):
        self.sum[t] += x.sum(axis=0)
        self.sq[t] += (x * x).sum(axis=0)

    def close(self):
        """The previous chunk has ended: its final values hold for the turns it did not play."""
        s = self.state
        if s is None:
            return
        for t in range(s.turn, self.rules.turns + 1):
            self._record_x(t, s.x)
        self.state = None


def one_action_bot(a: int) -> Callable:
    def decide(rules: Rules, state: State):
        acts = np.zeros((state.runs, len(rules.actions)), dtype=bool)
        acts[:, a] = True
        return acts, best_choice(rules, state)
    return decide


def _r(x, n=4):
    return round(float(x), n)


def _bot_figures(rules: Rules, name: str, result, rec: _Recorder, runs: int) -> dict:
    kinds = np.array([e.kind for e in rules.endings])[result.ending]
    mean = rec.sum / runs
    sd = np.sqrt(np.maximum(rec.sq / runs - mean * mean, 0))
    endings = {}
    for i, e in enumerate(rules.endings):
        hit = result.ending == i
        if hit.any():
            at = result.ended_at[hit]
            endings[e.id] = {"kind": e.kind, "rate": _r(hit.mean()), "mean_turn": _r(at.mean(), 2),
                             "first_turn": int(at.min()), "last_turn": int(at.max()),
                             "by_turn": np.bincount(at, minlength=rules.turns + 1).tolist()}
    per_game = result.event_count
    events = {ev: {"games_share": _r((per_game[:, j] > 0).mean()), "per_game": _r(per_game[:, j].mean(), 3),
                   "max_per_game": int(per_game[:, j].max(initial=0)),
                   "by_turn": rec.events[:, j].astype(int).tolist()}
              for j, ev in enumerate(rules.events)}
    crises = {c: {"games_share": _r((result.crisis_count[:, k] > 0).mean()),
                  "per_game": _r(result.crisis_count[:, k].mean(), 3)}
              for k, c in enumerate(rules.crises)}
    usage_total = rec.usage.sum(axis=0)
    return {
        "bot": name, "description": DESCRIPTIONS.get(name.partition("+")[0], name), "runs": runs,
        "win_rate": _r((kinds == "win").mean()), "loss_rate": _r((kinds == "loss").mean()),
        "neutral_rate": _r((kinds == "neutral").mean()),
        "score_mean": _r(result.score.mean(), 3), "score_std": _r(result.score.std(), 3),
        "score_percentiles": {f"p{q}": _r(v, 3) for q, v in zip(PERCENTILES, np.percentile(result.score, PERCENTILES))},
        "mean_length": _r(result.ended_at.mean(), 2),
        "endings": endings,
        "trajectory": {m: {"mean": [_r(v, 3) for v in mean[:, i]], "sd": [_r(v, 3) for v in sd[:, i]]}
                       for i, m in enumerate(rules.metrics)},
        "action_usage": {a: _r(usage_total[k] / runs, 3) for k, a in enumerate(rules.actions)},
        "action_usage_by_turn": {a: rec.usage[:, k].astype(int).tolist() for k, a in enumerate(rules.actions)},
        "events": events,
        "crises": crises,
        "mix_by_phase": mix_by_phase(rules, result),
        "phase_points_per_turn": {p: _r(rec.phase_score[i] / rec.phase_turns[i], 2) if rec.phase_turns[i] else None
                                  for i, p in enumerate(rules.phases)},
        "_scores": result.score,  # removed before JSON; used for charts
    }


def analyze(rules: Rules, runs: int = 10_000, seed: int = 1, policies: list[str] | None = None,
            progress: Callable[[str, int], None] | None = None, chunk: int = DEFAULT_CHUNK,
            one_action_runs: int | None = None, strong: bool | None = None) -> dict:
    """Play every bot `runs` times; `progress(label, n)` is called after each chunk of n games.

    With `strong` (the default when no policies are named) the expert and the restricted bests play
    too, the best fixed routine is searched, and the verdict comes from them (strong.verdict).
    """
    strong = policies is None if strong is None else strong
    names = list(policies or heuristic_names())
    if strong:
        names += [n for n in STRONG if n not in names]
    bots = {}
    recorders = {}
    for name in names:
        rec = _Recorder(rules, policy(name), values=name in ("adaptive", "balanced"))
        result = play_batch(rules, rec, seed, runs, chunk=chunk,
                            progress=(lambda n, name=name: progress(name, n)) if progress else None)
        rec.close()
        bots[name] = _bot_figures(rules, name, result, rec, runs)
        recorders[name] = rec
    n1 = one_action_runs if one_action_runs is not None else min(runs, 2000)
    one_action = {}
    for a, aid in enumerate(rules.actions):
        result = play_batch(rules, one_action_bot(a), seed, n1, chunk=chunk,
                            progress=(lambda n: progress(f"only {aid}", n)) if progress else None)
        kinds = np.array([e.kind for e in rules.endings])[result.ending]
        one_action[aid] = {"win_rate": _r((kinds == "win").mean()), "score_mean": _r(result.score.mean(), 3),
                           "runs": n1, "endings": {e.id: _r((result.ending == i).mean())
                                                   for i, e in enumerate(rules.endings) if (result.ending == i).any()}}
    out = {"scenario": rules.scenario.id, "title": rules.scenario.title, "seed": seed, "runs": runs,
           "turns": rules.turns, "metrics": rules.metrics, "actions": rules.actions, "events": rules.events,
           "titles": {"metrics": {m: spec.title or m for m, spec in rules.scenario.metrics.items()},
                      "actions": {a.id: a.title for a in rules.scenario.actions},
                      "events": {e.id: e.title for e in rules.scenario.events}},
           "phases": [{"id": p.id, "title": p.title, "weights": p.weights.model_dump(),
                       "starts_at_turn": p.starts_at_turn}
                      for p in rules.scenario.phases],
           "score_metrics": [m for i, m in enumerate(rules.metrics) if rules.score_weights[i] != 0],
           "bots": bots, "one_action": one_action}
    routine = best_routine(rules, seed) if strong else None
    out["strong"] = verdict(rules, out, routine)
    out["findings"] = findings(rules, out, recorders)
    return out


def findings(rules: Rules, fig: dict, recorders: dict) -> dict:
    bots = fig["bots"]
    warnings: list[str] = []
    # Events that never or always fire, over all bots' games.
    never, always = [], []
    for ev in rules.events:
        shares = [b["events"][ev]["games_share"] for b in bots.values()]
        if max(shares) == 0:
            never.append(ev)
        elif min(shares) >= ALWAYS:
            always.append(ev)
    for ev in never:
        warnings.append(f"event '{ev}' never fired in any bot's games")
    for ev in always:
        warnings.append(f"event '{ev}' fired in at least {ALWAYS:.0%} of every bot's games: it is not a surprise")
    # Dominant strategies: a pure or one-action strategy that wins too easily, or that scores more than the
    # mixed bots. A pure bot that develops its skills is compared with mixed bots that develop them too.
    best_mixed = max((bots[m]["score_mean"] for m in MIXED if m in bots), default=None)
    dominant = []
    for name, b in bots.items():
        base, _, dev = name.partition("+")
        if base not in PURE:
            continue
        twins = [f"{m}+{dev}" if dev else m for m in MIXED]
        rivals = [bots[t]["score_mean"] for t in twins if t in bots]
        best = max(rivals) if rivals else best_mixed
        if b["win_rate"] >= DOMINANT_WIN_RATE or (best is not None and b["score_mean"] > best):
            dominant.append({"strategy": name, "win_rate": b["win_rate"], "score_mean": b["score_mean"]})
    for aid, o in fig["one_action"].items():
        if o["win_rate"] >= DOMINANT_WIN_RATE or (best_mixed is not None and o["score_mean"] > best_mixed):
            dominant.append({"strategy": f"only '{aid}'", "win_rate": o["win_rate"], "score_mean": o["score_mean"]})
    if "random" in bots and bots["random"]["win_rate"] >= 0.5:  # also fails the lesson (see below)
        warnings.append(f"too easy: the random bot wins {bots['random']['win_rate']:.0%} of games; "
                        "make the win ending harder or the losses likelier")
    if bots and max(b["win_rate"] for b in bots.values()) == 0:
        warnings.append("no bot ever wins: check the win endings' conditions")
    if bots and max(b["loss_rate"] for b in bots.values()) == 0 and any(e.kind == "loss" for e in rules.endings):
        warnings.append("no bot ever loses: the loss endings never happen, so no strategy is really punished")
    for c in rules.crises:
        if max(b["crises"][c]["games_share"] for b in bots.values()) == 0:
            warnings.append(f"crisis '{c}' never started in any bot's games")
    for d in dominant:
        warnings.append(f"dominant strategy: {d['strategy']} wins {d['win_rate']:.0%} of games "
                        f"(mean score {d['score_mean']:.0f})")
    # Does it teach? (1) mixing beats the pure bots.
    checks = []
    for mixed in MIXED:
        for pure in PURE:
            if mixed in bots and pure in bots:
                margin = bots[mixed]["score_mean"] - bots[pure]["score_mean"]
                checks.append({"check": f"{mixed} scores more than {pure}", "margin": _r(margin, 2),
                               "ok": bool(margin > 0)})
    # (2) leadership pays more in leadership-weighted phases, management in management-weighted ones:
    # the best legal action of each kind, valued as the bots value metrics, along the mixed bots' games.
    phase_value = {}
    rec = recorders.get("adaptive") or recorders.get("balanced")
    if rec is not None:
        for i, ph in enumerate(rules.scenario.phases):
            w = ph.weights
            counts = rec.cat_count[i]
            if not counts[LEAD] or not counts[MGMT]:
                continue
            lead = 1000 * rec.cat_value[i, LEAD] / counts[LEAD]
            mgmt = 1000 * rec.cat_value[i, MGMT] / counts[MGMT]
            phase_value[ph.id] = {"leadership": _r(lead, 3), "management": _r(mgmt, 3),
                                  "weights": {"leadership": w.leadership, "management": w.management}}
            if w.leadership > w.management:
                checks.append({"check": f"leadership pays more than management in phase '{ph.id}'",
                               "margin": _r(lead - mgmt, 3), "ok": bool(lead > mgmt)})
            elif w.management > w.leadership:
                checks.append({"check": f"management pays more than leadership in phase '{ph.id}'",
                               "margin": _r(mgmt - lead, 3), "ok": bool(mgmt > lead)})
    # (3) Investing in the leader's skills pays off later: each bot against its +dev twin. Reported
    # on its own (a short scenario may leave no time to earn a course back), warned about for the mixed bots.
    development = []
    for base in MIXED + PURE:
        if base in bots and f"{base}+dev" in bots:
            margin = bots[f"{base}+dev"]["score_mean"] - bots[base]["score_mean"]
            development.append({"check": f"{base}+dev scores more than {base}", "margin": _r(margin, 2),
                                "ok": bool(margin > 0)})
            if base in MIXED and margin <= 0:
                warnings.append(f"developing skills does not pay off for the {base} bot ({margin:+.0f} points "
                                f"over {rules.turns} turns): make development actions cheaper or stronger, "
                                "or the game longer, if the scenario should show that it pays")
    too_easy = "random" in bots and bots["random"]["win_rate"] >= 0.5
    teaches = bool(checks) and all(c["ok"] for c in checks) and not dominant and not too_easy
    judged_by = "heuristic bots"
    strong = fig.get("strong") or {}
    if strong.get("teaches") is not None:  # strong play decides; the heuristic checks stay as figures
        teaches, judged_by = bool(strong["teaches"]) and not too_easy, "strong play"
        warnings.extend(strong["warnings"])
    return {"warnings": warnings, "never_fired": never, "always_fired": always, "dominant": dominant,
            "lesson_checks": checks, "development_checks": development, "phase_action_value": phase_value,
            "teaches": teaches, "judged_by": judged_by}


def public(fig: dict) -> dict:
    """The figures without the raw per-run arrays, ready for JSON."""
    out = dict(fig)
    out["bots"] = {k: {kk: vv for kk, vv in v.items() if not kk.startswith("_")} for k, v in fig["bots"].items()}
    return out
