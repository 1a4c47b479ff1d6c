"""leadsim debrief: verify hand-in results by replay and write the debrief report."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("debrief", help="verify results and write a debrief report")
    p.add_argument("results", nargs="*", metavar="RESULT", help="result files handed in by the teams")
    p.add_argument("--out", metavar="DIR", help="folder for report.html, charts and turns.csv")
    p.add_argument("--workshop", metavar="FILE", help="only accept results of this workshop file")
    p.add_argument("--import", dest="import_", action="store_true",
                   help="also add the verified results to your history database")
    p.add_argument("--history", action="store_true", help="compare the workshops in your history")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..cli import UsageError
    from ..workshop.files import WorkshopError, read_workshop

    if args.history and not args.results:
        return _history()
    if not args.results:
        raise UsageError("name at least one result file, or use --history")
    if not args.out and not args.import_:
        raise UsageError("say where to write the report with --out DIR (or use --import)")
    try:
        workshop = read_workshop(Path(args.workshop)) if args.workshop else None
    except WorkshopError as exc:
        raise UsageError(str(exc)) from None
    from ..workshop.verify import verify_all

    accepted, rejected = verify_all([Path(p) for p in args.results], workshop)
    for v in accepted:
        print(f"{v.path}: verified: team {v.team}, score {v.session.score():.1f}, {v.session.ending.title}")
    for r in rejected:
        print(str(r), file=sys.stderr)
    if args.out:
        from ..workshop.report import write_report

        target = write_report(accepted, rejected, Path(args.out))
        print(f"Report: {target} ({len(accepted)} verified, {len(rejected)} rejected)")
    if args.import_:
        from ..workshop.history import db_path, import_results

        added, skipped = import_results(accepted)
        for line in skipped:
            print(line, file=sys.stderr)
        print(f"History: {added} result(s) imported into {db_path()}")
    if args.history:
        _history()
    return 1 if rejected or not accepted else 0


def _history() -> int:
    from rich.console import Console
    from rich.table import Table

    from ..workshop.history import cohorts, db_path

    rows = cohorts()
    if not rows:
        print(f"No results in your history yet ({db_path()}); add some with: leadsim debrief RESULT... --import")
        return 0
    t = Table(title="Workshops compared")
    for col in ("workshop", "scenario", "teams", "mean score", "best", "win rate", "leadership share by phase"):
        t.add_column(col)
    for r in rows:
        share = ", ".join(f"{p} {v:.0%}" for p, v in r["leadership_share"].items())
        t.add_row(r["workshop"], r["scenario"], str(r["teams"]), f"{r['score_mean']:.1f}", f"{r['score_best']:.1f}",
                  f"{r['win_rate']:.0%}", share)
    Console().print(t)
    return 0
