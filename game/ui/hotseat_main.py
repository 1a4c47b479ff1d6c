"""`leadsim play [SCENARIO] --hotseat "A,B,C"` (or with --workshop FILE): start a hot seat in a window."""

from __future__ import annotations

import sys
from pathlib import Path

from ..views.controls import FINAL_HEADING
from ..views.saves import hotseat_resuming, hotseat_saved_in, team_result_ready


def build_hotseat(args):
    """Check the arguments and make the teams' games (resumed from the autosave when it is this hot seat)."""
    from ..cli import UsageError
    from ..scenario.loader import load
    from ..session import Session, starting_difficulty
    from ..workshop.handin import workshop_meta
    from ..hotseat import HotSeat, TeamsError, claim, parse_teams, resume

    try:
        names = parse_teams(args.hotseat)
    except TeamsError as exc:
        raise UsageError(str(exc)) from None
    if args.text or args.load or args.autoplay or args.team:
        raise UsageError("--hotseat plays in the window with its own teams; drop --text/--load/--autoplay/--team")
    if args.workshop:
        from ..workshop.files import read_workshop

        if args.scenario or args.seed is not None:
            raise UsageError("a workshop fixes the scenario and seed; drop SCENARIO/--seed")
        if args.difficulty is not None:
            raise UsageError("a workshop fixes the difficulty for every team; drop --difficulty")
        ws = read_workshop(Path(args.workshop))
        loaded, seed, difficulty = ws.load_scenario(), ws.seed, ws.difficulty
        workshop_name = ws.name

        def meta(team: str) -> dict:
            return {**workshop_meta(ws, team, Path(args.workshop)), "hotseat": names}
    else:
        from .cli_support import new_seed

        loaded = load(args.scenario or "scaleup")
        seed = args.seed if args.seed is not None else new_seed()
        difficulty, workshop_name = starting_difficulty(loaded, args.difficulty), None

        def meta(team: str) -> dict:
            return {"team": team, "hotseat": names}

    def make(team: str) -> Session:
        s = Session(loaded, seed, difficulty)
        s.meta = meta(team)
        return s

    hs = HotSeat(names, make, workshop_name)
    hs.save_file = _save_file(args)
    saved = resume(names, hs.teams[0].session, _save_file(args))
    if saved is not None:  # only a fixed seed (--seed or a workshop) can match the autosave
        for team, session in zip(hs.teams, saved):
            team.session = session
        hs.resumed = True
        print(hotseat_resuming(hs.round), file=sys.stderr)
    claim(hs)  # its own file, locked: the same hot seat twice at once is refused in one line
    return hs


def _save_file(args) -> Path | None:
    return Path(args.save) if args.save else None


def run_hotseat(args) -> int:
    from ..hotseat import release
    from .main import _size, prepare_environment

    prepare_environment(False)
    hs = build_hotseat(args)
    size = _size(args)
    import pygame

    from .hotseat import HotseatApp

    try:
        app = HotseatApp(hs, size=size)
        app.save_file = _save_file(args)
        app.begin()
        app.run()
    finally:
        pygame.quit()
        release(hs)
    for team in hs.teams:
        where = hs.handed_in.get(team.name)
        if where is not None:
            print(team_result_ready(team.name, where))
    if hs.finished:
        from ..views.standings import ranked

        print(f"{FINAL_HEADING}: " + ", ".join(f"{r}. {t.name} {t.session.score():.1f}" for r, t in ranked(hs)))
    elif any(t.session.turn for t in hs.teams):
        print(resume_hint(args, hs), file=sys.stderr)
    return 0


def resume_hint(args, hs) -> str:
    """How to continue this unfinished hot seat: the same teams, scenario and seed (and --save)."""
    import shlex

    from ..plaintext import plain

    again = ["leadsim", "play"] + ([f"--workshop={args.workshop}"] if args.workshop else
                                   [args.scenario or "scaleup", f"--seed={hs.teams[0].session.seed}"])
    if not args.workshop and args.difficulty is not None:
        again.append(f"--difficulty={args.difficulty}")
    again += [f"--hotseat={','.join(hs.names)}"] + ([f"--save={args.save}"] if args.save else [])
    return plain(hotseat_saved_in(hs.save_path, shlex.join(again)), markup=False)
