"""leadsim play: play a scenario in a window (or in the terminal with --text).

With --autoplay a bot plays the real graphical UI through real input events
and the command prints the same JSON as `leadsim simulate --json`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import saves
from ..scenario.loader import load
from ..session import DIFFICULTIES, Session, starting_difficulty
from ..userdata import autosave_path, data_dir
from ..views.saves import RESULT_READY
from ..workshop.handin import hand_in, turn_seconds  # noqa: F401  (shared with the graphical game)
from ..workshop.files import TEAM_RULE


def register(sub) -> None:
    p = sub.add_parser("play", help="play a scenario")
    p.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                   help="built-in name or path to a .yaml file (default scaleup)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: a new one each game)")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--load", metavar="SAVE", help="continue a saved game")
    p.add_argument("--save", metavar="FILE", help="where to save the game (default: the autosave)")
    p.add_argument("--from-turn", type=int, metavar="N", dest="from_turn",
                   help="with --load: play a practice copy of that game from the start of turn N (turns 1 to "
                        "N-1 as played, the same luck), saved as a game of its own; the loaded game stays as it is")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default=None,
                   help="guided shows expected effects, standard their size only, expert neither "
                        "(default: the scenario's own, Standard for most; the tutorial starts on Guided)")
    p.add_argument("--workshop", metavar="FILE", help="play a workshop: its scenario, seed and settings")
    p.add_argument("--team", help=f"your team's name (with --workshop): {TEAM_RULE}")
    p.add_argument("--hotseat", metavar="TEAMS",
                   help='2 to 6 teams take turns on one screen, e.g. --hotseat "Team A,Team B,Team C"')
    p.add_argument("--autoplay", metavar="POLICY",
                   help="let a bot play the graphical game and print the result as JSON (like simulate --json)")
    p.add_argument("--screenshots", metavar="DIR", help="with --autoplay: save a PNG of every distinct screen here")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720 (default: your settings)")
    p.add_argument("--watch", action="store_true",
                   help="reload the scenario FILE whenever it is saved and replay your turns on it (for authors)")
    p.add_argument("--input", choices=("mouse", "keyboard"), default="mouse",
                   help="with --autoplay: drive the UI by mouse clicks or by keys (default mouse)")
    p.set_defaults(func=run)


def new_seed() -> int:
    import secrets

    return secrets.randbelow(1_000_000)


def practice_from_args(args) -> tuple[Session, Path]:
    """`--load FILE --from-turn N`: the practice copy of FILE's game at turn N, with the review's better
    decision there, written to its own file (or --save FILE); the loaded file is only read."""
    from .. import practice
    from ..analysis.review import review
    from ..cli import UsageError
    from ..session import DecisionError
    from ..views.prompts import REVIEWING

    clash = [flag for flag, on in (("--workshop", args.workshop), ("--team", args.team), ("--hotseat", args.hotseat),
                                   ("--autoplay", args.autoplay), ("--watch", getattr(args, "watch", False)),
                                   ("--seed", args.seed is not None), ("--difficulty", args.difficulty),
                                   ("SCENARIO", args.scenario)) if on]
    if not args.load:
        raise UsageError("--from-turn N tries turn N of a saved game again: give the game with --load SAVE")
    if clash:
        raise UsageError(f"--from-turn replays the loaded game as it was; it cannot be combined with {clash[0]}")
    original = saves.load(Path(args.load))
    reason = practice.cannot_practise(original, args.from_turn)
    if reason:
        raise DecisionError(f"cannot try turn {args.from_turn} again: {reason}")
    print(REVIEWING, file=sys.stderr, flush=True)  # the better decision at turn N: a few seconds
    best = review(original).turns[args.from_turn - 1].best
    copy = practice.practice_copy(original, args.from_turn, best, source=Path(args.load).resolve())
    try:
        path = practice.save_practice(copy, saves.save_folder(), Path(args.save) if args.save else None)
    except OSError as exc:
        raise UsageError(f"the practice could not be saved ({exc.strerror or exc})") from None
    return copy, path


def run(args) -> int:
    if getattr(args, "watch", False) and getattr(args, "from_turn", None) is None:
        return run_watch(args)
    if getattr(args, "from_turn", None) is not None:
        copy, path = practice_from_args(args)
        if not args.text:
            from ..ui.main import run_from_args

            return run_from_args(args, session=copy, session_path=path)
        return run_text(copy, args, save_to=path)
    if args.hotseat is not None:
        from ..ui.hotseat_main import run_hotseat

        return run_hotseat(args)
    if not args.text:
        from ..ui.main import run_from_args

        if args.workshop or args.team:
            session, path = resume_or_start_workshop(args)
            return run_from_args(args, session=session, session_path=path)
        return run_from_args(args)
    if args.workshop or args.team:
        session, path = resume_or_start_workshop(args)
        if path is not None:
            return run_text(session, args, save_to=path)
    elif args.load:
        session = saves.load(Path(args.load))
    else:
        loaded = load(args.scenario or "scaleup")
        resumed = resume_text_game(args, loaded)
        if resumed is not None:
            return run_text(resumed[0], args, save_to=resumed[1])
        seed = args.seed if args.seed is not None else new_seed()
        session = Session(loaded, seed, starting_difficulty(loaded, args.difficulty))
    return run_text(session, args)


def unfinished_game(args, loaded) -> saves.SaveInfo | None:
    """The newest unfinished game `play [SCENARIO] --text` offers to continue: of this scenario, in
    this version (a game of an edited file is not offered as if it were the same), with --seed's seed
    when one is given; without SCENARIO, of any scenario. Workshop games resume through --workshop."""
    infos = [i for i in saves.list_saves()
             if args.scenario is None or (i.scenario_id == loaded.scenario.id and i.scenario_sha256 == loaded.sha256)]
    if args.seed is not None:
        infos = [i for i in infos if i.seed == args.seed]
    return saves.find_unfinished(None, infos)


def resume_text_game(args, loaded) -> tuple[Session, Path] | None:
    """The unfinished game and its file, when there is one and the player chooses to continue it."""
    from ..terminal import offer_resume

    info = unfinished_game(args, loaded)
    target = Path(args.save) if args.save else autosave_path()  # the new game's file: a game in it moves aside
    moved = info is not None and info.path.resolve() == target.resolve()
    if info is None or not offer_resume(info, sys.stdin, moved=moved):
        return None
    try:
        return saves.load(info.path), info.path
    except saves.SaveError as exc:  # changed since it was listed: say why and play a new game
        print(f"leadsim: {exc}; starting a new game instead", file=sys.stderr)
        return None


def workshop_session(args) -> Session:
    """A new game with the workshop's pinned scenario, seed and settings."""
    from ..cli import UsageError
    from ..workshop.files import check_team, read_workshop

    if not (args.workshop and args.team):
        raise UsageError("--workshop and --team go together")
    if args.load or args.seed is not None or args.scenario:
        raise UsageError("a workshop fixes the scenario and seed; drop SCENARIO/--load/--seed")
    if args.difficulty is not None:  # every team of a workshop plays the one its file fixes
        raise UsageError("a workshop fixes the difficulty for every team; drop --difficulty")
    workshop = read_workshop(Path(args.workshop))
    team = check_team(args.team)
    session = Session(workshop.load_scenario(), workshop.seed, workshop.difficulty)
    session.meta = {"team": team, "workshop": workshop.to_json(), "workshop_path": str(Path(args.workshop).resolve())}
    return session


def resume_or_start_workshop(args) -> tuple[Session, Path | None]:
    """The team's unfinished game of this workshop and the file it is in, or a new game and None.

    With --save FILE only that file is looked at. Otherwise every save Load lists, newest first, that no
    other running Leadsim is playing: a team's game went to a file of its own in the saves folder when
    another Leadsim held the autosave (two games at once), and looking in the autosave alone started
    the team over, its game left behind. The game is saved on in the file it came from."""
    session = workshop_session(args)
    if args.save:
        places = [Path(args.save)]
    else:
        places = [i.path for i in saves.list_saves() if i.workshop and i.team == session.meta["team"]
                  and i.resumable]
    for target in places:
        try:
            saved = saves.load(target) if target.exists() else None
        except saves.SaveError:
            saved = None
        if (saved is not None and not saved.done and saved.meta.get("team") == session.meta["team"]
                and saved.meta.get("workshop") == session.meta["workshop"]
                and saved.loaded.sha256 == session.loaded.sha256):
            print(f"Continuing your unfinished game (turn {saved.turn + 1}) from {target}", file=sys.stderr)
            saved.meta = session.meta
            return saved, target
    return session, None


def run_text(session: Session, args, watch=None, save_to: Path | None = None) -> int:
    """Terminal play, saved after every turn in --save FILE, the loaded (or resumed, `save_to`) file,
    or the autosave."""
    from ..terminal import TerminalGame

    target = save_to or (Path(args.save) if args.save else (Path(args.load) if args.load else autosave_path()))

    slot = saves.SaveSlot(target, data_dir() / "saves", shared=target.resolve() == autosave_path().resolve())

    def autosave(s: Session) -> Path | None:
        """Where the game is saved now, or None when saving failed (the game goes on; the next turn retries)."""
        for note in slot.save(s):
            game.notice(note)
        return slot.path if slot.ok else None

    game = TerminalGame(session, autosave=autosave, turn_seconds=turn_seconds(session))
    game.watch = watch

    def practise(copy: Session) -> Path:
        """A practice copy started after the review: its own file, and the game's saving moves there."""
        from ..practice import save_practice

        nonlocal slot
        path = save_practice(copy, data_dir() / "saves")
        slot.close()
        slot = saves.SaveSlot(path, data_dir() / "saves")
        for note in slot.take(copy):
            game.notice(note)
        return path

    game.practise = practise
    for note in slot.take(session):  # another game in the slot moves aside now: said before this game starts
        game.notice(note)
    code = game.run()
    if not slot.ok and game.s.turn > 0:
        where = slot.rescue(game.s)
        print(f"Your game is saved in {where}; continue it with: leadsim play --load {where} --text" if where else
              "Your game could not be saved anywhere; it ends with this program.", file=sys.stderr)
        code = code or (0 if where else 1)
    slot.close()  # the game is over here: its file is free for the next game (the OS would free it at exit)
    try:
        where = hand_in(game.s)
    except OSError as exc:
        again = f"; when it can be written, leadsim play --load {slot.path} --text writes it again" if slot.ok else ""
        print(f"leadsim: your result file could not be written to {exc.filename} ({exc.strerror or exc}){again}",
              file=sys.stderr)
        return 1
    if where is not None:
        game.console.print(f"[bold]{RESULT_READY}[/bold] {where}")
    return code


def run_watch(args) -> int:
    """`leadsim play FILE --watch [--text]`: a new game of FILE that follows every save of it."""
    from ..cli import UsageError
    from ..scenario.loader import LoadedScenario, load
    from ..scenario.problems import ScenarioError
    from ..watch import watch_target

    clash = [flag for flag, on in (("--load", args.load), ("--workshop", args.workshop), ("--team", args.team),
                                   ("--hotseat", args.hotseat), ("--autoplay", args.autoplay)) if on]
    if clash:
        raise UsageError(f"--watch plays a new game of a scenario file; it cannot be combined with {clash[0]}")
    try:
        path = watch_target(args.scenario)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    seed = args.seed if args.seed is not None else new_seed()
    try:
        first: LoadedScenario | ScenarioError = load(str(path))
    except ScenarioError as exc:
        first = exc
    if args.text:
        return _run_watch_text(args, path, seed, first)
    from ..ui.main import prepare_environment

    prepare_environment(False)  # before pygame is first imported: no banner on stdout
    from ..ui.watch import run_window_watching

    return run_window_watching(args, path, seed, first)


def _run_watch_text(args, path, seed: int, first) -> int:
    from rich.console import Console

    from ..scenario.loader import LoadedScenario
    from ..scenario.problems import ScenarioError
    from ..terminal import TerminalWatch
    from ..watch import ScenarioWatcher

    watcher = ScenarioWatcher(path, first.sha256 if isinstance(first, LoadedScenario) else None)
    watch = TerminalWatch(watcher)
    if isinstance(first, ScenarioError):
        first = watch.until_valid(Console(highlight=False), first)
    session = Session(first, seed, starting_difficulty(first, args.difficulty))
    return run_text(session, args, watch=watch)
