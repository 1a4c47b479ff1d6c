"""Limits on scenario files: size, values, nesting, counts, time and memory; no file references;
`leadsim validate` over many files reports each one."""

from __future__ import annotations

import contextlib
import io
import time

import pytest
import yaml

from game.scenario import yamlpos
from game.scenario.loader import load_text_bytes
from game.scenario.problems import ScenarioError
from game.scenario.schema import LIMITS

from kit import quiet

from .fuzzkit import cpu_budget, peak_bytes

# Any file, however hostile, is refused (or accepted) within this many CPU seconds of this process
# (about 1.5 s at worst on one core). CPU time, not the wall clock: the work the loader does is what is
# bounded, and a loaded machine stretches the wall clock, not the work. A loader that hangs is stopped
# by the wall-clock backstop of fuzzkit.cpu_budget.
SECONDS = 10.0
PEAK_BYTES = 150_000_000


def refused(raw: bytes, words: str | None = None, seconds: float = SECONDS) -> ScenarioError:
    start = time.process_time()
    with pytest.raises(ScenarioError) as info, cpu_budget(seconds * 3):
        load_text_bytes(raw, "hostile.yaml")
    assert time.process_time() - start < seconds
    if words:
        assert words in str(info.value), str(info.value)[:300]
    return info.value


def dump(data) -> bytes:
    return yaml.safe_dump(data, sort_keys=False).encode()


def laughs(levels: int = 9, width: int = 9) -> bytes:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return ("\n".join(lines) + "\n").encode()


# --- size, values, nesting -------------------------------------------------------------------

def test_file_size_limit():
    refused(b"# " + b"x" * yamlpos.MAX_FILE_BYTES + b"\n", f"the limit is {yamlpos.MAX_FILE_BYTES}")


def test_billion_laughs_is_stopped_in_time_and_memory():
    assert peak_bytes(lambda: refused(laughs(), f"more than {yamlpos.MAX_NODES} values", seconds=10)) < PEAK_BYTES


@pytest.mark.parametrize("raw", [
    b"x: " + b"[" * 100_000 + b"]" * 100_000,
    b"x: " + b"{a: " * 50_000 + b"1" + b"}" * 50_000,
    b"".join(b" " * i + b"- \n" for i in range(2000)),
], ids=["flow-lists", "flow-maps", "block-lists"])
def test_deep_nesting_is_refused_not_a_recursion_error_regression(raw):
    """Regression: 100,000 nested '[' made PyYAML's composer recurse into a RecursionError,
    which escaped load_text_bytes as a traceback. Depth is now counted while composing."""
    refused(raw[: yamlpos.MAX_FILE_BYTES], f"nesting deeper than {yamlpos.MAX_DEPTH} levels")


@pytest.mark.parametrize("raw", [
    b"x: [" + b"1," * 499_990 + b"1]\n",
    b"x:\n" + b"- 1\n" * 249_990,
    b"a: &a 1\nb: [" + b"*a," * 300_000 + b"*a]\n",
    b"{" + b"".join(b"k%d: 1," % i for i in range(90_000)) + b"}",
], ids=["flow-list", "block-list", "alias-list", "flow-map"])
def test_a_megabyte_of_values_is_refused_quickly_regression(raw):
    """Regression: a 1 MB file of 500,000 small values took over a minute and 350 MB before
    the 200,000-value limit was checked (after PyYAML had composed everything). Values
    written in the file are now counted while composing, up to MAX_WRITTEN."""
    refused(raw[: yamlpos.MAX_FILE_BYTES], "values")


def test_a_megabyte_of_values_stays_within_memory():
    assert peak_bytes(lambda: refused(b"x: [" + b"1," * 499_990 + b"1]\n", "values", seconds=30)) < PEAK_BYTES


def test_a_large_real_scenario_is_well_within_the_value_limit():
    """The limit leaves room: the biggest built-in uses about 1,000 values."""
    from game.scenario.loader import BUILTIN_DIR

    for path in BUILTIN_DIR.glob("*.yaml"):
        b = yamlpos._Builder()
        b.build(yaml.SafeLoader(path.read_text()).get_single_node(), (), 0)
        assert b.count * 10 < yamlpos.MAX_WRITTEN


@pytest.mark.parametrize("what, make", [
    ("turns", lambda n: {"turns": n}),
    ("actions", lambda n: {"actions": [{"id": f"a{i}", "title": "A", "category": "leadership"} for i in range(n)]}),
    ("events", lambda n: {"events": [{"id": f"e{i}", "title": "E", "text": "t",
                                      "choices": [{"id": "x", "label": "X"}]} for i in range(n)]}),
    ("choices", lambda n: {"events": [{"id": "e", "title": "E", "text": "t",
                                       "choices": [{"id": f"x{i}", "label": "X"} for i in range(n)]}]}),
    ("crises", lambda n: {"crises": [{"id": f"c{i}", "title": "C", "start": "false", "end": "true"}
                                     for i in range(n)]}),
    ("phases", lambda n: {"phases": [{"id": "p0", "title": "P"}] + [
        {"id": f"p{i}", "title": "P", "starts_when": "false"} for i in range(1, n)]}),
    ("endings", lambda n: {"endings": [{"id": f"x{i}", "title": "X", "kind": "neutral", "at_end": True}
                                       for i in range(n)]}),
])
def test_count_limits(what, make):
    limit = LIMITS[what]
    if what == "turns":
        load_text_bytes(dump(quiet(**make(limit))), "ok.yaml")
    refused(dump(quiet(**make(limit + 1))), None)


def test_metrics_limit_regression():
    """Regression: LIMITS['metrics'] (40) was documented but not enforced; 5,000 metrics loaded."""
    limit = LIMITS["metrics"]
    base = quiet()
    core = len(base["metrics"])
    ok = quiet(metrics={**base["metrics"], **{f"q{i}": {"start": 1} for i in range(limit - core)}})
    load_text_bytes(dump(ok), "ok.yaml")
    bad = quiet(metrics={**base["metrics"], **{f"q{i}": {"start": 1} for i in range(limit - core + 1)}})
    refused(dump(bad), f"at most {limit} metrics")


# --- no file references ----------------------------------------------------------------------

@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd", "file:///etc/passwd",
                                   "~/.ssh/id_rsa", "C:\\Windows\\win.ini", "!include secrets.yaml",
                                   "${HOME}", "$(cat /etc/passwd)"])
def test_paths_in_a_scenario_are_only_ever_text(value, monkeypatch):
    """Scenario files reference no other files: a path-like value is shown as text, never opened."""
    import builtins
    import pathlib

    opened = []
    real_open, real_read = builtins.open, pathlib.Path.read_bytes
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: (opened.append(f), real_open(f, *a, **k))[1])
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: (opened.append(self), real_read(self))[1])
    data = quiet(title=value, summary=value, briefing=value)
    data["actions"][0]["text"] = value
    loaded = load_text_bytes(dump(data), "paths.yaml")
    monkeypatch.undo()
    assert loaded.scenario.title == value.strip() and loaded.scenario.briefing == value.strip()
    assert not [f for f in opened if "passwd" in str(f) or "id_rsa" in str(f) or "secrets" in str(f)]
    # as an id or a metric name it is simply not a valid id
    refused(dump(quiet(id=value)), "is not a valid id")
    refused(dump(quiet(score={"weights": {value: 1}})), "unknown metric")


def test_yaml_tags_that_would_include_or_construct_are_refused():
    refused(b"title: !include ../../etc/passwd\n", "is not allowed")
    refused(b"title: !!python/object/apply:os.system ['ls']\n", "is not allowed")
    refused(b"title: !!binary aGVsbG8=\n", "is not allowed")


# --- validate over many files -------------------------------------------------------------------

def test_validate_reports_every_file_and_never_stops_at_the_first_bad_one(tmp_path):
    from game.cli import main

    files = []
    good = dump(quiet())
    cases = {
        "good1.yaml": good,
        "syntax.yaml": b"id: [unclosed\n",
        "good2.yaml": good.replace(b"id: tiny", b"id: tiny_two"),
        "binary.yaml": bytes(range(256)) * 4,
        "utf8.yaml": good.replace(b"Tiny", b"T\xffiny"),
        "laughs.yaml": laughs(),
        "deep.yaml": b"x: " + b"[" * 5000 + b"]" * 5000,
        "empty.yaml": b"",
        "schema.yaml": dump(quiet(turns="many")),
        "good3.yaml": good,
    }
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        files.append(str(tmp_path / name))
    files.append(str(tmp_path / "missing.yaml"))
    files.append(str(tmp_path))  # a folder
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *files])
    assert code == 1
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text
    for name in ("good1", "good2", "good3"):
        assert f"{name}.yaml: ok" in out.getvalue()
    for name in ("syntax", "binary", "utf8", "laughs", "deep", "empty", "schema", "missing"):
        assert f"{name}.yaml" in err.getvalue(), name
    assert "3 of 12 files valid" in err.getvalue()
