"""The fuzz run of issue 11: result, workshop and scenario files with hostile paths, texts and numbers.

0 tracebacks, 0 hangs, 0 files opened outside the allowed folders (traced with an audit hook on
every open). benchmarks/fuzz_long.py --hostile N runs the same with more cases.
"""

from __future__ import annotations

import pytest

from . import hostilekit

BUDGET = 5.0
COUNTS = {"results": 600, "workshops": 600, "scenarios": 40}


def _check(tally, n, slowest=BUDGET):
    assert tally.cases == n
    assert not tally.crashes, "\n".join(f"{label}: {what}" for label, what in tally.crashes[:20])
    assert tally.refused > 0 and tally.slowest < slowest


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return hostilekit.arena(tmp_path_factory.mktemp("hostile_fuzz"))


def test_fuzz_hostile_results(world):
    n = COUNTS["results"]
    tally = hostilekit.fuzz_results(n, seed=1101, world=world, budget=BUDGET, report_every=200)
    _check(tally, n, slowest=BUDGET * 4)  # the cases that also write a report (charts) have 4 budgets
    assert tally.accepted > 0  # some mutations leave a valid result (e.g. the same path written another way)


def test_fuzz_hostile_workshops(world):
    n = COUNTS["workshops"]
    _check(hostilekit.fuzz_workshops(n, seed=1102, world=world, budget=BUDGET), n)


def test_fuzz_hostile_scenarios_through_the_terminal(world):
    n = COUNTS["scenarios"]
    tally = hostilekit.fuzz_scenarios(n, seed=1103, world=world, budget=BUDGET * 8)  # a whole game, review included
    assert tally.cases == n
    assert not tally.crashes, "\n".join(f"{label}: {what}" for label, what in tally.crashes[:20])
    assert tally.accepted > n // 3


def test_the_trace_sees_a_file_opened_outside(world):
    """The audit hook is not blind: reading the outside copy of the scenario is caught."""
    run = hostilekit.traced(lambda: (world["outside"] / "secret.yaml").read_bytes())
    with pytest.raises(hostilekit.OpenedOutside, match="secret.yaml"):
        run()
    hostilekit.traced(lambda: (world["inside"] / "small.yaml").read_bytes())()
