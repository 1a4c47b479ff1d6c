"""Fuzzing the three readers of untrusted files with mutations of real files.

Every case must end as a valid object or the reader's own error (ScenarioError, SaveError,
WorkshopError / a Rejected verdict), within a time budget. The suite runs 10,000 cases
with fixed seeds; benchmarks/fuzz_long.py runs many more. The heavy mutations (1 MB
lines, alias bombs) cost up to a second each, so the suite runs them as a few worst
cases with a tracemalloc peak check instead of in the mass run. Budgets are CPU seconds of
this process, so a loaded machine does not fail them; a case that blocks is stopped by a
wall-clock backstop.
"""

from __future__ import annotations

import json
import random

import pytest

from game import saves
from game.scenario.loader import load_text_bytes
from game.scenario.problems import ScenarioError
from game.workshop import files, verify

from . import fuzzkit

BUDGET = 5.0  # CPU seconds per case (see fuzzkit.run_case); a case over it counts as a hang
PEAK_BYTES = 150_000_000
COUNTS = {"scenarios": 3000, "saves": 5000, "results": 2000}  # 10,000 cases


def _report(tally: fuzzkit.Tally, n: int):
    assert tally.cases == n
    assert not tally.crashes, "\n".join(f"{label}: {what}" for label, what in tally.crashes[:20])
    assert tally.slowest < BUDGET


def test_fuzz_scenario_loader():
    n = COUNTS["scenarios"]
    _report(fuzzkit.fuzz_scenarios(n, seed=20240601, budget=BUDGET, builtin_share=0.05, heavy=False), n)


def test_fuzz_save_loader(tmp_path):
    n = COUNTS["saves"]
    _report(fuzzkit.fuzz_saves(n, seed=20240602, folder=tmp_path, budget=BUDGET, bytes_share=0.8), n)


def test_fuzz_result_reader_and_verifier(tmp_path):
    n = COUNTS["results"]
    tally = fuzzkit.fuzz_results(n, seed=20240603, folder=tmp_path, budget=BUDGET)
    assert not tally.crashes, "\n".join(f"{label}: {what}" for label, what in tally.crashes[:20])
    assert tally.cases >= n * 0.95  # a few tree mutations cannot even be written as JSON


# --- the worst cases, one by one, with time and memory -------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_heavy_scenario_mutations_in_time_and_memory(seed):
    rng = random.Random(seed)
    tally = fuzzkit.Tally()
    raw = dict(fuzzkit.scenario_seeds())["startup"]
    cases = [fuzzkit.laughs(9, 9).encode() + raw, raw.replace(b"\n", b"\n" + b"x" * 100_000, 1) * 9,
             raw + b"\n" + b"- " * 400_000]
    data = cases[seed % 3] if seed < 3 else fuzzkit.mutate(rng, raw, "yaml")[0]
    peak = fuzzkit.peak_bytes(lambda: fuzzkit.run_case(tally, f"heavy {seed}", lambda: load_text_bytes(data, "heavy.yaml"),
                                          (ScenarioError,), 20))
    assert not tally.crashes, tally.crashes
    assert peak < PEAK_BYTES


def test_a_save_as_large_as_allowed_in_time_and_memory(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b'{"format": "leadsim-save", "version": 1, "log": [' + b'{"actions": []},' * 290_000 + b"{}]}")
    tally = fuzzkit.Tally()
    peak = fuzzkit.peak_bytes(lambda: fuzzkit.run_case(tally, "big save", lambda: saves.load(path), (saves.SaveError,), 20))
    assert not tally.crashes and peak < PEAK_BYTES


# --- regressions found by the fuzzer ---------------------------------------------------------

def test_a_number_with_5000_digits_in_a_save_is_a_save_error_regression(tmp_path):
    """Regression: json.loads raises ValueError (not JSONDecodeError) for an integer over
    4,300 digits; saves.load let it escape as a traceback."""
    path = tmp_path / "digits.json"
    path.write_text('{"format": "leadsim-save", "seed": ' + "9" * 5000 + "}")
    with pytest.raises(saves.SaveError, match=r"not a valid save file \(a value cannot be read\)"):
        saves.load(path)


def test_a_number_with_5000_digits_in_a_result_is_a_rejection_regression(tmp_path):
    """Regression: the same ValueError escaped files.read_result and verify_one."""
    path = tmp_path / "digits.json"
    path.write_text('{"format": "leadsim-result", "seed": ' + "9" * 5000 + "}")
    with pytest.raises(files.WorkshopError):
        files.read_result(path)
    assert isinstance(verify.verify_one(path, None), verify.Rejected)


@pytest.mark.parametrize("settings", [1, [1], "standard", True])
def test_result_settings_of_the_wrong_type_is_a_rejection_regression(tmp_path, settings):
    """Regression: a result whose 'settings' was not a mapping made verify_one raise
    AttributeError ('int' object has no attribute 'get') instead of rejecting it."""
    raw = json.loads(fuzzkit._result_seed(tmp_path))
    raw["settings"] = settings
    path = tmp_path / "r.json"
    path.write_text(json.dumps(raw))
    outcome = verify.verify_one(path, None)
    assert isinstance(outcome, verify.Rejected) and "settings" in outcome.reason


def test_the_unmutated_seed_files_are_accepted(tmp_path):
    for name, raw in fuzzkit.scenario_seeds():
        load_text_bytes(raw, name)
    path = tmp_path / "s.json"
    path.write_bytes(fuzzkit._save_seed_text())
    assert saves.load(path).done
    path.write_bytes(fuzzkit._result_seed(tmp_path))
    assert isinstance(verify.verify_one(path, None), verify.Verified)


def test_a_save_with_an_infinite_seed_is_a_save_error_regression():
    """Regression: a save whose seed is Infinity (valid in Python's JSON) and whose checksum
    was recomputed raised OverflowError from int(inf) instead of SaveError."""
    data = json.loads(fuzzkit._save_seed_text())
    data["seed"] = float("inf")
    data = saves.seal(data)
    with pytest.raises(saves.SaveError, match="malformed"):
        saves.from_dict(data)


def test_a_result_naming_a_scenario_path_too_long_for_the_file_system_regression(tmp_path):
    """Regression: a result whose 'scenario' was 10,000 characters made Path.exists() raise
    OSError (File name too long) in loader.resolve, out of verify_one."""
    raw = json.loads(fuzzkit._result_seed(tmp_path))
    raw["scenario"] = "x" * 10_000
    path = tmp_path / "r.json"
    path.write_text(json.dumps(raw))
    outcome = verify.verify_one(path, None)
    assert isinstance(outcome, verify.Rejected) and "'scenario'" in outcome.reason  # now refused on reading


# --- the budgets measure work, and still catch what they are for --------------------------------------

def _burn(seconds: float) -> None:
    import time

    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_case_over_its_cpu_budget_is_a_hang():
    tally = fuzzkit.Tally()
    fuzzkit.run_case(tally, "busy", lambda: _burn(5), (ValueError,), 0.3)
    assert tally.crashes == [("busy", "took more than 0.3 s of CPU time")]
    assert 0.25 < tally.slowest < 1.5


def test_a_case_that_blocks_without_computing_is_stopped_by_the_wall_clock(tmp_path):
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    tally = fuzzkit.Tally()
    fuzzkit.run_case(tally, "fifo", lambda: open(fifo, "rb").read(), (OSError,), 5, wall=0.5)
    assert tally.crashes == [("fifo", "blocked: not done after 0.5 s (wall clock)")]


def test_waiting_for_a_busy_machine_does_not_count_against_a_case():
    """What a loaded machine does to a case: it waits for a core. Waiting uses no CPU of its own, so
    a case that waits 0.6 s and computes little stays well inside a 0.3 s budget."""
    import time

    tally = fuzzkit.Tally()
    fuzzkit.run_case(tally, "waits", lambda: (time.sleep(0.6), _burn(0.05)), (ValueError,), 0.3)
    assert not tally.crashes and tally.slowest < 0.3 and tally.slowest_wall >= 0.6
