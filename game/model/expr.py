"""A small, safe expression language for scenario conditions and formulas.

Scenario files are written by trainers and travel between machines, so they
must never run code. Expressions are parsed by our own tokenizer and Pratt
parser into a tiny AST, checked against the names the scenario defines, and
compiled into closures that evaluate over numpy arrays with a leading runs
axis. Only arithmetic that is bit-for-bit reproducible across machines is
offered (no exp/log/trig, whole-number powers only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np

MAX_LENGTH = 500
MAX_DEPTH = 40
MAX_POWER = 4
MAX_NUMBER = 1e12  # largest number an expression may write
MAX_VALUE = 1e12  # every result is clipped to +-MAX_VALUE, and NaN counts as 0

Env = Mapping[str, np.ndarray]
Compiled = Callable[[Env], np.ndarray]


class ExprError(ValueError):
    """A problem in an expression; `column` is 1-based within the expression text."""

    def __init__(self, message: str, column: int = 1):
        super().__init__(message)
        self.message = message
        self.column = column


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+\.\d*|\.\d+|\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<str>\"[^\"]*\"|'[^']*')|(?P<op>==|!=|<=|>=|[-+*/^<>(),%]))"
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


@dataclass(frozen=True)
class Token:
    kind: str  # num, name, str, op, end
    text: str
    column: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            bad = text[pos:].lstrip()[:1]
            col = len(text) - len(text[pos:].lstrip()) + 1
            hint = " (use 'and', 'or', 'not' for logic)" if bad in "&|!" else ""
            if bad == "=":
                hint = " (use '==' to compare)"
            if bad == ".":
                hint = " (attribute access is not allowed)"
            raise ExprError(f"unexpected character {bad!r}{hint}", col)
        kind = match.lastgroup or "op"
        tokens.append(Token(kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


# --- AST -------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    column: int


@dataclass(frozen=True)
class Num(Node):
    value: float


@dataclass(frozen=True)
class Str(Node):
    value: str


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Unary(Node):
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


_BINARY_POWER = {
    "or": 1, "and": 2,
    "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6, "%": 6, "^": 8,
}


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> Token:
        tok = self.next()
        if tok.text != text:
            found = repr(tok.text) if tok.kind != "end" else "the end"
            raise ExprError(f"expected {text!r} but found {found}", tok.column)
        return tok

    def parse(self) -> Node:
        node = self.expression(0, 0)
        tok = self.peek()
        if tok.kind != "end":
            raise ExprError(f"unexpected {tok.text!r} after a complete expression", tok.column)
        return node

    def expression(self, min_power: int, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ExprError(f"expression nests deeper than {MAX_DEPTH} levels", self.peek().column)
        left = self.prefix(depth)
        while True:
            tok = self.peek()
            op = tok.text if tok.kind in ("op", "name") else None
            power = _BINARY_POWER.get(op) if op else None
            if power is None or power <= min_power and op != "^":
                break
            if op == "^" and power <= min_power:
                break
            self.next()
            # '^' is right-associative; everything else is left-associative.
            right = self.expression(power - 1 if op == "^" else power, depth + 1)
            left = Binary(tok.column, op, left, right)
        return left

    def prefix(self, depth: int) -> Node:
        tok = self.next()
        if tok.kind == "num":
            return Num(tok.column, float(tok.text))
        if tok.kind == "str":
            return Str(tok.column, tok.text[1:-1])
        if tok.text == "(":
            node = self.expression(0, depth + 1)
            self.expect(")")
            return node
        if tok.text in ("-", "+"):
            return Unary(tok.column, tok.text, self.expression(7, depth + 1))
        if tok.text == "not":
            return Unary(tok.column, "not", self.expression(3, depth + 1))
        if tok.kind == "name" and tok.text in ("true", "false"):
            return Num(tok.column, 1.0 if tok.text == "true" else 0.0)
        if tok.kind == "name" and tok.text not in _KEYWORDS:
            if self.peek().text == "(":
                self.next()
                args: list[Node] = []
                if self.peek().text != ")":
                    args.append(self.expression(0, depth + 1))
                    while self.peek().text == ",":
                        self.next()
                        args.append(self.expression(0, depth + 1))
                self.expect(")")
                return Call(tok.column, tok.text, tuple(args))
            return Name(tok.column, tok.text)
        if tok.kind == "end":
            raise ExprError("the expression ends too early", tok.column)
        raise ExprError(f"unexpected {tok.text!r}", tok.column)


def parse(text: str) -> Node:
    if not isinstance(text, str):
        raise ExprError("an expression must be text (put it in quotes)")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"expression is {len(text)} characters long; the limit is {MAX_LENGTH}")
    if not text.strip():
        raise ExprError("the expression is empty")
    return _Parser(text).parse()


# --- compilation ------------------------------------------------------------

def _where(c, a, b):
    return np.where(c != 0, a, b)


def _clip(x, lo, hi):
    return np.minimum(np.maximum(x, lo), hi)


# name -> (argument count or None for 2+, implementation, description)
FUNCTIONS: dict[str, tuple[int | None, Callable[..., np.ndarray], str]] = {
    "min": (None, lambda *a: _reduce(np.minimum, a), "smallest of two or more values"),
    "max": (None, lambda *a: _reduce(np.maximum, a), "largest of two or more values"),
    "clip": (3, _clip, "clip(x, low, high) keeps x between low and high"),
    "abs": (1, np.abs, "absolute value"),
    "sqrt": (1, lambda x: np.sqrt(np.maximum(x, 0.0)), "square root (negative input counts as 0)"),
    "floor": (1, np.floor, "round down to a whole number"),
    "round": (1, np.round, "round to the nearest whole number"),
    "if": (3, _where, "if(condition, value_if_true, value_if_false)"),
}


def _reduce(fn, args):
    out = args[0]
    for a in args[1:]:
        out = fn(out, a)
    return out


def _closest(name: str, options) -> str:
    import difflib

    match = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


class Compiler:
    """Compiles ASTs against a fixed set of names.

    `names` are array-valued names (metrics, crisis flags, turn ...). `phases`
    lets `phase == "mature"` compare against a phase id, compiled to an index.
    """

    def __init__(self, names: Mapping[str, str], phases: list[str] | None = None):
        self.names = dict(names)
        self.phases = list(phases or [])

    def compile(self, text: str) -> Compiled:
        node = parse(text)
        fn = self._node(node)

        def bounded(env):
            # Overflow in between (x^4^4^4, big * big) must not leak inf or NaN into the model.
            with np.errstate(all="ignore"):
                out = np.asarray(fn(env), dtype=np.float64)
                return np.clip(np.nan_to_num(out, nan=0.0, posinf=MAX_VALUE, neginf=-MAX_VALUE),
                               -MAX_VALUE, MAX_VALUE)
        return bounded

    def check(self, text: str) -> list[str]:
        """Names used by an expression (after validation)."""
        used: list[str] = []
        self._walk_names(parse(text), used)
        return used

    def _walk_names(self, node: Node, out: list[str]) -> None:
        if isinstance(node, Name):
            out.append(node.name)
        for child in getattr(node, "args", ()) or ():
            self._walk_names(child, out)
        for attr in ("operand", "left", "right"):
            child = getattr(node, attr, None)
            if child is not None:
                self._walk_names(child, out)

    def _node(self, node: Node) -> Compiled:
        if isinstance(node, Num):
            value = node.value
            if value > MAX_NUMBER:
                raise ExprError(f"the number {value:.3g} is too large; numbers are limited to {MAX_NUMBER:g}",
                                node.column)
            return lambda env: value
        if isinstance(node, Str):
            raise ExprError(
                "text in quotes is only allowed in a comparison with phase, "
                'as in phase == "mature"', node.column)
        if isinstance(node, Name):
            if node.name == "phase":
                raise ExprError('compare phase with a phase id, as in phase == "startup"', node.column)
            if node.name not in self.names:
                raise ExprError(
                    f"unknown name '{node.name}'{_closest(node.name, self.names)}"
                    f" (known: {', '.join(sorted(self.names))})", node.column)
            key = node.name
            return lambda env: env[key]
        if isinstance(node, Unary):
            inner = self._node(node.operand)
            if node.op == "-":
                return lambda env: -inner(env)
            if node.op == "+":
                return inner
            return lambda env: np.logical_not(inner(env)).astype(np.float64)
        if isinstance(node, Call):
            return self._call(node)
        assert isinstance(node, Binary)
        return self._binary(node)

    def _call(self, node: Call) -> Compiled:
        if node.func not in FUNCTIONS:
            raise ExprError(
                f"unknown function '{node.func}'{_closest(node.func, FUNCTIONS)}"
                f" (allowed: {', '.join(sorted(FUNCTIONS))})", node.column)
        arity, impl, _ = FUNCTIONS[node.func]
        n = len(node.args)
        if arity is None and n < 2:
            raise ExprError(f"{node.func}() needs at least two values", node.column)
        if arity is not None and n != arity:
            raise ExprError(f"{node.func}() takes {arity} value(s), not {n}", node.column)
        args = [self._node(a) for a in node.args]
        return lambda env: impl(*[a(env) for a in args])

    def _binary(self, node: Binary) -> Compiled:
        op = node.op
        if op in ("==", "!=") and (_is_phase(node.left) or _is_phase(node.right)):
            return self._phase_compare(node)
        left = self._node(node.left)
        if op == "^":
            return self._power(node, left)
        right = self._node(node.right)
        table = {
            "+": np.add, "-": np.subtract, "*": np.multiply,
            "<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal,
            "==": np.equal, "!=": np.not_equal,
        }
        if op in table:
            fn = table[op]
            if op in ("+", "-", "*"):
                return lambda env: fn(left(env), right(env))
            return lambda env: fn(left(env), right(env)).astype(np.float64)
        if op in ("/", "%"):
            div = op == "/"

            def safe(env):
                a = np.asarray(left(env), dtype=np.float64)
                b = np.asarray(right(env), dtype=np.float64)
                zero = b == 0
                b = np.where(zero, 1.0, b)
                out = a / b if div else np.mod(a, b)
                return np.where(zero, 0.0, out)  # x/0 counts as 0, never inf
            return safe
        if op == "and":
            return lambda env: np.logical_and(left(env), right(env)).astype(np.float64)
        if op == "or":
            return lambda env: np.logical_or(left(env), right(env)).astype(np.float64)
        raise ExprError(f"unsupported operator {op!r}", node.column)  # pragma: no cover

    def _power(self, node: Binary, base: Compiled) -> Compiled:
        exp_node = node.right
        sign = 1
        if isinstance(exp_node, Unary) and exp_node.op == "-":
            sign, exp_node = -1, exp_node.operand
        if not isinstance(exp_node, Num) or exp_node.value != int(exp_node.value) \
                or abs(exp_node.value) > MAX_POWER:
            raise ExprError(
                f"powers must be whole numbers from -{MAX_POWER} to {MAX_POWER}, as in x ^ 2",
                node.right.column)
        n = int(exp_node.value) * sign

        def power(env):
            b = np.asarray(base(env), dtype=np.float64)
            out = np.ones_like(b)
            for _ in range(abs(n)):
                out = out * b
            if n < 0:
                zero = out == 0
                out = np.where(zero, 0.0, 1.0 / np.where(zero, 1.0, out))
            return out
        return power

    def _phase_compare(self, node: Binary) -> Compiled:
        other = node.right if _is_phase(node.left) else node.left
        if not isinstance(other, Str):
            raise ExprError('compare phase with a phase id in quotes, as in phase == "mature"',
                            other.column)
        if other.value not in self.phases:
            raise ExprError(
                f"unknown phase '{other.value}'{_closest(other.value, self.phases)}"
                f" (phases: {', '.join(self.phases) or 'none'})", other.column)
        index = float(self.phases.index(other.value))
        equal = node.op == "=="
        return lambda env: ((env["phase"] == index) == equal).astype(np.float64)


def _is_phase(node: Node) -> bool:
    return isinstance(node, Name) and node.name == "phase"


def as_array(value, runs: int) -> np.ndarray:
    """Broadcast a compiled result (scalar or array) to shape (runs,)."""
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape == (runs,):
        return arr
    return np.broadcast_to(arr, (runs,)).astype(np.float64)
