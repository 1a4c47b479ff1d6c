"""A bot at an empty table is never the debrief's hero (trainer s4 finding 2): the "what went well" question
and the winner's strongest turn are about the best team of people, and every ranking marks the bot."""

from __future__ import annotations

from game.views.standings import BOT_MARK


def test_the_best_team_of_people_is_asked_about_and_the_bot_is_marked(tutorial_day, tmp_path):
    from game.workshop.discussion import room_of
    from game.workshop.room_prompts import discussion_prompts
    from game.workshop.report import write_report
    from game.workshop.replay import replay
    from game.workshop.files import read_workshop
    from game.workshop.verify import Verified

    folder, path, results = tutorial_day
    ws = read_workshop(path)
    games = {team: replay(r, ws) for team, r in results.items()}
    top, second = sorted(games, key=lambda t: -games[t].score())[:2]
    people = {t: {**r, "policy": None} if t != top else r for t, r in results.items()}  # only the top is a bot
    verified = [Verified(folder / f"{t}.json", r, games[t]) for t, r in people.items()]
    went_well = next(p for p in discussion_prompts(room_of(verified)) if p.kind == "went well")
    assert went_well.question.startswith(f"{second} scored ") and top not in went_well.question
    assert top not in went_well.answer and not went_well.answer_title.startswith("The winner")
    only_bots = [Verified(folder / f"{t}.json", r, games[t]) for t, r in results.items()]  # nobody but bots
    assert discussion_prompts(room_of(only_bots))[0].question.startswith(f"{top} {BOT_MARK} scored ")
    write_report(verified, [], tmp_path / "out")
    slides = (tmp_path / "out" / "slides.html").read_text()
    assert f"<td>{top} {BOT_MARK}</td>" in slides and f"<td>{second}</td>" in slides
