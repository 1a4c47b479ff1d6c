"""leadsim workshop new: the file a facilitator hands out."""

from __future__ import annotations

from pathlib import Path

from ..session import DIFFICULTIES
from ..workshop.files import create, write_workshop


def register(sub) -> None:
    p = sub.add_parser("workshop", help="prepare a facilitated workshop")
    inner = p.add_subparsers(dest="workshop_command", metavar="SUBCOMMAND")
    new = inner.add_parser("new", help="write a workshop file that pins scenario, seed and settings")
    new.add_argument("--scenario", required=True, help="built-in name or path to a .yaml file")
    new.add_argument("--seed", type=int, required=True, help="the seed every participant plays")
    new.add_argument("--name", required=True, help="name of the workshop, e.g. 'Leadership day, March'")
    new.add_argument("--difficulty", choices=DIFFICULTIES, default="standard")
    new.add_argument("--turn-seconds", type=int, default=None, help="time limit per turn (10-3600)")
    new.add_argument("--out", required=True, help="where to write the workshop file (.json)")
    new.set_defaults(func=run_new)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def run_new(args) -> int:
    from ..workshop.files import WorkshopError
    from ..cli import UsageError

    try:
        ws = create(args.scenario, args.seed, args.name, args.difficulty, args.turn_seconds)
    except WorkshopError as exc:
        raise UsageError(str(exc)) from None
    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{out} already exists; choose another --out or delete it first")
    write_workshop(ws, out)
    print(f"Wrote {out}: workshop '{ws.name}', scenario {ws.scenario} ({ws.scenario_sha256[:12]}), "
          f"seed {ws.seed}, difficulty {ws.difficulty}"
          + (f", {ws.turn_seconds} s per turn" if ws.turn_seconds else ""))
    print(f"Participants play it with: leadsim play --workshop {out} --team \"TEAM NAME\"")
    return 0
