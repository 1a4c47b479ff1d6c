"""Judging a scenario by strong play: the expert, the restricted bests, and what they say about the lesson.

The heuristic bots show how a sensible but naive player fares; whether a
scenario *teaches* must hold against the best play we can find (see
expert.py), or a good player learns the opposite of the lesson. `verdict`
turns the figures of the expert and of the searches restricted to no
management, no leadership and no development into checks with margins:

- each phase's best play follows what the phase rewards (the expert's share of
  leadership among its people and execution actions, per phase);
- the best mix beats the best play without management and without leadership
  by a clear margin, and both of those fail (they rarely win);
- development pays: the expert beats the best play that never develops;
- every declared ending is reached by some strategy (a warning names the rest);
- skill matters more than luck (expert minus random, against random's spread);
- no fixed routine (the same actions every turn) beats the heuristic bots;
- the game is worth replaying: random play wins rarely and loses sometimes (a
  careless player can lose), the adaptive heuristic about half to three
  quarters of games, the expert nearly always, and no event that is not a
  chain's follow-up comes more than twice in one game.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..model.bots import best_choice
from ..model.rules import Rules
from ..model.scoring import score
from ..model.state import new_state
from ..model.step import step

EXPERT = "expert"
RESTRICTED = {"no-management": "expert-no-management", "no-leadership": "expert-no-leadership",
              "no-development": "expert-no-development"}
STRONG = (EXPERT,) + tuple(RESTRICTED.values())

CLEAR_MARGIN = 25.0  # points of score (of 1000) that make a margin "clear"
SE_MARGIN = 3.0  # ... and at least this many standard errors of the difference
PHASE_SHARE = 0.6  # a phase's best play "follows" it when at least this share is of the rewarded kind
EXTREME_WIN = 0.2  # a restricted best "fails" when it wins at most this share of games
REPLAY = {"random": (0.05, 0.20), "adaptive": (0.50, 0.75), "expert": (0.95, 1.0)}
MAX_REPEATS = 2
CARELESS_LOSS = 0.01  # random play must lose at least this share of games: a careless player can lose
ROUTINE_GAMES, ROUTINE_FINAL, ROUTINE_FINALISTS, ROUTINE_MAX = 100, 2000, 8, 800


def _r(x, n=3):
    return round(float(x), n)


def _diff(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    se = math.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size) if a.size > 1 and b.size > 1 else 0.0
    return float(a.mean() - b.mean()), se


def _clear(better: np.ndarray, worse: np.ndarray, label: str, minimum: float = CLEAR_MARGIN) -> dict:
    margin, se = _diff(better, worse)
    return {"check": label, "margin": _r(margin, 2), "se": _r(se, 2),
            "ok": bool(margin >= minimum and margin > SE_MARGIN * se)}


def best_routine(rules: Rules, seed: int, games: int = ROUTINE_GAMES, final: int = ROUTINE_FINAL) -> dict:
    """The best fixed routine: the same actions wished for every turn, events answered the heuristic way.

    Every set of (up to) action-points actions plays `games` games with common keys; the best few play `final`.
    """
    A, n = len(rules.actions), min(rules.action_points, len(rules.actions))
    combos = list(itertools.combinations(range(A), n))
    if len(combos) > ROUTINE_MAX:  # keep it affordable: every ROUTINE_MAX-th spread over all of them
        combos = combos[:: math.ceil(len(combos) / ROUTINE_MAX)]
    masks = np.zeros((len(combos), A), dtype=bool)
    for i, c in enumerate(combos):
        masks[i, list(c)] = True

    def play(which: np.ndarray, g: int) -> np.ndarray:
        state = new_state(rules, seed, g).take(np.tile(np.arange(g), which.size))
        wish = np.repeat(masks[which], g, axis=0)
        while not state.done.all():
            step(rules, state, wish, best_choice(rules, state))
        return score(rules, state).reshape(which.size, g)

    first = play(np.arange(len(combos)), games).mean(axis=1)
    top = np.argsort(-first, kind="stable")[:ROUTINE_FINALISTS]
    scores = play(top, final)
    best = int(np.argmax(scores.mean(axis=1)))
    chosen = combos[int(top[best])]
    return {"actions": [rules.actions[a] for a in chosen], "score_mean": _r(scores[best].mean(), 2),
            "runs": final, "_scores": scores[best]}


def verdict(rules: Rules, fig: dict, routine: dict | None) -> dict:
    """The strong-play checks and warnings from the figures of analyze() (which holds every STRONG bot)."""
    bots = fig["bots"]
    out: dict = {"checks": [], "warnings": [], "replay": []}
    if not all(n in bots for n in STRONG):
        out["teaches"] = None
        return out
    ex = bots[EXPERT]
    sc = {n: b["_scores"] for n, b in bots.items()}
    checks, warns = out["checks"], out["warnings"]
    # 1. In each phase the best play follows what the phase rewards.
    for ph in rules.scenario.phases:
        share = ex["mix_by_phase"][ph.id]["leadership_share"]
        w = ph.weights
        if w.leadership == w.management or share is None:
            continue
        if w.leadership > w.management:
            checks.append({"check": f"the expert leads more than it manages in phase '{ph.id}'",
                           "margin": _r(share - 0.5), "share": share, "ok": share >= PHASE_SHARE})
        else:
            checks.append({"check": f"the expert manages more than it leads in phase '{ph.id}'",
                           "margin": _r(0.5 - share), "share": share, "ok": 1 - share >= PHASE_SHARE})
    # 2. The best mix beats each style alone, clearly; each style alone fails even played well.
    for label, name in (("no management", RESTRICTED["no-management"]), ("no leadership", RESTRICTED["no-leadership"])):
        checks.append(_clear(sc[EXPERT], sc[name], f"the best mix beats the best play with {label}"))
        b = bots[name]
        worst = max(((k, e["rate"]) for k, e in b["endings"].items() if e["kind"] == "loss"),
                    key=lambda kv: kv[1], default=(None, 0.0))
        checks.append({"check": f"the best play with {label} rarely wins", "margin": _r(EXTREME_WIN - b["win_rate"]),
                       "win_rate": b["win_rate"], "top_loss": worst[0], "loss_rate": b["loss_rate"],
                       "ok": b["win_rate"] <= EXTREME_WIN})
    # 3. Developing skills pays for the expert.
    checks.append(_clear(sc[EXPERT], sc[RESTRICTED["no-development"]],
                         "developing skills pays: the expert beats the best play without development", minimum=5.0))
    out["teaches"] = all(c["ok"] for c in checks)
    # Every declared ending is reached by some strategy.
    reached = set()
    for b in bots.values():
        reached |= {k for k, e in b["endings"].items() if e["rate"] > 0}
    for o in fig.get("one_action", {}).values():
        reached |= {k for k, rate in o.get("endings", {}).items() if rate > 0}
    declared = [e.id for e in rules.scenario.endings]
    out["unreachable_endings"] = [e for e in declared if e not in reached]
    for e in out["unreachable_endings"]:
        warns.append(f"ending '{e}' is never reached by any strategy (bots, one-action strategies, expert, "
                     "restricted bests): "
                     "loosen its condition or drop it")
    # Skill against luck.
    if "random" in bots:
        gap = ex["score_mean"] - bots["random"]["score_mean"]
        spread = bots["random"]["score_std"]
        out["skill_vs_luck"] = {"expert_minus_random": _r(gap, 2), "random_sd": _r(spread, 2),
                                "expert_sd": ex["score_std"], "ratio": _r(gap / spread, 2) if spread else None}
        if spread and gap < spread:
            warns.append(f"luck matters more than skill: the expert scores only {gap:.0f} more than random play, "
                         f"whose scores spread by {spread:.0f}")
    # A fixed routine that beats the heuristic bots.
    heuristics = {n: b["score_mean"] for n, b in bots.items() if not n.startswith(EXPERT)}
    if routine is not None:
        out["routine"] = {k: v for k, v in routine.items() if not k.startswith("_")}
        if heuristics:
            best_bot = max(heuristics, key=heuristics.get)
            out["routine"]["best_bot"] = best_bot
            if routine["score_mean"] > heuristics[best_bot]:
                warns.append(f"a fixed routine ({', '.join(routine['actions'])}, every turn) scores "
                             f"{routine['score_mean']:.0f}, more than the best heuristic bot {best_bot} "
                             f"({heuristics[best_bot]:.0f}): the game can be played without thinking")
    # Worth replaying.
    for name, (lo, hi) in REPLAY.items():
        if name in bots:
            rate = bots[name]["win_rate"]
            out["replay"].append({"check": f"{name} wins {lo:.0%}-{hi:.0%} of games", "win_rate": rate,
                                  "ok": lo <= rate <= hi})
    if "random" in bots and any(e.kind == "loss" for e in rules.endings):
        rate = bots["random"]["loss_rate"]
        out["replay"].append({"check": f"random play loses at least {CARELESS_LOSS:.0%} of games (a careless "
                                       "player can lose)", "loss_rate": rate, "ok": rate >= CARELESS_LOSS})
    chained = {int(f) for f in np.unique(rules.followup) if f >= 0}
    repeats = {ev: max(b["events"][ev].get("max_per_game", 0) for b in bots.values())
               for j, ev in enumerate(rules.events) if j not in chained}
    worst = max(repeats.items(), key=lambda kv: kv[1], default=(None, 0))
    out["replay"].append({"check": f"no event (other than a chain's follow-up) more than {MAX_REPEATS} times "
                                   "in a game", "worst": worst[0], "times": int(worst[1]),
                          "ok": worst[1] <= MAX_REPEATS})
    for ev, n in repeats.items():
        if n > MAX_REPEATS:
            warns.append(f"event '{ev}' came {n} times in one game: give it a longer cooldown or once: true")
    return out


# --- how the verdict reads (terminal summary and the HTML report) -------------------------------

def _mark(ok: bool, rich: bool) -> str:
    if rich:
        return "[green]yes[/green]" if ok else "[red]NO[/red]"
    return "✔" if ok else "✘"


def lines(fig: dict, rich: bool = True) -> list[str]:
    """The strong-play section as lines of text (rich markup when `rich`); empty without the expert."""
    st = fig.get("strong") or {}
    bots = fig["bots"]
    if st.get("teaches") is None:
        return []
    out = ["Strong play (the expert and the best play without management, leadership or development):"]
    for name in STRONG:
        b = bots[name]
        mix = "; ".join(f"{ph}: {m['leadership']:.0f} lead / {m['management']:.0f} mgmt / {m['development']:.0f} dev"
                        for ph, m in b["mix_by_phase"].items())
        top = max(b["endings"].items(), key=lambda kv: kv[1]["rate"], default=(None, None))
        out.append(f"  {name}: score {b['score_mean']:.0f}, wins {b['win_rate']:.0%}, "
                   f"top ending {top[0]} {top[1]['rate']:.0%}; actions per game {mix}" if top[0] else
                   f"  {name}: score {b['score_mean']:.0f}")
    for c in st["checks"]:
        margin = f"margin {c['margin']:+.1f}" + (f" ± {c['se']:.1f}" if "se" in c else "")
        out.append(f"  {_mark(c['ok'], rich)}  {c['check']} ({margin})")
    sl = st.get("skill_vs_luck")
    if sl:
        out.append(f"  Skill against luck: the expert scores {sl['expert_minus_random']:+.0f} over random play, "
                   f"whose scores spread by ±{sl['random_sd']:.0f} (ratio {sl['ratio']})")
    r = st.get("routine")
    if r:
        out.append(f"  Best fixed routine: {', '.join(r['actions'])} every turn, score {r['score_mean']:.0f}")
    for c in st["replay"]:
        extra = (f"{c['win_rate']:.0%}" if "win_rate" in c else f"{c['loss_rate']:.1%}" if "loss_rate" in c
                 else f"worst: {c['worst']} {c['times']} times")
        out.append(f"  {_mark(c['ok'], rich)}  {c['check']} ({extra})")
    return out
