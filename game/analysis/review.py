"""A game review like a chess engine's: every decision of a game against the best one found, with the same luck.

Why it can be exact rather than a guess: every random number is a pure function
of (the game's key, turn, stream, index) (model/rng.py), so a copy of the game's
state with the same key faces exactly the luck the player faced, whatever is
decided. The review replays the game to the start of each turn, copies that
position once per candidate decision (every legal decision when there are at
most MAX_CANDIDATES of them, otherwise the best-looking ones, see
`candidate_decisions`), plays each candidate's turn and lets a strong bot
finish the game, all candidates of a turn in one batch through the model.

What a turn's figures mean:
- value: the final score the game reaches when this decision is taken and the
  strong bot plays every later turn (same luck); for the decision the player
  took in a finished game, the player's own final score when that is higher
  (the player's later play is a known line on the same luck, and strong play,
  though strong, is not perfect: near a win's threshold it can lose a win the
  player kept, and the player must not be charged for that);
- loss: best value minus the value of the decision the player took (0 when the
  player's decision was the best found);
- label: by the loss in points, see LABELS;
- a decision is worth at least what the best decision found at the next turn
  makes of it: the review tries every decision at turn t + 1 too, in the game
  the player's decision at t left, so the best found there is a known line
  after that decision (strong play after a turn can miss a win that a better
  next decision still reaches: a new player's turn 6 read as a 111-point
  blunder while changing turn 8 alone won, s6 player 2 finding 2); so the
  value of the player's decision at t is the best of strong play after it,
  the player's own later play, and the best value found at turn t + 1;
- evaluation after turn t: the value of the player's decision at turn t, i.e.
  the best final score found still within reach after it; before turn 1 the
  best value found at turn 1 (at least the par, the strong bot's score on the
  same seed from the first turn). Then the line falls at each turn by exactly
  that turn's loss (the best value found at t is the line before t), so the
  turns' losses add up to its start minus the final score: one figure a turn.

The strong bot sits behind `continuation_policy` (one function, so switching
to a stronger one is one line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Callable

import numpy as np

from ..model.batch import play_to_end
from ..model.context import expected_effects, metric_value_weights, situation
from ..model.rules import Rules
from ..model.scoring import score
from ..model.state import NO_EVENT, State
from ..model.step import step
from ..session import Decision, DecisionError, Session

MAX_CANDIDATES = 2048  # a turn of the built-in scenarios has at most about 1700 legal decisions

# (label, the loss in points from which it applies), checked from the worst down.
LABELS = (("blunder", 40.0), ("mistake", 15.0), ("inaccuracy", 5.0), ("good", 0.0))
LABEL_HELP = ("good: loses less than 5 points against the best decision found; inaccuracy: 5 to 15; "
              "mistake: 15 to 40; blunder: 40 points or more (scores are out of 1000)")
BOT_NAME = "expert"
# The costliest turns shown are distinct moments: neighbouring turns often lose points for one reason
# (the same thing left undone two turns running), so no two shown turns are closer than this.
COSTLY_APART = 2


def continuation_policy(rules: Rules) -> Callable:
    """The strong bot that finishes every candidate game and sets the par: the expert (analysis/expert.py),
    found by search on this scenario (built-ins ship it; another scenario is searched once and cached)."""
    from .expert import policy_for

    return policy_for(rules)


def label_for(loss: float) -> str:
    return next(name for name, threshold in LABELS if loss >= threshold)


@dataclass
class TurnReview:
    turn: int  # 1-based
    phase: int  # phase index at the start of the turn
    chosen: Decision  # as the game logged it
    best: Decision  # the best decision found (the chosen one when nothing beats it)
    chosen_value: float  # final score with the chosen decision and the bot after it
    best_value: float
    candidates: int  # decisions tried
    legal_count: int  # legal decisions in all (more than candidates when the set was narrowed)
    chosen_path: np.ndarray = field(repr=False)  # (T - turn + 2, M) metrics from the start of the turn to the end
    best_path: np.ndarray = field(repr=False)
    chosen_ending: int = -1  # ending index each line reaches
    best_ending: int = -1
    strong: Decision | None = None  # strong play's own decision at this turn (what the bot would have done)
    strong_value: float = float("nan")  # the final score with it (same luck, the bot after it)
    own_play: bool = False  # chosen_value (and path, ending) is the game's own result: the player's later play
    #                         did better after this decision than strong play after it
    above_typical: float = 0.0  # the chosen decision's final score minus the median of every decision tried at
    #                             this turn, strong play after each (same luck): what choosing well was worth
    kept_to: int = 0  # the line that values the chosen decision keeps the player's own decisions to this turn
    #                   (0: only this turn's), then takes
    then_best: bool = False  # the better decision found at turn kept_to + 1 (then strong play); else strong play
    #                          (or, with own_play, the player's own later play)
    idle_cost: float = float("nan")  # the best value found at this turn minus doing nothing's (the game's own
    #                                  answer, strong play after each, same luck): never below 0; nan if not tried
    typical_ending: int = -1  # the ending the typical decision's line reaches (the one at the median's place)
    same_ending: int = 0  # how many of the decisions tried reach the ending the chosen one's line reaches
    chosen_line_ending: int = -1  # that ending (strong play after the chosen decision, never the own play's)

    @property
    def valued_later(self) -> bool:
        """The chosen decision is valued by more than strong play right after it: by the player's own later
        play, or by a later turn's decision (the player's own, or the better one found there)."""
        return self.own_play or self.then_best or self.kept_to > self.turn

    @property
    def loss(self) -> float:
        return round(max(self.best_value - self.chosen_value, 0.0), 3)

    @property
    def label(self) -> str:
        return label_for(self.loss)

    @property
    def exhaustive(self) -> bool:
        return self.candidates >= self.legal_count


@dataclass(frozen=True)
class EvalMove:
    """One turn's move of the evaluation line, split into its causes."""

    turn: int
    change: float  # evaluation after the turn minus before it
    decision: float  # your decision's value minus strong play's own decision's (same luck)
    rest: float  # what moved it besides the turn's loss: zero, since every line shares the luck (kept to show it)
    same_as_strong: bool  # you took strong play's own decision


def same_decision(a: Decision | None, b: Decision) -> bool:
    """The same actions (in any order) and the same answer."""
    return a is not None and set(a.actions) == set(b.actions) and a.choice == b.choice


_same = same_decision


def _lost_ending(t: TurnReview) -> bool:
    return t.best_ending != t.chosen_ending


@dataclass(frozen=True)
class Moment:
    """One of the costliest moments: a turn, or neighbouring turns that each lost the same ending."""

    turns: tuple[TurnReview, ...]  # in turn order

    @property
    def key(self) -> TurnReview:
        """The costliest of its turns (the earliest on a tie): the one whose numbers are shown."""
        return max(self.turns, key=lambda t: (t.loss, -t.turn))

    @property
    def loss(self) -> float:
        return self.key.loss

    @property
    def first(self) -> int:
        return self.turns[0].turn

    @property
    def last(self) -> int:
        return self.turns[-1].turn


@dataclass
class Review:
    scenario_id: str
    seed: int
    score: float  # the game's own score (so far, if unfinished)
    par: float
    finished: bool
    bot: str
    turns: list[TurnReview]
    history: np.ndarray  # (turns + 1, M) the game's metrics at the start of each turn and at the end
    par_path: np.ndarray  # (T + 1, M) the bot's own game on this seed
    par_mix: np.ndarray  # (P, 3) the bot's actions per phase and category in that game
    positions: list[State] = field(default_factory=list, repr=False)  # the game at the start of each turn
    # practice_outcome by turn (and the game it was asked of): a costly turn's promise and its turn row ask
    # for the same replay
    practised: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def evaluation(self) -> list[float]:
        """The best final score found still within reach before turn 1 (the best value found at turn 1, at
        least the par) and after each turn (the value of the player's decision there, see TurnReview)."""
        start = self.turns[0].best_value if self.turns else self.par
        return [start] + [t.chosen_value for t in self.turns]

    def moves(self) -> list["EvalMove"]:
        """How the evaluation line moved at each turn. Before turn t it is the best value found at turn t (the
        value of the decision at t - 1 is at least that, and strong play's own decision at t, which is among
        those tried, is what strong play after t - 1 does); after it, the value of yours. So the move is minus
        the turn's loss, and `rest` (what else moved it) is zero: luck, events and delayed effects land alike
        on every line tried, which all face the same random numbers. `decision` is your decision's value
        against strong play's own choice there."""
        ev = self.evaluation
        return [EvalMove(t.turn, t.chosen_value - ev[k], t.chosen_value - t.strong_value,
                         t.chosen_value - ev[k] + t.loss, _same(t.strong, t.chosen))
                for k, t in enumerate(self.turns)]

    def moments(self, apart: int = COSTLY_APART) -> list["Moment"]:
        """The turns that cost points (none labelled good), in turn order, as moments: a run of turns that
        each lost the same ending (the win slipping away over turns 20 to 22) is one moment, not three."""
        out: list[Moment] = []
        for t in self.turns:
            if t.label == "good":
                continue
            last = out[-1].turns[-1] if out else None
            if last is not None and t.turn - last.turn <= apart and _lost_ending(last) \
                    and (t.chosen_ending, t.best_ending) == (last.chosen_ending, last.best_ending):
                out[-1] = Moment(out[-1].turns + (t,))
            else:
                out.append(Moment((t,)))
        return out

    def costliest(self, n: int = 3, apart: int = COSTLY_APART) -> list["Moment"]:
        """The n costliest distinct moments, costliest first (ties: earlier first): none within `apart - 1`
        turns of a costlier one already chosen (a turn next to a chosen one is left out, however much it
        lost, so three neighbouring mistakes show as one moment), and no turn labelled good."""
        chosen: list[Moment] = []
        for m in sorted(self.moments(apart), key=lambda m: (-m.loss, m.first)):
            if len(chosen) == n:
                break
            if all(m.first - c.last >= apart or c.first - m.last >= apart for c in chosen):
                chosen.append(m)
        return chosen

    def to_json(self) -> dict:
        return {"score": round(self.score, 3), "par": round(self.par, 3),
                "turns": [{"turn": t.turn, "chosen": t.chosen.to_json(), "best": t.best.to_json(),
                           "loss": t.loss, "label": t.label} for t in self.turns]}


# --- candidate decisions -------------------------------------------------------

def _legal_action_sets(rules: Rules, state: State) -> list[tuple[int, ...]]:
    """Every set of actions Session.check accepts at this position (run 0), in a fixed order."""
    legal = situation(rules, state)[0][0]
    budget = float(state.x[0, rules.budget_index])
    costs = rules.cost_budget
    usable = [a for a in np.flatnonzero(legal) if not (costs[a] > 0 and budget < costs[a])]
    out: list[tuple[int, ...]] = []
    for size in range(0, rules.action_points + 1):
        for combo in combinations(usable, size):
            paid = float(sum(costs[a] for a in combo))
            if sum(int(rules.cost_ap[a]) for a in combo) <= rules.action_points and \
                    not (paid > 0 and paid > budget + 1e-9):
                out.append(tuple(int(a) for a in combo))
    return out


def _answers(rules: Rules, state: State) -> list[int | None]:
    e = int(state.event[0])
    return [None] if e == NO_EVENT else list(range(int(rules.n_choices[e])))


def _narrow(rules: Rules, state: State, sets: list[tuple[int, ...]], keep: int) -> list[tuple[int, ...]]:
    """The `keep` action sets whose summed expected value looks best (as the greedy bots judge actions)."""
    legal, eff = situation(rules, state)
    value = expected_effects(rules, state, eff)[0] @ metric_value_weights(rules)
    ranked = sorted(range(len(sets)), key=lambda i: (-sum(value[a] for a in sets[i]), i))
    return [sets[i] for i in sorted(ranked[:keep])]


def candidate_decisions(rules: Rules, state: State, must: list[tuple[tuple[int, ...], int | None]]
                        ) -> tuple[list[tuple[tuple[int, ...], int | None]], int]:
    """(candidates, how many legal decisions there are): every legal decision when they are few enough,
    else the best-looking action sets (by the bots' own valuation) with every answer, plus `must`."""
    sets, answers = _legal_action_sets(rules, state), _answers(rules, state)
    total = len(sets) * len(answers)
    if total > MAX_CANDIDATES:
        sets = _narrow(rules, state, sets, max(1, MAX_CANDIDATES // len(answers) - len(must)))
    out = [(s, c) for s in sets for c in answers]
    seen = set(out)
    out += [m for m in must if m not in seen]
    return out, total


# --- decisions as the session sees them ------------------------------------------

def _as_arrays(rules: Rules, decision: Decision, state: State) -> tuple[tuple[int, ...], int | None]:
    acts = tuple(sorted(rules.actions.index(a) for a in decision.actions))
    e = int(state.event[0])
    if e == NO_EVENT:
        return acts, None
    ids = [c.id for c in rules.scenario.events[e].choices]
    return acts, ids.index(decision.choice)


def _as_decision(rules: Rules, state: State, acts: tuple[int, ...], answer: int | None) -> Decision:
    e = int(state.event[0])
    choice = rules.scenario.events[e].choices[answer].id if answer is not None and e != NO_EVENT else None
    return Decision(tuple(rules.actions[a] for a in acts), choice)


def _bot_first_move(rules: Rules, state: State, decide: Callable) -> tuple[tuple[int, ...], int | None]:
    actions, choice = decide(rules, state)
    acts = tuple(int(a) for a in np.flatnonzero(actions[0]))
    return acts, (int(choice[0]) if int(state.event[0]) != NO_EVENT else None)


# --- playing candidates on -------------------------------------------------------

def play_candidates(rules: Rules, start: State, candidates: list, decide: Callable
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(N,) final scores, (N, steps + 1, M) metric paths and (N,) endings of each candidate decision played
    from `start` (one run) and the bot after it; every copy keeps the game's key, so all face the same luck."""
    n = len(candidates)
    state = start.take(np.zeros(n, dtype=np.int64))
    actions = np.zeros((n, len(rules.actions)), dtype=bool)
    choice = np.zeros(n, dtype=np.int64)
    for i, (acts, answer) in enumerate(candidates):
        actions[i, list(acts)] = True
        choice[i] = answer or 0
    first = state.x.copy()
    step(rules, state, actions, choice)
    path = play_to_end(rules, state, decide, keep_path=True)
    return score(rules, state), np.concatenate([first[:, None, :], path], axis=1), state.ending.copy()


def _replay_positions(session: Session) -> tuple[list[State], np.ndarray]:
    """The state at the start of every turn of the session's game, and its metrics after each turn."""
    replay = Session(session.loaded, session.seed, session.difficulty)
    positions = []
    for decision in session.log:
        positions.append(replay.state.copy())
        replay.decide(decision)
    return positions, np.array(replay.history)


def _padded(path: np.ndarray, steps: int) -> np.ndarray:
    """A game's own path, from a turn to its end, as long as a candidate's: a game that ended early stays
    where it ended (as a batch run's finished game does)."""
    if len(path) >= steps:
        return path[:steps]
    return np.concatenate([path, np.repeat(path[-1:], steps - len(path), axis=0)])


def review(session: Session, progress: Callable[[int, int], None] | None = None) -> Review:
    """Review every turn the session's game has played (it may be unfinished)."""
    rules = session.rules
    decide = continuation_policy(rules)
    positions, history = _replay_positions(session)
    par_state = positions[0].copy() if positions else Session(session.loaded, session.seed, session.difficulty).state
    par_path = play_to_end(rules, par_state, decide, keep_path=True)[0]
    par = float(score(rules, par_state)[0])
    # A finished game's own line is a known result of every decision it took, on the same luck: a decision is
    # worth at least what the player's own later play made of it (strong play is strong, not perfect: near
    # a win's threshold it can lose a win the player kept).
    own = (session.score(), int(session.state.ending[0])) if session.done else None
    turns = []
    total = len(positions)
    for t, (state, decision) in enumerate(zip(positions, session.log), 1):
        mine = _as_arrays(rules, decision, state)
        bots = _bot_first_move(rules, state, decide)
        cands, legal_count = candidate_decisions(rules, state, [mine, bots])
        values, paths, endings = play_candidates(rules, state, cands, decide)
        i_mine, i_bot = cands.index(mine), cands.index(bots)
        idle = ((), mine[1])  # what a turn left empty is worth (s7 player 3 finding 2: 'good' for no action)
        idle_cost = float(values.max() - values[cands.index(idle)]) if idle in cands else float("nan")
        chosen = (float(values[i_mine]), paths[i_mine], int(endings[i_mine]))
        own_play = own is not None and own[0] > chosen[0] + 1e-9
        if own_play:  # the player's own later play did better than strong play after this decision
            chosen = (own[0], _padded(history[t - 1:], len(paths[i_mine])), own[1])
        i_best = int(np.argmax(values))
        if values[i_best] <= chosen[0] + 1e-9:
            i_best = i_mine  # ties go to the player
        best = chosen if i_best == i_mine else (float(values[i_best]), paths[i_best], int(endings[i_best]))
        turns.append(TurnReview(
            turn=t, phase=int(state.phase[0]), chosen=decision,
            best=decision if i_best == i_mine else _as_decision(rules, state, *cands[i_best]),
            chosen_value=chosen[0], best_value=best[0],
            candidates=len(cands), legal_count=legal_count,
            chosen_path=chosen[1], best_path=best[1], chosen_ending=chosen[2], best_ending=best[2],
            strong=_as_decision(rules, state, *bots),
            strong_value=chosen[0] if i_bot == i_mine else float(values[i_bot]), own_play=own_play,
            above_typical=float(values[i_mine] - np.median(values)), idle_cost=idle_cost,
            typical_ending=int(endings[np.argsort(values, kind="stable")[len(values) // 2]]),
            same_ending=int(np.sum(endings == endings[i_mine])), chosen_line_ending=int(endings[i_mine])))
        if progress:
            progress(t, total)
    _value_by_next_turn(turns, history)
    return Review(session.scenario.id, session.seed, session.score(), par, session.done, BOT_NAME,
                  turns, history, par_path, par_state.mix[0].copy(), positions)


def _value_by_next_turn(turns: list[TurnReview], history: np.ndarray) -> None:
    """Value each chosen decision by the best value found at the next turn too (see the module's docstring),
    from the last turn back, so a decision is worth the best found at any later turn with the player's own
    decisions in between. Where that makes the chosen decision worth at least the best found at its own turn,
    it is the best (ties go to the player, as in `review`)."""
    for cur, nxt in zip(reversed(turns[:-1]), reversed(turns[1:])):
        if nxt.best_value <= cur.chosen_value + 1e-9:
            continue
        if _same(nxt.best, nxt.chosen):  # the player's own next decision: its line, whatever values it
            cur.kept_to, cur.then_best = max(nxt.kept_to, nxt.turn), nxt.then_best
        else:
            cur.kept_to, cur.then_best = cur.turn, True
        cur.chosen_value, cur.chosen_ending, cur.own_play = nxt.best_value, nxt.best_ending, False
        # a batch whose every game ended early has a shorter path: padded as a finished game stays where it ended
        cur.chosen_path = _padded(np.concatenate([history[cur.turn - 1:cur.turn], nxt.best_path]),
                                  len(cur.chosen_path))
        if _same(cur.strong, cur.chosen):
            cur.strong_value = cur.chosen_value
        if cur.chosen_value >= cur.best_value - 1e-9:
            cur.best, cur.best_value = cur.chosen, cur.chosen_value
            cur.best_path, cur.best_ending = cur.chosen_path, cur.chosen_ending


ANSWER_TIE = 0.5  # points: answers closer than this did equally well (scores are shown as whole points)


@dataclass(frozen=True)
class AnswerLines:
    """Every answer to the event of one turn, each with the game's own actions that turn and strong play after
    it, on the same luck: what each answer was worth in that very game."""

    turn: int
    answers: tuple[str, ...]  # choice ids, in the scenario's order
    given: int  # index of the answer the game gave
    values: np.ndarray  # (K,) final scores
    paths: np.ndarray  # (K, steps + 1, M) metrics from the start of the turn
    endings: np.ndarray | None = None  # (K,) each line's ending index (-1: none), so a debrief can say when an
    #                                    answer's points are mostly a loss avoided

    @property
    def best(self) -> tuple[int, ...]:
        """The answers that did best: every one within ANSWER_TIE points of the highest (as good, as shown)."""
        top = float(self.values.max())
        return tuple(k for k, v in enumerate(self.values) if v >= top - ANSWER_TIE)


_policies: dict[int, tuple[Rules, Callable]] = {}


def _continuation(rules: Rules) -> Callable:
    """continuation_policy, found once per compiled rules (a room replays many answers on the same rules)."""
    kept = _policies.get(id(rules))
    if kept is None or kept[0] is not rules:
        kept = _policies[id(rules)] = (rules, continuation_policy(rules))
    return kept[1]


def answer_lines(session: Session, review: Review, turn: int) -> AnswerLines | None:
    """Each answer to the event the game met at `turn`, played from the position the game was in, with the
    actions the game took that turn and strong play after it (as the review values every decision), all
    on the same luck; None when no event waited at that turn."""
    rules, state = session.rules, review.positions[turn - 1]
    e = int(state.event[0])
    if e == NO_EVENT:
        return None
    acts, given = _as_arrays(rules, session.log[turn - 1], state)
    answers = _answers(rules, state)
    values, paths, ends = play_candidates(rules, state, [(acts, a) for a in answers], _continuation(rules))
    return _own_answer(review.turns[turn - 1] if turn <= len(review.turns) else None,
                       AnswerLines(turn, tuple(c.id for c in rules.scenario.events[e].choices), int(given), values,
                                   paths, ends))


def _own_answer(tr: TurnReview | None, lines: AnswerLines) -> AnswerLines:
    """The answer the game gave, with the game's own actions, is the decision the review valued: where the
    player's own later play, or a later turn's decision, did better than strong play right after it, it is
    worth that (as in `review`)."""
    if tr is None or not tr.valued_later:
        return lines
    values, paths = lines.values.copy(), lines.paths.copy()
    values[lines.given] = tr.chosen_value
    paths[lines.given] = tr.chosen_path[:paths.shape[1]]
    ends = None if lines.endings is None else lines.endings.copy()
    if ends is not None:  # the team's own later play: its game's own ending
        ends[lines.given] = tr.chosen_ending
    return AnswerLines(lines.turn, lines.answers, lines.given, values, paths, ends)


def best_line_takes(session: Session, review: Review, turn: int) -> tuple[tuple[str, int | None], ...]:
    """Each action of the player's decision at `turn` that the better decision leaves out, with the first later
    turn at which strong play, after the better decision (same luck), takes it (None: never in that game).

    Why: a course the player took can lose points against a better decision that leaves it out only to take it
    a turn later; 'better: no course' then read as 'do not develop your skills' (a new player's s6 finding 3),
    when the better line puts the course off, it does not drop it."""
    tr = review.turns[turn - 1]
    dropped = [a for a in tr.chosen.actions if a not in tr.best.actions]
    if not dropped or _same(tr.best, tr.chosen):
        return ()
    rules, start = session.rules, review.positions[turn - 1]
    decide = _continuation(rules)
    state = start.take(np.zeros(1, dtype=np.int64))
    acts, answer = _as_arrays(rules, tr.best, start)
    actions = np.zeros((1, len(rules.actions)), dtype=bool)
    actions[0, list(acts)] = True
    step(rules, state, actions, np.array([answer or 0], dtype=np.int64))
    wanted = {rules.actions.index(a): a for a in dropped}
    first: dict[str, int] = {}
    later = turn
    while not state.done.all() and len(first) < len(wanted):
        later += 1
        actions, choice = decide(rules, state)
        for i in np.flatnonzero(actions[0]):
            if int(i) in wanted:
                first.setdefault(wanted[int(i)], later)
        step(rules, state, actions, choice)
    return tuple((a, first.get(a)) for a in dropped)


def practice_line(session: Session, review: Review, turn: int) -> tuple[float, int]:
    """(the score, how many later decisions were not open): the game replayed to `turn`, the better decision
    found there, then the player's own later decisions again, as far as the game went; where one of them is not
    open in that game (a card resting, an event that did not come), strong play's decision that turn instead.

    Why: a practice from a costly turn plays the player's own later moves, not strong play's. The loss counts
    strong play after the better decision, and a player who followed it and repeated the rest got +2.8 where
    the review said 7.1 points were lost (s7 player 3, finding 4); this is what such a practice gets, on the
    same luck (measured: that very practice scored 692.04, this line 692.04)."""
    score, blocked = practice_outcome(session, review, turn)
    return score, len(blocked)


def practice_outcome(session: Session, review: Review, turn: int) -> tuple[float, tuple[tuple[int, str], ...]]:
    """(the score, each later turn whose decision was not open, with why): practice_line's game, which names
    the turns. Why: a player practised the turn the review said the line fell most at, took the better decision,
    found their planned Coach of turn 14 resting and scored 3.9 fewer, and nothing had warned them (s7 player 4,
    finding 1). The reason is the game's own refusal (DecisionError's words: 'resting: available again in 1
    turn')."""
    key = (turn, len(session.log), session.state.digest())  # the game reviewed, as it stands
    if key in review.practised:
        return review.practised[key]
    tr = review.turns[turn - 1]
    game = session.replayed(turn - 1)
    game.decide(tr.best)
    decide, blocked = _continuation(session.rules), []
    for t, d in enumerate(session.log[turn:], start=turn + 1):
        if game.done:
            break
        try:
            game.decide(Decision(d.actions, d.choice))
        except DecisionError as exc:
            blocked.append((t, str(exc)))
            game.decide(_as_decision(game.rules, game.state, *_bot_first_move(game.rules, game.state, decide)))
    review.practised[key] = game.score(), tuple(blocked)
    return review.practised[key]
