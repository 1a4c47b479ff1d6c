"""Sessions, decision checks, determinism, save/load/replay and damaged saves."""

from __future__ import annotations

import json

import pytest

from game import saves
from game.autoplay import bot_decision, play_bot
from game.saves import SaveError
from game.scenario.loader import load
from game.session import CauseKind, Decision, DecisionError, Session

from kit import loaded, quiet


def action(id, category="leadership", **fields):
    return {"id": id, "title": id.title(), "category": category, "diminishing": 1, **fields}


def bot_game(scenario="scaleup", seed=7, bot="random") -> Session:
    return play_bot(Session(load(scenario), seed), bot)


def decisions_of(scenario, seed, bot, turns=None) -> list[Decision]:
    s = Session(load(scenario), seed)
    out = []
    while not s.done and (turns is None or len(out) < turns):
        d = bot_decision(s, bot)
        out.append(d)
        s.decide(d)
    return out


# --- determinism -------------------------------------------------------------------

def test_same_scenario_seed_and_decisions_give_the_same_digest():
    a, b = bot_game(seed=7), bot_game(seed=7)
    assert a.state.digest() == b.state.digest()
    assert a.log == b.log
    assert a.result("random") == b.result("random")


def test_a_different_seed_gives_a_different_game():
    a, b = bot_game(seed=7), bot_game(seed=8)
    assert a.state.digest() != b.state.digest()


def test_same_decisions_replayed_by_hand_give_the_same_digest():
    original = bot_game("startup", seed=3, bot="adaptive")
    replay = Session(load("startup"), 3)
    for d in original.log:
        replay.decide(Decision.from_json(json.loads(json.dumps(d.to_json()))))
    assert replay.state.digest() == original.state.digest()
    assert replay.done and replay.score() == original.score()


def test_luck_does_not_depend_on_earlier_decisions():
    """Counter-based randomness: two players with one seed face the same noise draws in turn t."""
    from game.model import rng

    a, b = Session(load("startup"), 5), Session(load("startup"), 5)
    a.decide(Decision(("share_vision",)))
    b.decide(Decision(("plan_work", "organize")))
    assert (rng.uniform(a.state.keys, a.turn, rng.DRIFT, 4) == rng.uniform(b.state.keys, b.turn, rng.DRIFT, 4)).all()


# --- decision errors ------------------------------------------------------------------

@pytest.fixture
def startup() -> Session:
    return Session(load("startup"), 1)


def test_unknown_action(startup):
    with pytest.raises(DecisionError, match=r"unknown action 'share_vison'; did you mean 'share_vision'\?"):
        startup.check(Decision(("share_vison",)))


def test_same_action_twice_is_named_by_its_title_not_its_id(startup):
    title = next(a.title for a in startup.scenario.actions if a.id == "inspire")
    assert title != "inspire"
    with pytest.raises(DecisionError, match=f"^'{title}' is chosen twice; each action can be taken once a turn$"):
        startup.check(Decision(("inspire", "inspire")))


def test_too_many_action_points(startup):
    with pytest.raises(DecisionError, match="these actions need 4 action points; you have 3"):
        startup.check(Decision(("inspire", "coach", "empower", "set_goals")))


def test_cooldown(startup):
    startup.decide(Decision(("share_vision",)))
    with pytest.raises(DecisionError,
                       match="'Share the vision' is not available: resting: available again in 2 turns"):
        startup.check(Decision(("share_vision",)))


def test_unaffordable_alone_and_together():
    data = quiet(actions=[action("gala", cost={"budget": 60}), action("party", cost={"budget": 50}),
                          action("expo", cost={"budget": 150})])
    s = Session(loaded(data), 1)
    with pytest.raises(DecisionError, match="'Expo' is not available: needs 150 budget"):
        s.check(Decision(("expo",)))
    with pytest.raises(DecisionError, match="these actions cost 110 together; the budget is 100.0"):
        s.check(Decision(("gala", "party")))
    s.check(Decision(("gala",)))  # each alone is fine


def event_session() -> Session:
    ev = {"id": "offer", "title": "An offer", "text": "Someone offers.", "when": "turn >= 1", "probability": 1,
          "once": True, "choices": [{"id": "take", "label": "Take"}, {"id": "leave", "label": "Leave"}]}
    s = Session(loaded(quiet(events=[ev])), 1)
    with pytest.raises(DecisionError, match="there is no event to answer this turn"):
        s.check(Decision((), "take"))
    s.decide(Decision(("cheer",)))
    assert s.event is not None and s.event.id == "offer"
    return s


def test_missing_event_answer():
    s = event_session()
    with pytest.raises(DecisionError, match="answer the event 'An offer' first: choose one of take, leave"):
        s.check(Decision(("cheer",)))


def test_unknown_event_answer():
    s = event_session()
    with pytest.raises(DecisionError, match="'grab' is not an answer to 'An offer'; choose one of take, leave"):
        s.check(Decision((), "grab"))
    s.decide(Decision(("cheer",), "leave"))
    assert s.event is None


def test_no_decisions_after_the_end():
    s = bot_game("startup", seed=2, bot="adaptive")
    assert s.done
    with pytest.raises(DecisionError, match="the game is over"):
        s.decide(Decision())


def test_a_refused_decision_changes_nothing(startup):
    before = startup.state.digest()
    with pytest.raises(DecisionError):
        startup.decide(Decision(("inspire", "nope")))
    assert startup.state.digest() == before and startup.log == [] and startup.turn == 0


def test_malformed_logged_decisions():
    for bad in ([], {"actions": "inspire"}, {"actions": [1]}, {"actions": [], "choice": 3}):
        with pytest.raises(DecisionError):
            Decision.from_json(bad)


def test_turn_report_names_delayed_effects_coming_due(startup):
    def nothing():  # an event may be waiting (this seed draws one): answer it with its first choice
        return Decision((), startup.event.choices[0].id if startup.event is not None else None)

    startup.decide(Decision(("share_vision",)))
    startup.decide(nothing())
    report = startup.decide(nothing())
    delayed = [c for c in report.causes if c.kind == CauseKind.DELAYED]
    assert delayed and (delayed[0].source_id, delayed[0].title, delayed[0].from_turn) == \
        ("share_vision", "Share the vision", 1)
    assert "initiative" in delayed[0].change


# --- save / load / replay ------------------------------------------------------------------

def test_save_load_continue_equals_an_uninterrupted_game(tmp_path):
    decisions = decisions_of("scaleup", 11, "adaptive+dev")
    whole = Session(load("scaleup"), 11)
    for d in decisions:
        whole.decide(d)
    half = Session(load("scaleup"), 11)
    for d in decisions[:13]:
        half.decide(d)
    path = tmp_path / "game.json"
    saves.save(half, path)
    resumed = saves.load(path)
    assert resumed.turn == 13 and resumed.state.digest() == half.state.digest()
    assert resumed.seed == 11 and resumed.scenario.id == "scaleup"
    for d in decisions[13:]:
        resumed.decide(d)
    assert resumed.done
    assert resumed.state.digest() == whole.state.digest()
    assert resumed.result("x") == whole.result("x")


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path):
    s = Session(load("startup"), 1)
    s.decide(Decision(("inspire",)))
    path = tmp_path / "sub" / "save.json"
    saves.save(s, path)
    saves.save(s, path)  # overwriting works too
    assert sorted(p.name for p in path.parent.iterdir()) == ["save.json"]
    data = json.loads(path.read_text())
    assert data["format"] == "leadsim-save" and data["version"] == saves.VERSION
    assert data["log"] == [{"actions": ["inspire"], "choice": None}]


def test_a_save_survives_changes_to_the_builtin_file(tmp_path, monkeypatch):
    """The save embeds the scenario text, so it replays even if the built-in file changes later."""
    s = Session(load("startup"), 4)
    s.decide(Decision(("inspire",)))
    path = tmp_path / "save.json"
    saves.save(s, path)
    from game.scenario import loader

    monkeypatch.setattr(loader, "BUILTIN_DIR", tmp_path / "nothing")
    assert saves.load(path).state.digest() == s.state.digest()


@pytest.fixture
def saved(tmp_path):
    s = Session(load("startup"), 1)
    for d in decisions_of("startup", 1, "balanced", turns=4):
        s.decide(d)
    path = tmp_path / "save.json"
    saves.save(s, path)
    return path


def load_error(path) -> str:
    with pytest.raises(SaveError) as info:
        saves.load(path)
    return str(info.value)


def test_edited_byte_is_detected(saved):
    text = saved.read_text()
    assert '"seed": 1,' in text
    saved.write_text(text.replace('"seed": 1,', '"seed": 2,'))
    assert load_error(saved) == f"{saved} is damaged or was edited by hand (checksum mismatch)"


def test_edited_byte_anywhere_is_detected(saved):
    raw = bytearray(saved.read_bytes())
    i = raw.index(b"share_vision") if b"share_vision" in raw else raw.index(b"Kitebird")
    raw[i] = ord("X")
    saved.write_bytes(bytes(raw))
    assert "checksum mismatch" in load_error(saved)


def test_truncated_save(saved):
    raw = saved.read_bytes()
    saved.write_bytes(raw[: len(raw) // 2])
    msg = load_error(saved)
    assert msg.startswith(f"{saved}: not a valid save file (broken JSON at line ") and msg.endswith(
        "; was it truncated?)")


def test_not_json(saved):
    saved.write_bytes(b"\x89PNG\r\n\x1a\n binary junk \xff")
    assert load_error(saved) == f"{saved}: not a valid save file (not UTF-8 text)"


@pytest.mark.parametrize("content", ['{"name": "a package.json"}', "[1, 2, 3]", '"text"', "null"])
def test_foreign_json(saved, content):
    saved.write_text(content)
    assert load_error(saved) == f"{saved} is not a Leadsim save file"


def test_newer_version(saved):
    data = json.loads(saved.read_text())
    data["version"] = 99
    saved.write_text(json.dumps(data))
    msg = load_error(saved)
    assert f"was written by a newer Leadsim (format version 99); this one reads version {saves.VERSION}" in msg


def test_missing_save_file(tmp_path):
    assert load_error(tmp_path / "nope.json") == f"{tmp_path / 'nope.json'}: no such save file"


def resign(data: dict) -> str:
    return json.dumps(saves.seal(data))


def test_consistent_but_impossible_log(saved):
    data = json.loads(saved.read_text())
    data["log"][0]["actions"] = ["no_such_action"]
    saved.write_text(resign(data))
    assert "its decision log does not replay: unknown action 'no_such_action'" in load_error(saved)


def test_replay_that_gives_another_game(saved):
    data = json.loads(saved.read_text())
    data["state_digest"] = "0" * 64
    saved.write_text(resign(data))
    assert "replaying it gave a different game" in load_error(saved)


def test_broken_scenario_inside_a_save(saved):
    data = json.loads(saved.read_text())
    data["scenario_text"] = data["scenario_text"].replace("turns: 24", "turns: lots")
    saved.write_text(resign(data))
    assert "its scenario no longer loads: turns must be a whole number" in load_error(saved)


def test_incomplete_save(saved):
    data = json.loads(saved.read_text())
    del data["seed"]
    saved.write_text(resign(data))
    assert "is incomplete or malformed" in load_error(saved)


def test_free_actions_and_passing_stay_possible_with_a_negative_budget():
    """A scenario may let the budget go below zero without ending the game; the player must not get stuck."""
    data = quiet(actions=[action("cheer", effects={"morale": 1}), action("spend", effects={"budget": -150}),
                          action("gala", cost={"budget": 5})])
    s = Session(loaded(data), 1)
    s.decide(Decision(("spend",)))
    assert s.value("budget") == -50 and not s.done
    s.decide(Decision())  # passing costs nothing
    s.decide(Decision(("cheer",)))  # nor does a free action
    assert s.legal()["cheer"] and s.unavailable_reason("cheer") is None
    with pytest.raises(DecisionError, match="'Gala' is not available: needs 5 budget"):
        s.check(Decision(("gala",)))


def test_stale_temporary_files_of_a_killed_save_are_tidied_up(tmp_path):
    import os
    import time

    from game.saves import STALE_SECONDS, atomic_write

    target = tmp_path / "g.json"
    old = tmp_path / ".g.json.abc123.tmp"
    fresh = tmp_path / ".g.json.def456.tmp"
    other = tmp_path / ".other.json.zzz.tmp"
    for f in (old, fresh, other):
        f.write_text("partial")
    past = time.time() - STALE_SECONDS - 5
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    atomic_write(target, "{}")
    assert target.read_text() == "{}"
    assert not old.exists() and fresh.exists() and other.exists()


def test_the_model_never_spends_more_than_the_budget_in_one_turn():
    import numpy as np

    from game.model.rules import compile_rules
    from game.model.state import new_state
    from game.model.step import step
    from game.scenario.loader import load

    rules = compile_rules(load("scaleup").scenario)
    state = new_state(rules, 1)
    i = rules.budget_index
    state.x[0, i] = 5.0  # enough for any one action (max 4) but not for two expensive ones
    actions = np.zeros((1, len(rules.actions)), dtype=bool)
    for a in ("encourage_risk", "optimize"):  # 4 + 4
        actions[0, rules.actions.index(a)] = True
    step(rules, state, actions, np.zeros(1, dtype=np.int64))
    assert state.mix[0].sum() == 1  # only the first one was carried out


def test_report_causes_always_add_up_to_the_change():
    from game.autoplay import bot_decision
    from game.scenario.loader import load
    from game.session import Session
    from game.views.report import change_lines

    s = Session(load("scaleup"), 11)
    while not s.done:
        report = s.decide(bot_decision(s, "random"))
        for line in change_lines(s, report):
            assert abs(sum(c.amount for c in line.causes) - line.change) < 0.05 + 1e-9, (report.turn, line)


def test_the_score_scale_is_explained_with_the_scenarios_own_numbers():
    from game.views.debrief import score_scale

    s = Session(load("tutorial"), 3)
    text = score_scale(s)
    assert "Up to 1,000 points come from Morale, Efficiency, Budget" in text
    assert f"all {s.scenario.turns} turns" in text
    sc = s.scenario.score
    assert (f"a win adds {sc.win_bonus:g}" in text) == bool(sc.win_bonus)
