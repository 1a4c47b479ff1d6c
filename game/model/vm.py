"""The machine that runs compiled scenario expressions, many games at a time.

Expressions are compiled (by expr.Compiler) to a short list of stack
instructions instead of Python closures, so that the compiled turn kernel can
run them without calling back into Python. Each instruction works on a whole
block of games at once: dispatching it costs the same for one game or for a
few hundred, which keeps the batch fast and the single game exact.

Only arithmetic that gives the same bits on every machine is offered: + - * /,
comparisons, min/max, floor, rounding, square root (all exactly rounded by
IEEE 754) and whole-number powers done as repeated multiplication.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from . import jitcache  # noqa: F401  (before any compiled function: see jitcache)
from .twins import entry

# Opcodes. CONST and LOAD push; the others pop their operands and push one result.
CONST, LOAD, NEG, NOT, ADD, SUB, MUL, DIV, MOD = 0, 1, 2, 3, 4, 5, 6, 7, 8
LT, LE, GT, GE, EQ, NE, AND, OR = 9, 10, 11, 12, 13, 14, 15, 16
MIN, MAX, CLIP, ABS, SQRT, FLOOR, ROUND, IF, POW = 17, 18, 19, 20, 21, 22, 23, 24, 25

# A binary opcode plus VAR takes its right operand straight from variable `arg`
# instead of the stack (saves the copy a LOAD makes); plus KONST, from consts[arg]
# (saves the pass a CONST makes). KONST exists for the opcodes in WITH_KONST.
VAR = 32
KONST = 64
WITH_KONST = (ADD, SUB, MUL, DIV, LT, LE, GT, GE, EQ, NE, MIN, MAX)

# How many values each opcode pops (CONST/LOAD push one).
POPS = {CONST: 0, LOAD: 0, NEG: 1, NOT: 1, ABS: 1, SQRT: 1, FLOOR: 1, ROUND: 1, POW: 1,
        CLIP: 3, IF: 3}
BINARY = {"+": ADD, "-": SUB, "*": MUL, "/": DIV, "%": MOD, "<": LT, "<=": LE, ">": GT,
          ">=": GE, "==": EQ, "!=": NE, "and": AND, "or": OR}

MAX_VALUE = 1e12  # every result is clipped to +-MAX_VALUE, and NaN counts as 0


@njit(cache=True, inline="always")
def _min(a, b):
    # NaN-propagating, like numpy.minimum
    return a if (a < b or a != a) else b


@njit(cache=True, inline="always")
def _max(a, b):
    return a if (a > b or a != a) else b


@njit(cache=True, error_model="numpy")
def run(code, consts, start, stop, variables, n, stack, out):
    """Evaluate code[start:stop] for n games; variables is (V, >=n), out is (>=n,)."""
    sp = 0
    for pc in range(start, stop):
        op = code[pc, 0]
        arg = code[pc, 1]
        if op == LOAD:
            dst = stack[sp]
            src = variables[arg]
            for j in range(n):
                dst[j] = src[j]
            sp += 1
        elif op == CONST:
            dst = stack[sp]
            c = consts[arg]
            for j in range(n):
                dst[j] = c
            sp += 1
        elif op >= KONST:
            _with_constant(op - KONST, stack[sp - 1], consts[arg], n)
        elif (op >= ADD and op <= MAX) or (op >= ADD + VAR and op <= MAX + VAR):
            a = stack[sp - 1]
            if op >= VAR:
                op -= VAR
                b = variables[arg]
            else:
                sp -= 1
                a = stack[sp - 1]
                b = stack[sp]
            if op == ADD:
                for j in range(n):
                    a[j] = a[j] + b[j]
            elif op == SUB:
                for j in range(n):
                    a[j] = a[j] - b[j]
            elif op == MUL:
                for j in range(n):
                    a[j] = a[j] * b[j]
            elif op == DIV:  # x / 0 counts as 0, never inf
                for j in range(n):
                    a[j] = 0.0 if b[j] == 0.0 else a[j] / b[j]
            elif op == MOD:
                for j in range(n):
                    a[j] = 0.0 if b[j] == 0.0 else np.mod(a[j], b[j])
            elif op == LT:
                for j in range(n):
                    a[j] = 1.0 if a[j] < b[j] else 0.0
            elif op == LE:
                for j in range(n):
                    a[j] = 1.0 if a[j] <= b[j] else 0.0
            elif op == GT:
                for j in range(n):
                    a[j] = 1.0 if a[j] > b[j] else 0.0
            elif op == GE:
                for j in range(n):
                    a[j] = 1.0 if a[j] >= b[j] else 0.0
            elif op == EQ:
                for j in range(n):
                    a[j] = 1.0 if a[j] == b[j] else 0.0
            elif op == NE:
                for j in range(n):
                    a[j] = 1.0 if a[j] != b[j] else 0.0
            elif op == AND:
                for j in range(n):
                    a[j] = 1.0 if (a[j] != 0.0 and b[j] != 0.0) else 0.0
            elif op == OR:
                for j in range(n):
                    a[j] = 1.0 if (a[j] != 0.0 or b[j] != 0.0) else 0.0
            elif op == MIN:
                for j in range(n):
                    a[j] = _min(a[j], b[j])
            else:  # MAX
                for j in range(n):
                    a[j] = _max(a[j], b[j])
        elif op == NEG:
            a = stack[sp - 1]
            for j in range(n):
                a[j] = -a[j]
        elif op == NOT:
            a = stack[sp - 1]
            for j in range(n):
                a[j] = 1.0 if a[j] == 0.0 else 0.0
        elif op == ABS:
            a = stack[sp - 1]
            for j in range(n):
                a[j] = abs(a[j])
        elif op == SQRT:
            a = stack[sp - 1]
            for j in range(n):
                a[j] = np.sqrt(_max(a[j], 0.0))
        elif op == FLOOR:
            a = stack[sp - 1]
            for j in range(n):
                a[j] = np.floor(a[j])
        elif op == ROUND:  # halves go to the even neighbour, as numpy.round does
            a = stack[sp - 1]
            for j in range(n):
                a[j] = np.rint(a[j])
        elif op == POW:
            a = stack[sp - 1]
            k = abs(arg)
            for j in range(n):
                v = 1.0
                for _ in range(k):
                    v = v * a[j]
                if arg < 0:
                    v = 0.0 if v == 0.0 else 1.0 / v
                a[j] = v
        elif op == CLIP:
            sp -= 2
            x = stack[sp - 1]
            lo = stack[sp]
            hi = stack[sp + 1]
            for j in range(n):
                x[j] = _min(_max(x[j], lo[j]), hi[j])
        else:  # IF
            sp -= 2
            c = stack[sp - 1]
            a = stack[sp]
            b = stack[sp + 1]
            for j in range(n):
                c[j] = a[j] if c[j] != 0.0 else b[j]
    res = stack[0]
    for j in range(n):
        v = res[j]
        if v != v:
            v = 0.0
        elif v > MAX_VALUE:
            v = MAX_VALUE
        elif v < -MAX_VALUE:
            v = -MAX_VALUE
        out[j] = v


evaluate = entry(run)  # the door for Python callers (expr.Program); compiled code calls run itself


@njit(cache=True, inline="always")
def _with_constant(op, a, c, n):
    """a = a (op) c for one of the WITH_KONST opcodes, c a number."""
    if op == ADD:
        for j in range(n):
            a[j] = a[j] + c
    elif op == SUB:
        for j in range(n):
            a[j] = a[j] - c
    elif op == MUL:
        for j in range(n):
            a[j] = a[j] * c
    elif op == DIV:  # x / 0 counts as 0, never inf
        for j in range(n):
            a[j] = 0.0 if c == 0.0 else a[j] / c
    elif op == LT:
        for j in range(n):
            a[j] = 1.0 if a[j] < c else 0.0
    elif op == LE:
        for j in range(n):
            a[j] = 1.0 if a[j] <= c else 0.0
    elif op == GT:
        for j in range(n):
            a[j] = 1.0 if a[j] > c else 0.0
    elif op == GE:
        for j in range(n):
            a[j] = 1.0 if a[j] >= c else 0.0
    elif op == EQ:
        for j in range(n):
            a[j] = 1.0 if a[j] == c else 0.0
    elif op == NE:
        for j in range(n):
            a[j] = 1.0 if a[j] != c else 0.0
    elif op == MIN:
        for j in range(n):
            a[j] = _min(a[j], c)
    else:  # MAX
        for j in range(n):
            a[j] = _max(a[j], c)


def stack_depth(code: np.ndarray) -> int:
    """The deepest the stack gets while running `code`."""
    sp = deepest = 0
    for op, _ in code:
        sp = sp + 1 if op in (CONST, LOAD) else sp if op >= VAR else sp - POPS.get(int(op), 2) + 1
        deepest = max(deepest, sp)
    return deepest
