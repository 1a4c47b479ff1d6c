"""Fingerprints of full bot games, to prove an optimization changed nothing.

    python benchmarks/digests.py record FILE   # before touching game/model
    python benchmarks/digests.py check FILE    # after: exit 1 on any difference
    python benchmarks/digests.py uncompiled    # the uncompiled rules (twins.py) against the compiled ones

Each entry plays every run of (scenario, policy, seed) to the end in batches of
several sizes and hashes the final State (State.digest) plus the per-turn
metric path. Batch size must not matter, so sizes are also cross-checked by
hashing per-run slices. `uncompiled` computes every fingerprint twice, with the
compiled kernel and with its uncompiled twin (the same source run as Python,
what a first start plays with until the machine code is ready), and exits 1 if
any differs; the uncompiled half takes several minutes.
"""

from __future__ import annotations

import hashlib
import json
import sys

import numpy as np

from game.model.batch import play_to_end
from game.model import twins
from game.model.bots import policy
from game.model.rules import compile_rules
from game.model.state import new_state
from game.scenario.loader import load

CASES = [
    (scn, pol, seed)
    for scn in ("startup", "scaleup", "mature")
    for pol in ("random", "adaptive", "leadership+dev", "management", "balanced")
    for seed in (1, 7)
]
SIZES = (1, 5, 64)


def fingerprints() -> dict[str, str]:
    out = {}
    rules_cache = {}
    for scn, pol, seed in CASES:
        rules = rules_cache.setdefault(scn, compile_rules(load(scn).scenario))
        decide = policy(pol)
        for size in SIZES:
            runs = 64 if size != 1 else 5
            h = hashlib.sha256()
            for first in range(0, runs, size):
                state = new_state(rules, seed, min(size, runs - first), first_run=first)
                path = play_to_end(rules, state, decide, keep_path=True)
                h.update(state.digest().encode())
                h.update(np.ascontiguousarray(path).tobytes())
            out[f"{scn}/{pol}/seed{seed}/chunk{size}"] = h.hexdigest()
    return out


def main(argv: list[str]) -> int:
    if argv[1:] == ["uncompiled"]:
        compiled = fingerprints()
        with twins.uncompiled_everywhere():
            plain = fingerprints()
        bad = [k for k in compiled if compiled[k] != plain[k]]
        for k in bad:
            print(f"DIFFERS UNCOMPILED: {k}")
        print(f"{len(compiled) - len(bad)} of {len(compiled)} fingerprints identical, uncompiled and compiled")
        return 1 if bad else 0
    if len(argv) != 3 or argv[1] not in ("record", "check"):
        print(__doc__)
        return 2
    now = fingerprints()
    if argv[1] == "record":
        with open(argv[2], "w") as fh:
            json.dump(now, fh, indent=1, sort_keys=True)
        print(f"recorded {len(now)} fingerprints")
        return 0
    with open(argv[2]) as fh:
        before = json.load(fh)
    bad = [k for k in before if before[k] != now.get(k)]
    for k in bad:
        print(f"CHANGED: {k}")
    print(f"{len(before) - len(bad)} of {len(before)} fingerprints identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
