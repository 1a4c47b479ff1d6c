"""leadsim simulate: bot games, one or many, as a summary or JSON."""

from __future__ import annotations

import json

import numpy as np

from ..autoplay import play_bot, result_json
from .argtypes import runs_count
from ..model.batch import play_batch
from ..model.bots import DESCRIPTIONS, policy, policy_names
from ..model.rules import compile_rules
from ..plaintext import plain
from ..scenario.loader import load
from ..session import Session
from ..views.words import shown_parts
from ..workshop.files import TEAM_RULE


def register(sub) -> None:
    p = sub.add_parser("simulate", help="let a bot play, once or many times")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="built-in name or path to a .yaml file")
    p.add_argument("--policy", default="adaptive", metavar="NAME",
                   help=f"bot: {', '.join(policy_names())} (default adaptive)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--runs", type=runs_count, default=1, help="number of games (default 1)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--workshop", metavar="FILE", help="play a workshop's pinned scenario, seed and settings")
    p.add_argument("--team", help=f"team name for the result file (with --workshop): {TEAM_RULE}")
    p.add_argument("--export", metavar="PATH", help="write a result file, as a participant hands in")
    p.add_argument("--server", metavar="URL",
                   help="play as team --team on a `leadsim serve` server, through its HTTP API (the participants' "
                        "link, which carries the join code)")
    p.add_argument("--code", help="the workshop's join code, if the --server link does not carry it")
    p.add_argument("--pace", type=float, default=0.0, metavar="SECONDS",
                   help="with --server: wait this long before each decision, like a person")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..cli import UsageError

    try:
        decide = policy(args.policy)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    if args.server:
        return _server_game(args)
    if args.workshop or args.export or args.team:
        return _workshop_game(args)
    if not args.scenario:
        raise UsageError("name a scenario (or use --workshop FILE)")
    loaded = load(args.scenario)
    if args.runs == 1:
        session = play_bot(Session(loaded, args.seed), args.policy)
        if args.json:
            print(result_json(session, args.policy))
        else:
            _print_single(session, args.policy)
        return 0
    rules = compile_rules(loaded.scenario)
    batch = play_batch(rules, decide, args.seed, args.runs)
    summary = summarize(rules, batch, args.policy, args.seed)
    if args.json:
        print(json.dumps(summary, indent=2, sort_keys=True))
    else:
        _print_many(summary)
    return 0


def _workshop_game(args) -> int:
    from pathlib import Path

    from ..cli import UsageError
    from ..workshop.files import check_team, read_workshop, result_of, write_result

    if not (args.workshop and args.team and args.export):
        raise UsageError("--workshop, --team and --export go together")
    if args.runs != 1 or args.scenario:
        raise UsageError("with --workshop, the workshop file names the scenario and one game is played")
    workshop = read_workshop(Path(args.workshop))
    team = check_team(args.team)
    session = Session(workshop.load_scenario(), workshop.seed, workshop.difficulty)
    play_bot(session, args.policy)
    path = write_result(result_of(session, workshop, team, args.policy), Path(args.export))
    if args.json:
        print(result_json(session, args.policy))
    else:
        print(plain(f"Team {team} ({args.policy} bot): {session.ending.title}, score {session.score():.1f}; "
                    f"result written to {path}", markup=False))
    return 0


def _server_game(args) -> int:
    """One team's whole game over HTTP, exactly as a browser plays it; prints what `--json` prints offline."""
    import json
    import sys

    from ..cli import UsageError
    from ..web.client import Participant, ServerError, play, split_url

    if not args.team or args.scenario or args.workshop or args.export or args.runs != 1:
        raise UsageError("--server plays one team's game: give --team NAME (and no scenario, --workshop, "
                         "--export or --runs)")
    if not 0 <= args.pace <= 600:
        raise UsageError("--pace must be between 0 and 600 seconds")
    try:
        base, code = split_url(args.server)
        participant = Participant(base, say=lambda text: print(f"leadsim: {text}", file=sys.stderr, flush=True))
        # at once, before the first answer: a busy server (or one still starting) can take a while to answer,
        # and a bot that printed nothing until "Joined" looked stuck (trainer s6 finding 13)
        participant.say(f"joining {base} as team {args.team}: waiting for the server to answer")
        try:
            joined = participant.join(args.team, args.code or code, bot=args.policy)
            print(f"Joined {base} as team {joined.team} (rejoin code {joined.rejoin_code})", file=sys.stderr)
            local, result = play(participant, args.policy, args.pace)
        finally:
            participant.close()
    except ServerError as exc:
        raise UsageError(f"{args.server}: {exc}") from None
    result["policy"] = args.policy
    if result != local.result(args.policy):
        print("leadsim: the server's game differs from the same decisions played here", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        print(f"Team {joined.team} ({args.policy} bot) on {base}: {local.ending.title}, score {result['score']:.1f}")
    return 0


def summarize(rules, batch, name: str, seed: int) -> dict:
    scores = batch.score
    kinds = np.array([e.kind for e in rules.endings])[batch.ending]
    pct = np.percentile(scores, [5, 25, 50, 75, 95])
    return {
        "scenario": rules.scenario.id, "policy": name, "seed": seed, "runs": int(scores.size),
        "score_mean": round(float(scores.mean()), 3), "score_std": round(float(scores.std()), 3),
        "score_percentiles": {f"p{q}": round(float(v), 3) for q, v in zip((5, 25, 50, 75, 95), pct)},
        "win_rate": round(float((kinds == "win").mean()), 4),
        "loss_rate": round(float((kinds == "loss").mean()), 4),
        "outcomes": {e.id: round(float((batch.ending == i).mean()), 4)
                     for i, e in enumerate(rules.endings) if (batch.ending == i).any()},
        "metrics_mean": {m: round(float(batch.final[:, i].mean()), 3) for i, m in enumerate(rules.metrics)},
    }


def _print_single(session: Session, name: str) -> None:
    from rich.console import Console

    r = session.result(name)
    console = Console()
    console.print(f"[bold]{plain(session.scenario.title)}[/bold] played by the [cyan]{name}[/cyan] bot "
                  f"({DESCRIPTIONS[name.partition('+')[0]]}), seed {session.seed}")
    console.print(f"Ending: [bold]{plain(session.ending.title)}[/bold] ({r['outcome']}) after {r['turns']} turns")
    console.print(f"Score: [bold]{r['score']:.1f}[/bold]  " +
                  "  ".join(f"{k} {v:+.1f}" for k, v in shown_parts(session.score_breakdown(), session.score()).items()))
    console.print("Final: " + ", ".join(f"{m} {v:.1f}" for m, v in r["metrics"].items()))


def _print_many(s: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{s['scenario']}: {s['runs']} games by the {s['policy']} bot (seed {s['seed']})")
    t.add_column("figure")
    t.add_column("value", justify="right")
    t.add_row("mean score", f"{s['score_mean']:.1f} ± {s['score_std']:.1f}")
    for k, v in s["score_percentiles"].items():
        t.add_row(f"score {k}", f"{v:.1f}")
    t.add_row("win rate", f"{s['win_rate']:.1%}")
    t.add_row("loss rate", f"{s['loss_rate']:.1%}")
    for k, v in s["outcomes"].items():
        t.add_row(f"ending: {k}", f"{v:.1%}")
    Console().print(t)
