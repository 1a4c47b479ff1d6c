"""The built-in scenarios teach the lesson, measured with thousands of bot games.

A claim "A outscores B" passes only when the mean difference is more than
MARGIN_SE standard errors of that difference. Run with `pytest -s` to see the
measured margins.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from game.model.batch import play_batch
from game.model.bots import policy
from game.model.rules import compile_rules
from game.scenario.loader import load

RUNS = 3000
SEED = 20240611
MARGIN_SE = 3.0


@functools.lru_cache(maxsize=None)
def scores(scenario: str, bot: str) -> np.ndarray:
    rules = compile_rules(load(scenario).scenario)
    return play_batch(rules, policy(bot), seed=SEED, runs=RUNS).score


def outscores(scenario: str, better: str, worse: str) -> None:
    a, b = scores(scenario, better), scores(scenario, worse)
    diff = a.mean() - b.mean()
    se = math.sqrt(a.var(ddof=1) / a.size + b.var(ddof=1) / b.size)
    print(f"\n[lesson] {scenario:8s} {better:13s} {a.mean():7.1f}  vs  {worse:13s} {b.mean():7.1f}: "
          f"difference {diff:+7.1f} = {diff / se:6.1f} standard errors ({RUNS} games each)")
    assert diff > MARGIN_SE * se, f"{better} does not clearly outscore {worse} in {scenario}"


def test_startup_rewards_leadership():
    outscores("startup", "leadership", "management")


def test_mature_rewards_management():
    outscores("mature", "management", "leadership")


@pytest.mark.parametrize("mixed", ["adaptive", "balanced"])
@pytest.mark.parametrize("pure", ["leadership", "management"])
def test_scaleup_rewards_a_mix(mixed, pure):
    outscores("scaleup", mixed, pure)


def test_scaleup_adaptive_beats_random():
    outscores("scaleup", "adaptive", "random")


@pytest.mark.parametrize("bot", ["adaptive", "balanced"])
def test_scaleup_developing_early_pays_off(bot):
    outscores("scaleup", f"{bot}+dev", bot)


@pytest.mark.parametrize("scenario", ["startup", "mature", "tutorial"])
@pytest.mark.parametrize("pure", ["leadership", "management"])
def test_every_builtin_rewards_adapting_the_mix(scenario, pure):
    """Not only in scaleup: in every built-in scenario adapting the mix beats either pure style."""
    outscores(scenario, "adaptive", pure)
