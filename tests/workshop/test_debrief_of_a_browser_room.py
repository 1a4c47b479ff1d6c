"""The debrief of a room that played in the browser, as a trainer reads it out (s6 findings 6 and 7): where a
team sees its own turn, who played and who finished, what the leaderboard's parts count, the costly turns
costliest first, and an agenda whose minutes follow what happened in this room."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest

from game.autoplay import bot_decision
from game.session import Decision, Session
from game.workshop.discussion import COSTLY, room_of
from game.workshop.files import create, result_of, write_result
from game.workshop.report import report_files
from game.workshop.room_prompts import REVIEW_COMMAND, discussion_prompts, own_turn_words
from game.workshop.room_report import AGENDA, SHORT_MINUTES, agenda
from game.workshop.verify import verify_all

TEAMS = [("Falcons", "adaptive"), ("Otters", "management"), ("Herons", "leadership")]


def _play(ws, bot: str, turns: int | None = None, contrary: bool = False) -> Session:
    """A bot's game; `contrary`: every event answered with its last answer (the bots give the first one here);
    `turns`: stop there (the workshop ended mid-game)."""
    s = Session(ws.load_scenario(), ws.seed)
    while not s.done and (turns is None or s.turn < turns):
        d = bot_decision(s, bot)
        if contrary and s.event is not None:
            d = Decision(d.actions, s.event.choices[-1].id)
        s.decide(d)
    return s


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """The rehearsal's room: the tutorial on seed 42, every game written by the server (served), one team
    stopped at turn 5, one that never played; and a team that answers every event the other way."""
    folder = tmp_path_factory.mktemp("browser_room")
    ws = create("tutorial", 42, "Browser day")
    games = [(team, _play(ws, bot)) for team, bot in TEAMS]
    games += [("Wolves", _play(ws, "balanced", turns=5)), ("Cedar", Session(ws.load_scenario(), ws.seed)),
              ("Contrarians", _play(ws, "adaptive", contrary=True))]
    paths = {team: write_result(result_of(s, ws, team), folder / f"server-{k}.json")
             for k, (team, s) in enumerate(games)}
    accepted, rejected = verify_all(list(paths.values()), served=list(paths.values()), unfinished_ok=True)
    assert not rejected and all(v.served for v in accepted)
    finished = [v for v in accepted if v.finished]
    alike = [v for v in finished if v.team != "Contrarians"]
    return {"finished": finished, "alike": alike, "stopped": [v for v in accepted if not v.finished],
            "folder": folder, "ws": ws}


@pytest.fixture(scope="module")
def alike_room(day):
    return room_of(day["alike"])


@pytest.fixture(scope="module")
def split_room(day):
    return room_of(day["finished"])


@pytest.fixture(scope="module")
def pages(day):
    files = report_files(day["alike"], [], unfinished=day["stopped"])
    return {name: unescape(re.sub(r"<[^>]+>", " ", files[name])) for name in ("report.html", "slides.html")}


def test_a_browser_room_is_told_where_it_sees_its_own_turn_and_a_desktop_room_keeps_the_command(day, alike_room):
    turn = 9
    browser = own_turn_words(alike_room, turn)
    assert REVIEW_COMMAND not in browser and "leadsim" not in browser
    assert "end screen" in browser and "'Your turn reports'" in browser and f"turn {turn} report" in browser
    for t in alike_room.teams:
        t.verified.served = False  # the same games handed in as result files
    try:
        assert own_turn_words(alike_room, turn) == f"Each team's own turn {turn} is in its review: {REVIEW_COMMAND}."
        alike_room.teams[0].verified.served = True  # one table in the browser, the others on their computers
        mixed = own_turn_words(alike_room, turn)
        assert REVIEW_COMMAND in mixed and "'Your turn reports'" in mixed
    finally:
        for t in alike_room.teams:
            t.verified.served = True


def test_every_count_says_finished_played_or_joined(day, pages):
    report, slides = pages["report.html"], pages["slides.html"]
    said = "4 teams played; the 3 that finished are ranked and discussed here (not finished: Wolves, turn 5 of 12)."
    assert said in " ".join(report.split()) and said in " ".join(slides.split())
    assert "1 more joined and never played." in " ".join(slides.split())
    assert "teams played Tutorial" not in slides  # the old '6 teams played', counting only the finished
    assert "among the 3 teams that finished" in " ".join(report.split())  # the costly turns count among them


def test_par_is_said_once_in_plain_words_and_the_leaderboards_parts_are_points(pages):
    slides = " ".join(pages["slides.html"].split())
    assert "Par is the expert bot's score on the same seed, with the same luck as every team" in slides
    report = " ".join(pages["report.html"].split())
    assert "Morale: points (rank)" in report and "the points it added to the team's score" in report
    assert "Morale (rank)" not in report


def test_costly_turns_are_listed_costliest_first_in_the_report_and_the_slides(alike_room, pages):
    from game.views.review import LOSS_NOTE
    costly = alike_room.costly_turns()
    assert costly, "the room needs costly turns to order"
    totals = [c.total for c in costly]
    assert totals == sorted(totals, reverse=True)
    for c in costly:
        losses = [tr.loss for t in alike_room.teams for tr in t.review.turns if tr.turn == c.turn and tr.loss >= COSTLY]
        assert c.teams == len(losses) and c.total == pytest.approx(sum(losses))
    report = " ".join(pages["report.html"].split())
    assert "costliest first" in report
    section = report[report.index("costliest first"):report.index(LOSS_NOTE)]
    listed = [int(t) for t in re.findall(r"Turn (\d+): [^.]*? lost \d+ points", section)]  # names its teams
    assert listed == [c.turn for c in costly[:5]]
    slides = " ".join(pages["slides.html"].split())
    table = slides[slides.index("The costly turns Where a team lost"):]
    rows = [table.index(f"{c.turn} {c.each_words(3)} {c.teams} of {len(alike_room.people)}") for c in costly[:3]]
    assert rows == sorted(rows)  # costliest first, each row with each team's own loss
    shared = alike_room.most_shared_costly_turn()
    assert shared.teams == max(c.teams for c in costly)
    assert any(re.match(rf"(Turn|At turn) {shared.turn}\b", p.question) for p in discussion_prompts(alike_room))
    assert "on average" not in table[:table.index(" / ")] and "Average loss" not in slides


def test_the_agenda_follows_what_happened_and_still_adds_up(alike_room, split_room, pages):
    assert alike_room.events and all(len(r.counts()) == 1 for r in alike_room.events)  # every team answered alike
    assert any(len(r.counts()) > 1 for r in split_room.events)  # the Contrarians split the room
    plan = {sid: m for m, sid, _ in AGENDA}
    for room in (alike_room, split_room):
        items = agenda(room)
        assert sum(a.minutes for a in items) == sum(plan.values()) == 45
        assert [a.sid for a in items] == list(plan)
    short = {a.sid: a for a in agenda(alike_room)}
    assert short["events"].minutes == SHORT_MINUTES["events"] and "nothing split the room" in short["events"].note
    assert "8 of its 12 planned minutes go to the parts with more to discuss" in short["events"].note
    assert short["costly"].minutes > plan["costly"] and short["prompts"].minutes > plan["prompts"]
    assert short["glance"].minutes == plan["glance"]
    split = {a.sid: a for a in agenda(split_room)}
    if split_room.costly_turns():
        assert {sid: a.minutes for sid, a in split.items()} == plan and not any(a.note for a in split.values())
    report = " ".join(pages["report.html"].split())
    assert "The events, side by side (4 min: every team that met the event gave the same answer" in report
    assert "The events, side by side (12 min)" not in report
    slides = " ".join(pages["slides.html"].split())
    assert "The events, side by side (4 min)" in slides and "nothing split the room" in slides


def test_a_room_with_no_costly_turn_and_no_event_gives_their_minutes_to_the_rest(alike_room):
    quiet = replace(alike_room, events=[])
    items = {a.sid: a for a in agenda(quiet)}
    assert items["events"].note == ("no event came up in this room's games; 8 of its 12 planned minutes go to the "
                                    "parts with more to discuss")
    assert sum(a.minutes for a in items.values()) == 45


@pytest.mark.parametrize("minutes", [25, 45, 60, 90])
def test_the_agenda_adds_up_to_the_debriefs_length_and_names_its_parts(alike_room, split_room, minutes):
    """Trainer 2's s6 finding 8: a 60-minute session (25 minutes of debrief) got the 45-minute agenda."""
    for room in (alike_room, split_room):
        items = agenda(room, minutes)
        assert sum(a.minutes for a in items) == minutes
        assert [a.head for a in items] == [h for _, _, h in AGENDA]  # every part named, in the plan's order
        out = [a for a in items if not a.minutes]
        if minutes >= 35:
            assert not out
        else:  # four parts at most, the one left out says why and that the report still has it
            assert 1 <= len(out) <= 2 and all(f"left out of a {minutes}-minute debrief" in a.note for a in out)
            assert all(a.minutes >= 3 for a in items if a.sid not in {o.sid for o in out})
    short = {a.sid: a for a in agenda(alike_room, 25)}
    assert short["events"].minutes == 0 and "nothing split the room" in short["events"].note
    assert {sid for sid, a in short.items() if a.minutes} >= {"glance", "underneath", "prompts"}


def test_a_25_minute_report_and_its_slides_follow_the_length(day):
    long, short = (report_files(day["alike"], [], minutes=m) for m in (45, 25))
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", short["report.html"])).split())
    assert "A 25-minute debrief" in text and "A 45-minute debrief" not in text
    assert "left out of a 25-minute debrief" in text
    count = [len(re.findall(r'<section class="slide">', f["slides.html"])) for f in (long, short)]
    assert count[1] < count[0]  # the events' slides are not in the 25-minute deck
    with pytest.raises(ValueError):
        agenda(room_of(day["alike"]), 5)
