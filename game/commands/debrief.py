"""leadsim debrief: verify hand-in results by replay and write the debrief report."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("debrief", help="verify results and write a debrief report")
    p.add_argument("results", nargs="*", metavar="RESULT", help="result files handed in by the teams")
    p.add_argument("--out", metavar="DIR", help="folder for report.html, charts and turns.csv")
    p.add_argument("--minutes", type=int, default=None, metavar="N",
                   help="how long the debrief is (15-120): the report's agenda and slides follow it (default: the "
                        "workshop file's debrief_minutes, else 45)")
    p.add_argument("--workshop", metavar="FILE", help="only accept results of this workshop file")
    p.add_argument("--served", metavar="RESULT", action="append", default=[],
                   help="a result file that a workshop server wrote from a game it played itself (repeatable): "
                        "the same game under several team names is then not held back for it")
    p.add_argument("--import", dest="import_", action="store_true",
                   help="also add the verified results to your history database")
    p.add_argument("--history", action="store_true", help="compare the workshops in your history")
    p.add_argument("--server", metavar="URL", help="debrief the games of a running `leadsim serve` instead of files")
    p.add_argument("--token", metavar="T", help="with --server: the facilitator's console token")
    p.add_argument("--include-bots", action="store_true",
                   help="with --import: import bots' games too (rehearsals stay out of the history by default)")
    p.add_argument("--forget", metavar="WORKSHOP", help="remove this workshop's results from your history")
    p.add_argument("--forget-bots", action="store_true", help="remove every bot's game from your history")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..cli import UsageError
    from ..workshop.files import WorkshopError, read_workshop

    if getattr(args, "server", None):
        return run_server(args)
    if args.forget is not None or args.forget_bots:
        if args.results:
            raise UsageError("--forget and --forget-bots take no result files")
        return _forget(args)
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

    given, unmatched = expand_patterns(args.results)
    accepted, rejected = verify_all(given, workshop, [Path(p) for p in args.served],
                                    unfinished_ok=True) if given else ([], [])
    if not accepted:
        return _nothing_verified(rejected, unmatched)
    for pattern in unmatched:
        print(plain_line(f"{pattern}: no file matches it{_near(pattern)}; the other results are reported"),
              file=sys.stderr)
    code = _report(args, accepted, rejected, _minutes(args, workshop))
    if args.history:
        _history()
    return code


GLOB_CHARS = "*?["


def expand_patterns(results: list[str]) -> tuple[list[Path], list[str]]:
    """The result files named, a pattern that is no file expanded here (a shell that does not expand them, as
    Windows' does not; `leadsim debrief 'rehearsal-*.json'`), and the patterns that matched no file at all."""
    import glob

    paths, unmatched = [], []
    for text in results:
        if Path(text).exists() or not any(c in text for c in GLOB_CHARS):
            paths.append(Path(text))
            continue
        found = sorted(glob.glob(text))
        if found:
            paths += [Path(f) for f in found]
        else:
            unmatched.append(text)
    return paths, unmatched


def plain_line(text: str) -> str:
    from ..plaintext import plain

    return plain(text, markup=False).replace("\n", " ")


def _near(pattern: str) -> str:
    """What is there instead of what a pattern asked for: the result files beside it that look most like it."""
    import difflib

    folder = Path(pattern).parent
    try:
        names = sorted(p.name for p in folder.glob("*.json"))[:2000]
    except OSError:
        return ""
    where = "here" if str(folder) == "." else f"in {folder}"
    if not names:
        return f" (found no .json file {where})"
    close = difflib.get_close_matches(Path(pattern).name.replace("*", ""), names, n=3, cutoff=0.4) or names[:3]
    more = f" and {len(names) - len(close)} more" if len(names) > len(close) else ""
    return f" (found {', '.join(close)}{more} {where}: is the name spelled right?)"


def _nothing_verified(rejected, unmatched: list[str]) -> int:
    """No report when no result was verified (s6: a typo in the pattern wrote an empty report, "0 verified,
    1 rejected"): the reasons, one line each, and what was not written; exit 1."""
    missing = [r for r in rejected if "no such result file" in r.reason]
    if unmatched and not rejected:
        print(plain_line(f"{', '.join(unmatched)}: no file matches {'it' if len(unmatched) == 1 else 'them'}"
                         f"{_near(unmatched[0])}; nothing was verified, so no report was written"), file=sys.stderr)
        return 1
    for r in rejected:
        print(str(r), file=sys.stderr)
    for pattern in unmatched:
        print(plain_line(f"{pattern}: no file matches it{_near(pattern)}"), file=sys.stderr)
    if not rejected:
        what = "the server has no team's game"
    elif len(missing) == len(rejected) and not unmatched:
        what = "no result file was found"
    else:
        what = "the result was rejected (above)" if len(rejected) == 1 else \
            f"all {len(rejected)} results were rejected (above)"
    print(f"Nothing was verified: {what}. No report was written and nothing was imported.", file=sys.stderr)
    return 1


def _forget(args) -> int:
    from ..workshop.history import db_path, forget

    n = forget(workshop=args.forget, bots=args.forget_bots and args.forget is None)
    what = f"of workshop '{args.forget}'" if args.forget is not None else "played by bots"
    n_bots = forget(bots=True) if args.forget is not None and args.forget_bots else 0
    also = f", and {n_bots} played by bots" if args.forget is not None and args.forget_bots else ""
    print(f"History: removed {n} result(s) {what}{also} from {db_path()}")
    return 0


def _write_reports(accepted, rejected, out: Path, minutes: int) -> None:
    """One report per workshop, scenario version, seed and settings: results of different games are never ranked together.

    In each, the finished games are ranked and the unfinished ones (the workshop ended mid-game) listed apart.
    """
    from ..plaintext import plain
    from ..workshop.report import played_words, rejected_words, report_folder_name, write_report
    from ..workshop.verify import groups

    def write(part, folder):
        ranked = [v for v in part if v.finished]
        return write_report(ranked, rejected, folder, progress=_reviewing,
                            unfinished=[v for v in part if not v.finished], minutes=minutes)

    def counted(part, in_all: bool = False) -> str:
        """The report's own opening words (played_words), on a line after the report's path: the console's
        debrief line is this line too (web/debrief.py)."""
        return " ".join(w for w in (played_words([v for v in part if v.finished], [v for v in part if not v.finished]),
                                    rejected_words(len(rejected), in_all)) if w)

    parts = groups(accepted)
    if len(parts) <= 1:
        target = write(accepted, out)
        print(plain(f"Report: {target}", markup=False))
        print(plain(counted(accepted), markup=False))
        return
    print(f"These results come from {len(parts)} different workshops or scenarios: {len(parts)} separate reports, "
          "never ranked together")
    for part in parts:
        target = write(part, out / report_folder_name(part[0]))
        print(plain(f"Report: {target} (workshop {part[0].result['workshop']}, {part[0].session.scenario.id})",
                    markup=False))
        print(plain(counted(part, in_all=True), markup=False))


def _history() -> int:
    from rich.console import Console
    from rich.table import Table

    from ..plaintext import plain
    from ..workshop.history import cohorts, db_path

    rows = cohorts()
    if not rows:
        print(f"No results in your history yet ({db_path()}); add some with: leadsim debrief RESULT... --import")
        return 0
    t = Table(title="Workshops compared")
    for col in ("workshop", "scenario", "teams", "mean score", "best", "win rate", "mix by phase (actions of each kind)"):
        t.add_column(col)
    for r in rows:
        t.add_row(plain(r["workshop"]), plain(r["scenario"]), str(r["teams"]), f"{r['score_mean']:.1f}", f"{r['score_best']:.1f}",
                  f"{r['win_rate']:.0%}", "\n".join(map(plain, _mix_words(r))))
    Console().print(t)
    return 0


def _mix_words(row: dict) -> list[str]:
    """A workshop's mix, a phase a line, in the report's and the end screen's words (review_mix.split_words:
    each kind's share of ALL the actions, development included): 'startup: 45% leadership, 35% management,
    20% development'. It once gave leadership / (leadership + management), a second definition beside theirs.
    A phase is named by its title where the row's scenario is a built-in one ('Growing up', not 'mature':
    trainer s7 4, finding 12); a history row is outside input, so its scenario is never read as a path."""
    from ..analysis.review_mix import split_words

    titles = _phase_titles(row["scenario"])
    lines = [f"{titles.get(p, p)}: {split_words(*counts)}" for p, counts in row["mix"].items()]
    if row["mixed"] < row["teams"]:
        older = row["teams"] - row["mixed"]
        lines.append(f"(without {older} team(s) imported before the mix was kept)" if lines else
                     "not kept (imported before the mix was kept)")
    return lines


def _phase_titles(scenario_id) -> dict[str, str]:
    """A built-in scenario's phase ids -> titles; {} for any other id (a file's scenario is not at hand)."""
    from ..scenario.loader import builtin_names, load
    from ..scenario.problems import ScenarioError

    if not isinstance(scenario_id, str) or scenario_id not in builtin_names():
        return {}
    try:
        return {ph.id: ph.title for ph in load(scenario_id).scenario.phases if ph.title}
    except ScenarioError:
        return {}


def run_server(args) -> int:
    """The same verified report from a server's games: each one is replayed from its decision log."""
    import json
    import tempfile

    from ..cli import UsageError
    from ..web.client import ServerError, server_results, split_url
    from ..workshop.files import WORKSHOP_FORMAT, WorkshopError, workshop_from_json, write_result
    from ..workshop.verify import verify_all

    if args.results or args.workshop or not args.token or not (args.out or args.import_):
        raise UsageError("--server needs --token T and --out DIR (or --import), and no result files or --workshop")
    try:
        base, _ = split_url(args.server)
        data = server_results(base, args.token)
        info = data["workshop"]
        workshop = workshop_from_json({**info, "format": WORKSHOP_FORMAT, "version": 1}, None)  # checked like a file
        results = [r for r in data["results"] if isinstance(r, dict)]
    except ServerError as exc:
        raise UsageError(f"{args.server}: {exc}") from None
    except WorkshopError as exc:
        raise UsageError(f"{args.server}: the server's workshop cannot be used: {exc}") from None
    except (KeyError, TypeError, ValueError):
        raise UsageError(f"{args.server}: the server's answer is not a Leadsim workshop export") from None
    with tempfile.TemporaryDirectory(prefix="leadsim-debrief-") as tmp:
        paths = []
        for k, result in enumerate(results, 1):  # file names from a counter, never from what the server sent
            paths.append(write_result(json.loads(json.dumps(result)), Path(tmp) / f"server-team-{k:03d}.json"))
        try:
            accepted, rejected = verify_all(paths, workshop, served=paths, unfinished_ok=True)  # the server played them
        except WorkshopError as exc:
            raise UsageError(str(exc)) from None
        # A server's game has no file: its lines name the server instead, as text (a Path would write the
        # address "http:/127.0.0.1:8761", its two slashes made one).
        for v in accepted:
            v.path = f"{base} team {v.team}"
        for r in rejected:
            r.path = f"{base} {r.path.stem}"
        return _report(args, accepted, rejected, _minutes(args, workshop))


def _minutes(args, workshop) -> int:
    """The debrief's length: --minutes, else the workshop's debrief_minutes (the console passes its workshop
    file), else the report's 45-minute plan. A bad length is a one-line usage error."""
    from ..cli import UsageError
    from ..workshop.files import WorkshopError, check_debrief_minutes
    from ..workshop.room_report import PLAN_MINUTES

    try:
        given = check_debrief_minutes(args.minutes)
    except WorkshopError as exc:
        raise UsageError(str(exc)) from None
    return given or (workshop.debrief_minutes if workshop and workshop.debrief_minutes else PLAN_MINUTES)


def _report(args, accepted, rejected, minutes: int) -> int:
    from ..plaintext import plain

    if not accepted:
        return _nothing_verified(rejected, [])

    for v in accepted:
        s = v.session
        if v.finished:
            print(plain(f"{v.path}: verified: team {v.label}, score {s.score():.1f}, {s.ending.title}", markup=False))
        elif s.turn == 0:
            print(plain(f"{v.path}: never played: team {v.label} joined and made no decision (listed, not ranked)",
                        markup=False))
        else:
            print(plain(f"{v.path}: unfinished: team {v.label}, stopped after turn {s.turn} of {s.scenario.turns}, "
                        f"score so far {s.score():.1f} (verified as far as it went; listed, not ranked)", markup=False))
    for r in rejected:
        print(str(r), file=sys.stderr)
    if args.out:
        _write_reports(accepted, rejected, Path(args.out), minutes)
    if args.import_:
        from ..workshop.history import db_path, import_results

        added, skipped = import_results([v for v in accepted if v.finished], include_bots=args.include_bots)
        for line in skipped:
            print(line, file=sys.stderr)
        for v in accepted:
            if not v.finished:
                print(plain(f"{v.path}: not imported: team {v.label}'s game is unfinished (the history compares "
                            "finished games)", markup=False), file=sys.stderr)
        print(f"History: {added} result(s) imported into {db_path()}")
    return 1 if rejected or not accepted else 0


def _reviewing(done: int, total: int) -> None:
    """Progress on stderr while every team's game is reviewed (about three seconds a team)."""
    end = "\n" if done == total else ""
    print(f"\rReviewing the teams' games: {done} of {total}", end=end, file=sys.stderr, flush=True)
