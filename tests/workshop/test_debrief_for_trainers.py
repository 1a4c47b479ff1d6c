"""The workshop debrief as a trainer reads it aloud (docs/trials/2026-12-01-trainer.md, findings 6-10):
honest loss figures, events in the order they happened, a strongest turn that luck cannot make, tables
that keep their header across a page break, bar labels no marker line runs through."""

from __future__ import annotations

import re
from html import unescape

import pytest

from game import charts
from game.htmlpage import signed_number
from game.session import CauseKind, Session
from game.workshop.discussion import COSTLY, room_of
from game.workshop.files import create, result_of, write_result
from game.workshop.discussion import decisive_turn
from game.workshop.room_prompts import discussion_prompts
from game.workshop.report import write_report
from game.workshop.room_report import costly_rows
from game.workshop.verify import verify_all

TEAMS = [("Blue", "adaptive"), ("Ops", "management")]


@pytest.fixture(scope="module")
def debrief(tmp_path_factory):
    from game.autoplay import play_bot

    folder = tmp_path_factory.mktemp("trainer")
    ws = create("startup", 42, "Trainer day")
    paths = [write_result(result_of(play_bot(Session(ws.load_scenario(), ws.seed), bot), ws, team, bot),
                          folder / f"r{i}.json") for i, (team, bot) in enumerate(TEAMS)]
    accepted, rejected = verify_all(paths)
    assert not rejected
    write_report(accepted, [], folder / "out")
    return room_of(accepted), accepted, folder / "out"


def test_costly_table_gives_the_gap_to_par_and_never_a_sum_of_overlapping_losses(debrief):
    room, teams, out = debrief
    rows = costly_rows(room)
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    for r in rows:
        t = next(t for t in room.teams if t.team == r.team)
        assert r.gap == pytest.approx(room.par - t.session.score())
        costly = [tr.loss for tr in t.review.turns if tr.loss >= COSTLY]
        assert r.turns == len(costly) and r.worst_loss == (max(costly) if costly else 0.0)
        assert r.won_back == (r.worst_loss > max(r.gap, 0) + 0.5)
    page = (out / "report.html").read_text()
    assert "Points lost there" not in page and "Gap to par" in page and "are not added up" in page


def test_events_are_told_in_the_order_the_room_met_them(debrief):
    room, _, out = debrief
    firsts = [r.first_turn for r in room.events]
    assert len(firsts) >= 2 and firsts == sorted(firsts)
    page = (out / "report.html").read_text()
    where = [page.index(f"<h3>{r.title}") for r in room.events]
    assert where == sorted(where)


def test_strongest_turn_is_what_choosing_well_was_worth_against_the_typical_decision_on_the_same_luck(debrief):
    """Trainer s4 finding 11: by a decision's own effects turn 1 was the strongest turn of 5 teams in 6 (every
    effect is largest on a fresh company). Now: the decision's final score against the median of the decisions
    tried at that turn, strong play after each, the same luck (so luck cannot make a turn strong)."""
    import numpy as np

    from game.analysis.review import _as_arrays, _bot_first_move, candidate_decisions, continuation_policy, \
        play_candidates

    room, _, out = debrief
    for g in room.teams:
        d = decisive_turn(g)
        assert d.worth == max(tr.above_typical for tr in g.review.turns) and d.decision and "Luck" not in d.moved
        tr = g.review.turns[d.turn - 1]
        assert d.tried == tr.candidates and d.beat_typical == (d.worth >= 0.5)
    g = room.teams[0]  # replayed by hand: the decision's value minus the median of every candidate's
    d = decisive_turn(g)
    state, rules = g.review.positions[d.turn - 1], g.session.rules
    own, decide = _as_arrays(rules, g.session.log[d.turn - 1], state), continuation_policy(rules)
    cands, _ = candidate_decisions(rules, state, [own, _bot_first_move(rules, state, decide)])
    values, _, _ = play_candidates(rules, state, cands, decide)
    mine = values[cands.index(own)]
    assert d.worth == pytest.approx(float(mine - np.median(values)), abs=1e-6)
    page = (out / "report.html").read_text()
    assert "Against the typical decision" in page and "decisions the review tried" in page


def test_every_table_repeats_its_header_and_headings_stay_with_what_follows(debrief):
    _, _, out = debrief
    for name in ("report.html", "slides.html"):
        page = (out / name).read_text()
        tables = re.findall(r"<table[^>]*>(.*?)</table>", page, re.S)
        tables = [re.sub(r"^\s*<colgroup>.*?</colgroup>", "", t, flags=re.S) for t in tables]
        assert tables and all(t.lstrip().startswith("<thead>") for t in tables), name
    css = (out / "report.html").read_text()
    assert "thead{display:table-header-group}" in css and re.search(r"h2,h3,\.lead-in[^{}]*\{break-after:avoid\}", css)


def test_a_bar_label_moves_beside_the_marker_line_or_keeps_a_halo():
    # a 59% bar from x=0 to 590 with the marker at 300: the label's centre (295) would sit on the line
    x = charts.label_x(0, 590, 40, 300)
    assert x is not None and not (x - 20 - 4 <= 300 <= x + 20 + 4)
    assert charts.label_x(0, 100, 40, None) == 50 and charts.label_x(0, 30, 40, None) is None
    chart = charts.BarChart([charts.BarRow("Blue", [charts.Bar(0.59, "#000", "M 59%"), charts.Bar(0.41, "#111", "L 41%")],
                                           0.3)], "mix", top=1.0, width=460).svg()
    assert chart.index('class="marker"') < chart.index('class="bar-label"')  # labels drawn over the line
    assert 'paint-order="stroke"' in chart


def test_numbers_that_round_to_zero_have_no_sign():
    assert signed_number(-0.2, 0) == "0" and signed_number(-0.04) == "0.0" and signed_number(0.6, 0) == "+1"


def test_slides_carry_the_agenda_the_leaderboard_each_teams_mix_and_who_answered_what(debrief):
    room, teams, out = debrief
    page = (out / "slides.html").read_text()
    heads = re.findall(r'<section class="slide"><h1>([^<]*)</h1>', page)
    assert heads[1] == "Our debrief" and "Leaderboard" in heads
    assert [h for h in heads if h.startswith("Each team&#39;s mix: ")] == [
        f"Each team&#39;s mix: {p.title}" for p in room.scenario.phases]
    board = page[page.index("<h1>Leaderboard</h1>"):]
    board = board[:board.index("</section>")]
    assert all(v.team in board for v in teams)
    for r in room.events:
        answer = r.counts()[0][0]
        assert ", ".join(f"{t} (bot)" for t in r.teams_of(answer)) in page  # these teams are bots: marked


def test_prompts_ask_only_for_what_the_screen_or_the_tool_gives(debrief):
    room, _, _ = debrief
    prompts = discussion_prompts(room)
    assert not any("dashboard" in p.question + p.answer for p in prompts)
    went_well = prompts[0]
    best = max(room.teams, key=lambda t: t.session.score())
    assert went_well.question.count(best.team) == 1 and "strongest turn was turn" in went_well.answer
    turn_now = next(p for p in prompts if p.question.endswith("now?") and p.kind == "turn now")
    assert "the review's better decision at turn" in turn_now.answer.lower() and "leadsim review" in turn_now.answer


def test_a_phase_marker_keeps_its_whole_title_inside_the_chart():
    """The browser's end screen wrote 'Growing' for the phase 'Growing up' (trainer finding 15)."""
    for at in (2, 6, 11):
        svg = charts.line_chart("Morale", [50.0 + t for t in range(13)], 0, 100, phases=[(at, "Growing up fast")])
        words = " ".join(re.findall(r'class="axis phase-label"[^>]*>([^<]+)<', svg))
        assert words == "Growing up fast", (at, words)
        width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
        for x, size, anchor, text in re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="([\d.]+)" '
                                                r'text-anchor="(\w+)"[^>]*class="axis phase-label">([^<]+)<', svg):
            w = 0.6 * float(size) * len(text)
            left = float(x) - (w if anchor == "end" else 0)
            assert 0 <= left and left + w <= width, (at, text)


def test_a_name_wraps_at_spaces_or_after_a_hyphen_and_is_cut_never_broken_inside_a_word():
    """The mix chart's row labels and the panels' titles (charts.fit_lines): 'Operatio' / 'ns' was a trainer's
    finding on a room screen; a name too long for its lines ends in '…' instead."""
    names = ["Northern Regional Operations Team Four (bot)", "Zoë Müller-Sánchez Führungsteam Nord",
             "Łukasz Żółć Wąchock-Szczebrzeszyn", "Supercalifragilisticexpialidocious", "Amélie O'Connor-Núñez"]
    for name in names:
        pieces = {p for w in name.split() for p in re.split(r"(?<=-)", w) if p}
        for room in (8, 12, 17, 26, 60):
            lines = charts.fit_lines(name, 10, room * 6, 2, per_char=0.6)
            assert 1 <= len(lines) <= 2 and all(len(line) <= room for line in lines), (name, room, lines)
            whole = [p for line in lines for w in line.split() for p in re.split(r"(?<=-)", w) if p]
            cut = whole[-1].endswith("…")
            assert all(p in pieces for p in (whole[:-1] if cut else whole)), (name, room, lines)
            assert cut or "".join(lines).replace(" ", "") == name.replace(" ", "")  # nothing lost unless cut
    svg = charts.BarChart([charts.BarRow(n, [charts.Bar(0.5, "#000", "")]) for n in names], "mix", width=460).svg()
    labels = re.findall(r'text-anchor="end" fill="#1a1a1a" class="axis">([^<]+)<', svg)
    assert "Operations Team Four (bot)" in [unescape(x) for x in labels] or "Operations Team Four" in " ".join(labels)


def test_a_turn_the_clock_or_a_stand_in_played_is_never_a_teams_strongest_turn(debrief):
    """Trainer s5 finding 6: a team's 'strongest turn' was turn 8, which the clock had played for it."""
    import dataclasses

    room, _, _ = debrief
    g = room.teams[0]
    first = decisive_turn(g)
    log = g.session.log
    kept = list(log)
    try:
        log[first.turn - 1] = dataclasses.replace(log[first.turn - 1], timed_out=True)
        second = decisive_turn(g)
        assert second.turn != first.turn
        assert second.worth == max(tr.above_typical for tr in g.review.turns if tr.turn != first.turn)
        g.verified.result["policy"] = None  # a team of people: a stand-in bot's turn is not its own either
        log[first.turn - 1] = kept[first.turn - 1]
        log[second.turn - 1] = dataclasses.replace(log[second.turn - 1], bot="balanced")
        assert decisive_turn(g).turn == first.turn
        log[first.turn - 1] = dataclasses.replace(log[first.turn - 1], bot="balanced")
        assert decisive_turn(g).turn not in (first.turn, second.turn)
        log[:] = [dataclasses.replace(d, timed_out=True) for d in log]
        assert decisive_turn(g) is None  # a team that decided no turn has no strongest turn
    finally:
        log[:] = kept
        g.verified.result["policy"] = TEAMS[0][1]


def test_the_endings_line_uses_the_leaderboards_words(debrief):
    """Trainer s5: the leaderboard said 'Survived, but bruised (survived)', the endings line '(neutral)'."""
    from game.views.words import OUTCOME_WORDS

    room, _, out = debrief
    text = unescape(re.sub(r"<[^>]+>", " ", (out / "report.html").read_text()))
    line = re.search(r"Endings:([^\n]*)", text).group(1)
    for title, kind, n in room.ending_counts():
        assert f"{title} ({OUTCOME_WORDS[kind].lower()}): {n}" in line
    assert "(neutral)" not in line
