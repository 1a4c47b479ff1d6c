"""The import rule, kept by walking every import of the game's modules (lazy ones inside functions too):

- no import circles among the game's modules;
- the core and the views never import a front-end (window, terminal, web pages) nor the commands;
- only the commands (and the entry point) import front-ends;
- the views import no drawing or markup library: they are plain data and words.
"""

from __future__ import annotations

import ast
from pathlib import Path

GAME = Path(__file__).resolve().parent.parent / "game"
FRONT_ENDS = ("game.ui", "game.terminal", "game.web")
COMMANDS = ("game.commands", "game.cli", "game.__main__")
DRAWING = ("pygame", "pygame_gui", "rich", "html", "jinja2", "starlette", "markupsafe")


def modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for f in GAME.rglob("*.py"):
        parts = list(f.relative_to(GAME.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if package else parts)] = (f, package)
    return out


def imports(name: str, path: Path, package: bool, known) -> tuple[set[str], set[str]]:
    """(game modules, other top-level packages) that the module imports anywhere in its body."""
    game, other = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: None if package else -1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            targets = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in known else prefix for a in node.names]
        else:
            continue
        for t in targets:
            if t.split(".")[0] != "game":
                other.add(t.split(".")[0])
                continue
            while t not in known and "." in t:
                t = t.rsplit(".", 1)[0]
            if t in known and t != name:
                game.add(t)
    return game, other


def graph():
    known = modules()
    return {m: imports(m, f, pkg, known) for m, (f, pkg) in known.items()}


def within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]

    def visit(root):
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(edges[nxt]))))
                elif nxt in on:
                    low[v] = min(low[v], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_there_are_no_import_circles():
    edges = {m: game for m, (game, _) in graph().items()}
    assert circles(edges) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_core_and_views_never_import_a_front_end_or_the_commands():
    wrong = {m: sorted(d for d in game if within(d, FRONT_ENDS + COMMANDS))
             for m, (game, _) in graph().items() if not within(m, FRONT_ENDS + COMMANDS)}
    assert {m: d for m, d in wrong.items() if d} == {}


def test_front_ends_do_not_import_each_other():
    g = graph()
    wrong = {}
    for m, (game, _) in g.items():
        mine = next((p for p in FRONT_ENDS if within(m, (p,))), None)
        if mine:
            others = sorted(d for d in game if within(d, FRONT_ENDS) and not within(d, (mine,)))
            if others:
                wrong[m] = others
    assert wrong == {}


def test_views_are_plain_data_without_drawing_or_markup():
    g = graph()
    views = {m: sorted(other & set(DRAWING)) for m, (_, other) in g.items() if within(m, ("game.views",))}
    assert views and all(not libs for libs in views.values()), views
