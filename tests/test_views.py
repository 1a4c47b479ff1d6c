"""The views layer: what each screen shows, tested on its data (direction, level, causes, words)."""

from __future__ import annotations

import re

import dataclasses

import pytest

from game.autoplay import bot_decision, play_bot
from game.flow import Progress, Screen, next_screen
from game.analysis import review_mix
from game.scenario.loader import load
from game.session import CauseKind, Decision, Session, Unavailable, Why
from game.views import cards, dashboard, debrief, event, help, phase, report, standings, words

from kit import loaded, quiet


def action(id, category="leadership", **fields):
    return {"id": id, "title": id.title(), "category": category, "diminishing": 1, **fields}


@pytest.fixture
def scaleup():
    return Session(load("scaleup"), 3, "guided")


def frozen(obj) -> bool:
    return dataclasses.is_dataclass(obj) and obj.__dataclass_params__.frozen


# --- words ------------------------------------------------------------------------------------------
def test_verdict_follows_which_way_a_metric_is_good():
    assert words.verdict(1.0, "higher") is words.Verdict.BETTER
    assert words.verdict(1.0, "lower") is words.Verdict.WORSE
    assert words.verdict(-1.0, "lower") is words.Verdict.BETTER
    assert words.verdict(words.NO_CHANGE / 2, "higher") is words.Verdict.SAME
    assert words.verdict(None) is words.Verdict.SAME
    assert words.change_words(-0.04) == "no change" and words.change_words(3.21) == "up 3.2"
    assert words.signed(0.01) == "0.0" and words.signed(-9.5, "k") == "-9.5k"
    assert words.signed(0.01, "k") == "0.0k"  # money keeps its unit when it does not move ('Budget 0.0')


def test_the_dashboards_budget_change_has_its_k():
    s = Session(load("tutorial"), 3, "guided")
    s.decide(Decision(("leadership_course",), None))
    row = next(r for r in dashboard.dashboard(s).metrics if r.id == "budget")
    assert row.change_text.endswith("k") and row.change_text.startswith("-"), row.change_text  # was '-2.6'


def test_an_action_resting_past_the_last_turn_is_not_promised_back():
    s = Session(load("tutorial"), 3, "guided")
    turns = s.scenario.turns
    while s.turn < turns - 2:
        s.decide(Decision((), s.default_decision().choice))
    s.decide(Decision(("share_vision",), s.default_decision().choice))  # rests 2 turns: past the last one
    u = s.unavailable("share_vision")
    assert u.not_again and s.unavailable_reason("share_vision") == "resting: not available again in this game"
    assert words.reason_short(u) == "resting until the end"
    s = Session(load("tutorial"), 3, "guided")
    s.decide(Decision(("share_vision",), None))  # turn 2: back at turn 4
    assert s.unavailable_reason("share_vision") == "resting: available again in 2 turns"


def test_which_kind_a_phase_rewards():
    sc = load("scaleup").scenario
    startup, mature = sc.phases[0].weights, sc.phases[1].weights
    assert words.rewarded(startup) == "leadership" and words.rewarded(mature) == "management"
    assert words.lean_sentence(mature) == "Management actions pay more here."
    even = mature.model_copy(update={"leadership": 1.0, "management": 1.0})
    assert words.lean_sentence(even) == "Leadership and management pay the same here."


def test_cause_words_name_the_source_and_when_it_was_decided():
    assert words.cause_text(CauseKind.ACTION, "Share the vision", 2.5) == "Share the vision +2.5"
    assert words.cause_text(CauseKind.DELAYED, "Share the vision", 0.8, 1) == "Share the vision (from turn 1) +0.8"
    assert words.cause_text(CauseKind.CRISIS, "Burnout", -2) == "Burnout (crisis) -2.0"
    assert words.cause_text(CauseKind.NOISE, "", -2.0) == "Luck -2.0"


# --- dashboard ------------------------------------------------------------------------------------------
def test_metric_rows_carry_change_verdict_and_history(scaleup):
    rows = dashboard.metric_rows(scaleup)
    assert [r.id for r in rows] == scaleup.visible_metrics()
    assert all(r.change is None and r.verdict is words.Verdict.SAME for r in rows)  # before the first turn
    scaleup.decide(Decision(("encourage_risk",)))
    rows = {r.id: r for r in dashboard.metric_rows(scaleup)}
    budget = rows["budget"]
    before = scaleup.history[0][scaleup.rules.index["budget"]]
    assert budget.change == round(round(scaleup.value("budget"), 1) - round(before, 1), 1)  # as written
    assert budget.direction is words.Direction.DOWN and budget.verdict is words.Verdict.WORSE
    assert len(budget.history) == 2 and budget.history[-1] == pytest.approx(budget.value)
    assert 0 <= budget.level <= 1 and budget.value_text.endswith("k")


def test_dashboard_phase_says_what_comes_next_and_points_left(scaleup):
    d = dashboard.dashboard(scaleup, chosen=("share_vision", "optimize"))
    assert frozen(d) and d.turn == 1 and d.turns == scaleup.scenario.turns
    assert d.phase.title == "Startup" and d.phase.next_hint == "Mature company from turn 15"
    assert d.phase.note == "next phase by turn 15" and d.phase.progress_text == "turn 1 of 14 in this phase"
    assert d.phase.progress == pytest.approx(1 / 14)  # the bar counts the turn being played
    assert d.points.ap_left == scaleup.rules.action_points - 2
    assert d.points.budget_left == pytest.approx(scaleup.value("budget") - 1 - 4)
    assert [s.id for s in d.skills] == ["leadership_skill", "management_skill"]
    assert d.mood == "upbeat" and len(d.cards) == len(scaleup.scenario.actions)


def test_the_last_phase_has_no_next_hint():
    s = play_bot(Session(load("scaleup"), 3), "adaptive")
    info = dashboard.phase_info(s)
    assert info.next_hint is None and info.next_turn is None and info.note == "final phase"


# --- cards ---------------------------------------------------------------------------------------------
def test_card_tooltip_content_at_each_difficulty():
    by = {d: {c.id: c for c in cards.cards(Session(load("scaleup"), 3, d))} for d in ("guided", "standard", "expert")}
    guided, standard, expert = by["guided"]["share_vision"], by["standard"]["share_vision"], by["expert"]["share_vision"]
    assert guided.expected_label == "Expected" and standard.expected_label == "Expected size"
    assert expert.expected_label is None and expert.effects == ()
    assert [e.metric for e in guided.effects] == [e.metric for e in standard.effects] and guided.effects
    first = guided.effects[0]  # ownership, all of it two turns on: the words say so (player s4 finding 11)
    assert first.metric == "initiative" and abs(first.later - first.amount) < 1e-9
    assert first.words == f"{first.title} {first.amount:+.0f}" and first.timed_words == first.words + " (later)"
    now = next(e for e in guided.effects if e.later == 0)
    assert now.timed_words == now.words == f"{now.title} {now.amount:+.0f}"
    assert set(standard.effects[0].words.split()[-1]) == {"•"} and standard.effects[0].when == " (later)"
    assert guided.timed_effects_text.startswith(first.timed_words + ", ")
    assert guided.notes[0] == "costs 1 AP and 1k" and "rests 2 turns after use" in guided.notes
    assert guided.heading == "Share the vision (leadership, ×1.5 in this phase)"


def test_an_unavailable_card_carries_its_reason_as_a_record(scaleup):
    scaleup.decide(Decision(("share_vision",)))
    c = next(c for c in cards.cards(scaleup) if c.id == "share_vision")
    assert c.unavailable == Unavailable(Why.RESTING, turns=2)
    assert c.reason == "resting: available again in 2 turns" and c.reason_short == "resting: back in 2 turns"
    assert not c.available


def test_budget_and_phase_reasons():
    data = quiet(actions=[action("gala", cost={"budget": 500}), action("late", phases=["later"])],
                 phases=[{"id": "startup", "title": "Startup"}, {"id": "later", "title": "Later", "starts_at_turn": 5}])
    s = Session(loaded(data), 1)
    assert s.unavailable("gala") == Unavailable(Why.NO_BUDGET, budget=500)
    assert s.unavailable("late") == Unavailable(Why.NOT_IN_PHASE, phase="Startup")
    assert s.unavailable_reason("late") == "not offered in the Startup phase"


def test_the_snapshot_is_computed_once_per_turn(scaleup, monkeypatch):
    import game.session as session_module

    calls = []
    real = session_module.legal_actions
    monkeypatch.setattr(session_module, "legal_actions", lambda *a: calls.append(1) or real(*a))
    for _ in range(3):
        dashboard.dashboard(scaleup)
        for a in scaleup.rules.actions:
            scaleup.unavailable_reason(a)
    assert len(calls) == 1
    scaleup.decide(Decision(("inspire",)))
    dashboard.dashboard(scaleup)
    assert len(calls) == 2 and scaleup.snapshot().turn == 1


# --- event, report, phase -------------------------------------------------------------------------------
def first_event_game(seed=3) -> Session:
    s = Session(load("scaleup"), seed)
    while s.event is None:
        s.decide(Decision())
    return s


def test_event_view_numbers_and_letters_its_answers():
    s = first_event_game()
    ev = event.event(s)
    assert ev.heading == f"Event: {s.event.title}" and ev.question == "How do you answer?"
    assert [c.number for c in ev.choices] == list(range(1, len(s.event.choices) + 1))
    assert [c.letter for c in ev.choices][:2] == ["a", "b"]


def test_report_names_the_answer_and_its_causes_add_up():
    s = first_event_game()
    answer = s.event.choices[0]
    r = report.turn_report(s, s.decide(Decision(("share_vision",), answer.id)))
    assert r.answer is not None and r.answer.choice == answer.label
    assert r.answer.event == next(e.title for e in s.scenario.events if e.id == s.reports[-1].answered)
    assert r.chose == "You chose: Share the vision."
    assert r.heading == f"Turn {s.turn} report: what changed and why"
    for line in r.lines:
        assert abs(sum(c.amount for c in line.causes) - line.change) < words.NO_CHANGE + 1e-9
        assert line.verdict is words.verdict(line.change, line.good)
    kinds = {c.kind for line in r.lines for c in line.causes}
    assert CauseKind.ACTION in kinds
    sources = {c.source_id for line in r.lines for c in line.causes if c.kind is CauseKind.ACTION}
    assert sources <= {"share_vision"}


def test_a_timed_out_turn_says_so():
    s = first_event_game()
    r = report.turn_report(s, s.decide(s.default_decision()))
    assert r.timed_out and r.chose.startswith("The clock ran out.") and "first answer" in r.chose


def test_delayed_causes_say_the_turn_they_came_from():
    s = Session(load("startup"), 3)
    s.decide(Decision(("share_vision",)))
    s.decide(Decision())
    r = report.turn_report(s, s.decide(Decision()))
    delayed = [c for c in s.reports[-1].causes if c.kind is CauseKind.DELAYED]
    assert delayed and delayed[0].from_turn == 1
    assert any("Share the vision (from turn 1)" == h.source for h in r.hidden)


def test_phase_change_view_compares_the_kinds():
    s = Session(load("scaleup"), 3)
    while s.phase == "startup":
        rep = s.decide(s.default_decision())
    r = report.turn_report(s, rep)
    pc = r.phase
    assert pc is not None and pc.heading == "A new phase begins: Mature company" and not pc.first
    assert pc.rewarded == "management" and pc.lean == "Management actions pay more here."
    lead = next(k for k in pc.weights if k.category == "leadership")
    assert lead.letter == "L" and lead.before > lead.now
    first = phase.phase_change(s, 0, first=True)
    assert first.first and first.heading == "The first phase: Startup" and all(k.before is None for k in first.weights)


# --- debrief, standings, help ----------------------------------------------------------------------------
def test_debrief_view_of_a_whole_game():
    s = play_bot(Session(load("scaleup"), 3), "adaptive")
    d = debrief.debrief(s)
    assert d.outcome.value == s.ending.kind and d.outcome_word == words.OUTCOME_WORDS[d.outcome]
    assert round(sum(p.points for p in d.score_parts), 1) == round(s.score(), 1)  # as written, they add up
    assert d.score_parts[-1].title == "Ending bonus or penalty" or d.score_parts[-1].id in s.scenario.metrics
    assert [m.phase for m in d.mix] == ["startup", "mature"]
    assert d.mix[0].rewarded == "leadership" and d.mix[1].rewarded == "management"
    strong = review_mix.strong_share(s.rules, "startup")
    split = review_mix.split_words(*review_mix.strong_mix(s.rules)["startup"].counts)  # the report's words
    assert d.mix[0].strong == strong and d.mix[0].short.startswith(f"Strong play's: {split}. ")
    # the player's own mix is said once, by its counts and shares, not again as 'Yours: ...' (s6 finding 15)
    assert "Yours" not in d.mix[0].short and all(c.split("(")[1] in d.mix[0].counts_text for c in d.mix[0].cells)
    assert f"Strong play's: {split}." in d.mix[0].short
    assert {h.id for h in d.hidden} >= {"trust", "stress"} and d.insights
    assert d.phase_marks and d.phase_marks[0][1] == "Mature company" and len(d.series[0].values) == s.turn + 1


def test_a_mix_is_judged_against_strong_play_not_the_weights():
    even = debrief.PhaseMix("p", "P", 5, 0, 0, 1.0, 1.0, strong=0.5)
    assert even.rewarded == "both equally" and even.fits is False
    assert even.advice == ("Strong play leaned further toward management: of its leadership and management actions, "
                           "strong play gave 50% to leadership, you 100%.")
    assert debrief.PhaseMix("p", "P", 9, 1, 0, 0.7, 1.5, strong=0.83).fits  # against the weights, close to strong play
    unknown = debrief.PhaseMix("p", "P", 9, 1, 0, 0.7, 1.5)
    assert unknown.fits is None and unknown.advice == "" and "close" not in unknown.verdict().lower()


def test_the_mix_verdict_says_the_share_it_compares():
    """Trainer s6 finding 6: Red Foxes' '9 actions (75%)' leadership of all its actions beside strong play's
    '67% leadership, 0% management, 33% development' and 'Strong play leaned further toward leadership' read
    as wrong. The verdict compares leadership over leadership and management (strong play's 100%, the team's
    9 of 9+3 = 75%) and now says so, with both numbers."""
    red = debrief.PhaseMix("startup", "Startup", 9, 3, 0, 1.5, 0.7, strong=1.0,
                           strong_mix=review_mix.StrongMix("startup", 8, 0, 4))
    assert red.cells[0] == "9 actions (75%)" and red.strong_split_text.startswith("67% leadership")
    assert red.fits is False
    assert red.short == ("Strong play's: 67% leadership, 0% management, 33% development. Strong play leaned further "
                         "toward leadership: you took more management (25% against 0%) and less development (0% "
                         "against 33%).")
    # trainer s7 3, finding 11: one comparison, in shares of all the actions (the cells' and strong play's split),
    # never the balance's own percentage beside them (a phone read '100% to leadership' next to '67% leadership')
    ana = debrief.PhaseMix("startup", "Startup", 9, 0, 1, 1.5, 0.7, strong=1.0,
                           strong_mix=review_mix.StrongMix("startup", 8, 0, 4))
    assert ana.short == ("Strong play's: 67% leadership, 0% management, 33% development. Close to strong play's "
                         "balance of leadership and management; you took less development (10% against 33%).")
    for m in (red, ana):
        said = set(re.findall(r"\d+%", m.short))
        assert said <= set(re.findall(r"\d+%", m.strong_split_text + " ".join(m.cells))), m.short
        assert "of its leadership and management actions" not in m.short
    close = debrief.PhaseMix("startup", "Startup", 9, 1, 0, 1.5, 0.7, strong=0.83)
    assert close.advice == ("Close to strong play's balance of leadership and management (of its leadership and "
                            "management actions, strong play gave 83% to leadership, you 90%).")


def test_what_helped_most_says_what_it_measures():
    """Trainer s6 finding 6: 'What helped most: Leadership course' on the end screen beside the slides'
    'strongest turn was turn 8' read as a contradiction. The sentence says its measure (an action's own effects
    added up over the game, with how often it was taken) and that a single turn is measured otherwise."""
    s = play_bot(Session(load("tutorial"), 42), "adaptive")
    helped = [n for n in debrief.debrief(s).insights if n.startswith("What helped most")]
    assert len(helped) == 1
    best = helped[0].split("'")[1]
    ids = [a.id for a in s.scenario.actions if a.title == best]
    times = sum(d.actions.count(ids[0]) for d in s.log)
    assert times >= 2 and f"'{best}' (taken {times} times); its own effects" in helped[0]
    assert helped[0].startswith("What helped most, added up over the game:")
    assert helped[0].endswith("A single turn is measured differently, against the other decisions open at that turn.")


def test_hotseat_standings_and_reveal():
    from game.hotseat import HotSeat

    hs = HotSeat(["Red", "Blue"], lambda name: Session(load("scaleup"), 3))
    hs.teams[0].session.decide(bot_decision(hs.teams[0].session, "adaptive"))
    table = standings.standings(hs)
    assert [t.name for t in table.teams] == ["Red", "Blue"]
    labels = [r.label for r in table.rows]
    assert labels[0] == "Score so far, rank" and labels[-1] == "Status" and "Morale" in labels
    morale = next(r for r in table.rows if r.label == "Morale")
    assert morale.cells[0].change is not None and morale.cells[1].change is None
    assert table.rows[-1].cells[0].text == "playing"
    reveal = standings.hidden(hs)
    assert reveal.rows[0].label == "Trust" and any(r.label == "Stress  (lower is better)" for r in reveal.rows)


def test_workshop_leaderboard_ranks_by_score_then_name():
    a = play_bot(Session(load("tutorial"), 3), "adaptive")
    b = play_bot(Session(load("tutorial"), 3), "random")
    board = standings.leaderboard([("beta", b, "random"), ("Alpha", a, None), ("alpha2", a, None)])
    scores = [e.score for e in board.entries]
    assert scores == sorted(scores, reverse=True) and a.score() > b.score()
    # the one tie rule: the two equal games share rank 1, the next team is 3rd (and so is every score part)
    assert [e.rank for e in board.entries] == [1, 1, 3] and [e.rank_text for e in board.entries] == ["1=", "1=", "3"]
    assert [e.team for e in board.winners] == ["Alpha", "alpha2"]
    for k in range(len(board.part_titles)):
        assert board.entries[0].parts[k].rank == board.entries[1].parts[k].rank
    assert len(board.part_titles) == len(board.entries[0].parts)


def test_one_tie_rule_is_competition_ranking_at_the_shown_precision():
    assert standings.competition_ranks([5.0, 9.0, 9.0, 1.0, 5.0]) == [3, 1, 1, 5, 3]
    assert standings.competition_ranks([744.84, 744.76, 744.7]) == [1, 1, 3]  # 744.8, 744.8, 744.7 as shown
    assert standings.competition_ranks([]) == []
    assert standings.ties([1, 1, 3]) == [True, True, False]


def test_hot_seat_ties_share_a_rank_and_the_winner_line_says_tie():
    from game.hotseat import HotSeat

    hs = HotSeat(["Red", "Blue", "Green"], lambda name: Session(load("tutorial"), 3))
    for t in hs.teams:
        play_bot(t.session, "random" if t.name == "Green" else "adaptive")
    assert hs.finished and hs.teams[0].session.score() > hs.teams[2].session.score()
    score_row = standings.standings(hs).rows[0]
    assert [c.rank for c in score_row.cells] == [1, 1, 3]
    assert [r for r, _ in standings.ranked(hs)] == [1, 1, 3]
    assert "a tie for first: Red and Blue, each with a score of" in standings.winner_line(hs)


def test_help_for_each_front_end():
    window = help.help_view("window", turn_seconds=90, hotseat=True)
    terminal = help.help_view("terminal")
    assert window.clock.startswith("Turn clock: 1:30 a turn.") and terminal.clock is None
    assert [k.heading for k in window.keys] == ["Keys", "Facilitator keys (hot seat)"]
    marks = {s.mark for p in terminal.paragraphs for s in p}
    assert {"leadership", "management", "development", "key"} <= marks


def test_views_are_frozen(scaleup):
    d = dashboard.dashboard(scaleup)
    for obj in (d, d.phase, d.metrics[0], d.cards[0], d.points):
        assert frozen(obj)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.turn = 5


# --- the turn flow ---------------------------------------------------------------------------------------
def test_flow_new_game_opens_with_its_first_phase_then_event_then_decide():
    s = first_event_game()  # a game with an event waiting...
    fresh = Session(load("scaleup"), 3)
    p = Progress.new(fresh)
    assert next_screen(fresh, p) is Screen.PHASE
    p.saw(Screen.PHASE, fresh)
    assert next_screen(fresh, p) is Screen.DECIDE
    q = Progress.new(s)  # ...loaded in the middle: nothing owed but the event
    assert next_screen(s, q) is Screen.EVENT
    q.saw(Screen.EVENT, s)
    assert next_screen(s, q) is Screen.DECIDE


def test_flow_after_a_turn_report_then_phase_then_debrief():
    s = Session(load("scaleup"), 3)
    p = Progress.new(s, intro=False)
    seen = []
    while True:
        screen = next_screen(s, p)
        if screen is Screen.DEBRIEF:
            break
        if screen in (Screen.DECIDE, Screen.EVENT):
            if screen is Screen.EVENT:
                p.saw(screen, s)
            d = bot_decision(s, "adaptive")
            s.decide(d)
            p.decided()
            seen.append("turn")
        else:
            seen.append(screen.value)
            p.saw(screen, s)
    assert seen.count("report") == s.turn
    k = seen.index("phase")
    assert seen[k - 1] == "report" and seen.count("phase") == 1
    assert seen[-1] == "report"


def test_a_crisis_that_begins_with_the_last_turn_is_said_to_end_the_game_not_to_begin():
    """Fresh player 4-5: 'Crisis begins: Cash squeeze' after turn 24 of 24 read as a threat with no turn left."""
    s = Session(load("tutorial"), 3)
    while not s.done:
        s.decide(bot_decision(s, "balanced"))
    last = report.turn_report(s, s.reports[-1])
    squeeze = report.CrisisNote("cash_squeeze", "Cash squeeze", "Money is running low.")
    assert last.ended
    assert dataclasses.replace(last, ended=False).crisis_heading(squeeze) == "Crisis begins: Cash squeeze"
    assert last.crisis_heading(squeeze) == "The game ends in a crisis: Cash squeeze"
    # the debrief's insight says the same of a game whose first crisis began with its last turn
    played = list(s.reports)
    s.reports[-1] = dataclasses.replace(s.reports[-1], crises_started=("cash_squeeze",))
    notes = [n for n in debrief.debrief(s).insights if "crisis" in n]
    won = ", and the win stands" if s.ending.kind == "win" else ""
    # player s4 finding 5: no advice for turns that are not left, and no verdict against a game it did not cost
    assert notes == [f"The game ended in a crisis that began with its last turn (turn {s.turn}, at Budget below "
                     f"25k): 'Cash squeeze'. No turn was left for it to cost anything{won}; in a longer game it "
                     "would have brought Stress +3 and Morale -1 a turn until it ended (at Budget above 50k)."], notes
    # one earlier in the game: when and at what it began, what it brought, when and at what it ended
    s.reports[:] = played
    s.reports[3] = dataclasses.replace(s.reports[3], crises_started=("burnout",))
    s.reports[6] = dataclasses.replace(s.reports[6], crises_ended=("burnout",))
    notes = [n for n in debrief.debrief(s).insights if "crisis" in n]
    assert notes == ["The crisis 'Burnout wave' began on turn 4 (at the hidden driver Stress above 75) and brought "
                     "Morale -3 and Efficiency -3 a turn; it ended on turn 7 (at the hidden driver Stress below 50)."]


def test_a_report_says_which_decisions_work_on_later_turns_and_when():
    """Meet your mentor's skills all come later (after 1, over 3): its report showed only the cost, and on
    Expert a player read it as broken (s7 player 3, finding 9). Every front-end prints later_text."""
    s = Session(load("startup"), 85386, "expert")
    s.decide(Decision((), s.default_decision().choice))
    s.decide(Decision(("find_mentor",), s.default_decision().choice))
    r = report.turn_report(s, s.reports[-1])
    assert not r.skills  # nothing moved yet ...
    assert [(x.source, x.first, x.last) for x in r.later] == [("Meet your mentor", 3, 5)]
    assert r.later_text == ("Still to come from this turn's decisions (those reports name it 'from turn 2'): "
                            "Meet your mentor on turns 3 to 5.")
    s.decide(Decision((), s.default_decision().choice))  # ... and turn 3's report names it as said
    r3 = report.turn_report(s, s.reports[-1])
    assert any("Meet your mentor (from turn 2)" in c.text for line in r3.skills for c in line.causes)
    assert not r3.later
    late = report.Later("Meet your mentor", 24, 26, 24)
    assert late.text == "Meet your mentor on turn 24 (the rest after the last turn)"
    assert report.Later("X", 25, 25, 24).text == "X after the last turn, so not in this game"
