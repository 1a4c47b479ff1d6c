"""Hostile expressions: nothing is executed, every result is finite and bounded, or a clear ExprError."""

from __future__ import annotations

import builtins

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model.expr import MAX_DEPTH, MAX_LENGTH, MAX_NUMBER, MAX_POWER, MAX_VALUE, Compiler, ExprError
from game.scenario.loader import load_text_bytes
from game.scenario.problems import ScenarioError

NAMES = {"morale": "metric", "budget": "metric", "stress": "metric", "turn": "counter"}
PHASES = ["startup", "mature"]
ENV = {"morale": np.array([0.0, 50.0, 1e6, -1e6]), "budget": np.array([1e6, -1e6, 0.0, 3.0]),
       "stress": np.array([0.0, 0.0, 1e-300, 1e6]), "turn": np.array([0.0, 1.0, 2.0, 3.0]),
       "phase": np.array([0.0, 1.0, 0.0, 1.0])}


def compile_(text):
    return Compiler(NAMES, PHASES).compile(text)


def bounded(text):
    out = np.broadcast_to(np.asarray(compile_(text)(ENV), dtype=float), (4,))
    assert np.all(np.isfinite(out)), text
    assert np.all(np.abs(out) <= MAX_VALUE), text
    return out


HOSTILE = [
    "__import__('os').system('touch /tmp/leadsim_pwned')",
    "morale.__class__",
    "morale.real",
    "().__class__.__bases__[0].__subclasses__()",
    "__builtins__",
    "__import__",
    "eval('1')",
    "exec('import os')",
    "open('/etc/passwd')",
    "getattr(morale, 'x')",
    "lambda: 1",
    "[x for x in range(10)]",
    "morale[0]",
    "{1: 2}",
    "morale if 1 else 2",
    "morale; import os",
    "import os",
    "os.system",
    "globals()",
    "locals()",
    "compile('1', 'x', 'eval')",
    "type(morale)",
    "range(10 ** 10)",
    "morale ** 2",
    "f'{morale}'",
    "b'abc'",
    "1e308",
    "0x10",
    "1_000",
    "morale @ morale",
    "morale << 1000",
    "~morale",
    "morale & 1",
    "morale | 1",
    "!morale",
    "morale = 1",
    "secret_metric + 1",
    "Morale",
    "_",
    "phase",
    "phase == 'nowhere'",
    "phase == morale",
    "'text' + 1",
    "min(morale)",
    "clip(morale)",
    "if(1, 2)",
    "sqrt()",
    "max()",
    "morale ^ 5",
    "morale ^ -5",
    "morale ^ 0.5",
    "morale ^ morale",
    "2 ^ 99999999999999999999",
    "9" * 400,
    "9" * 13,
    "(" * 60 + "1" + ")" * 60,
    "-" * 100 + "1",
    "not " * 50 + "1",
    "1" + "+1" * 260,
    "\x00",
    "morale\u2028+1",
    "morale\n+\n1",
    "",
    "   ",
    "1 +",
    "(1",
    "1)",
    ",",
    "min(,)",
]


class _Trap:
    """Replace Python's code-running builtins while an expression is compiled and evaluated."""

    NAMES = ("eval", "exec", "open", "compile", "breakpoint")

    def __enter__(self):
        compile_("morale + 1")(ENV)  # the compiled VM is read from numba's cache with open(): load it first
        self.saved = {n: getattr(builtins, n) for n in self.NAMES}
        self.called = []
        for n in self.NAMES:
            setattr(builtins, n, lambda *a, _n=n, **k: self.called.append(_n))
        return self

    def __exit__(self, *exc):
        for n, fn in self.saved.items():
            setattr(builtins, n, fn)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_expression_is_refused_or_bounded(text):
    with _Trap() as trap:
        try:
            fn = compile_(text)
            out = np.broadcast_to(np.asarray(fn(ENV), dtype=float), (4,))
        except ExprError as exc:
            out = None
            assert exc.message and 1 <= exc.column <= len(text) + 1
    assert not trap.called
    if out is not None:  # anything that compiles is plain arithmetic with a finite, bounded result
        assert np.all(np.isfinite(out)) and np.all(np.abs(out) <= MAX_VALUE)


def test_no_attribute_access_no_foreign_calls_no_unknown_names():
    for text, words in [("morale.real", "attribute access is not allowed"),
                        ("system(1)", "unknown function 'system'"),
                        ("__import__('os')", "unknown function"),
                        ("secret + 1", "unknown name 'secret'"),
                        ("morale ^ 5", f"from -{MAX_POWER} to {MAX_POWER}")]:
        with pytest.raises(ExprError) as info:
            compile_(text)
        assert words in info.value.message, (text, info.value.message)


def test_limits_on_length_depth_and_numbers():
    with pytest.raises(ExprError, match="limit is"):
        compile_("1" * (MAX_LENGTH + 1))
    with pytest.raises(ExprError, match="deeper than"):
        compile_("(" * (MAX_DEPTH + 2) + "1" + ")" * (MAX_DEPTH + 2))
    compile_("(" * (MAX_DEPTH - 1) + "1" + ")" * (MAX_DEPTH - 1))
    with pytest.raises(ExprError, match="too large"):
        compile_("9" * 400)  # float('9'*400) is inf
    compile_(str(int(MAX_NUMBER)))


@pytest.mark.parametrize("text", [
    "((budget ^ 4) ^ 4) ^ 4",  # 1e384 overflows to inf in between
    "((budget ^ 4) ^ 4) ^ 4 - ((budget ^ 4) ^ 4) ^ 4",  # inf - inf = NaN before the fix
    "0 * ((morale ^ 4) ^ 4) ^ 4",  # 0 * inf = NaN
    "999999999999 * 999999999999 * 999999999999 * 999999999999 * 999999999999 * 999999999999",
    "stress ^ -4",  # 1e-300 ^ -4 overflows
    "((stress ^ -4) ^ 4) ^ 4",
    "-((budget ^ 4) ^ 4) ^ 4",
    "sqrt(((budget ^ 4) ^ 4) ^ 4) - sqrt(((budget ^ 4) ^ 4) ^ 4)",
    "((budget ^ 4) ^ 4) ^ 4 / ((budget ^ 4) ^ 4) ^ 4",
    "((budget ^ 4) ^ 4) ^ 4 % 7",
    "((budget ^ 4) ^ 4) ^ 4 > 0 and ((morale ^ 4) ^ 4) ^ 4 - ((morale ^ 4) ^ 4) ^ 4 == 0",
])
def test_overflow_gives_a_finite_bounded_result_regression(text):
    """Regression: overflow in between leaked inf and NaN into metrics (NaN forever after)."""
    bounded(text)


def test_a_scenario_whose_drift_overflows_keeps_finite_metrics_regression():
    from game.autoplay import play_bot
    from game.session import Session
    import yaml

    from kit import quiet

    data = quiet(metrics={"budget": {"drift": "((budget ^ 4) ^ 4) ^ 4 - ((budget ^ 4) ^ 4) ^ 4 + 1",
                                     "noise": 0, "saturates": False},
                          "morale": {"drift": "0 * ((morale ^ 4) ^ 4) ^ 4 + ((stress ^ -4) ^ 4) ^ 4",
                                     "noise": 0}})
    loaded = load_text_bytes(yaml.safe_dump(data).encode(), "overflow.yaml")
    s = play_bot(Session(loaded, 1), "random")
    assert np.all(np.isfinite(s.state.x)) and np.isfinite(s.score())


def test_a_huge_literal_in_a_scenario_is_a_clear_error():
    import yaml

    from kit import quiet

    data = quiet(metrics={"morale": {"drift": "0 * " + "9" * 400}})
    with pytest.raises(ScenarioError) as info:
        load_text_bytes(yaml.safe_dump(data).encode(), "big.yaml")
    assert "too large" in str(info.value)


# --- random token soup: never anything but ExprError or a bounded number -----------------

TOKENS = ["morale", "budget", "stress", "turn", "phase", "'startup'", '"mature"', "x", "__class__", "os",
          "min", "max", "clip", "abs", "sqrt", "floor", "round", "if", "eval", "open", "and", "or", "not",
          "true", "false", "0", "1", "4", "-4", "0.5", ".5", "1e9", "999999999999", "9" * 30, "(", ")", ",",
          "+", "-", "*", "/", "%", "^", "<", "<=", ">", ">=", "==", "!=", ".", "[", "]", "=", "!", "&",
          "|", "@", "~", "`", "$", "\\", ";", ":", "#", " ", "\t", "\n"]


@settings(max_examples=3000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=0, max_size=40))
def test_token_soup(tokens):
    text = " ".join(tokens)
    try:
        fn = compile_(text)
    except ExprError as exc:
        assert isinstance(exc.column, int)
        return
    out = np.broadcast_to(np.asarray(fn(ENV), dtype=float), (4,))
    assert np.all(np.isfinite(out)) and np.all(np.abs(out) <= MAX_VALUE)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.text(max_size=80))
def test_arbitrary_text(text):
    try:
        fn = compile_(text)
    except ExprError:
        return
    out = np.asarray(fn(ENV), dtype=float)
    assert np.all(np.isfinite(out))
