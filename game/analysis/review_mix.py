"""The game's one answer to "what mix does this phase reward": the mix strong play uses there.

A phase's weights say how strongly each kind of action works in it (leadership
at 1.5x, management at 0.7x), not which mix pays: the best mix also depends on
what the team needs, on skills and on money, and a phase can reward a mix far
from its weights' ratio. So the game's answer is what the strongest play we
have (the expert, analysis/expert.py) really does: its share of leadership
among its leadership and management actions in each phase, over
REFERENCE_GAMES games of its own. That is a property of the scenario, the same
for every seed and every player, and it follows the lesson the model is
checked for (startup leans on leadership, a mature company on management).

Every screen that judges a mix takes it from here: the debrief's mix table and
insight (window, terminal, the web end screen), the review's insights, the
workshop report's marker line, its legend and its class summary. `is_close`
is the one rule for "close to strong play".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.batch import play_batch
from ..model.rules import DEV, LEAD, MGMT, Rules

CLOSE = 0.15  # a leadership share within 15 points of strong play's is "close to strong play"
REFERENCE_SEED = 1
REFERENCE_GAMES = 200  # the expert's mix barely moves between games (within a point or two on the built-ins)


@dataclass(frozen=True)
class StrongMix:
    """What strong play does in one phase, per game on average."""

    phase: str
    leadership: float  # actions per game
    management: float
    development: float

    @property
    def counts(self) -> tuple[float, float, float]:
        """Leadership, management and development actions per game, in that order (as a mix row has them)."""
        return self.leadership, self.management, self.development

    @property
    def total(self) -> float:
        return sum(self.counts)

    @property
    def split(self) -> tuple[float, float, float]:
        """Each kind's share of ALL the actions (leadership, management, development): what the room sees in
        the mix bars, development included (a trainer's finding: 'strong play: 100% leadership' hid that a
        fifth of its startup actions were development)."""
        return shares(*self.counts) or (0.0, 0.0, 0.0)

    @property
    def counts_words(self) -> str:
        """'33 leadership, 0 management, 9 development actions' (per game)."""
        return (f"{self.leadership:.0f} leadership, {self.management:.0f} management, "
                f"{self.development:.0f} development actions")

    @property
    def share(self) -> float | None:
        """Leadership's share of the leadership and management actions; None when it takes neither."""
        total = self.leadership + self.management
        return self.leadership / total if total > 1e-9 else None


def whole_game(mix: dict[str, StrongMix]) -> StrongMix:
    """Strong play's mix over the whole game: every phase's actions added up."""
    return StrongMix("game", sum(m.leadership for m in mix.values()), sum(m.management for m in mix.values()),
                     sum(m.development for m in mix.values()))


def lean_words(mix: StrongMix) -> str:
    """What a mix did, in words a room reads: 'it led and built skills', 'it managed', 'it balanced leading and
    managing'. Development is named whenever it is a tenth of the actions or more, so a mostly-leadership
    phase never reads as 'pure leadership'."""
    share = mix.share
    kind = ("it took no leadership or management action" if share is None else "it led" if share >= 0.65 else
            "it managed" if share <= 0.35 else "it balanced leading and managing")
    return kind + (" and built skills" if mix.split[2] >= 0.1 else "")


def strong_words(title: str, mix: StrongMix) -> str:
    """'Strong play in Startup: 33 leadership, 0 management, 9 development actions: it led and built skills.'"""
    return f"Strong play in {title}: {mix.counts_words}: {lean_words(mix)}."


def whole_game_words(mix: dict[str, StrongMix]) -> str:
    """'Strong play over the whole game: 40 leadership, 41 management, 9 development actions: it balanced
    leading and managing and built skills, adapting the mix to each phase.' (the README's lesson, measured)."""
    game = whole_game(mix)
    shares = [m.share for m in mix.values() if m.share is not None]
    adapted = len(shares) > 1 and not is_close(min(shares), max(shares))
    return (f"Strong play over the whole game: {game.counts_words}: {lean_words(game)}"
            + (", adapting the mix to each phase." if adapted else "."))


def shares(leadership: float, management: float, development: float) -> tuple[float, float, float] | None:
    """Each kind's share of all the actions, or None when there are none: the one sum behind every mix shown
    as shares (the report's bars, the slides' table, the words)."""
    total = leadership + management + development
    return (leadership / total, management / total, development / total) if total > 1e-9 else None


def split_words(leadership: float, management: float, development: float) -> str:
    """'45% leadership, 35% management, 20% development': a mix as shares of all its actions."""
    s = shares(leadership, management, development)
    if s is None:
        return "no actions"
    return f"{s[0]:.0%} leadership, {s[1]:.0%} management, {s[2]:.0%} development"


_memory: dict[tuple[str, int], dict[str, StrongMix]] = {}


def strong_mix(rules: Rules, search: bool = True) -> dict[str, StrongMix] | None:
    """Strong play's mix per phase id. With search=False, None when the expert is not known yet (a scenario
    never reviewed on this machine): finding it takes minutes, which a debrief screen must not wait for."""
    from . import expert

    params = expert.params_for(rules) if search else expert.known_params(rules)
    if params is None:
        return None
    key = (expert.content_key(rules, None), id(params))  # expert keeps each strategy it found for good
    if key in _memory:
        return _memory[key]
    result = play_batch(rules, expert.ExpertPolicy(rules, params), REFERENCE_SEED, REFERENCE_GAMES)
    mix = result.mix.mean(axis=0)  # (P, 3)
    out = {pid: StrongMix(pid, float(mix[p, LEAD]), float(mix[p, MGMT]), float(mix[p, DEV]))
           for p, pid in enumerate(rules.phases)}
    _memory[key] = out
    return out


def strong_share(rules: Rules, phase: str, search: bool = True) -> float | None:
    """Strong play's leadership share in `phase` (None when unknown or when it takes neither kind there)."""
    mix = strong_mix(rules, search)
    return mix[phase].share if mix and phase in mix else None


def balance_words(share: float, strong: float) -> str:
    """'of its leadership and management actions, strong play gave 100% to leadership, you 75%': the one
    share the mix verdict compares (leadership over leadership and management), said as that share. The
    verdict stood beside shares of ALL the actions ('9 actions (75%)' against strong play's '67% leadership,
    0% management, 33% development') and read as wrong (trainer s6 finding 6): 75% is more than 67%, yet
    'strong play leaned further toward leadership'. Whole percents, as is_close compares them."""
    return (f"of its leadership and management actions, strong play gave {round(strong * 100)}% to leadership, "
            f"you {round(share * 100)}%")


def is_close(share: float, strong: float) -> bool:
    """Whether a leadership share is close to strong play's: the one rule every screen's verdict uses. The
    shares are compared as the screens write them (whole percents), so "85%" against "100%" is never close
    in one game and far in another."""
    return abs(round(share * 100) - round(strong * 100)) < round(CLOSE * 100)
