"""Soak test: complete bot games through the session API, and optionally through the GUI.

    python benchmarks/soak.py [--games 10000] [--workers 2] [--gui 200]

Session games cycle over every built-in scenario and every bot policy with distinct
seeds, exactly as a player's decisions would arrive (game.autoplay.play_bot). Any
exception is a failure. With --gui N, N headless games are played through the
graphical game's own autoplay (`leadsim play SCENARIO --seed S --autoplay POLICY`,
SDL dummy drivers), and each printed result is compared with the same game played
through the session API. Prints figures; exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, ROOT)


def _combos():
    from game.model.bots import policy_names
    from game.scenario.loader import builtin_names

    return list(itertools.product(builtin_names(), policy_names()))


def _play_range(args):
    start, stop = args
    import traceback

    from game.autoplay import play_bot
    from game.scenario.loader import load
    from game.session import Session

    combos = _combos()
    cache = {}
    out = {"games": 0, "turns": 0, "failures": [], "outcomes": Counter()}
    for i in range(start, stop):
        name, bot = combos[i % len(combos)]
        loaded = cache.setdefault(name, load(name))
        try:
            s = play_bot(Session(loaded, 100_000 + i), bot)
            assert s.done and s.turn <= s.scenario.turns
            out["turns"] += s.turn
            out["outcomes"][s.result(bot)["outcome"]] += 1
        except Exception:  # noqa: BLE001 - every exception is a finding
            out["failures"].append((name, bot, 100_000 + i, traceback.format_exc(limit=3)))
        out["games"] += 1
    return out


def soak_session(games: int, workers: int) -> bool:
    chunk = max(1, games // (workers * 8))
    ranges = [(a, min(a + chunk, games)) for a in range(0, games, chunk)]
    t0 = time.perf_counter()
    total = {"games": 0, "turns": 0, "failures": [], "outcomes": Counter()}
    with ProcessPoolExecutor(workers) as pool:
        for part in pool.map(_play_range, ranges):
            total["games"] += part["games"]
            total["turns"] += part["turns"]
            total["failures"] += part["failures"]
            total["outcomes"].update(part["outcomes"])
    elapsed = time.perf_counter() - t0
    n_combos = len(_combos())
    print(f"session API: {total['games']} games ({n_combos} scenario x policy combinations), "
          f"{total['turns']} turns, {len(total['failures'])} failures, {elapsed:.1f} s with {workers} workers "
          f"({elapsed * workers / max(total['games'], 1) * 1000:.1f} ms per game per worker)")
    print(f"  outcomes: {dict(total['outcomes'])}")
    for name, bot, seed, tb in total["failures"][:10]:
        print(f"  FAIL {name} {bot} seed {seed}:\n{tb}")
    return not total["failures"]


def _gui_game(args):
    i, name, bot, home = args
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", LEADSIM_HOME=home)
    seed = 500 + i
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "game", "play", name, "--seed", str(seed), "--autoplay", bot],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        return (name, bot, seed, elapsed, f"exit {proc.returncode}: {proc.stderr[-800:]}")
    from game.autoplay import play_bot
    from game.scenario.loader import load
    from game.session import Session

    try:
        gui = json.loads(proc.stdout[proc.stdout.index("{"):])
    except ValueError:
        return (name, bot, seed, elapsed, f"no result JSON in output: {proc.stdout[-300:]}")
    api = play_bot(Session(load(name), seed), bot).result(bot)
    if gui != json.loads(json.dumps(api)):
        return (name, bot, seed, elapsed, f"GUI result differs from the session API: {gui} vs {api}")
    return (name, bot, seed, elapsed, None)


def soak_gui(games: int, workers: int) -> bool:
    combos = _combos()
    home = tempfile.mkdtemp(prefix="leadsim-soak-")
    jobs = [(i, *combos[i % len(combos)], home) for i in range(games)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(_gui_game, jobs))
    elapsed = time.perf_counter() - t0
    fails = [r for r in results if r[4]]
    per = sorted(r[3] for r in results)
    print(f"GUI autoplay: {games} games, {len(fails)} failures, {elapsed:.1f} s with {workers} workers "
          f"(median {per[len(per) // 2]:.2f} s, slowest {per[-1]:.2f} s per game)")
    for name, bot, seed, _, why in fails[:10]:
        print(f"  FAIL {name} {bot} seed {seed}: {why}")
    return not fails


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=10_000)
    ap.add_argument("--gui", type=int, default=0, help="also play N games through the graphical autoplay")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    ok = soak_session(args.games, args.workers) if args.games else True
    if args.gui:
        ok = soak_gui(args.gui, args.workers) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
