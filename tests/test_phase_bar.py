"""The dashboard's phase bar means one thing in every phase: this phase's turns up to this one,
with its words ('turn 2 of 6 in this phase'); it began each phase empty and in the last phase showed
the whole game instead, so it jumped to half full at the change (player s5 finding 9)."""

from game.autoplay import bot_decision
from game.scenario.loader import load
from game.session import Session
from game.views.dashboard import phase_info


def test_the_phase_bar_starts_each_phase_afresh_and_fills_through_it():
    s = Session(load("tutorial"), 255185, "standard")
    seen = []
    while not s.done:
        seen.append(phase_info(s))
        s.decide(bot_decision(s, "adaptive"))
    titles = [p.title for p in seen]
    change = next(i for i, t in enumerate(titles) if t != titles[0])
    for part in (seen[:change], seen[change:]):
        assert part[0].phase_turn == 1 and part[0].progress == 1 / len(part), part[0]
        assert [p.phase_turn for p in part] == list(range(1, len(part) + 1))
        assert all(a.progress < b.progress for a, b in zip(part, part[1:]))
        assert {p.phase_turns for p in part} == {len(part)}
        assert part[-1].progress == 1 and part[-1].progress_text == f"turn {len(part)} of {len(part)} in this phase"
    assert phase_info(s).progress == 1.0
