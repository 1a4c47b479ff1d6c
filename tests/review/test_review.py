"""The game review (`leadsim review`): its numbers are what replaying its advice really gives."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game import saves
from game.analysis import review as rv
from game.autoplay import bot_decision, play_bot
from game.cli import main
from game.scenario.loader import load
from game.session import Session

BOT = rv.BOT_NAME


def played(scenario: str, seed: int, bot: str, turns: int | None = None) -> Session:
    session = Session(load(scenario), seed)
    while not session.done and (turns is None or session.turn < turns):
        session.decide(bot_decision(session, bot))
    return session


def replay_to(session: Session, turn: int) -> Session:
    """A fresh session with the first `turn` decisions of `session` played."""
    out = Session(session.loaded, session.seed, session.difficulty)
    for decision in session.log[:turn]:
        out.decide(decision)
    return out


@pytest.fixture(scope="module")
def tutorial_game():
    session = played("tutorial", 3, "balanced")
    return session, rv.review(session)


def test_better_decision_is_legal_and_replayed_with_the_bot_scores_what_the_review_says(tutorial_game):
    session, result = tutorial_game
    assert len(result.turns) == session.turn == session.scenario.turns
    for tr in result.turns:
        for decision, value in ((tr.best, tr.best_value), (tr.chosen, tr.chosen_value)):
            game = replay_to(session, tr.turn - 1)
            game.check(decision)  # legal at its turn (raises DecisionError otherwise)
            game.decide(decision)
            if decision is tr.chosen and tr.valued_later:  # valued by a later line, replayed here as it says
                line_value(session, result, tr, game)
            play_bot(game, BOT)
            if decision is tr.chosen and tr.own_play:  # the player's own later play did better than the bot's
                assert game.score() < value == pytest.approx(session.score(), abs=1e-6), tr.turn
                continue
            assert game.score() == pytest.approx(value, abs=1e-6), (tr.turn, decision)
        assert tr.loss == pytest.approx(max(tr.best_value - tr.chosen_value, 0), abs=1e-3)
        assert tr.loss >= 0 and tr.label == rv.label_for(tr.loss)
    assert any(tr.then_best for tr in result.turns)  # this game has decisions valued by a later better one


def line_value(session: Session, result, tr, game: Session) -> None:
    """Play on `game` (the chosen decision at tr.turn taken) the line the review says values it: the player's
    own decisions to tr.kept_to, then the better decision found at the turn after (when then_best)."""
    for decision in session.log[tr.turn:max(tr.kept_to, tr.turn)]:
        game.decide(decision)
    if tr.then_best:
        game.decide(result.turns[max(tr.kept_to, tr.turn)].best)


def test_a_decision_is_worth_at_least_the_best_found_at_the_next_turn_so_the_line_falls_by_each_loss(tutorial_game):
    """s6 player 2 finding 2: a turn read as a 111-point blunder (strong play after it missed the win) while
    changing a later turn alone still won; and the line's move (-14.9) and the loss (116.6) were two sizes for
    one turn. Now a decision is worth at least the best value found at the next turn, so the line is the best
    still within reach: it falls at each turn by exactly the turn's loss, and the losses add up."""
    session, result = tutorial_game
    ev, turns = result.evaluation, result.turns
    assert ev[0] == pytest.approx(turns[0].best_value) and ev[0] >= result.par - 1e-9
    for k, tr in enumerate(turns):
        assert ev[k] - ev[k + 1] == pytest.approx(tr.loss, abs=2e-3), tr.turn
        if k + 1 < len(turns):
            assert tr.chosen_value >= turns[k + 1].best_value - 1e-9
    assert sum(tr.loss for tr in turns) == pytest.approx(ev[0] - session.score(), abs=0.02)


def test_par_is_the_bot_on_the_same_seed_and_the_evaluation_ends_at_the_score(tutorial_game):
    session, result = tutorial_game
    assert result.par == pytest.approx(play_bot(Session(session.loaded, session.seed), BOT).score(), abs=1e-6)
    ev = result.evaluation
    assert ev[0] >= result.par and len(ev) == session.turn + 1  # the best found from turn 1: at least the par
    assert ev[-1] == pytest.approx(session.score(), abs=1e-6)  # after the last turn nothing is left to play


@pytest.mark.parametrize("scenario, seed, bot", [("tutorial", 3, "balanced"), ("ward", 3, "random")])
def test_the_evaluation_line_moves_only_by_each_turns_loss_and_the_note_says_so(scenario, seed, bot):
    # Fresh finding 15: a turn with loss 0 could still move the line; now it cannot, and the note says why.
    from game.views.review import review_view, text_lines

    session = played(scenario, seed, bot)
    result = rv.review(session)
    moves = result.moves()
    ev = result.evaluation
    for m, tr in zip(moves, result.turns):
        assert m.change == pytest.approx(ev[tr.turn] - ev[tr.turn - 1], abs=1e-9)
        assert m.change == pytest.approx(-tr.loss, abs=2e-3) and m.rest == pytest.approx(0.0, abs=2e-3)
        game = replay_to(session, tr.turn - 1)  # strong play's own decision, replayed, scores what it says
        game.decide(tr.strong)
        if not (rv.same_decision(tr.strong, tr.chosen) and tr.valued_later):
            assert play_bot(game, BOT).score() == pytest.approx(tr.strong_value, abs=1e-6)
    view = review_view(session, result)
    note = view.evaluation_note
    fall = min(moves, key=lambda m: m.change)
    assert f"fell most at turn {fall.turn}, by {-fall.change:.1f} points (the points turn {fall.turn} lost)" \
        in note and "luck" in note and "never rises" in note
    assert f"start ({ev[0]:.1f}" in note and f"minus your score ({session.score():.1f})" in note
    assert note in [line.text for line in text_lines(view)]
    for row in view.turns:  # each turn's row names the line's two points it lies between, which differ by the loss
        if row.loss >= 0.05:
            assert f"{row.loss:.1f} points lost" in row.numbers and f"{ev[row.turn - 1]:.1f} before it" in row.numbers
        assert f"{ev[row.turn]:.1f}" in row.numbers


def test_a_bot_game_reviewed_with_its_own_bot_loses_nothing_at_any_turn():
    """The continuation bot's own moves are always among the candidates, so they can never lose points
    to a decision the bot itself would rather take; its game is worth the par all along."""
    session = played("tutorial", 5, BOT)
    result = rv.review(session)
    assert result.score == pytest.approx(result.par, abs=1e-6)
    assert all(rv.same_decision(t.strong, t.chosen) for t in result.turns)
    # its decisions are worth at least the par (a later turn's search may find more than the bot did there)
    assert all(t.chosen_value >= result.par - 1e-6 for t in result.turns)
    assert result.turns[-1].chosen_value == pytest.approx(result.par, abs=1e-6)


def test_the_candidates_are_exactly_the_decisions_the_session_accepts_when_they_are_few():
    from itertools import combinations

    from game.session import Decision, DecisionError

    session = played("scaleup", 11, "adaptive", turns=3)
    positions, _ = rv._replay_positions(session)
    for t, state in enumerate(positions):
        cands, total = rv.candidate_decisions(session.rules, state, [])
        assert len(cands) == total <= rv.MAX_CANDIDATES
        mine = {rv._as_decision(session.rules, state, a, c) for a, c in cands}
        game = replay_to(session, t)
        answers = [c.id for c in game.event.choices] if game.event else [None]
        accepted = set()
        for size in range(session.rules.action_points + 1):
            for ids in combinations(session.rules.actions, size):
                for answer in answers:
                    try:
                        game.check(Decision(ids, answer))
                    except DecisionError:
                        continue
                    accepted.add(Decision(ids, answer))
        assert mine == accepted


def test_when_there_are_too_many_decisions_a_narrowed_set_still_holds_the_players_and_the_bots(monkeypatch):
    session = played("scaleup", 2, "balanced", turns=3)
    monkeypatch.setattr(rv, "MAX_CANDIDATES", 40)
    result = rv.review(session)
    for tr in result.turns:
        assert not tr.exhaustive and tr.candidates <= 40 + 2
        game = replay_to(session, tr.turn - 1)
        game.decide(tr.best)
        assert play_bot(game, BOT).score() == pytest.approx(tr.best_value, abs=1e-6)


def test_labels_follow_the_documented_thresholds():
    assert [rv.label_for(x) for x in (0, 4.999, 5, 14.9, 15, 39.9, 40, 500)] == \
        ["good", "good", "inaccuracy", "inaccuracy", "mistake", "mistake", "blunder", "blunder"]
    for name, threshold in rv.LABELS[:-1]:
        assert f"{name}" in rv.LABEL_HELP and f"{threshold:g}" in rv.LABEL_HELP


# --- the command --------------------------------------------------------------------

def test_review_json_has_exactly_the_promised_shape_and_is_byte_identical(capsys, tmp_path):
    session = played("tutorial", 8, "management")
    path = tmp_path / "game.json"
    saves.save(session, path)
    assert main(["review", str(path), "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["review", str(path), "--json"]) == 0
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert list(data)[:3] == ["score", "par", "turns"]  # the documented keys first, then readable extras
    assert data["score"] == pytest.approx(session.score(), abs=1e-3)
    assert [t["turn"] for t in data["turns"]] == list(range(1, session.turn + 1))
    titles = {a.id: a.title for a in session.scenario.actions}
    for t, logged in zip(data["turns"], session.log):
        assert list(t)[:5] == ["turn", "chosen", "best", "loss", "label"]
        assert t["chosen"] == logged.to_json()  # the save's own form
        assert set(t["best"]) >= {"actions", "choice"}
        assert t["label"] == rv.label_for(t["loss"])
        # A person reads the names the cards carry, not the ids (a fresh player's finding 9).
        for key, words in (("chosen", "chosen_words"), ("best", "best_words")):
            assert [titles[a] for a in t[key]["actions"]] == t[words].split(", ")[:len(t[key]["actions"])]
    assert data["turns"][-1]["eval"] == pytest.approx(session.score(), abs=1e-3)
    evals = [data["eval_start"]] + [t["eval"] for t in data["turns"]]
    assert data["eval_start"] >= data["par"] - 1e-3
    assert all(t["eval_move"] == pytest.approx(b - a, abs=2e-3) == -t["loss"]
               for t, a, b in zip(data["turns"], evals, evals[1:]))
    assert all(set(t["strong"]) >= {"actions", "choice"} and t["strong_words"] for t in data["turns"])
    assert data["evaluation_note"].startswith("How to read the line")
    assert data["scenario"] == "tutorial" and data["seed"] == 8
    assert all(c["changes"] and c["numbers"] for c in data["costliest"])


def test_review_reads_a_result_file_and_prints_a_readable_review(capsys, tmp_path):
    ws = tmp_path / "ws.json"
    result = tmp_path / "team.json"
    assert main(["workshop", "new", "--scenario", "tutorial", "--seed", "4", "--name", "Monday", "--out", str(ws)]) == 0
    assert main(["simulate", "--workshop", str(ws), "--team", "Blue", "--export", str(result),
                 "--policy", "leadership"]) == 0
    capsys.readouterr()
    assert main(["review", str(result)]) == 0
    out = capsys.readouterr().out
    assert "Par" in out and "Evaluation line" in out and "at least 2 turns apart" in out
    assert "still within reach" in out and "How to read the line" in out  # each turn with its reach (a file: list)
    assert "blunder" in out or "mistake" in out  # a leadership-only game loses points somewhere
    # What the in-game review says about each costly moment, the standalone text says too (finding 9).
    from game.commands.review import load_game
    from game.views.review import review_view

    session = load_game(result)
    view = review_view(session, rv.review(session))
    flat = " ".join(out.split())
    assert view.costliest and all(" ".join(f"do instead: {c.better} it would have changed: {c.changes}".split()) in flat
                                  and " ".join(c.numbers.split()) in flat for c in view.costliest)
    # what to act on first, every turn after it, how the review measures last (s7 player 3, finding 7)
    assert flat.index("do instead:") < flat.index("Turn by turn") < flat.index("How this review measures") \
        < flat.index("How to read the line")
    # once, under the table of better decisions (s5 finding 6: each turn is judged from the game as played)
    from game.views.review import BETTER_NOTE

    assert flat.count(" ".join(BETTER_NOTE.split())) == 1 and flat.index("do instead:") < flat.index("judged from the game")


def test_an_unfinished_save_is_reviewed_up_to_where_it_stopped(capsys, tmp_path):
    session = played("scaleup", 9, "balanced", turns=5)
    path = tmp_path / "half.json"
    saves.save(session, path)
    assert main(["review", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["turns"]) == 5


@pytest.mark.parametrize("content", ['{"format": "something-else"}', "[1, 2", "just text"])
def test_files_that_are_no_game_get_one_line(capsys, tmp_path, content):
    path = tmp_path / "x.json"
    path.write_text(content)
    code = main(["review", str(path)])
    out, err = capsys.readouterr()
    assert code != 0 and "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1 and str(path) in err


def test_a_missing_file_and_a_game_without_turns_get_one_line(capsys, tmp_path):
    assert main(["review", str(tmp_path / "nope.json")]) == 1
    assert "no such" in capsys.readouterr().err
    path = tmp_path / "new.json"
    saves.save(Session(load("tutorial"), 1), path)
    assert main(["review", str(path)]) == 2
    assert "nothing to review" in capsys.readouterr().err


def test_the_costliest_turns_are_distinct_moments_never_neighbours():
    """Three neighbouring mistakes are one moment: the next costliest turn two or more turns away is shown."""
    def tr(turn, loss):
        path = np.zeros((2, 1))
        return rv.TurnReview(turn, 0, None, None, 100.0 - loss, 100.0, 1, 1, path, path)

    losses = {1: 6.0, 4: 50.0, 5: 49.0, 6: 48.0, 9: 10.0, 10: 0.0, 12: 9.0, 13: 20.0}
    r = rv.Review("s", 1, 0.0, 0.0, True, BOT, [tr(t, x) for t, x in losses.items()], np.zeros((1, 1)),
                  np.zeros((1, 1)), np.zeros((1, 3)))
    assert [m.key.turn for m in r.costliest(3)] == [4, 6, 13]
    assert [m.key.turn for m in r.costliest(5)] == [4, 6, 13, 9, 1]  # 5 is next to 4 and 6, 12 next to 13
    assert [m.key.turn for m in r.costliest(3, apart=1)] == [4, 5, 6]
    assert [m.key.turn for m in r.costliest(3, apart=4)] == [4, 13, 9]  # 9 is 4 turns from 13 and 5 from 4


def _turn(turn, loss, endings=(-1, -1)):
    path = np.zeros((2, 1))
    return rv.TurnReview(turn, 0, None, None, 100.0 - loss, 100.0, 1, 1, path, path, *endings)


def _review(turns):
    return rv.Review("s", 1, 0.0, 0.0, True, BOT, turns, np.zeros((1, 1)), np.zeros((1, 1)), np.zeros((1, 3)))


def test_a_turn_labelled_good_is_never_among_the_costliest():
    """A fresh player saw a 3-point turn, labelled good, listed among 'the costliest turns' (finding 5)."""
    r = _review([_turn(2, 8.0), _turn(6, 11.0), _turn(9, 3.0), _turn(11, 0.5)])
    assert [m.key.turn for m in r.costliest(3)] == [6, 2]
    assert all(t.label != "good" for m in r.costliest(3) for t in m.turns)
    assert r.costliest(3, apart=1) == r.costliest(3)


def test_neighbouring_turns_that_each_lost_the_same_win_are_one_moment():
    """Turns 20, 21 and 22 each lost the win (about 100 points): one moment, so the real second lesson
    (turn 4, 29 points) comes second, not third behind a second copy of the same lost win (finding 5)."""
    lost = (1, 0)  # the player's line ends 'survived' (1), the better one 'thriving' (0)
    r = _review([_turn(4, 29.0), _turn(7, 14.0), _turn(20, 101.6, lost), _turn(21, 101.0, lost),
                 _turn(22, 99.6, lost), _turn(23, 0.4, (1, 1))])
    top = r.costliest(3)
    assert [(m.first, m.last, m.key.turn) for m in top] == [(20, 22, 20), (4, 4, 4), (7, 7, 7)]
    # Turns that lost points for other reasons stay apart, even side by side with a lost win.
    r = _review([_turn(19, 30.0), _turn(20, 101.6, lost), _turn(22, 99.6, lost), _turn(25, 50.0, (1, 2))])
    assert [(m.first, m.last) for m in r.moments()] == [(19, 19), (20, 22), (25, 25)]


def test_a_result_file_whose_claims_its_replay_does_not_give_is_refused_in_one_line(capsys, tmp_path):
    ws, result = tmp_path / "ws.json", tmp_path / "team.json"
    assert main(["workshop", "new", "--scenario", "tutorial", "--seed", "4", "--name", "Mon", "--out", str(ws)]) == 0
    assert main(["simulate", "--workshop", str(ws), "--team", "Red", "--export", str(result),
                 "--policy", "balanced"]) == 0
    data = json.loads(result.read_text())
    data["score"] += 50
    result.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["review", str(result)]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "claims a score" in err and str(result) in err
    data["score"] -= 50
    data["log"][0] = {"actions": ["no_such_action"], "choice": None}
    result.write_text(json.dumps(data))
    assert main(["review", str(result)]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "does not replay" in err and str(result) in err


def test_review_and_verify_share_public_helpers_only():
    """The review reads result files through the public replay module, as the debrief does; no module
    reaches into another's private names (issue 15)."""
    import ast
    from pathlib import Path

    import game

    root = Path(game.__file__).parent
    for rel in ("commands/review.py", "analysis/review.py", "workshop/verify.py", "workshop/replay.py"):
        tree = ast.parse((root / rel).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not [a.name for a in node.names if a.name.startswith("_") and a.name != "__future__"], rel
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in (
                    "verify", "replay", "review", "rv"):
                assert not node.attr.startswith("_"), (rel, node.attr)


def test_a_decision_is_never_charged_for_what_strong_play_after_it_lost_and_the_player_kept():
    """Fresh player 4-1: the review called a turn a 108-point blunder in a game the player won, because strong
    play, continuing from the player's decision, lost the win the player's own later play kept. The player's
    own line is a known result of that decision on the same luck, so the decision is worth at least that."""
    from game.views.review import OWN_PLAY_NOTE, review_view

    session = played("ward", 3, "random")  # strong play collapses from some of this game's positions
    result = rv.review(session)
    slipped = []  # the turns where strong play after the player's decision lost what the player's play kept
    for tr in result.turns:
        game = replay_to(session, tr.turn - 1)
        game.decide(tr.chosen)
        if play_bot(game, BOT).score() < session.score() - 1e-6:
            slipped.append(tr)
        # worth at least the player's own result (and at least the best found at any later turn, see above)
        assert tr.chosen_value >= session.score() - 1e-6, tr.turn
        assert np.allclose(tr.chosen_path[0], result.history[tr.turn - 1])
    assert slipped, "this game no longer has a position where the player's own play beat strong play's"
    for tr in (t for t in result.turns if t.own_play):
        assert tr.chosen_value == pytest.approx(session.score(), abs=1e-6)
        assert tr.chosen_ending == int(session.state.ending[0])
    assert result.evaluation[-1] == pytest.approx(session.score(), abs=1e-6)
    view = review_view(session, result)
    assert (OWN_PLAY_NOTE in view.evaluation_note) == view.own_play
    mine = next(c for c in view.costliest if c.own_play) if any(c.own_play for c in view.costliest) else None
    if mine is not None:
        assert "valued by your own play after it" in mine.numbers
