"""How much disk a fresh install of the game takes: its runtime dependencies, package by package.

    python benchmarks/footprint.py [--top N]

Reads pyproject.toml's dependencies and walks their requirements (not the
optional extras) through the installed packages' metadata, adding up the files
each one installed (its RECORD). This is what `pip install .` puts into a fresh
virtual environment, without pip and setuptools themselves. The biggest
single files are listed too, because one file often dominates (LLVM's library
inside llvmlite). The last line is machine-readable.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import os
import re
import sys

try:
    import tomllib
except ImportError:  # pragma: no cover - Python 3.10
    tomllib = None

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _name(requirement: str) -> str:
    return re.split(r"[ ;<>=!~\[(]", requirement.strip(), maxsplit=1)[0]


def runtime_requirements() -> list[str]:
    with open(os.path.join(HERE, "pyproject.toml"), "rb") as fh:
        return [_name(r) for r in tomllib.load(fh)["project"]["dependencies"]]


def closure(roots: list[str]) -> dict[str, tuple[md.Distribution, str]]:
    """Every distribution the roots need at run time, with the root that brought it in."""
    seen: dict[str, tuple[md.Distribution, str]] = {}

    def walk(name: str, root: str) -> None:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            return
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen:
            return
        seen[key] = (dist, root)
        for req in dist.requires or []:
            if "extra ==" not in req:
                walk(_name(req), root)

    for r in roots:
        walk(r, r)
    return seen


def files(dist: md.Distribution) -> list[tuple[int, str]]:
    out = []
    for f in dist.files or []:
        path = f.locate()
        try:
            out.append((os.path.getsize(path), str(f)))
        except OSError:
            pass
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=8, help="how many of the biggest files to list")
    args = ap.parse_args()
    deps = closure(runtime_requirements())
    rows, biggest = [], []
    for key, (dist, root) in deps.items():
        fs = files(dist)
        rows.append((sum(s for s, _ in fs), key, root))
        biggest.extend((s, f"{key}: {name}") for s, name in fs)
    rows.sort(reverse=True)
    total = sum(r[0] for r in rows)
    print(f"{len(rows)} packages, {total / 2**20:.1f} MB installed (Python {sys.version.split()[0]})")
    for size, key, root in rows:
        print(f"{size / 2**20:8.1f} MB  {key}" + (f"  (for {root})" if root.lower() != key else ""))
    print("biggest files:")
    for size, name in sorted(biggest, reverse=True)[:args.top]:
        print(f"{size / 2**20:8.1f} MB  {name}")
    print(f"FOOTPRINT total_mb={total / 2**20:.1f} packages={len(rows)}")


if __name__ == "__main__":
    main()
