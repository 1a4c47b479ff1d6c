"""Child process for the kill test: plays bot games and saves after every turn.

    python save_child.py SAVE_PATH SEED           saves forever, until it is killed at a random moment
    python save_child.py SAVE_PATH SEED PHASE     saves turn 1, then stops inside the save of turn 2 at PHASE

Prints 'ready' once the first save is on disk. With PHASE, the save of turn 2 runs the real
saves.save, but the operating-system calls of its protocol are watched in this process only: at PHASE
the child prints 'at PHASE' and waits there to be killed (SIGKILL, by the test). The phases, in order:

    writing   half of the new text is in the temporary file (the rest never comes)
    written   all of it is in the temporary file, not yet fsynced
    synced    fsynced, not yet renamed over the save
    renamed   renamed over the save, the folder not yet fsynced
"""

import os
import stat
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game import saves  # noqa: E402
from game.autoplay import bot_decision  # noqa: E402
from game.scenario.loader import load  # noqa: E402
from game.session import Session  # noqa: E402

PHASES = ("writing", "written", "synced", "renamed")


def stop_here(phase: str) -> None:
    print(f"at {phase}", flush=True)
    while True:
        time.sleep(60)


def watch_the_save_protocol(phase: str) -> None:
    """Stop at `phase` of the next atomic write (see the module docstring)."""
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        if stat.S_ISREG(os.fstat(fd).st_mode):  # the temporary file (not the folder's fsync after the rename)
            if phase == "writing":
                os.ftruncate(fd, os.fstat(fd).st_size // 2)
                stop_here(phase)
            if phase == "written":
                stop_here(phase)
        real_fsync(fd)

    def replace(src, dst):
        if phase == "synced":
            stop_here(phase)
        real_replace(src, dst)
        if phase == "renamed":
            stop_here(phase)

    os.fsync, os.replace = fsync, replace


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    phase = sys.argv[3] if len(sys.argv) > 3 else None
    if phase is not None and phase not in PHASES:
        raise SystemExit(f"unknown phase {phase!r}; one of {', '.join(PHASES)}")
    scenarios = [load(name) for name in (("tutorial",) if phase else ("tutorial", "startup", "scaleup"))]
    n = 0
    while True:
        session = Session(scenarios[n % len(scenarios)], seed + n)
        while not session.done:
            session.decide(bot_decision(session, "random"))
            saves.save(session, path)
            if n == 0 and session.turn == 1:
                print("ready", flush=True)
                if phase:
                    watch_the_save_protocol(phase)
        n += 1


if __name__ == "__main__":
    main()
