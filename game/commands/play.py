"""leadsim play: play a scenario (terminal mode with --text)."""

from __future__ import annotations

from pathlib import Path

from .. import saves
from ..scenario.loader import load
from ..session import DIFFICULTIES, Session
from ..userdata import autosave_path


def register(sub) -> None:
    p = sub.add_parser("play", help="play a scenario")
    p.add_argument("scenario", nargs="?", default="scaleup", metavar="SCENARIO",
                   help="built-in name or path to a .yaml file (default scaleup)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: a new one each game)")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--load", metavar="SAVE", help="continue a saved game")
    p.add_argument("--save", metavar="FILE", help="where to save the game (default: the autosave)")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="standard",
                   help="guided shows expected effects, standard their size only, expert neither")
    p.set_defaults(func=run)


def new_seed() -> int:
    import secrets

    return secrets.randbelow(1_000_000)


def run(args) -> int:
    if args.load:
        session = saves.load(Path(args.load))
    else:
        seed = args.seed if args.seed is not None else new_seed()
        session = Session(load(args.scenario), seed, args.difficulty)
    return run_text(session, args)


def run_text(session: Session, args) -> int:
    from ..terminal import TerminalGame

    target = Path(args.save) if args.save else (Path(args.load) if args.load else autosave_path())

    def autosave(s: Session) -> Path:
        saves.save(s, target)
        return target

    return TerminalGame(session, autosave=autosave).run()
