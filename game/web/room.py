"""The room's state: how the facilitator paces the workshop, and what every team is doing now.

Two things live here, both plain data:

* `RoomState`: whether the facilitator has started play, the pacing (free pace
  or rounds, the open round, the round clock), pause, joining open or closed, the facilitator's message, whether the
  projector reveals the hidden drivers, the teams a bot stands in for, and
  whether the workshop has ended. It is one JSON record in the store's `meta`
  table, written in one transaction per change, so `kill -9` loses none of it
  and a restarted server carries on with the same round, clock and pause.
  Times are wall-clock seconds (`time.time()`), which survive a restart.
* `Status`: what the console says of a team (joined, deciding, decided,
  waiting, finished, idle, disconnected, and after the end stopped), worked out from the store and the
  room, never kept.

Other modules read the room through `Room` (the store-backed accessor);
`pacing.py` holds the rules that act on it (rounds, clocks, the sweeper, bots)
and `console.py` the facilitator's routes. The projector and the debrief read
`Room.state()` and register for the end of the workshop with `Room.on_end`.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum

ROOM_KEY = "room"
MAX_MESSAGE_CHARS = 280
MIN_CLOCK_SECONDS, MAX_CLOCK_SECONDS = 10, 3600
IDLE_SECONDS = 60  # deciding with nothing picked, read or sent for longer: idle
DISCONNECTED_SECONDS = 20  # no page open and not heard from for longer: disconnected (a reload or a
#                            reconnecting stream takes a few seconds; a closed laptop stays away)
BACK_SECONDS = 60  # how long the console says a team that was disconnected is back
PING_SECONDS = 8  # how often a participant's open page says it is still there (room.Presence)


class Pace(StrEnum):
    FREE = "free"  # every team plays at its own pace (the workshop's turn clock, if any, runs per team)
    ROUNDS = "rounds"  # turn N opens for every team at once


class Advance(StrEnum):
    """When the next round opens (rounds only)."""

    FACILITATOR = "facilitator"  # when the facilitator says so
    ALL_DECIDED = "all_decided"  # as soon as every playing team has decided the round's turn


class Status(StrEnum):
    """What a team is doing, as the console shows it (sorted in this order by 'status')."""

    JOINED = "joined"  # joined, its first turn not yet open or not yet looked at
    DECIDING = "deciding"  # its turn is open and its page is on it
    IDLE = "idle"  # deciding, but nothing from it for IDLE_SECONDS
    DECIDED = "decided"  # decided its turn; reading the report, or (rounds) waiting for the others
    WAITING = "waiting"  # rounds: its next turn is not open yet
    DISCONNECTED = "disconnected"  # no page open and not heard from for DISCONNECTED_SECONDS
    STOPPED = "stopped"  # the workshop ended before its last turn: debriefed as unfinished
    FINISHED = "finished"  # played every turn

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.JOINED: "joined", Status.DECIDING: "deciding", Status.IDLE: "idle",
    Status.DECIDED: "decided", Status.WAITING: "waiting", Status.DISCONNECTED: "disconnected",
    Status.STOPPED: "stopped, not finished", Status.FINISHED: "finished",
}


@dataclass(frozen=True)
class Message:
    """The facilitator's message on every participant's screen (id: a participant dismisses one message)."""

    id: int
    text: str
    at: float


@dataclass(frozen=True)
class RoomState:
    """Everything about the room that is not a team's game. Replaced whole on each change (frozen)."""

    pace: Pace = Pace.FREE
    advance: Advance = Advance.FACILITATOR
    round: int = 0  # rounds: the highest turn any team may decide now (0: turn 1 not open yet)
    round_opened_at: float | None = None
    clock_seconds: int | None = None  # the round clock's length, started with every round (None: no clock)
    clock_deadline: float | None = None  # when the running round clock reaches zero (None: not running)
    clock_left: float | None = None  # seconds left on a round clock stopped by a pause
    paused: bool = False
    paused_at: float | None = None
    # Play starts when the facilitator says so (console "Start play"): until then teams join and wait, no clock
    # runs and no decision is taken (trainer s6: a free-pace team's clock ran out while the room was still joining)
    started: bool = False
    started_at: float | None = None
    joining_open: bool = True
    message: Message | None = None
    reveal: bool = False  # the projector shows every team's hidden drivers (as the hot seat's R key)
    stand_ins: dict[str, str] = field(default_factory=dict)  # team id (text) -> the bot playing its turns
    ended: bool = False
    ended_at: float | None = None
    version: int = 0  # bumped on every change: streams and the projector compare it

    # --- reading ----------------------------------------------------------------------------------
    @property
    def rounds(self) -> bool:
        return self.pace == Pace.ROUNDS

    def clock_remaining(self, now: float | None = None) -> float | None:
        """Seconds left on the round clock (frozen while paused), or None when no round clock runs."""
        if self.clock_left is not None:
            return self.clock_left
        if self.clock_deadline is None:
            return None
        return max(0.0, self.clock_deadline - (time.time() if now is None else now))

    def turn_open(self, turn: int) -> bool:
        """May a team decide turn `turn` now (the room's part; the game's own rules come after)?"""
        if self.ended or self.paused or not self.started:
            return False
        return not self.rounds or turn <= self.round

    def stand_in(self, team_id: int) -> str | None:
        return self.stand_ins.get(str(team_id))

    def public(self, now: float | None = None) -> dict:
        """What any participant may see of the room: nothing about another team."""
        return {"pace": str(self.pace), "round": self.round if self.rounds else None, "paused": self.paused,
                "started": self.started,
                "ended": self.ended, "joining_open": self.joining_open,
                "clock_left": _rounded(self.clock_remaining(now)) if self.rounds else None,
                "message": asdict(self.message) if self.message else None, "version": self.version}

    def to_json(self) -> dict:
        out = asdict(self)
        out["pace"], out["advance"] = str(self.pace), str(self.advance)
        return out

    @classmethod
    def from_json(cls, data: dict) -> "RoomState":
        """Read back what `to_json` wrote; a damaged record falls back to the defaults (free pace, open room)."""
        try:
            m = data.get("message")
            return cls(
                pace=Pace(data.get("pace", Pace.FREE)), advance=Advance(data.get("advance", Advance.FACILITATOR)),
                round=int(data.get("round", 0)), round_opened_at=_opt(data.get("round_opened_at"), float),
                clock_seconds=_opt(data.get("clock_seconds"), int),
                clock_deadline=_opt(data.get("clock_deadline"), float),
                clock_left=_opt(data.get("clock_left"), float),
                paused=bool(data.get("paused", False)), paused_at=_opt(data.get("paused_at"), float),
                started=bool(data.get("started", False)), started_at=_opt(data.get("started_at"), float),
                joining_open=bool(data.get("joining_open", True)),
                message=Message(int(m["id"]), str(m["text"]), float(m["at"])) if m else None,
                reveal=bool(data.get("reveal", False)),
                stand_ins={str(k): str(v) for k, v in dict(data.get("stand_ins") or {}).items()},
                ended=bool(data.get("ended", False)), ended_at=_opt(data.get("ended_at"), float),
                version=int(data.get("version", 0)))
        except (TypeError, ValueError, KeyError, AttributeError):
            return cls()


def _opt(value, kind):
    return None if value is None else kind(value)


def _rounded(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 1)


class Room:
    """The room's state in the store: read fresh on each use (another process may have changed it)."""

    def __init__(self, store):
        self.store = store
        self._on_end: list = []
        self._on_change: list = []

    def state(self) -> RoomState:
        raw = self.store.get_meta(ROOM_KEY)
        if raw is None:
            return RoomState()
        try:
            return RoomState.from_json(json.loads(raw))
        except (ValueError, AttributeError):
            return RoomState()

    def change(self, make) -> RoomState:
        """Apply `make(state) -> state` and store the result at once (one transaction)."""
        with self.store.db:
            self.store.db.execute("BEGIN IMMEDIATE")
            before = self.state()
            after = make(before)
            if after == before:
                return before
            after = replace(after, version=before.version + 1)
            self.store.set_meta(ROOM_KEY, json.dumps(after.to_json(), sort_keys=True))
        for hook in list(self._on_change):
            hook(before, after)
        if after.ended and not before.ended:
            for hook in list(self._on_end):
                hook(after)
        return after

    def settle_started(self, played: bool) -> None:
        """A room kept before play had a start (no `started` in its record) counts as started when it was under
        way: `played` (any decision in the store), a round open, or ended. Such a room resumes as it was; one
        where nobody had played yet waits for the facilitator's Start play like a new one. Free practice passes
        `played=True`: it has no facilitator to start it."""
        raw = self.store.get_meta(ROOM_KEY)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict) or "started" in data:
            return
        state = self.state()
        if played or state.round > 0 or state.ended:
            self.change(lambda s: replace(s, started=True, started_at=s.started_at or s.round_opened_at or time.time()))

    def on_end(self, hook) -> None:
        """Call `hook(state)` once, when the facilitator ends the workshop (the projector's debrief starts here).

        After a restart a workshop that has already ended does not call it again: check `state().ended`.
        """
        self._on_end.append(hook)

    def on_change(self, hook) -> None:
        """Call `hook(before, after)` after every change of the room (the live streams wake on it)."""
        self._on_change.append(hook)


def team_status(*, done: bool, turn: int, opened_at: float | None, acted_at: float | None, seen_at: float,
                live: bool, bot: bool, room: RoomState, now: float) -> Status:
    """What a team is doing now, from what the store knows of it (`turn`: turns decided so far).

    `opened_at`: when the team's page first showed its next turn (None: not yet);
    `live`: a page of the team holds its live stream open in this server.
    """
    if done:
        return Status.FINISHED
    if room.ended:
        return Status.STOPPED
    if not bot and not live and now - seen_at > DISCONNECTED_SECONDS:
        return Status.DISCONNECTED
    if not room.started:
        return Status.JOINED  # on the waiting page until the facilitator starts play
    if room.rounds and turn >= room.round:
        return Status.WAITING if room.round == 0 else Status.DECIDED
    if opened_at is None and room.rounds and turn:
        # rounds: a turn the room waits for is open to it, though its page is still on the last report; it is
        # deciding, never 'decided' (which had the console say '7 decided' beside 'waiting for 4 of 7 teams')
        opened_at = room.round_opened_at or now
    if opened_at is None:
        return Status.JOINED if turn == 0 else Status.DECIDED
    if bot:
        return Status.DECIDING
    since = max(opened_at, acted_at or 0.0)
    if room.paused and room.paused_at:
        now = room.paused_at  # a paused room is nobody's idleness
    return Status.IDLE if now - since > IDLE_SECONDS else Status.DECIDING


class Presence:
    """Which teams have a page open on their live stream now (this process only; a restart starts empty).

    A page's stream can outlive the page's network: a laptop that leaves the Wi-Fi (or sleeps) without
    closing its page leaves a TCP connection the server keeps writing into for many minutes. So the page
    also pings (`POST /live/ping`, every PING_SECONDS): a page whose pings stopped for longer than
    DISCONNECTED_SECONDS counts as gone, from its last ping, though its stream still looks open. A stream
    that never pinged (a client without the page's script) counts as here while it is open.

    It also remembers when a team was last here (its last page closed, or its pings stopped), so
    "disconnected for N s" counts from that moment, and, for BACK_SECONDS, that a team which had been away
    for longer than DISCONNECTED_SECONDS is back, and how long it was away: the console says so.
    """

    def __init__(self, clock=None):
        self._clock = clock if clock is not None else time.time
        self._open: dict[int, int] = {}
        self._closed_at: dict[int, float] = {}
        self._heard_at: dict[int, float] = {}  # team id -> its open page's last ping
        self._back: dict[int, tuple[float, float]] = {}  # team id -> (when it came back, seconds away)

    def opened(self, team_id: int) -> None:
        now = self._clock()
        self._note_return(team_id, now)
        self._closed_at.pop(team_id, None)
        if team_id in self._heard_at:
            self._heard_at[team_id] = now  # a new stream is as good as a ping
        self._open[team_id] = self._open.get(team_id, 0) + 1

    def heard(self, team_id: int) -> bool:
        """A ping from an open page of the team; True when this ping ends an absence (the console should know)."""
        now = self._clock()
        was_here = self.live(team_id)
        self._note_return(team_id, now)
        self._heard_at[team_id] = now
        return not was_here

    def closed(self, team_id: int) -> None:
        left = self._open.get(team_id, 0) - 1
        if left > 0:
            self._open[team_id] = left
            return
        now = self._clock()
        silent_since = self._silent_since(team_id, now)
        self._open.pop(team_id, None)
        self._heard_at.pop(team_id, None)
        self._closed_at[team_id] = now if silent_since is None else silent_since

    def live(self, team_id: int) -> bool:
        return team_id in self._open and self._silent_since(team_id, self._clock()) is None

    def closed_at(self, team_id: int) -> float | None:
        """Since when the team has been away: its last page closed or its pings stopped (None: never here,
        or here now)."""
        if team_id in self._open:
            return self._silent_since(team_id, self._clock())
        return self._closed_at.get(team_id)

    def back(self, team_id: int, now: float) -> float | None:
        """Seconds the team was away, if it came back within the last BACK_SECONDS; else None."""
        seen = self._back.get(team_id)
        if seen is None or not self.live(team_id):
            return None
        if now - seen[0] > BACK_SECONDS:
            del self._back[team_id]
            return None
        return seen[1]

    def _silent_since(self, team_id: int, now: float) -> float | None:
        """The last ping of an open page whose pings stopped for longer than DISCONNECTED_SECONDS, else None."""
        heard = self._heard_at.get(team_id)
        return heard if heard is not None and now - heard > DISCONNECTED_SECONDS else None

    def _note_return(self, team_id: int, now: float) -> None:
        away = self.closed_at(team_id)
        if away is not None and now - away > DISCONNECTED_SECONDS:
            self._back[team_id] = (now, now - away)
