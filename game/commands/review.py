"""leadsim review FILE: a move-by-move review of a saved game or a result file, like a chess engine's."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ..analysis.review import LABEL_HELP


def register(sub) -> None:
    p = sub.add_parser(
        "review", help="review every decision of a saved game or a result file against the best one found",
        description="Replays the game to each turn, tries the decisions that were possible there with a strong "
                    "bot finishing the game on exactly the same luck, and shows what each decision cost. "
                    f"Labels: {LABEL_HELP}. The par is the strong bot's own score on the same seed; the "
                    "evaluation after a turn (Reach after) is the best final score still within reach: your "
                    "decisions so far, then the best decision found at a later turn and strong play, on the "
                    "same luck. It falls at each turn by exactly that turn's loss, so luck never moves it.")
    from ..userdata import data_dir_path

    home = data_dir_path()
    p.add_argument("file", metavar="FILE", help=f"a save (leadsim-save) or a result file (leadsim-result); your "
                                                f"games are saved in {home / 'autosave.json'} and the folder "
                                                f"{home / 'saves'}".replace("%", "%%"))
    p.add_argument("--json", action="store_true",
                   help='print {"score", "par", "turns": [{"turn", "chosen", "best", "loss", "label", ...}], ...} '
                        "with decisions as the save writes them, their names beside them (chosen_words, "
                        "best_words), the evaluation after each turn (eval) and its move (eval_move: minus the "
                        "loss), strong "
                        "play's own decision (strong, strong_words) and the costliest moments")
    p.set_defaults(func=run)


MAX_FILE_BYTES = 5_000_000


def load_game(path: Path):
    """The game of a save or a result file, replayed; SaveError/WorkshopError say why it cannot be."""
    from ..jsonfile import read_json
    from ..plaintext import plain
    from ..saves import FORMAT as SAVE_FORMAT, SaveError, from_dict
    from ..workshop.files import RESULT_FORMAT, WorkshopError, read_result
    from ..workshop.replay import false_claim, replay_result

    data = read_json(path, "save or result", MAX_FILE_BYTES, SaveError)
    kind = data.get("format") if isinstance(data, dict) else None
    if kind == SAVE_FORMAT:
        return from_dict(data, str(path))
    if kind == RESULT_FORMAT:
        result = read_result(path)
        try:
            session = replay_result(result, path)
        except WorkshopError as exc:
            raise WorkshopError(f"{plain(str(path), markup=False)}: {exc}") from None
        lie = false_claim(result, session)  # the debrief's own check: a result that lies is not reviewed
        if lie:
            raise WorkshopError(f"{plain(str(path), markup=False)}: {lie}: the file was changed after the "
                                "game; review the file as the team handed it in")
        return session
    raise SaveError(f"{path}: neither a Leadsim save nor a result file; review a game saved by "
                    "`leadsim play` or a result file handed in after a workshop")


def run(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from ..analysis.review import review
    from ..cli import UsageError

    path = Path(args.file)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; name a save or a result file")
    session = load_game(path)
    if session.turn == 0:
        raise UsageError(f"{path}: no turn has been played yet, so there is nothing to review")
    with Progress(TextColumn("reviewing turn"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("review", total=session.turn)
        result = review(session, lambda done, total: bar.update(task, completed=done))
    if args.json:
        print(json.dumps(readable_json(session, result), indent=1, sort_keys=False))
    else:
        print_review(session, result, Console(highlight=False))
    return 0


def readable_json(session, result) -> dict:
    """The documented keys first, decisions in the save's own form (ids), and beside them what a person
    reads: the decisions by name, the evaluation after each turn, the costliest moments with their reasons."""
    from ..views.review import decision_words, review_view

    data = result.to_json()
    view = review_view(session, result)
    for t, tr, move in zip(data["turns"], result.turns, result.moves()):
        t["chosen_words"] = decision_words(session, tr.chosen)
        t["best_words"] = decision_words(session, tr.best)
        t["eval"] = round(tr.chosen_value, 3)
        t["eval_move"] = round(move.change, 3)  # minus the turn's loss: the line falls by exactly that
        t["strong"] = tr.strong.to_json()
        t["strong_words"] = decision_words(session, tr.strong)
    data.update({
        "scenario": session.scenario.id, "seed": session.seed, "finished": result.finished, "bot": result.bot,
        "ending": session.ending.title if session.ending else None,
        "eval_start": round(result.evaluation[0], 3),  # the line before turn 1: the best found from turn 1
        "costliest": [{"turns": list(range(c.first, c.last + 1)), "title": c.title, "better": c.better,
                       "numbers": c.numbers, "changes": c.changes} for c in view.costliest],
        "evaluation_note": view.evaluation_note, "insights": list(view.insights), "labels": LABEL_HELP})
    return data


LINE_STYLE = {"head": "bold", "heading": "bold", "text": "", "note": "dim"}
LABEL_STYLE = {"good": "green", "inaccuracy": "yellow", "mistake": "dark_orange", "blunder": "bold red"}


def turn_table(view):
    """Every turn in one table: the decision, the best one found and strong play's own, what it cost."""
    from rich.table import Table
    from rich.text import Text

    from ..views.review import SAME_AS_BEST, TURN_COLUMNS

    t = Table(box=None, padding=(0, 1), header_style="bold")
    for col, just in zip(TURN_COLUMNS, ("right", "left", "right", "left", "left", "left", "right", "right")):
        t.add_column(col, justify=just)
    for row in view.turns:
        t.add_row(str(row.turn), Text(row.chosen), f"{row.loss:.1f}", Text(row.label, style=LABEL_STYLE[row.label]),
                  Text(row.better or SAME_AS_BEST), Text(row.strong_text), f"{row.before:.1f}", f"{row.eval:.1f}")
    return t


def turn_list(view, hang: bool = True) -> list:
    """Every turn as a few lines (the window's turn-by-turn list): for a terminal too narrow for the table,
    whose decision columns wrapped into three to six lines a turn (s6 finding 9), and for a file. `hang`:
    wrapped lines line up under their own text (a terminal); without it each line stays whole (a file)."""
    from rich.text import Text

    from ..terminal.end import hanging
    from ..views.review import SAME_AS_BEST, TURN_LIST_LABELS

    chosen, better, strong = TURN_LIST_LABELS
    out = []
    for row in view.turns:
        out.append(Text(row.numbers, style="bold"))
        for label, text in ((chosen, row.chosen), (better, row.better or SAME_AS_BEST), (strong, row.strong_text)):
            line = Text(f"    {label} {text}")
            out.append(hanging(line) if hang else line)
        if row.practice:  # every turn may be practised: what that gets, repeating your later decisions
            line = Text(f"    {row.practice}")
            out.append(hanging(line) if hang else line)
    return out


def natural_width(renderable) -> int:
    """The width a renderable takes when nothing squeezes it."""
    from rich.console import Console

    return Console(width=100_000, file=io.StringIO()).measure(renderable).maximum


def print_review(session, result, console) -> None:
    """The review as text. In a terminal, at the terminal's width: the turn table when it fits whole, else each
    turn as a few lines. Into a file or a pipe, nothing is squeezed: each turn as a few lines, every line
    whole (it was wrapped at 80 columns, the Better column split over three to six lines a turn, s6
    finding 9)."""
    from rich.console import Console
    from rich.text import Text

    from ..plaintext import plain
    from ..views.review import METHOD_HEADING, TURNS_HEADING, review_view, text_lines

    view = review_view(session, result)
    table = turn_table(view)
    terminal = console.is_terminal
    if not terminal:  # a file or a pipe: every line whole, no colour codes
        console = Console(file=console.file, width=100_000, highlight=False, no_color=True, soft_wrap=True)
    sc = session.scenario
    head = Text()
    head.append(f"Review of {sc.title}", style="bold")
    head.append(f" (seed {session.seed}, {len(result.turns)} turns, strong play by the {result.bot} bot)")
    console.print(head)
    state = "final score" if result.finished else "score so far (the game is not finished)"
    console.print(Text(f"Your {state}: {result.score:.1f}    Par (the bot's score on this seed): {result.par:.1f}"))
    lines = text_lines(view)[1:-1]  # the same review as at the end of play (headline and labels said here)
    method = next((i for i, line in enumerate(lines) if line.text == METHOD_HEADING), len(lines))
    for line in lines[:method]:  # what to act on first, then every turn, then how the review measures (last)
        console.print(Text(plain(line.text, markup=False), style=LINE_STYLE[line.kind]))
    console.print(Text(TURNS_HEADING, style="bold"))
    if terminal and natural_width(table) <= console.width:
        console.print(table)
    else:
        for line in turn_list(view, hang=terminal):
            console.print(line)
    for line in lines[method:]:
        console.print(Text(plain(line.text, markup=False), style=LINE_STYLE[line.kind]))
    narrowed = [tr.turn for tr in result.turns if not tr.exhaustive]
    if narrowed:
        console.print(Text(f"Turns {', '.join(map(str, narrowed))} had too many possible decisions to try them "
                           "all; the best-looking ones were tried.", style="dim"))
    console.print(Text(f"Labels: {LABEL_HELP}.", style="dim"))
