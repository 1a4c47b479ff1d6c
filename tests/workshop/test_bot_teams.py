"""A bot at an empty table is never the debrief's hero (trainer s4 finding 2): the "what went well" question
and the winner's strongest turn are about the best team of people; and a bot team's name carries the one mark
(views.standings.team_label) wherever the report, the slides and the charts write it (trainer s4: "(bot:
adaptive)" in the report, "(bot)" on one slide, nothing on the others). The slides' leaderboard says who did
not finish (trainer s4 finding 8), as the report and the projector do."""

from __future__ import annotations

import re
from html import unescape

from game.views.standings import BOT_MARK, team_label


def _words(markup: str) -> str:
    """A page's or chart's text as a reader sees it: tags gone, entities read, a name wrapped over two lines of
    a chart joined again."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S)))
                    .split())


def test_the_best_team_of_people_is_asked_about_and_the_bot_is_marked_everywhere(tutorial_day, tmp_path):
    from game.autoplay import bot_decision
    from game.session import Session
    from game.workshop.discussion import room_of
    from game.workshop.files import read_workshop, result_of
    from game.workshop.room_prompts import discussion_prompts
    from game.workshop.report import write_report
    from game.workshop.replay import replay
    from game.workshop.verify import Verified

    folder, path, results = tutorial_day
    ws = read_workshop(path)
    games = {team: replay(r, ws) for team, r in results.items()}
    top, second = sorted(games, key=lambda t: -games[t].score())[:2]
    bot = "Robo Table"  # the top team is the bot; a name no card or event title holds, to count it
    people = {t: {**r, "policy": None} if t != top else {**r, "team": bot} for t, r in results.items()}
    verified = [Verified(folder / f"{t}.json", r, games[t]) for t, r in people.items()]
    went_well = next(p for p in discussion_prompts(room_of(verified)) if p.kind == "went well")
    assert went_well.question.startswith(f"{second} scored ") and bot not in went_well.question
    assert bot not in went_well.answer and not went_well.answer_title.startswith("The winner")
    only_bots = [Verified(folder / f"{t}.json", r, games[t]) for t, r in results.items()]  # nobody but bots
    assert discussion_prompts(room_of(only_bots))[0].question.startswith(f"{top} {BOT_MARK} scored ")

    partial = Session(ws.load_scenario(), ws.seed, ws.difficulty)  # a table that left after turn 4
    for _ in range(4):
        partial.decide(bot_decision(partial, "balanced"))
    left = Verified(folder / "Dropouts.json", result_of(partial, ws, "Dropouts"), partial)
    out = tmp_path / "out"
    write_report(verified, [], out, unfinished=[left])
    assert team_label(bot, True) == f"{bot} {BOT_MARK}" and team_label(second, False) == second
    for name in ("report.html", "slides.html", "metrics.svg", "mix-1.svg"):
        text = _words((out / name).read_text())
        assert text.count(bot) >= 1 and text.count(bot) == text.count(f"{bot} {BOT_MARK}"), name  # every time
        assert "(bot:" not in text and f"{second} {BOT_MARK}" not in text, name  # one mark, and only on the bot
    slides = (out / "slides.html").read_text()
    board = re.findall(r'<h1>Leaderboard[^<]*</h1>(.*?)</section>', slides, re.S)
    turns = partial.scenario.turns
    assert f"Not finished: Dropouts, turn 4 of {turns}" in _words(board[-1])  # the last leaderboard slide
    assert "Dropouts" not in " ".join(board[:-1]) and "Dropouts" in _words((out / "report.html").read_text())
