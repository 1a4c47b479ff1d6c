"""What Guided shows during play (issue 10 point 7), as view data: the hidden drivers and how they
moved, hints on event answers like the cards', and how the leader's skill scales each card now."""

from __future__ import annotations

import pytest
import yaml

from game.scenario.loader import load
from game.session import CATEGORIES, Decision, Session
from game.views.cards import SKILL_STEP, cards
from game.views.dashboard import dashboard
from game.views.event import event
from game.views.report import turn_report

DRIVERS = ["Trust", "Stress", "Team skill", "Process maturity", "Ownership"]


def first_cards(s: Session, n: int = 2) -> tuple[str, ...]:
    order = [a.id for c in CATEGORIES for a in s.scenario.actions if a.category == c]
    legal = s.legal()
    return tuple(a for a in order if legal[a])[:n]


def test_guided_dashboard_lists_every_hidden_driver_with_its_change():
    s = Session(load("tutorial"), 3, "guided")
    before = dashboard(s).drivers
    assert [d.title for d in before] == DRIVERS and all(d.change is None for d in before)
    s.decide(Decision(first_cards(s), None))
    after = {d.title: d for d in dashboard(s).drivers}
    for d, m in zip(DRIVERS, ["trust", "stress", "skill", "process", "initiative"]):
        assert after[d].value == pytest.approx(s.value(m))
        assert after[d].change == pytest.approx(s.value(m) - s.previous_values()[m], abs=0.051)  # as shown
    assert after["Stress"].good == "lower"
    for difficulty in ("standard", "expert"):
        assert dashboard(Session(load("tutorial"), 3, difficulty)).drivers == ()


def test_guided_turn_report_says_how_each_driver_moved():
    s = Session(load("tutorial"), 3, "guided")
    s.decide(Decision(first_cards(s), None))
    text = turn_report(s, s.reports[-1]).hidden_text
    assert text.startswith("Underneath: trust ") and "process maturity" in text and "ownership" in text
    assert f"(to {s.value('trust'):.0f})" in text
    plain = Session(load("tutorial"), 3, "standard")
    plain.decide(Decision(first_cards(plain), None))
    assert "Underneath" not in turn_report(plain, plain.reports[-1]).hidden_text


def test_each_hidden_move_says_which_way_and_as_much_as_the_difficulty_shows_sizes():
    """Fresh player s6 finding 10: 'Share the vision (from turn 1): ownership' next to 'ownership down 2.3'
    read as if the action had lowered it. Each decision's move of a driver now says which way; Guided says
    by how much (the drivers' numbers are on its dashboard), Standard a size in dots, Expert only the way."""
    import re

    from game.autoplay import bot_decision
    from game.views.report import source_label

    for difficulty in ("guided", "standard", "expert"):
        s = Session(load("tutorial"), 3, difficulty)
        seen = 0
        for _ in range(5):
            s.decide(bot_decision(s, "adaptive"))
            rep = s.reports[-1]
            r = turn_report(s, rep)
            for h in r.hidden:
                want = {}
                for c in rep.causes:
                    if c.kind.chosen and source_label(c) == h.source:
                        for m, v in c.change.items():
                            name = (s.scenario.metrics[m].title or m).lower()
                            if name in h.names:
                                want[name] = want.get(name, 0.0) + v
                assert len(h.moves) == len(h.names) == len(want), h
                for name, said in zip(h.names, h.moves):
                    way = "up" if want[name] > 0 else "down"
                    if difficulty == "guided":
                        assert said == f"{name} {want[name]:+.1f}", (said, want[name])
                    elif difficulty == "standard":
                        assert re.fullmatch(rf"{re.escape(name)} {way} •{{1,3}}", said), said
                    else:
                        assert said == f"{name} {way}", said
                    assert said in r.hidden_text
                    seen += 1
        assert seen, f"no hidden move in five {difficulty} turns"


def default_multiplier(s: Session, category: str, skill_bonus: float = 0.0) -> float:
    """The default effectiveness formula of the schema, written out independently of the model."""
    w = getattr(s.phase_spec.weights, category)
    if category == "leadership":
        return w * (0.4 + 0.6 * s.value("trust") / 100) * (0.35 + 1.2 * (s.value("leadership_skill") + skill_bonus) / 100)
    return w * (0.4 + 0.6 * s.value("process") / 100) * (0.35 + 1.2 * (s.value("management_skill") + skill_bonus) / 100)


def test_a_card_says_how_much_the_leaders_skill_scales_it_now():
    s = Session(load("tutorial"), 3, "standard")
    for _ in range(3):
        s.decide(Decision(first_cards(s), None))
    by_id = {c.id: c for c in cards(s)}
    for a in s.scenario.actions:
        scale = by_id[a.id].skill_scale
        if a.category == "development":
            assert scale is None
            continue
        fatigue = float(s.state.fatigue[0, s.rules.actions.index(a.id)])
        assert scale.works_at == pytest.approx(default_multiplier(s, a.category) * fatigue, rel=1e-6)
        assert scale.with_more == pytest.approx(default_multiplier(s, a.category, SKILL_STEP) * fatigue, rel=1e-6)
        assert scale.tired == (fatigue < 0.995)
        # the text starts from the column's figure and multiplies out to the strength now (player 10)
        assert scale.phase_weight * scale.skill_factor * scale.fatigue == pytest.approx(scale.works_at, rel=1e-9)
        column = f"×{getattr(s.phase_spec.weights, a.category):.1f}"
        # the total in a sentence of its own, then its factors (player s4 finding 11: one sentence mixed both)
        assert scale.text.startswith(f"Strength now: ×{scale.works_at:.2f} of its base effect. It is {column} for "
                                     f"{a.category} in this phase (its column), times ×{scale.skill_factor:.2f} "
                                     f"for your {a.category} skill ")
        driver = "trust" if a.category == "leadership" else "process maturity"
        assert f" and {driver}" in scale.text
        assert (f", times ×{scale.fatigue:.2f} as you used it recently" in scale.text) == scale.tired
        assert scale.text.endswith(f"With {a.category} skill {min(100, s.value(scale.skill) + SKILL_STEP):.0f} "
                                   f"it would be ×{scale.with_more:.2f}.")
    assert any(by_id[a.id].skill_scale.tired for a in s.scenario.actions if a.category != "development")


def test_event_answers_get_hints_like_cards():
    s = Session(load("startup"), 1, "guided")
    s.decide(Decision(first_cards(s), None))
    ev = event(s)
    assert ev is not None and ev.expected_label == "Expected" and ev.hints
    spec = next(e for e in s.scenario.events if e.id == ev.id)
    eff = s.snapshot().effectiveness
    for choice, c in zip(ev.choices, spec.choices):
        scale = eff[c.category] if c.category else 1.0
        want = {m: v * scale for m, v in c.effects.items()}
        for d in c.delayed:
            want[d.metric] = want.get(d.metric, 0.0) + d.amount * scale
        want["budget"] = want.get("budget", 0.0) - c.cost
        for e in choice.effects:
            assert e.amount == pytest.approx(want[e.metric], abs=1e-6), (choice.label, e)
            assert e.words == f"{e.title} {e.amount:+.0f}"
        biggest = max((abs(v) for v in want.values()), default=0)
        assert (not choice.effects) == (biggest < 0.5)
    expert = event_in(Session(load("startup"), 1, "expert"))  # no sizes, but which way: '<title> up/down'
    assert expert.hints and expert.expected_label == "Expected direction"
    assert all(e.words == f"{e.title} {'up' if e.amount > 0 else 'down'}" for c in expert.choices for e in c.effects)


def investors(difficulty: str):
    """The tutorial's 'Investors ask for numbers' (budget +18k or -8k), answered at `difficulty`."""
    from game.scenario.loader import load_text_bytes

    loaded = load("tutorial")
    data = yaml.safe_load(loaded.text)
    data["events"] = [dict(e, when="true", probability=1.0) for e in data["events"] if e["id"] == "investor_review"]
    s = Session(load_text_bytes(yaml.safe_dump(data).encode(), "investors.yaml"), 1, difficulty)
    s.decide(Decision((), None))  # events come from turn 2 on
    ev = event(s)
    assert ev is not None and ev.id == "investor_review"
    return ev


@pytest.mark.parametrize("difficulty, plan, vision", [
    ("guided", r"Budget \+\d+k", r"Budget -\d+k"),
    ("standard", "Budget up •+", "Budget down •+"),
    ("expert", "Budget up", "Budget down")])
def test_an_event_answer_says_which_way_at_every_difficulty(difficulty, plan, vision):
    """s6 player 2, finding 10: on Standard both investor answers read 'Budget •••', one +18k and one
    -8k, so the game's biggest swing was a guess. The direction shows at every difficulty; the size only
    as the difficulty shows sizes (dots on Standard, none on Expert)."""
    ev = investors(difficulty)
    words_of = {c.id: [e.words for e in c.effects] for c in ev.choices}
    import re

    assert re.fullmatch(plan, words_of["present_plan"][0]) and re.fullmatch(vision, words_of["present_vision"][0])
    assert len(set(words_of["present_plan"]) & set(words_of["present_vision"])) == 0


def test_an_answer_with_more_changes_than_it_shows_counts_the_rest():
    """As a card says '… and N more', an answer with five changes shows three and counts two; the rest keep
    their words (a terminal lists them), largest first."""
    from game.scenario.loader import load_text_bytes
    from game.views.event import SHOWN

    data = yaml.safe_load(load("tutorial").text)
    five = {"budget": 12, "morale": -9, "process": 6, "stress": 4, "trust": -2}
    data["events"] = [{"id": "big", "title": "A big choice", "text": "Many things move.", "when": "true",
                       "probability": 1.0, "choices": [{"id": "all", "label": "Move them all", "effects": five},
                                                       {"id": "one", "label": "Move one", "effects": {"morale": 2}}]}]
    for difficulty in ("guided", "standard", "expert"):
        s = Session(load_text_bytes(yaml.safe_dump(data).encode(), "big.yaml"), 1, difficulty)
        s.decide(Decision((), None))
        many, one = event(s).choices
        assert [e.metric for e in many.effects] == ["budget", "morale", "process"] and SHOWN == 3
        assert [e.metric for e in many.more_effects] == ["stress", "trust"]
        assert many.more_count_text == "… and 2 more"
        assert many.more_text == "… and 2 more: " + ", ".join(e.timed_words for e in many.more_effects)
        assert one.more_effects == () and one.more_count_text == "" and one.more_text == ""
    assert [e.words for e in many.more_effects] == ["Stress up", "Trust down"]  # expert, the last one


def event_in(s: Session):
    s.decide(Decision(first_cards(s), None))
    return event(s)
