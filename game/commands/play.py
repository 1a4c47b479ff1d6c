"""leadsim play: play a scenario in a window (or in the terminal with --text).

With --autoplay a bot plays the real graphical UI through real input events
and the command prints the same JSON as `leadsim simulate --json`.
"""

from __future__ import annotations

from pathlib import Path

from .. import saves
from ..scenario.loader import load
from ..session import DIFFICULTIES, Session
from ..userdata import autosave_path


def register(sub) -> None:
    p = sub.add_parser("play", help="play a scenario")
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                   help="built-in name or path to a .yaml file (default scaleup)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: a new one each game)")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--load", metavar="SAVE", help="continue a saved game")
    p.add_argument("--save", metavar="FILE", help="where to save the game (default: the autosave)")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="standard",
                   help="guided shows expected effects, standard their size only, expert neither")
    p.add_argument("--workshop", metavar="FILE", help="play a workshop: its scenario, seed and settings")
    p.add_argument("--team", help="your team's name (with --workshop)")
    p.add_argument("--autoplay", metavar="POLICY",
                   help="let a bot play the graphical game and print the result as JSON (like simulate --json)")
    p.add_argument("--screenshots", metavar="DIR", help="with --autoplay: save a PNG of every distinct screen here")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720 (default: your settings)")
    p.add_argument("--input", choices=("mouse", "keyboard"), default="mouse",
                   help="with --autoplay: drive the UI by mouse clicks or by keys (default mouse)")
    p.set_defaults(func=run)


def new_seed() -> int:
    import secrets

    return secrets.randbelow(1_000_000)


def run(args) -> int:
    if not args.text and not (args.workshop or args.team):
        from ..ui.main import run_from_args

        return run_from_args(args)
    if args.workshop or args.team:
        session = workshop_session(args)
    elif args.load:
        session = saves.load(Path(args.load))
    else:
        seed = args.seed if args.seed is not None else new_seed()
        session = Session(load(args.scenario or "scaleup"), seed, args.difficulty)
    return run_text(session, args)


def workshop_session(args) -> Session:
    """A new game with the workshop's pinned scenario, seed and settings."""
    from ..cli import UsageError
    from ..workshop.files import check_team, read_workshop

    if not (args.workshop and args.team):
        raise UsageError("--workshop and --team go together")
    if args.load or args.seed is not None:
        raise UsageError("a workshop fixes the scenario and seed; drop --load/--seed")
    workshop = read_workshop(Path(args.workshop))
    team = check_team(args.team)
    session = Session(workshop.load_scenario(), workshop.seed, workshop.difficulty)
    session.meta = {"team": team, "workshop": workshop.to_json(), "workshop_path": str(Path(args.workshop).resolve())}
    return session


def hand_in(session: Session) -> Path | None:
    """Write a finished workshop game's result file; returns where, or None outside a workshop."""
    from ..workshop.files import Workshop, result_filename, result_of, results_dir, write_result

    info = session.meta.get("workshop")
    if not info or not session.done:
        return None
    ws = Workshop(info["name"], info["scenario"], info["scenario_sha256"], info["scenario_id"], int(info["seed"]),
                  info.get("difficulty", "standard"), info.get("turn_seconds"))
    team = session.meta["team"]
    return write_result(result_of(session, ws, team), results_dir() / result_filename(ws, team))


def turn_seconds(session: Session) -> int | None:
    info = session.meta.get("workshop") or {}
    return info.get("turn_seconds")


def run_text(session: Session, args) -> int:
    from ..terminal import TerminalGame

    target = Path(args.save) if args.save else (Path(args.load) if args.load else autosave_path())

    def autosave(s: Session) -> Path:
        saves.save(s, target)
        return target

    game = TerminalGame(session, autosave=autosave, turn_seconds=turn_seconds(session))
    code = game.run()
    where = hand_in(session)
    if where is not None:
        game.console.print(f"[bold]Your result file is ready to hand in:[/bold] {where}")
    return code
