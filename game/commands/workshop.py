"""leadsim workshop new: the file a facilitator hands out."""

from __future__ import annotations

import dataclasses
import shlex
import shutil
from pathlib import Path

from ..plaintext import plain
from ..scenario.loader import builtin_names
from ..session import DIFFICULTIES
from ..workshop.files import create, write_workshop


def register(sub) -> None:
    p = sub.add_parser("workshop", help="prepare a facilitated workshop")
    inner = p.add_subparsers(dest="workshop_command", metavar="SUBCOMMAND")
    new = inner.add_parser("new", help="write a workshop file that pins scenario, seed and settings")
    new.add_argument("--scenario", required=True, help="built-in name or path to a .yaml file")
    new.add_argument("--seed", type=int, required=True, help="the seed every participant plays")
    new.add_argument("--name", required=True, help="name of the workshop, e.g. 'Leadership day, March'")
    new.add_argument("--difficulty", choices=DIFFICULTIES, default=None,
                     help="the one every team plays (default: the scenario's own, Standard for most; "
                          "the tutorial's is Guided)")
    new.add_argument("--turn-seconds", type=int, default=None, help="time limit per turn (10-3600)")
    new.add_argument("--debrief-minutes", type=int, default=None, metavar="N",
                     help="how long the debrief is (15-120; default 45): the report's agenda and slides follow it "
                          "(the facilitator guide's 60-minute session: 25)")
    new.add_argument("--out", required=True, help="where to write the workshop file (.json)")
    new.set_defaults(func=run_new)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def _scenario_beside(ws, out: Path) -> str:
    """How the workshop file names its scenario: a built-in name, or a file in the workshop file's folder.

    A workshop file may only name a file next to it (or below it), so a scenario elsewhere is copied
    beside the workshop file; the facilitator hands out both.
    """
    from ..cli import UsageError
    from ..scenario.loader import load

    loaded = load(ws.scenario)
    if loaded.path is None or loaded.source == loaded.path.stem and not loaded.path.exists() or \
            ws.scenario in builtin_names():
        return ws.scenario
    source = loaded.path.resolve()
    folder = out.resolve().parent
    if folder in source.parents:
        return source.relative_to(folder).as_posix()
    beside = folder / source.name
    if beside.exists() and beside.read_bytes() != source.read_bytes():
        raise UsageError(f"{beside} already exists and differs from {source}; the workshop file can only name a "
                         "scenario in its own folder: copy the scenario there yourself or choose another --out")
    if not beside.exists():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, beside)
        print(plain(f"Copied the scenario to {beside}: hand it out with the workshop file", markup=False))
    return beside.name


def run_new(args) -> int:
    from ..workshop.files import WorkshopError
    from ..cli import UsageError

    try:
        ws = create(args.scenario, args.seed, args.name, args.difficulty, args.turn_seconds, args.debrief_minutes)
    except WorkshopError as exc:
        raise UsageError(str(exc)) from None
    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{out} already exists; choose another --out or delete it first")
    ws = dataclasses.replace(ws, scenario=_scenario_beside(ws, out))
    write_workshop(ws, out)
    print(plain(f"Wrote {out}: workshop '{ws.name}', scenario {ws.scenario} ({ws.scenario_sha256[:12]}), "
                f"seed {ws.seed}, difficulty {ws.difficulty}"
                + (f", {ws.turn_seconds} s per turn" if ws.turn_seconds else "")
                + (f", a {ws.debrief_minutes}-minute debrief" if ws.debrief_minutes else ""), markup=False))
    shown = shlex.quote(str(out))
    print(f"Serve it to the room's browsers (nothing to install): leadsim serve {shown} --lan")
    print(f"Or participants play it in their own Leadsim: leadsim play --workshop {shown} --team \"TEAM NAME\"")
    return 0
