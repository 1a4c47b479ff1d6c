"""The numpy model, turn by turn, on small purpose-built scenarios."""

from __future__ import annotations

import numpy as np
import pytest

from game.model import scoring
from game.model.batch import play_batch, play_to_end
from game.model.bots import policy
from game.model.context import effectiveness, legal_actions
from game.model.rules import LEAD, compile_rules
from game.model.state import NO_EVENT, RUNNING, new_state
from game.model.step import step
from game.scenario.loader import load

from kit import act, m, no_choice, play, quiet, rules_of


def action(id, category="leadership", **fields):
    return {"id": id, "title": id.title(), "category": category, "diminishing": 1, **fields}


# --- batch axis -------------------------------------------------------------------

@pytest.mark.parametrize("scenario", ["startup", "scaleup", "mature"])
@pytest.mark.parametrize("bot", ["random", "adaptive+dev", "balanced"])
def test_a_batch_equals_the_same_games_one_at_a_time(scenario, bot):
    rules = compile_rules(load(scenario).scenario)
    decide = policy(bot)
    R, seed = 9, 2024
    batch = new_state(rules, seed, R)
    play_to_end(rules, batch, decide)
    for i in range(R):
        alone = new_state(rules, seed, 1, first_run=i)
        play_to_end(rules, alone, decide)
        mine = batch.take(slice(i, i + 1))
        # All runs move in lockstep, so a run that ended early sees the batch's turn counter go on;
        # everything else, bookkeeping included, must be exactly the game played alone.
        assert alone.turn == (batch.ended_at[i] if batch.ending[i] != RUNNING else batch.turn)
        mine.turn = alone.turn
        assert mine.digest() == alone.digest(), f"run {i} differs"
        assert np.array_equal(batch.x[i], alone.x[0])  # bit for bit, not approximately
    assert len({batch.take(slice(i, i + 1)).digest() for i in range(R)}) == R  # the runs are different games


def test_chunking_does_not_change_any_run():
    rules = compile_rules(load("scaleup").scenario)
    whole = play_batch(rules, policy("random"), seed=5, runs=50)
    pieces = play_batch(rules, policy("random"), seed=5, runs=50, chunk=7)
    assert np.array_equal(whole.score, pieces.score)
    assert np.array_equal(whole.final, pieces.final)
    assert np.array_equal(whole.ending, pieces.ending)


def test_every_state_array_has_the_runs_axis_first():
    rules = compile_rules(load("scaleup").scenario)
    state = new_state(rules, 1, 5)
    for name, value in vars(state).items():
        if isinstance(value, np.ndarray):
            assert value.shape[0] == 5, name


# --- bounds ---------------------------------------------------------------------------

def test_metrics_never_leave_their_bounds():
    rules = rules_of(quiet(actions=[action("boost", effects={"morale": 500, "budget": 5000}),
                                    action("crash", effects={"morale": -500, "budget": -5000})]))
    state, path = play(rules, [("boost",), ("boost",), ("crash",), ("crash",)])
    assert [m(rules, x, "morale") for x in path] == [60, 100, 100, 0, 0]
    assert [m(rules, x, "budget") for x in path] == [100, 500, 500, -100, -100]


def test_gains_shrink_near_the_top_when_a_metric_saturates():
    data = quiet(actions=[action("cheer", effects={"morale": 10})])
    data["metrics"]["morale"].update(start=90, saturates=True)
    rules = rules_of(data)
    _, path = play(rules, [("cheer",)])
    assert m(rules, path[1], "morale") == pytest.approx(92.0)  # headroom 2 * (100 - 90) / 100 = 0.2


@pytest.mark.parametrize("scenario", ["startup", "scaleup", "mature"])
def test_builtin_scenarios_stay_in_bounds_under_random_play(scenario):
    rules = compile_rules(load(scenario).scenario)
    result = play_batch(rules, policy("random"), seed=9, runs=300, keep_path=True)
    path = result.trajectory
    assert np.all(path >= rules.lo - 1e-9) and np.all(path <= rules.hi + 1e-9)
    assert np.all(np.isfinite(path))


# --- cooldown and diminishing returns ---------------------------------------------------

def test_cooldown_makes_an_action_unavailable_for_that_many_turns():
    rules = rules_of(quiet(actions=[action("rally", effects={"morale": 5}, cooldown=2), action("wait")]))
    state = new_state(rules, 1)
    a = rules.actions.index("rally")
    available = []
    for turn in range(5):
        available.append(bool(legal_actions(rules, state)[0, a]))
        step(rules, state, act(rules, "rally"), no_choice())  # always tries; refused while cooling down
    assert available == [True, False, False, True, False]
    # it worked only in turns 1 and 4
    assert m(rules, state, "morale") == 60 + 5 + 5


def test_diminishing_returns_when_repeating():
    rules = rules_of(quiet(actions=[action("cheer", effects={"morale": 10}, diminishing=0.5), action("wait")]))
    _, path = play(rules, [("cheer",), ("cheer",), ("cheer",), ("wait",), ("wait",), ("cheer",)])
    gains = np.diff([m(rules, x, "morale") for x in path])
    # recent uses decay by half each turn: 0, 1, 1.5, (1.75), (0.875), 0.4375
    assert gains[:3] == pytest.approx([10, 10 * 0.5, 10 * 0.5 ** 1.5])
    assert gains[3:5] == pytest.approx([0, 0])
    assert gains[5] == pytest.approx(10 * 0.5 ** 0.4375)
    assert gains[5] > gains[2]  # resting restores some of the effect


def test_actions_beyond_the_action_points_are_dropped_in_order():
    rules = rules_of(quiet(action_points=2, actions=[action("a1", effects={"morale": 1}),
                                                     action("a2", effects={"morale": 2}),
                                                     action("a3", effects={"morale": 4})]))
    _, path = play(rules, [("a1", "a2", "a3")])
    assert m(rules, path[1], "morale") - 60 == 3


# --- delayed effects ------------------------------------------------------------------------

def test_delayed_effects_arrive_after_and_spread_over_turns():
    rules = rules_of(quiet(actions=[
        action("seed", delayed=[{"metric": "morale", "amount": 9, "after": 2, "over": 3},
                                {"metric": "efficiency", "amount": 4, "after": 1}]),
        action("wait")]))
    _, path = play(rules, [("seed",)] + [("wait",)] * 6)
    morale = np.diff([m(rules, x, "morale") for x in path])
    efficiency = np.diff([m(rules, x, "efficiency") for x in path])
    # turn 1 takes the action; 'after: 2' means the first part arrives in turn 3
    assert morale.tolist() == [0, 0, 3, 3, 3, 0, 0]
    assert efficiency.tolist() == [0, 4, 0, 0, 0, 0, 0]


def test_delayed_effects_scale_with_effectiveness_at_the_time_of_the_action():
    phases = [{"id": "startup", "title": "S", "weights": {"leadership": 1}},
              {"id": "mature", "title": "M", "weights": {"leadership": 3}, "starts_at_turn": 2}]
    rules = rules_of(quiet(phases=phases, actions=[
        action("seed", delayed=[{"metric": "morale", "amount": 6, "after": 3}]), action("wait")]))
    _, path = play(rules, [("seed",), ("wait",), ("wait",), ("wait",)])
    assert int(new_state(rules, 1).phase[0]) == 0
    assert m(rules, path[3], "morale") == 60
    assert m(rules, path[4], "morale") - 60 == 6  # phase 1 weight, although it arrives in phase 2


# --- phases ---------------------------------------------------------------------------------

def two_phases(**second):
    return [{"id": "startup", "title": "Startup", "weights": {"leadership": 1, "management": 1}},
            {"id": "mature", "title": "Mature", "weights": {"leadership": 2, "management": 0.5}, **second}]


def test_phase_changes_at_starts_at_turn_and_changes_effectiveness():
    data = quiet(phases=two_phases(starts_at_turn=4))
    data["metrics"]["morale"]["start"] = 0
    rules = rules_of(data)
    state = new_state(rules, 1)
    phases, gains = [], []
    for _ in range(6):
        before = m(rules, state, "morale")
        step(rules, state, act(rules, "cheer"), no_choice())
        gains.append(m(rules, state, "morale") - before)
        phases.append(int(state.phase[0]))
    assert phases == [0, 0, 1, 1, 1, 1]  # starts_at_turn 4: the player's turn 4 is played in the mature phase
    assert gains == [10, 10, 10, 20, 20, 20]
    assert state.mix[0].tolist() == [[3, 0, 0], [3, 0, 0]]


def test_phase_changes_when_its_condition_holds():
    rules = rules_of(quiet(phases=two_phases(starts_when="morale >= 80")))
    state, path = play(rules, [("cheer",)] * 2)
    assert int(state.phase[0]) == 1
    rules_b = rules_of(quiet(phases=two_phases(starts_when="morale >= 80")))
    state_b, _ = play(rules_b, [("cheer",), ()])
    assert int(state_b.phase[0]) == 0  # morale 70 only


def test_phase_change_is_per_run():
    rules = rules_of(quiet(phases=two_phases(starts_when="morale >= 70")))
    state = new_state(rules, 1, 2)
    actions = act(rules, "cheer", runs=2)
    actions[1] = False
    step(rules, state, actions, no_choice(2))
    assert state.phase.tolist() == [1, 0]


def test_actions_and_events_can_be_limited_to_phases():
    rules = rules_of(quiet(phases=two_phases(starts_at_turn=2),
                           actions=[action("rally", effects={"morale": 1}, phases=["startup"]), action("wait")]))
    state = new_state(rules, 1)
    assert legal_actions(rules, state)[0].tolist() == [True, True]
    step(rules, state, act(rules), no_choice())
    assert legal_actions(rules, state)[0].tolist() == [False, True]


# --- events ------------------------------------------------------------------------------------

def event(id, when="true", probability=1.0, **fields):
    fields.setdefault("choices", [{"id": "ok", "label": "OK"}])
    return {"id": id, "title": id.title(), "text": "Something happens.", "when": when,
            "probability": probability, **fields}


def event_trace(rules, turns, runs=1, choose=0):
    state = new_state(rules, 3, runs)
    seen = []
    for _ in range(turns):
        step(rules, state, act(rules, runs=runs), np.full(runs, choose))
        seen.append([rules.events[e] if e != NO_EVENT else None for e in state.event])
    return state, seen


def test_once_event_happens_only_once():
    rules = rules_of(quiet(turns=10, events=[event("ping", when="turn >= 2", once=True)]))
    state, seen = event_trace(rules, 9)
    assert [s[0] for s in seen] == [None, "ping"] + [None] * 7
    assert state.event_count[0].tolist() == [1]


def test_event_cooldown():
    rules = rules_of(quiet(turns=12, events=[event("ping", cooldown=3)]))
    _, seen = event_trace(rules, 11)
    fired = [t + 1 for t, s in enumerate(seen) if s[0] == "ping"]
    assert fired == [1, 4, 7, 10]


def test_event_condition_and_probability():
    rules = rules_of(quiet(turns=40, events=[event("never", when="morale > 99"),
                                             event("sometimes", probability=0.3)]))
    state, seen = event_trace(rules, 39, runs=400)
    assert state.event_count[:, 0].sum() == 0
    rate = state.event_count[:, 1].sum() / (400 * 39)
    assert 0.27 < rate < 0.33


def test_choices_have_their_effects_per_run():
    ev = event("offer", once=True, choices=[
        {"id": "take", "label": "Take", "effects": {"budget": 20, "stress": 5}},
        {"id": "skip", "label": "Skip", "effects": {"morale": 3}, "cost": 4},
        {"id": "lead", "label": "Lead", "effects": {"trust": 5}, "category": "leadership"}])
    phases = [{"id": "startup", "title": "S", "weights": {"leadership": 2}}]
    rules = rules_of(quiet(phases=phases, events=[ev]))
    state = new_state(rules, 1, 3)
    step(rules, state, act(rules, runs=3), no_choice(3))
    assert state.event.tolist() == [0, 0, 0]
    before = state.x.copy()
    step(rules, state, act(rules, runs=3), np.array([0, 1, 2]))
    change = state.x - before
    i = rules.index
    assert change[0, i["budget"]] == 20 and change[0, i["stress"]] == 5
    assert change[1, i["morale"]] == 3 and change[1, i["budget"]] == -4
    assert change[2, i["trust"]] == 10  # scaled like a leadership action (phase weight 2)
    assert state.event.tolist() == [NO_EVENT] * 3


def test_follow_up_chain():
    first = event("rumour", when="turn == 1", choices=[
        {"id": "ignore", "label": "Ignore", "followup": "leak", "followup_after": 2},
        {"id": "address", "label": "Address it"}])
    leak = event("leak", probability=0, choices=[
        {"id": "deny", "label": "Deny", "followup": "scandal"},
        {"id": "admit", "label": "Admit"}])
    scandal = event("scandal", probability=0, choices=[{"id": "resign", "label": "Resign"}])
    rules = rules_of(quiet(turns=12, events=[first, leak, scandal]))
    _, seen = event_trace(rules, 10, choose=0)
    # seen[k] is the event waiting after k + 1 turns: rumour is answered in turn 2, the leak
    # follows 2 turns later (turn 4), the scandal 1 turn after that
    assert [s[0] for s in seen][:6] == ["rumour", None, "leak", "scandal", None, None]
    # the other answer ends the chain; probability-0 events never happen on their own
    _, seen = event_trace(rules, 10, choose=1)
    assert [s[0] for s in seen] == ["rumour"] + [None] * 9


# --- crises ----------------------------------------------------------------------------------------

def test_crisis_hysteresis():
    data = quiet(turns=12, actions=[action("drop", effects={"morale": -30}), action("lift", effects={"morale": 10})],
                 crises=[{"id": "slump", "title": "Slump", "start": "morale < 35", "end": "morale > 60",
                          "per_turn": {"stress": 2}}])
    rules = rules_of(data)
    state = new_state(rules, 1)
    flags, morale, stress = [], [], []
    for a in ["drop", "lift", "lift", "lift", "lift", "lift"]:
        step(rules, state, act(rules, a), no_choice())
        flags.append(bool(state.crisis[0, 0]))
        morale.append(m(rules, state, "morale"))
        stress.append(m(rules, state, "stress"))
    assert morale == [30, 40, 50, 60, 70, 80]
    # starts below 35; does not end when morale is back above 35 (or at 60), only above 60
    assert flags == [True, True, True, True, False, False]
    # the crisis costs 2 stress every turn it is in force at the start of the turn
    assert np.diff([30] + stress).tolist() == [0, 2, 2, 2, 2, 0]


def test_crisis_flag_is_usable_in_expressions():
    data = quiet(actions=[action("drop", effects={"morale": -30}), action("wait")],
                 crises=[{"id": "slump", "title": "Slump", "start": "morale < 35", "end": "morale > 60"}],
                 endings=[{"id": "gone", "title": "Gone", "kind": "loss", "when": "slump and turn >= 3"},
                          {"id": "done", "title": "Done", "kind": "neutral", "at_end": True}])
    rules = rules_of(data)
    state, _ = play(rules, [("drop",), ("wait",), ("wait",)])
    assert rules.endings[state.ending[0]].id == "gone" and state.ended_at[0] == 3


# --- endings ----------------------------------------------------------------------------------------

ENDINGS = [
    {"id": "collapse", "title": "Collapse", "kind": "loss", "when": "morale < 20"},
    {"id": "great", "title": "Great", "kind": "win", "when": "morale >= 80", "at_end": True},
    {"id": "done", "title": "Done", "kind": "neutral", "at_end": True},
]


def test_loss_mid_game_stops_that_run_only():
    rules = rules_of(quiet(turns=6, endings=ENDINGS,
                           actions=[action("drop", effects={"morale": -45}), action("cheer", effects={"morale": 5})]))
    state = new_state(rules, 1, 2)
    first = act(rules, "drop", runs=2)
    first[1] = False
    step(rules, state, first, no_choice(2))
    assert state.ending.tolist() == [0, RUNNING] and state.ended_at[0] == 1
    frozen_x, frozen_score = state.x[0].copy(), state.score_sum[0].copy()
    assert not legal_actions(rules, state)[0].any()
    play_to_end(rules, state, lambda r, s: (act(r, "cheer", runs=2), no_choice(2)))
    assert np.array_equal(state.x[0], frozen_x) and np.array_equal(state.score_sum[0], frozen_score)
    assert state.turn == 6
    assert rules.endings[state.ending[1]].id == "great" and state.ended_at[1] == 6
    kinds = scoring.outcome_kind(rules, state).tolist()
    assert kinds == ["loss", "win"]


def test_at_end_endings_are_checked_only_after_the_last_turn():
    data = quiet(turns=5, endings=ENDINGS)
    data["metrics"]["morale"]["start"] = 90  # 'great' holds from the start
    rules = rules_of(data)
    state, _ = play(rules, [()] * 4)
    assert state.ending[0] == RUNNING
    state, _ = play(rules, [()] * 5)
    assert rules.endings[state.ending[0]].id == "great"
    state, _ = play(rules_of(quiet(turns=5, endings=ENDINGS)), [()] * 5)
    assert rules.endings[state.ending[0]].id == "done"  # the first at_end ending that holds


def test_a_scenario_without_at_end_endings_still_ends():
    rules = rules_of(quiet(turns=4, endings=[ENDINGS[0]]))
    state, _ = play(rules, [()] * 4)
    assert rules.endings[state.ending[0]].id == "completed" and bool(state.done[0])


# --- score ---------------------------------------------------------------------------------------------

def test_score_averages_over_turns_so_a_last_turn_spike_cannot_win():
    data = quiet(turns=10, actions=[
        action("steady", effects={"morale": 10}, cooldown=20),
        action("spike", effects={"morale": 50}, requires="turns_left <= 1"),
        action("wait")])
    data["metrics"]["morale"]["start"] = 50
    rules = rules_of(data)
    steady, _ = play(rules, [("steady",)] + [("wait",)] * 9)
    spike, _ = play(rules, [("wait",)] * 9 + [("spike",)])
    assert m(rules, spike, "morale") == 100 > m(rules, steady, "morale") == 60
    s_steady, s_spike = scoring.score(rules, steady)[0], scoring.score(rules, spike)[0]
    assert s_steady == pytest.approx(600)  # morale 60 of 100 in every turn
    assert s_spike == pytest.approx(550)  # 50 for nine turns, 100 for one
    assert s_steady > s_spike


def test_score_parts_add_up_and_endings_count():
    data = quiet(turns=4, endings=ENDINGS, actions=[action("drop", effects={"morale": -45}), action("wait")],
                 score={"weights": {"morale": 3, "stress": 1}, "win_bonus": 50, "loss_penalty": 70})
    rules = rules_of(data)
    lost, _ = play(rules, [("drop",)])
    parts = scoring.breakdown(rules, lost)
    assert set(parts) == {"morale", "stress", "ending"}
    assert parts["ending"][0] == -70
    # one turn of morale 15 and stress 30 (lower is better), then zeros for the turns not played
    assert parts["morale"][0] == pytest.approx(1000 * 3 / 4 * (0.15 / 4))
    assert parts["stress"][0] == pytest.approx(1000 * 1 / 4 * (0.70 / 4))
    assert scoring.score(rules, lost)[0] == pytest.approx(sum(p[0] for p in parts.values()))
    survived, _ = play(rules, [("wait",)] * 4)
    assert scoring.score(rules, survived)[0] > scoring.score(rules, lost)[0]


# --- development -----------------------------------------------------------------------------------------

def test_development_raises_skill_and_later_effectiveness():
    data = quiet(actions=[
        action("course", category="development", effects={"leadership_skill": 30}),
        action("mentor", category="development",
               delayed=[{"metric": "management_skill", "amount": 9, "after": 1, "over": 3}]),
        action("cheer", effects={"morale": 10}), action("wait")])
    data["effectiveness"] = {}  # the default formulas: trust and skill matter
    rules = rules_of(data)
    trained = new_state(rules, 1)
    untrained = new_state(rules, 1)
    eff_before = effectiveness(rules, trained)[0, LEAD]
    step(rules, trained, act(rules, "course", "mentor"), no_choice())
    step(rules, untrained, act(rules, "wait"), no_choice())
    assert m(rules, trained, "leadership_skill") == 30 + 30
    assert m(rules, trained, "management_skill") == 30  # the mentor pays off later
    eff_after = effectiveness(rules, trained)[0, LEAD]
    assert eff_after > eff_before * 1.4
    gains = []
    for state in (trained, untrained):
        before = m(rules, state, "morale")
        step(rules, state, act(rules, "cheer"), no_choice())
        gains.append(m(rules, state, "morale") - before)
    assert gains[0] > gains[1] * 1.4
    step(rules, trained, act(rules, "wait"), no_choice())
    assert m(rules, trained, "management_skill") == pytest.approx(36)
