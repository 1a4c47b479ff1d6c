"""A small, safe expression language for scenario conditions and formulas.

Scenario files are written by trainers and travel between machines, so they
must never run code. Expressions are parsed by our own tokenizer and Pratt
parser into a tiny AST, checked against the names the scenario defines, and
compiled into stack instructions that the turn kernel runs over many games
at once (see vm.py). Only arithmetic that is bit-for-bit reproducible across machines is
offered (no exp/log/trig, whole-number powers only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from . import vm

MAX_LENGTH = 500
MAX_DEPTH = 40
MAX_POWER = 4
MAX_NUMBER = 1e12  # largest number an expression may write
MAX_VALUE = vm.MAX_VALUE  # every result is clipped to +-MAX_VALUE, and NaN counts as 0

Env = Mapping[str, np.ndarray]


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


def names_in(text: str) -> list[str]:
    """The names an expression uses, in the order they appear (repeats kept)."""
    out: list[str] = []
    work = [parse(text)]
    while work:
        node = work.pop()
        if isinstance(node, Name):
            out.append(node.name)
        kids = [*(getattr(node, "args", ()) or ()), *(getattr(node, a, None) for a in ("operand", "left", "right"))]
        work.extend(reversed([k for k in kids if k is not None]))
    return out


# --- compilation ------------------------------------------------------------

# name -> (argument count or None for 2+, opcode, description)
FUNCTIONS: dict[str, tuple[int | None, int, str]] = {
    "min": (None, vm.MIN, "smallest of two or more values"),
    "max": (None, vm.MAX, "largest of two or more values"),
    "clip": (3, vm.CLIP, "clip(x, low, high) keeps x between low and high"),
    "abs": (1, vm.ABS, "absolute value"),
    "sqrt": (1, vm.SQRT, "square root (negative input counts as 0)"),
    "floor": (1, vm.FLOOR, "round down to a whole number"),
    "round": (1, vm.ROUND, "round to the nearest whole number (halves to the even one)"),
    "if": (3, vm.IF, "if(condition, value_if_true, value_if_false)"),
}


def _closest(name: str, options) -> str:
    import difflib

    match = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


@dataclass(frozen=True, eq=False)
class Program:
    """One compiled expression: stack instructions over named variables.

    Calling it with a mapping of names to arrays (or numbers) evaluates it for
    every game at once and returns a float array; the turn kernel runs the same
    instructions (vm.run) without going through Python.
    """

    text: str
    code: np.ndarray  # (n, 2) int64: opcode, argument
    consts: np.ndarray  # (k,) float64
    variables: tuple[str, ...]  # what LOAD i reads
    depth: int  # deepest stack

    def __call__(self, env: Env) -> np.ndarray:
        runs = max([np.size(env[v]) for v in self.variables if v in env] + [1])
        table = np.zeros((len(self.variables), runs))
        used = {int(arg) for op, arg in self.code if op == vm.LOAD or vm.VAR <= op < vm.KONST}
        for i in used:
            table[i] = np.broadcast_to(np.asarray(env[self.variables[i]], dtype=np.float64), (runs,))
        out = np.empty(runs)
        vm.evaluate(self.code, self.consts, 0, len(self.code), table, runs, np.empty((self.depth, runs)), out)
        return out


Compiled = Program


class Compiler:
    """Compiles expressions against a fixed set of names.

    `names` are the array-valued names (metrics, crisis flags, turn ...), in the
    order of the variables the compiled programs read. `phases` lets
    `phase == "mature"` compare against a phase id, compiled to its index.
    """

    def __init__(self, names: Mapping[str, str], phases: list[str] | None = None):
        self.names = dict(names)
        self.phases = list(phases or [])
        self.variables = tuple(self.names) + (() if "phase" in self.names else ("phase",))

    def compile(self, text: str) -> Program:
        node = parse(text)
        code: list[tuple[int, int]] = []
        consts: list[float] = []
        self._emit(node, code, consts)
        arr = np.array(code, dtype=np.int64).reshape(-1, 2)
        return Program(text, arr, np.array(consts, dtype=np.float64), self.variables, vm.stack_depth(arr))

    def check(self, text: str) -> list[str]:
        """Names used by an expression (after validation)."""
        return names_in(text)

    def _emit(self, node: Node, code: list, consts: list) -> None:
        if isinstance(node, Num):
            if node.value > MAX_NUMBER:
                raise ExprError(f"the number {node.value:.3g} is too large; numbers are limited to {MAX_NUMBER:g}",
                                node.column)
            consts.append(node.value)
            code.append((vm.CONST, len(consts) - 1))
        elif isinstance(node, Str):
            raise ExprError(
                "text in quotes is only allowed in a comparison with phase, "
                'as in phase == "mature"', node.column)
        elif isinstance(node, Name):
            if node.name == "phase":
                raise ExprError('compare phase with a phase id, as in phase == "startup"', node.column)
            if node.name not in self.names:
                raise ExprError(
                    f"unknown name '{node.name}'{_closest(node.name, self.names)}"
                    f" (known: {', '.join(sorted(self.names))})", node.column)
            code.append((vm.LOAD, self.variables.index(node.name)))
        elif isinstance(node, Unary):
            self._emit(node.operand, code, consts)
            if node.op != "+":
                code.append((vm.NEG if node.op == "-" else vm.NOT, 0))
        elif isinstance(node, Call):
            self._call(node, code, consts)
        else:
            assert isinstance(node, Binary)
            self._binary(node, code, consts)

    def _call(self, node: Call, code: list, consts: list) -> None:
        if node.func not in FUNCTIONS:
            raise ExprError(
                f"unknown function '{node.func}'{_closest(node.func, FUNCTIONS)}"
                f" (allowed: {', '.join(sorted(FUNCTIONS))})", node.column)
        arity, op, _ = FUNCTIONS[node.func]
        n = len(node.args)
        if arity is None and n < 2:
            raise ExprError(f"{node.func}() needs at least two values", node.column)
        if arity is not None and n != arity:
            raise ExprError(f"{node.func}() takes {arity} value(s), not {n}", node.column)
        if arity is None:  # min/max of many: fold from the left
            self._emit(node.args[0], code, consts)
            for arg in node.args[1:]:
                self._right(arg, op, code, consts)
            return
        for arg in node.args:
            self._emit(arg, code, consts)
        code.append((op, 0))

    def _binary(self, node: Binary, code: list, consts: list) -> None:
        op = node.op
        if op in ("==", "!=") and (_is_phase(node.left) or _is_phase(node.right)):
            self._phase_compare(node, code, consts)
            return
        if op not in vm.BINARY and op != "^":  # pragma: no cover - the parser only makes known operators
            raise ExprError(f"unsupported operator {op!r}", node.column)
        if op in _SYMMETRIC and self._in_place(node.left) and not self._in_place(node.right):
            # a + b is b + a to the last bit: read the variable in place, as the right operand
            self._emit(node.right, code, consts)
            self._right(node.left, vm.BINARY[op], code, consts)
            return
        self._emit(node.left, code, consts)
        if op == "^":
            code.append((vm.POW, self._exponent(node)))
            return
        self._right(node.right, vm.BINARY[op], code, consts)

    def _in_place(self, node: Node) -> bool:
        """A right operand the VM reads without pushing it: a variable or a number."""
        return self._is_variable(node) or isinstance(node, Num)

    def _is_variable(self, node: Node) -> bool:
        return isinstance(node, Name) and node.name in self.names and node.name != "phase"

    def _right(self, node: Node, op: int, code: list, consts: list) -> None:
        """Apply binary opcode `op` with `node` as its right operand: a variable or number is read in place."""
        if self._is_variable(node):
            code.append((op + vm.VAR, self.variables.index(node.name)))
            return
        if isinstance(node, Num) and op in vm.WITH_KONST and node.value <= MAX_NUMBER:
            consts.append(node.value)
            code.append((op + vm.KONST, len(consts) - 1))
            return
        self._emit(node, code, consts)
        code.append((op, 0))

    def _exponent(self, node: Binary) -> int:
        exp_node = node.right
        sign = 1
        if isinstance(exp_node, Unary) and exp_node.op == "-":
            sign, exp_node = -1, exp_node.operand
        if not isinstance(exp_node, Num) or exp_node.value != int(exp_node.value) \
                or abs(exp_node.value) > MAX_POWER:
            raise ExprError(
                f"powers must be whole numbers from -{MAX_POWER} to {MAX_POWER}, as in x ^ 2",
                node.right.column)
        return int(exp_node.value) * sign

    def _phase_compare(self, node: Binary, code: list, consts: list) -> None:
        other = node.right if _is_phase(node.left) else node.left
        if not isinstance(other, Str):
            raise ExprError('compare phase with a phase id in quotes, as in phase == "mature"',
                            other.column)
        if other.value not in self.phases:
            raise ExprError(
                f"unknown phase '{other.value}'{_closest(other.value, self.phases)}"
                f" (phases: {', '.join(self.phases) or 'none'})", other.column)
        code.append((vm.LOAD, self.variables.index("phase")))
        consts.append(float(self.phases.index(other.value)))
        code.append((vm.CONST, len(consts) - 1))
        code.append((vm.EQ if node.op == "==" else vm.NE, 0))


_SYMMETRIC = {"+", "*", "==", "!=", "and", "or"}


def _is_phase(node: Node) -> bool:
    return isinstance(node, Name) and node.name == "phase"
