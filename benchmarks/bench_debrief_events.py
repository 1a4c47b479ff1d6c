"""What the report's event section costs a 30-team debrief: each event answer replayed in each team's game
(the best answer, fresh finding 2) and why only some teams met each event (fresh finding 3).

    python benchmarks/bench_debrief_events.py [--teams 30] [--repeat 3]

Plays a scaleup room (seed 42) of `teams` bot teams of mixed policies, reviews every game once (what every
debrief does anyway), then times the room's event rounds with and without the two additions, best of
`repeat` on one core. The last line is machine-readable.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

from game.analysis.review import review  # noqa: E402
from game.autoplay import bot_decision  # noqa: E402
from game.scenario.loader import load  # noqa: E402
from game.session import Session  # noqa: E402
from game.workshop import discussion, room_events  # noqa: E402

POLICIES = ["adaptive", "balanced", "leadership", "management", "random", "adaptive+dev", "balanced+dev", "expert"]


def best(fn, repeat: int) -> float:
    out = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teams", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    loaded = load("scaleup")
    games = []
    for i in range(args.teams):
        s = Session(loaded, 42)
        while not s.done:
            s.decide(bot_decision(s, POLICIES[i % len(POLICIES)]))
        games.append(discussion.TeamGame(f"Team {i + 1}", None, None))
        games[-1].verified = type("V", (), {"session": s, "team": f"Team {i + 1}"})()
    t0 = time.perf_counter()
    for g in games:
        g.review = review(g.session)
    reviews = time.perf_counter() - t0
    full = best(lambda: room_events.event_rounds(games), args.repeat)
    plain_answer, plain_why = room_events.answer_lines, room_events.why_some
    room_events.answer_lines = lambda *a: None  # the event rounds as they were: no answer replays
    room_events.why_some = lambda *a: ()
    try:
        bare = best(lambda: room_events.event_rounds(games), args.repeat)
    finally:
        room_events.answer_lines, room_events.why_some = plain_answer, plain_why
    rounds = room_events.event_rounds(games)
    meetings = sum(len(r.answers) for r in rounds)
    print(f"{args.teams} teams, {len(rounds)} events met, {meetings} meetings; reviewing every game: {reviews:.2f} s")
    print(f"event rounds: {bare:.3f} s before, {full:.3f} s with best answers and why (+{full - bare:.3f} s, "
          f"best of {args.repeat}, one core)")
    print(f"EVENTS teams={args.teams} extra_seconds={full - bare:.3f} reviews_seconds={reviews:.3f}")


if __name__ == "__main__":
    main()
