"""The tutorial's advice and its review agree (a fresh player's finding 6 of 2026-12-01).

The tutorial said "try leading with leadership first", and the review then marked following it an
inaccuracy, because the best opening found is to develop both skills. The strong play is right (the
game's lesson: development pays off later), so the advice now says it: each step of the advice is
checked against what the expert, the review's strong bot, does in the tutorial."""

from __future__ import annotations

from game.autoplay import play_bot
from game.scenario.loader import load
from game.session import Session

WORDS = {"development": "skills", "leadership": "leadership", "management": "management"}


def test_the_tutorials_advice_is_what_the_strong_play_of_its_review_does():
    loaded = load("tutorial")
    sc = loaded.scenario
    kind = {a.id: a.category for a in sc.actions}
    advice = " ".join(sc.briefing.split("\n\n")[-1].split())
    advice = advice[advice.index("Try"):]
    for seed in (1, 5):
        s = play_bot(Session(loaded, seed), "expert")
        opening = {kind[a] for a in s.log[0].actions}
        mix = s.mix()
        first, second = (max(("leadership", "management"), key=mix[p.id].get) for p in sc.phases)
        steps = [opening.pop() if len(opening) == 1 else None, first, second]
        assert None not in steps and len(set(steps)) == 3, (seed, steps)  # three distinct steps, as advised
        at = [advice.index(WORDS[step]) for step in steps]
        assert at == sorted(at), (advice, steps)  # the advice names them in the order strong play takes them
