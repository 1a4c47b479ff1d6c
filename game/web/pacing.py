"""Pacing the room: rounds, the round clock, pause, the end, bots standing in, and the sweeper that keeps time.

Every rule that changes the room's state (`room.RoomState`) is a function here
taking the server's `Games`; every change of a game still goes through
`Games.decide` and so through `Session` (the one door). The sweeper is a
background task of the server that calls `sweep` about twice a second, so a
clock runs out, a round opens and a bot plays even when no browser sends a
request.

Starting. A room starts held: teams join and wait (their page lists who is
in), no clock runs and no decision is taken, until the facilitator starts
play (`start_play`). In rounds that opens turn 1 for every team, with the round
clock if one is set; at free pace every team may begin, each turn's clock
running from when the team's page shows it. A room needs a team to start.

Rounds. In rounds a team may decide turns up to the open round (`round`);
the next round opens when the facilitator says so, or, with
`Advance.ALL_DECIDED`, as soon as every playing team has decided it. A round
clock, when set, starts with each round; at zero every turn still open up to
the round is decided as timed out (no actions, the first answer), exactly as
the workshop's own turn clock does, so the room stays together. A team that
joined late may catch up on earlier turns while the round is open.

Free pace. Each team plays at its own pace; the workshop's turn clock (if it
has one) runs per team from the moment the team's page shows the turn.

Pause stops every clock: the time paused is added back to each open turn
and to the round clock on resume. Ending the workshop stops everything and
refuses any further decision.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from ..session import DecisionError
from .games import held_reason
from .room import (MAX_CLOCK_SECONDS, MAX_MESSAGE_CHARS, MIN_CLOCK_SECONDS, Advance, Message, Pace, RoomState)

CLOCK_GRACE = 2.0  # as games.CLOCK_GRACE: a decision sent in the last moment still counts
SWEEP_SECONDS = 0.5
BOT_POLICY = "adaptive"  # the bot that stands in for a team or fills an empty table (quick, plays sensibly)
BOT_POLICIES = ("adaptive", "balanced", "leadership", "management", "random")
BOT_SECONDS = 3.0  # in free pace a bot team plays a turn at most this often (people can follow it)


class PacingError(ValueError):
    """The facilitator's request cannot be carried out now; the message says why (one line)."""


# --- the facilitator's settings ---------------------------------------------------------------------
def set_pace(games, pace: str, advance: str | None = None) -> RoomState:
    try:
        pace = Pace(pace)
        advance = Advance(advance) if advance else None
    except ValueError:
        raise PacingError("choose free pace or rounds; rounds open by the facilitator or when all have decided")
    now = time.time()

    def change(s: RoomState) -> RoomState:
        _not_ended(s)
        new = replace(s, pace=pace, advance=advance or s.advance)
        if not s.started:  # before the start only the choice is kept: Start play opens turn 1 (rounds)
            return replace(new, round=0, clock_deadline=None, clock_left=None)
        if pace == Pace.ROUNDS and not s.rounds:  # nobody goes further than the team in front
            new = replace(new, round=max((t for t in _turns(games).values()), default=0), clock_deadline=None,
                          clock_left=None, round_opened_at=now)
        if pace == Pace.FREE and s.rounds:  # each team's own clock again, from now
            games.store.restart_clocks(now)
            new = replace(new, clock_deadline=None, clock_left=None)
        return new

    return games.room.change(change)


def open_next_round(games) -> RoomState:
    """Turn N+1 opens for every team at once, with the round clock if one is set."""
    now = time.time()

    def change(s: RoomState) -> RoomState:
        _not_ended(s)
        if not s.started:
            raise PacingError("play has not started; Start play opens turn 1 for every team")
        if not s.rounds:
            raise PacingError("the room plays at free pace; switch to rounds first")
        if s.paused:
            raise PacingError("the room is paused; resume it first")
        if s.round >= games.turns:
            raise PacingError(f"every turn is open already (the game has {games.turns})")
        return _opened(s, s.round + 1, now)

    return games.room.change(change)


def start_play(games) -> RoomState:
    """Play begins: in rounds turn 1 opens for every team (with the round clock if set); at free pace every team
    may play, each turn's clock (the workshop's) running from when the team's page shows it. Once only: a second
    press (a stale page, a double click) changes nothing. A room with no team is not started: nobody would play,
    and a round clock would run down for no one."""
    now = time.time()
    teams = len(games.store.teams())

    def change(s: RoomState) -> RoomState:
        _not_ended(s)
        if s.started:
            return s
        if not teams:
            raise PacingError("no team has joined yet: start play once the teams are in (a bot team counts)")
        s = replace(s, started=True, started_at=now, paused=False, paused_at=None)
        return _opened(s, max(1, s.round), now) if s.rounds else s

    return games.room.change(change)


def _opened(s: RoomState, round_: int, now: float) -> RoomState:
    deadline = now + s.clock_seconds if s.clock_seconds else None
    return replace(s, round=round_, round_opened_at=now, clock_deadline=deadline, clock_left=None)


def set_clock(games, seconds) -> RoomState:
    """The round clock's length; it starts now for the open round and again with every next round."""
    seconds = _seconds(seconds)
    now = time.time()

    def change(s: RoomState) -> RoomState:
        _not_ended(s)
        if not s.rounds:
            raise PacingError("the round clock is for rounds; switch to rounds first "
                              "(at free pace the workshop's own turn clock runs for each team)")
        running = s.round >= 1
        return replace(s, clock_seconds=seconds,
                       clock_deadline=now + seconds if running and not s.paused else None,
                       clock_left=float(seconds) if running and s.paused else None)

    return games.room.change(change)


def extend_clock(games, seconds) -> RoomState:
    seconds = _seconds(seconds)

    def change(s: RoomState) -> RoomState:
        _not_ended(s)
        if s.clock_left is not None:
            return replace(s, clock_left=min(MAX_CLOCK_SECONDS, s.clock_left + seconds))
        if s.clock_deadline is None:
            raise PacingError("no round clock is running; set one first")
        left = max(0.0, s.clock_deadline - time.time())
        return replace(s, clock_deadline=time.time() + min(MAX_CLOCK_SECONDS, left + seconds))

    return games.room.change(change)


def stop_clock(games) -> RoomState:
    """No round clock from now on (this round and the next ones), until the facilitator sets one again."""
    return games.room.change(lambda s: replace(s, clock_seconds=None, clock_deadline=None, clock_left=None))


def _seconds(value) -> int:
    try:
        seconds = int(str(value).strip())
    except ValueError:
        raise PacingError("give the clock in whole seconds") from None
    if not MIN_CLOCK_SECONDS <= seconds <= MAX_CLOCK_SECONDS:
        raise PacingError(f"the clock takes {MIN_CLOCK_SECONDS} to {MAX_CLOCK_SECONDS} seconds")
    return seconds


def pause(games) -> RoomState:
    now = time.time()

    def change(s: RoomState) -> RoomState:
        _not_ended(s)
        if s.paused:
            return s
        if not s.started:
            raise PacingError("play has not started: no clock runs and no team can decide yet, so there is "
                              "nothing to pause")
        return replace(s, paused=True, paused_at=now, clock_left=s.clock_remaining(now), clock_deadline=None)

    return games.room.change(change)


def resume(games) -> RoomState:
    now = time.time()

    def change(s: RoomState) -> RoomState:
        if not s.paused:
            return s
        games.store.shift_clocks(max(0.0, now - (s.paused_at or now)))
        deadline = now + s.clock_left if s.clock_left is not None else None
        return replace(s, paused=False, paused_at=None, clock_left=None, clock_deadline=deadline)

    return games.room.change(change)


def set_joining(games, open_: bool) -> RoomState:
    return games.room.change(lambda s: replace(_not_ended(s), joining_open=bool(open_)))


def set_reveal(games, on: bool) -> RoomState:
    return games.room.change(lambda s: replace(s, reveal=bool(on)))


def send_message(games, text: str) -> RoomState:
    text = " ".join(str(text).split())
    if not text:
        raise PacingError("write the message first")
    if len(text) > MAX_MESSAGE_CHARS:
        raise PacingError(f"a message is at most {MAX_MESSAGE_CHARS} characters")
    now = time.time()
    return games.room.change(lambda s: replace(s, message=Message((s.message.id if s.message else 0) + 1, text,
                                                                    now)))


def clear_message(games) -> RoomState:
    return games.room.change(lambda s: replace(s, message=None))


def end_workshop(games) -> RoomState:
    """Play stops for good: no more decisions, every clock stops; the debrief starts from here (Room.on_end).

    The message of play ("five minutes to the break") goes too: left on the projector and every page after
    the end it reads as if it still held (found in the facilitator's trial); a new one can be sent.
    """
    now = time.time()
    return games.room.change(lambda s: s if s.ended else replace(
        s, ended=True, ended_at=now, paused=False, paused_at=None, clock_deadline=None, clock_left=None,
        joining_open=False, message=None))


def _not_ended(s: RoomState) -> RoomState:
    if s.ended:
        raise PacingError("the workshop has ended")
    return s


# --- bots ------------------------------------------------------------------------------------------------
def check_policy(policy: str | None) -> str:
    policy = (policy or BOT_POLICY).strip()
    if policy not in BOT_POLICIES:
        raise PacingError(f"choose a bot: {', '.join(BOT_POLICIES)}")
    return policy


def set_stand_in(games, team_id: int, policy: str | None) -> RoomState:
    """A bot plays the team's turns from now on (policy), or no longer (None); its turns say so in the log."""
    policy = check_policy(policy) if policy else None
    key = str(team_id)

    def change(s: RoomState) -> RoomState:
        _not_ended(s)
        stand_ins = {k: v for k, v in s.stand_ins.items() if k != key}
        if policy:
            stand_ins[key] = policy
        return replace(s, stand_ins=stand_ins)

    return games.room.change(change)


def bot_plays_turn(games, team, policy: str | None = None):
    """A bot decides the team's current turn (a disconnected table); the decision records the bot."""
    policy = check_policy(policy)
    session = games.session(team)
    if session.done:
        raise PacingError(f"team '{team.name}' has finished its game")
    state = games.room.state()
    if not state.turn_open(session.turn + 1):
        raise PacingError(held_reason(state, session.turn + 1, facilitator=True))
    return games.decide_by_bot(team, policy)


# --- the sweeper ------------------------------------------------------------------------------------------
def _turns(games) -> dict[int, int]:
    """Turns decided by each team in play."""
    return {t.id: games.session(t).turn for t in games.store.teams()}


def sweep(games, now: float | None = None) -> bool:
    """One look at the room: expired clocks decided, bots played, the next round opened. True if anything changed."""
    now = time.time() if now is None else now
    s = games.room.state()
    if s.ended or s.paused or not s.started or games.workshop is None:
        return False
    changed = False
    if s.rounds:
        changed |= _expire_round(games, s, now)
    elif games.turn_seconds:
        for team_id in games.store.overdue_clocks(games.turn_seconds + CLOCK_GRACE, now):
            team = games.store.team(team_id)
            changed |= team is not None and games.enforce_clock(team) is not None
    changed |= _play_bots(games, games.room.state(), now)
    changed |= _advance_if_all_decided(games, now)
    return changed


def _expire_round(games, s: RoomState, now: float) -> bool:
    if s.clock_deadline is None or now <= s.clock_deadline + CLOCK_GRACE:
        return False
    for team in games.store.teams():
        session = games.session(team)
        while not session.done and session.turn < s.round:
            games.decide_timed_out(team)
    games.room.change(lambda st: replace(st, clock_deadline=None) if st.round == s.round else st)
    return True


def _play_bots(games, s: RoomState, now: float) -> bool:
    """Bot teams and stand-ins play their open turns (at free pace a bot team keeps level with the people)."""
    changed = False
    teams = games.store.teams()
    if not any(t.policy or s.stand_in(t.id) for t in teams):
        return False  # the usual room: nothing to replay twice a second
    # the teams of people a bot team keeps level with (a bot program's team, TeamRow.bot, is no pace to follow)
    people = [games.session(t).turn for t in teams if t.bot is None and not s.stand_in(t.id)]
    for team in teams:
        policy = team.policy or s.stand_in(team.id)
        if not policy:
            continue
        session = games.session(team)
        if session.done:
            continue
        if s.rounds:
            if session.turn >= s.round:
                continue
        elif team.policy and people:
            if session.turn >= max(people):
                continue  # a bot team at free pace keeps level with the team in front, never ahead of it
        elif team.policy and now - games.last_decided_at(team) < BOT_SECONDS:
            continue  # a room of bots only (a rehearsal): a turn every few seconds, so people can follow
        games.decide_by_bot(team, policy)
        changed = True
    return changed


def _advance_if_all_decided(games, now: float) -> bool:
    """Every playing team has decided the open round: open the next one (ALL_DECIDED), else stop its clock."""
    s = games.room.state()
    if not s.rounds or s.round < 1 or s.paused or s.ended:  # the first round always waits for the facilitator
        return False
    sessions = [games.session(t) for t in games.store.teams()]
    if not sessions or any(not x.done and x.turn < s.round for x in sessions):
        return False
    more = s.round < games.turns and not all(x.done for x in sessions)
    if s.advance == Advance.ALL_DECIDED and more:
        games.room.change(lambda st: _opened(st, st.round + 1, now) if st.round == s.round and not st.paused else st)
        return True
    if s.clock_deadline is not None:  # nobody left to wait for: the clock has nothing more to count
        games.room.change(lambda st: replace(st, clock_deadline=None) if st.round == s.round else st)
        return True
    return False


class Sweeper:
    """The background task: `sweep` every SWEEP_SECONDS, or at once when woken (a decision, a console action)."""

    def __init__(self, games, notify):
        self.games = games
        self.notify = notify
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def _run(self) -> None:
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), SWEEP_SECONDS)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            try:
                if sweep(self.games):
                    self.notify()
            except (DecisionError, PacingError):  # a game that cannot take the decision: the next look retries
                pass
            except Exception:  # never let the room's clock die with one bad game; say it once per kind
                import logging

                logging.getLogger("leadsim.serve").exception("the sweeper failed")
                await asyncio.sleep(2.0)
