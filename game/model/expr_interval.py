"""Interval arithmetic over the expression AST of expr.py.

Given the range every name can take (a metric between its min and max, a
crisis flag 0 or 1, turn between 0 and the number of turns), `bounds` returns
a range that surely contains every value the expression can have. Checks use
it to warn about conditions that can never be true. The ranges are
conservative: "can never be true" is only claimed when it is certain; when
in doubt the range widens (up to -inf..inf).
"""

from __future__ import annotations

import math
from typing import Mapping

from .expr import Binary, Call, Name, Node, Num, Str, Unary, parse

Interval = tuple[float, float]
WIDE: Interval = (-math.inf, math.inf)
BOOL: Interval = (0.0, 1.0)
TRUE: Interval = (1.0, 1.0)
FALSE: Interval = (0.0, 0.0)


def can_be_true(iv: Interval) -> bool:
    return not (iv[0] == 0.0 and iv[1] == 0.0)


def can_be_false(iv: Interval) -> bool:
    return iv[0] <= 0.0 <= iv[1]


def _truth(can_true: bool, can_false: bool) -> Interval:
    return (0.0 if can_false else 1.0, 1.0 if can_true else 0.0)


def _hull(*ivs: Interval) -> Interval:
    return (min(i[0] for i in ivs), max(i[1] for i in ivs))


def _products(a: Interval, b: Interval) -> Interval:
    values = []
    for x in a:
        for y in b:
            v = x * y
            if math.isnan(v):  # 0 * inf: the real product is 0 (finite values never reach inf)
                v = 0.0
            values.append(v)
    return (min(values), max(values))


class IntervalEvaluator:
    """`names` maps each name to its range; `phases` maps phase ids to whether they can occur."""

    def __init__(self, names: Mapping[str, Interval], phases: Mapping[str, bool] | None = None):
        self.names = dict(names)
        self.phases = dict(phases or {})

    def bounds(self, text: str) -> Interval:
        return self.node(parse(text))

    def node(self, n: Node) -> Interval:
        if isinstance(n, Num):
            return (n.value, n.value)
        if isinstance(n, Name):
            return self.names.get(n.name, WIDE)
        if isinstance(n, Str):
            return WIDE
        if isinstance(n, Unary):
            inner = self.node(n.operand)
            if n.op == "-":
                return (-inner[1], -inner[0])
            if n.op == "+":
                return inner
            return _truth(can_be_false(inner), can_be_true(inner))  # not
        if isinstance(n, Call):
            return self._call(n)
        assert isinstance(n, Binary)
        return self._binary(n)

    def _call(self, n: Call) -> Interval:
        args = [self.node(a) for a in n.args]
        f = n.func
        if f == "min":
            return (min(a[0] for a in args), min(a[1] for a in args))
        if f == "max":
            return (max(a[0] for a in args), max(a[1] for a in args))
        if f == "clip" and len(args) == 3:
            x, lo, hi = args
            low = min(max(x[0], lo[0]), hi[0])
            high = min(max(x[1], lo[1]), hi[1])
            return (low, high)
        if f == "abs" and args:
            lo, hi = args[0]
            if lo >= 0:
                return (lo, hi)
            if hi <= 0:
                return (-hi, -lo)
            return (0.0, max(-lo, hi))
        if f == "sqrt" and args:
            lo, hi = args[0]
            return (math.sqrt(max(lo, 0.0)), math.sqrt(max(hi, 0.0)) if hi != math.inf else math.inf)
        if f in ("floor", "round") and args:
            fn = math.floor if f == "floor" else round
            lo, hi = args[0]
            return (fn(lo) if math.isfinite(lo) else lo, fn(hi) if math.isfinite(hi) else hi)
        if f == "if" and len(args) == 3:
            cond, yes, no = args
            if not can_be_false(cond):
                return yes
            if not can_be_true(cond):
                return no
            return _hull(yes, no)
        return WIDE

    def _binary(self, n: Binary) -> Interval:
        op = n.op
        if op in ("==", "!=") and (_is_phase(n.left) or _is_phase(n.right)):
            other = n.right if _is_phase(n.left) else n.left
            possible = self.phases.get(getattr(other, "value", None), True)
            if op == "==":
                return BOOL if possible else FALSE
            return BOOL if possible else TRUE
        a, b = self.node(n.left), self.node(n.right)
        if op == "+":
            return (a[0] + b[0], a[1] + b[1]) if not _opposite_inf(a, b) else WIDE
        if op == "-":
            return (a[0] - b[1], a[1] - b[0]) if not _opposite_inf(a, (-b[1], -b[0])) else WIDE
        if op == "*":
            return _products(a, b)
        if op == "/":
            if b[0] > 0 or b[1] < 0:
                lo, hi = _products(a, (1 / b[1], 1 / b[0]) if b[0] != 0 and b[1] != 0 else WIDE)
                return (lo, hi)
            return WIDE  # the divisor can be 0 (x/0 counts as 0) or near it
        if op == "%":
            if b[0] > 0:
                return (0.0, b[1])
            if b[1] < 0:
                return (b[0], 0.0)
            return WIDE
        if op == "^":
            return self._power(n, a)
        if op == "<":
            return _truth(a[0] < b[1], a[1] >= b[0])
        if op == "<=":
            return _truth(a[0] <= b[1], a[1] > b[0])
        if op == ">":
            return _truth(a[1] > b[0], a[0] <= b[1])
        if op == ">=":
            return _truth(a[1] >= b[0], a[0] < b[1])
        if op in ("==", "!="):
            overlap = a[0] <= b[1] and b[0] <= a[1]
            same_point = a[0] == a[1] == b[0] == b[1]
            can_equal, can_differ = overlap, not same_point
            return _truth(can_equal, can_differ) if op == "==" else _truth(can_differ, can_equal)
        if op == "and":
            return _truth(can_be_true(a) and can_be_true(b), can_be_false(a) or can_be_false(b))
        if op == "or":
            return _truth(can_be_true(a) or can_be_true(b), can_be_false(a) and can_be_false(b))
        return WIDE

    def _power(self, n: Binary, base: Interval) -> Interval:
        exp = n.right
        sign = 1
        if isinstance(exp, Unary) and exp.op == "-":
            sign, exp = -1, exp.operand
        if not isinstance(exp, Num):
            return WIDE
        k = int(exp.value) * sign
        if k == 0:
            return (1.0, 1.0)
        out = (1.0, 1.0)
        for _ in range(abs(k)):
            out = _products(out, base)
        if k < 0:
            if out[0] > 0 or out[1] < 0:
                return _products((1.0, 1.0), (1 / out[1], 1 / out[0]) if all(out) else WIDE)
            return WIDE
        # even powers of a range spanning 0 cannot be negative; _products of (out, base) may say so
        if k % 2 == 0:
            out = (max(out[0], 0.0), out[1])
        return out


def _opposite_inf(a: Interval, b: Interval) -> bool:
    return (a[0] == -math.inf and b[0] == math.inf) or (a[1] == math.inf and b[1] == -math.inf)


def _is_phase(node: Node) -> bool:
    return isinstance(node, Name) and node.name == "phase"
