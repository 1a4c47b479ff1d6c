"""Every debrief line about a turn's better decision or cost names whose game it is about, and the room's
statistics count teams of people only (s6 trainer 2, findings 1 and 7): the slides said 'Set clear goals' was
the better decision at turn 8 and, three slides on, that taking it was costly at turn 8 (two teams' games; the
room only heard 'turn 8'), and a bot at 100% leadership pulled up 'the room's' mix and half of a prompt."""

from __future__ import annotations

import csv
import io
import re
from html import unescape


def _room(tutorial_day, bots: set[str]):
    from game.workshop.discussion import room_of
    from game.workshop.files import read_workshop
    from game.workshop.replay import replay
    from game.workshop.verify import Verified

    folder, path, results = tutorial_day
    ws = read_workshop(path)
    verified = [Verified(folder / f"{t}.json", {**r, "policy": r["policy"] if t in bots else None},
                         replay(r, ws)) for t, r in results.items()]
    return verified, room_of(verified)


def test_every_costly_line_names_its_team_and_bots_are_left_out(tutorial_day, tmp_path):
    from game.workshop.discussion import COSTLY
    from game.workshop.report import csv_text, write_report
    from game.workshop.room_prompts import discussion_prompts

    verified, room = _room(tutorial_day, {"Gold"})
    people = {t.label for t in room.people}
    assert "Gold (bot)" not in people and len(people) == 3 and room.left_out_words() == "1 bot team left out"
    costly = room.costly_turns()
    assert costly, "the fixture's room must have costly turns to test"
    for c in costly:  # each costly turn names its teams, people only, and the count matches the names
        assert c.names and set(c.names) <= people and len(c.names) == c.teams
    lost_at = {(t.label, tr.turn) for t in room.people for tr in t.review.turns if tr.loss >= COSTLY}
    assert {(n, c.turn) for c in costly for n in c.names} == lost_at
    for m in room.mistakes:  # each phase of a pattern says whose games its costly turns were in
        for phase, _ in m.when:
            assert m.whose_in(phase) and set(m.whose_in(phase)) <= people
            assert f", {phase}, " in f", {m.when_said}, " or f" in {phase}, " in m.when_said
            assert f"{m.whose_words(phase)}" in m.words and m.whose_words(phase).startswith(": ")
    turn_now = next(p for p in discussion_prompts(room) if p.kind == "turn now")
    n = re.match(r"(?:Turn|At turn) (\d+)\b", turn_now.question)
    shared = room.most_shared_costly_turn()
    assert int(n.group(1)) == shared.turn and "(1 bot team left out)" in turn_now.question
    assert all(name in turn_now.answer for name in shared.names) and "Gold" not in turn_now.answer
    bests = {tr.best for t in room.people for tr in t.review.turns if tr.turn == shared.turn and tr.loss >= COSTLY}
    assert ("depends on each team's situation" in turn_now.answer) == (len(bests) > 1)

    # the room's mix is the people's: the bot's actions do not move it
    alone = [t for t in room.teams if t.label != "Gold (bot)"]
    assert room.mix_rows()[0].room == tuple(float(x) for x in
                                            sum(t.session.state.mix[0, 0] for t in alone) / len(alone))

    out = tmp_path / "out"
    write_report(verified, [], out)
    slides = " ".join(unescape(re.sub(r"<[^>]+>", " ", (out / "slides.html").read_text())).split())
    report = " ".join(unescape(re.sub(r"<[^>]+>", " ", (out / "report.html").read_text())).split())
    for c in costly[:3]:  # the slides' costly turns table: turn, whose game, count among people
        assert f"{c.turn} {c.each_words(3)} {c.teams} of 3" in slides
    for c in costly[:5]:
        assert f"Turn {c.turn}: {c.loss_words}" in report and all(name in c.loss_words for name in c.names)
    assert "1 bot team left out" in slides and "1 bot team left out" in report
    assert "result file(s)" not in report and "0 result file" not in report

    rows = list(csv.reader(io.StringIO(csv_text(verified))))
    bot_col = rows[0].index("Played by a bot")
    for r in rows[1:]:
        if r[1] != "0":  # turn 0 is the start: no decision
            assert r[bot_col] == ("yes" if r[0] == "Gold" else "no"), r[:2]


def test_a_name_ending_in_s_takes_just_the_apostrophe():
    from game.views.words import possessive
    assert possessive("Red Foxes") == "Red Foxes'" and possessive("Green Team") == "Green Team's"


def test_an_answers_points_say_when_the_ending_changes(tutorial_day):
    """'would have added 111 points (Budget 22k higher...)' hid that the better answer's game ended in a win (the
    bonus): the words say the ending and what it is worth (s6 trainer 2, finding 10)."""
    from game.workshop.files import read_workshop
    from game.workshop.room_events import ending_words

    scenario = read_workshop(tutorial_day[1]).load_scenario().scenario
    kinds = [e.kind for e in scenario.endings]
    win, loss = kinds.index("win"), kinds.index("loss")
    other = next(k for k, kind in enumerate(kinds) if kind not in ("win", "loss"))
    won = ending_words("Red Foxes", scenario, other, win)
    assert won.startswith("in Red Foxes' game it would also have ended") and f"+{scenario.score.win_bonus:g} point" in won
    saved = ending_words("Dawdlers", scenario, loss, other)
    assert f"not been lost (the loss costs {scenario.score.loss_penalty:g} point" in saved
    assert scenario.endings[loss].title in saved and scenario.endings[other].title in saved
