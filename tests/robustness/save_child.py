"""Child process for the kill test: plays bot games and saves after every turn, forever.

    python save_child.py SAVE_PATH SEED

Prints 'ready' once the first save is on disk, then keeps saving (games grow turn by
turn; a finished game is followed by a new one) until it is killed.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game import saves  # noqa: E402
from game.autoplay import bot_decision  # noqa: E402
from game.scenario.loader import load  # noqa: E402
from game.session import Session  # noqa: E402


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    scenarios = [load(name) for name in ("tutorial", "startup", "scaleup")]
    n = 0
    while True:
        session = Session(scenarios[n % len(scenarios)], seed + n)
        while not session.done:
            session.decide(bot_decision(session, "random"))
            saves.save(session, path)
            if n == 0 and session.turn == 1:
                print("ready", flush=True)
        n += 1


if __name__ == "__main__":
    main()
