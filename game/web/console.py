"""The facilitator's console: the room at a glance and its controls, behind the facilitator's token.

The page lists every team with its status (room.Status), turn, phase, score
and timed-out turns, kept live by Server-Sent Events; the controls pace the
room (pacing.py), talk to it, stand bots in and end the workshop. Every
control is a plain form post (it works without JavaScript) that answers with
the console again, or JSON when asked for it (`Accept: application/json`), so
scripts and tests drive the same routes.

Nothing here is linked from a participant's page; without the facilitator's
token every route answers 401 and says nothing about what is inside. A
participant's team token is not the facilitator's token, so it is refused too.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import Counter
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from . import pacing
from .auth import FACILITATOR_COOKIE, is_facilitator, set_facilitator_cookie
from ..session import DecisionError
from ..views import standings, words
from .games import JoinError
from .projector import per_turn, room_ranking
from .room import STATUS_LABELS, Status, team_status
from .store import DuplicateTeam

MAX_FORM_FIELDS = 10
STREAM_REFRESH = 5.0  # seconds: idle counters move on even when nothing happens
STREAM_EVERY = 0.25  # seconds: the table goes out at most this often, however busy the room (4 a second)
DEFAULT_ROUND_CLOCK = 180  # seconds: the round clock field's first value when the workshop file sets no turn clock


class Broadcast:
    """A change counter that waiting streams wake on (one process; other processes are polled).

    A change is the room's (`notify()`: a console action, the sweeper, the room's state) or one team's
    (`notify(team_id)`: its decision, its join, its page opening or closing). The console and the projector
    wait for every change; a participant's stream (`team=` its id) only for the room's and its own, so a
    room of 200 does not wake 200 streams on every decision of every team.
    """

    def __init__(self):
        self.version = 0  # every change
        self._room_version = 0  # the last change for everyone
        self._team_versions: dict[int, int] = {}  # team id -> the last change of that team
        self._waiters: dict[asyncio.Event, int | None] = {}  # event -> the team it waits for (None: every change)
        self.open_streams = 0  # the pages holding a stream now (participants, consoles, projectors)
        self.closing = False  # the server is stopping: every stream ends at once (see close)

    def close(self) -> int:
        """The server is stopping: wake every waiting stream so it ends now, and say how many were open.

        uvicorn's graceful shutdown waits for every open response to finish, and a page's stream never
        finishes by itself: with the room's phones and the projector open, Ctrl+C stopped nothing (trainer s6
        finding 2). Each stream's loop ends when `closing` is set; a page's script reconnects on its own once
        the server is back."""
        self.closing = True
        for ev in list(self._waiters):
            ev.set()
        return self.open_streams

    @contextlib.contextmanager
    def streaming(self):
        """Counts a page's stream while it is open (what `close` reports)."""
        self.open_streams += 1
        try:
            yield
        finally:
            self.open_streams -= 1

    def notify(self, team_id: int | None = None) -> None:
        self.version += 1
        if team_id is None:
            self._room_version = self.version
        else:
            self._team_versions[team_id] = self.version
        for ev, team in list(self._waiters.items()):
            if team is None or team_id is None or team == team_id:
                ev.set()

    def seen_by(self, team_id: int | None = None) -> int:
        """The version a stream waiting for `team_id` (None: for every change) has to have seen."""
        if team_id is None:
            return self.version
        return max(self._room_version, self._team_versions.get(team_id, 0))

    async def wait(self, seen: int, timeout: float, team: int | None = None) -> int:
        if self.seen_by(team) != seen or self.closing:
            return self.seen_by(team)
        ev = asyncio.Event()
        self._waiters[ev] = team
        try:
            await asyncio.wait_for(ev.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        finally:
            self._waiters.pop(ev, None)
        return self.seen_by(team)


def _refuse() -> Response:
    return JSONResponse({"error": "the facilitator's token is needed"}, status_code=401)


# --- what the console shows ---------------------------------------------------------------------------
def team_rows(request: Request, room=None) -> list[dict]:
    """One row per team: the console's status table (no hidden driver, no secret).

    What a row says of the game (turn, phase, score, timed-out and bot turns, ending) changes only with
    the turn, so it is made once per team and turn (Games.view); the status is worked out fresh each time.
    `room`: the room's state the rows are worked out for (read now when not given; `snapshot` passes the
    one it words the room line with).
    """
    games = request.app.state.games
    presence = request.app.state.presence
    room = games.room.state() if room is None else room
    clocks = games.store.clocks()
    now = time.time()
    rows = []
    teams = games.store.teams()
    sessions = {team.id: games.session(team) for team in teams}
    ranked_by, ranking = room_ranking(games, teams, sessions, room.ended)
    place = {team.id: (k, rank) for k, (rank, team) in enumerate(ranking)}  # the projector's ranks, the same ties
    for team in teams:
        game = games.view(team, "console-row", _game_facts)
        turn, opened = clocks.get(team.id, (None, None))
        opened = opened if turn == game["turn"] + 1 else None
        stand_in = room.stand_in(team.id)
        seen_at = max(team.seen_at, presence.closed_at(team.id) or 0.0)  # a closed page: from when it closed
        status = team_status(done=game["done"], turn=game["turn"], opened_at=opened, acted_at=team.acted_at,
                             seen_at=seen_at, live=presence.live(team.id),
                             bot=bool(team.policy or stand_in), room=room, now=now)
        if opened is None and room.rounds and 0 < game["turn"] < room.round:
            opened = room.round_opened_at  # as team_status counts it: the turn is open since its round opened
        since = max(opened or 0.0, team.acted_at or 0.0)
        idle = int(now - since) if status == Status.IDLE else 0
        label = f"idle for {idle} s" if status == Status.IDLE else STATUS_LABELS[status]
        if status == Status.DISCONNECTED:
            label = f"disconnected for {int(now - seen_at)} s"
        away = presence.back(team.id, now)
        if away is not None and status not in (Status.FINISHED, Status.STOPPED):
            label += f" · back after {_away(away)} away"
        rows.append({"id": team.id, "team": team.name, "place": place[team.id][0], "rank": place[team.id][1],
                     # the score per turn all through play, though the rank compares it only at free pace and while
                     # teams are turns apart: in rounds the column was empty all game (trainer s7 finding 4)
                     "per_turn": per_turn(sessions[team.id]) if sessions[team.id].turn and not room.ended else "",
                     "status": str(status), "label": label,
                     "idle_seconds": idle, **{k: v for k, v in game.items() if k not in ("done", "decided")},
                     # a bot program that joined as one (`simulate --server`) decides every turn it does not let
                     # time out, through the API as a person would: 'By bot 0' beside '(bot)' (trainer s7 finding 14)
                     **({"bot_turns": game["decided"]} if team.client_bot and not team.policy else {}),
                     "bot": team.bot, "mark": standings.BOT_MARK if team.bot else "", "stand_in": stand_in})
    if room.ended:  # the final standings: by rank, the unranked last (the script keeps this order by default)
        rows.sort(key=lambda r: r["place"])
    return rows


def _away(seconds: float) -> str:
    return f"{int(seconds)} s" if seconds < 120 else f"{int(seconds // 60)} min"


def _game_facts(session) -> dict:
    """What the console's row says of a game: the same until the next turn."""
    return {"turn": session.turn, "turns": session.scenario.turns, "phase": session.phase_spec.title,
            "score": round(session.score(), 1), "timed_out": sum(1 for d in session.log if d.timed_out),
            "bot_turns": sum(1 for d in session.log if d.bot), "decided": sum(1 for d in session.log if not d.timed_out),
            "ending": session.ending.title if session.ending else None, "done": session.done,
            "outcome": str(words.outcome_of(session)),
            "ending_line": standings.status(session) if session.done else ""}  # beside 'finished': how it ended,
    # as the projector and the report say it ('LOSS: Nobody takes initiative any more'; trainer s6, finding 12)


def snapshot(request: Request) -> tuple:
    """The console as of now: (the room's state, the teams' rows, the room with every line the console
    writes of it).

    The page and its live stream both draw from this and nothing else (the room line, the counts, the
    next-round button and what it does to the teams behind, the end form's count of unfinished games), all
    worked out from one read of the room and one set of rows. Before, the page's controls were drawn once
    and the stream refreshed only some of what they say, so after a round opened by itself or a team
    finished the console said 'Open turn 4' beside 'Opening turn 5 ...' and '6 of 7 teams have not
    finished' when 6 had (trainer s6, finding 4).
    """
    room = request.app.state.games.room.state()
    rows = team_rows(request, room)
    return room, rows, room_json(request, rows, room)


def room_json(request: Request, rows: list[dict] | None = None, room=None) -> dict:
    """The room's state as the console and the projector read it (`GET /console/room`), with the console's
    lines about it (console_lines)."""
    games = request.app.state.games
    room = games.room.state() if room is None else room
    rows = team_rows(request, room) if rows is None else rows
    counts = Counter(r["status"] for r in rows)
    out = room.to_json()
    out.update(clock_left=room.clock_remaining(), turns=games.turns, teams=len(rows),
               counts={str(s): counts.get(str(s), 0) for s in Status},
               waiting_for=waiting_for(rows, room), **console_lines(rows, room, games.turns, games.turn_seconds))
    return out


def console_lines(rows: list[dict], room, turns: int, turn_seconds: int | None = None) -> dict:
    """What the console writes of the room, worked out from the same rows and room: the room line's parts,
    what Start play will do (before the start), what switching the pace does now, the next-round button
    (empty: no next round to open) or the line saying every turn is open, who is still deciding the open turn,
    and the end form's count of the games not finished and its hint."""
    playing = not room.ended
    started = room.started and playing
    nxt = room.round + 1 if room.rounds and started and room.round < turns else None
    unfinished = sum(1 for r in rows if r["status"] != str(Status.FINISHED))
    return {
        "pace_line": ("The workshop has ended" if room.ended else
                      f"Not started · {'rounds' if room.rounds else 'free pace'} when play starts" if not started else
                      # (trainer s7 r4, finding 12: 'turn 0 of 12 open' before turn 1, 'turn 12 of 12 open' with
                      # every team finished)
                      f"Rounds: turn 1 of {turns} not open yet" if room.rounds and room.round < 1 else
                      "Rounds: every team has finished" if room.rounds and rows and not unfinished else
                      f"Rounds: turn {room.round} of {turns} open" if room.rounds else "Free pace"),
        "start_line": start_line(rows, room, turns, turn_seconds) if playing and not room.started else "",
        "pace_hint": pace_hint(rows, room, turn_seconds) if playing else "",
        "waiting_line": f"waiting for {waiting_for(rows, room)} of {len(rows)} teams" if room.rounds and started else "",
        "joining_line": "joining open" if room.joining_open else "joining closed",
        "next_round": (f"Open turn {nxt} now, without waiting" if nxt and room.advance == "all_decided"
                       else f"Open turn {nxt} for every team" if nxt else ""),
        "auto_line": auto_line(rows, room, nxt),
        "all_open_line": (f"Every turn is open (the game has {turns})."
                          if room.rounds and started and nxt is None else ""),
        "behind_line": behind_line(rows, room, turns),
        "unfinished": unfinished,
        "message_age": message_age(room.message.at) if room.message and playing else "",
    }


def message_age(at: float, now: float | None = None) -> str:
    """How long the message on every screen has been up, beside its Clear button: a message stays until the
    facilitator takes it back, and 'finish turn 2' stayed up all game, on every screen, contradicting it
    (trainer s7 rehearsal 4, finding 7). Minutes, and the clock time it went up (which never goes stale)."""
    minutes = max(0, int(((time.time() if now is None else now) - at) // 60))
    since = time.strftime("%H:%M", time.localtime(at))
    return (f"up for {minutes} min (since {since})" if minutes else f"up for under a minute (since {since})")


def start_line(rows: list[dict], room, turns: int, turn_seconds: int | None) -> str:
    """Beside Start play: who is waiting for it and what it will do, in the pace chosen now (trainer s6, finding
    4: a free-pace team's clock ran out while the room was still joining, and rounds never had a first step)."""
    if not rows:
        return ("No team has joined yet. Teams that join wait on a page that lists who is in; "
                "Start play is possible once a team is in (a bot team counts).")
    n = len(rows)
    who = f"{words.plural(n, 'team')} {'is' if n == 1 else 'are'} on the waiting page. "
    if room.rounds:
        clock = (f", and the round clock ({_minutes(room.clock_seconds)}) starts" if room.clock_seconds else
                 " (no round clock: set one below if you want it to start with the turn)")
        return who + f"Start play opens turn 1 of {turns} for every team at once{clock}."
    clock = (f"; each team's turn clock ({_minutes(turn_seconds)} a turn) runs from when its page shows the turn"
             if turn_seconds else "")
    return who + f"Start play lets every team begin turn 1 of {turns} at its own pace{clock}."


def pace_hint(rows: list[dict], room, turn_seconds: int | None) -> str:
    """What switching the pace does now, in the facilitator's words (under the pace form)."""
    if not room.started:
        return ("Play has not started: choose the pace now, and Start play begins it. Teams that join after the "
                "start begin at turn 1.")
    if room.rounds:
        clock = (f"; each team's open turn gets the workshop's turn clock ({_minutes(turn_seconds)}) from then"
                 if turn_seconds else "")
        return ("Switching to free pace: every team plays on from the turn it is on, at its own pace, and the "
                f"round clock stops{clock}.")
    own = ("Each team plays at its own pace" + (f"; the workshop's turn clock ({_minutes(turn_seconds)}) runs for "
                                                 "each team from the moment its page shows the turn" if turn_seconds
                                                 else "") + ". ")
    furthest = max((r["turn"] for r in rows), default=0)  # as pacing.set_pace opens it (finished teams too)
    if furthest == 0:
        return own + ("Switching to rounds now: no team has decided a turn yet, so every team waits until you open "
                      "turn 1 for the whole room.")
    front = sum(1 for r in rows if r["turn"] == furthest)
    return own + (f"Switching to rounds now: turn {furthest}, the furthest any team has decided, becomes the open "
                  f"round. Teams behind may catch up to it; the {words.plural(front, 'team')} that decided it "
                  f"{'waits' if front == 1 else 'wait'} until you open turn {furthest + 1}.")


def _minutes(seconds: int | None) -> str:
    seconds = int(seconds or 0)
    return f"{seconds} s" if seconds < 120 or seconds % 60 else f"{seconds // 60} min"


def waiting_for(rows: list[dict], room) -> int:
    """How many teams the room waits for: in rounds, those that have not decided the open round's turn."""
    if room.rounds:
        return sum(1 for r in rows if r["status"] not in ("finished", "stopped") and r["turn"] < room.round)
    return sum(1 for r in rows if r["status"] not in ("finished", "stopped"))


def _page(request: Request, message: str | None = None, status: int = 200,
          ask: "Confirm | None" = None) -> Response:
    """The console page; `ask` (or `?confirm=end`, `?confirm=remove&team=ID`) puts a confirmation in it."""
    from .pages import render
    from .projector import projector_key
    from .qr import join_url, qr_svg

    games = request.app.state.games
    url = join_url(request.app.state.public_url or request, games.join_code if not games.practice else None)
    room, rows, r = snapshot(request)
    try:
        chosen = int(request.query_params.get("team", "0"))
    except ValueError:
        chosen = 0
    unfinished = [(t["team"], t["turn"], t["turns"]) for t in sorted(rows, key=lambda t: t["id"])
                  if t["status"] != str(Status.FINISHED)]  # (the snapshot's: as unfinished_teams, from the rows)
    if ask is None and not room.ended and games.workshop is not None:
        wanted = request.query_params.get("confirm")
        row = next((r for r in rows if r["id"] == chosen), None)
        if wanted == "end":
            ask = end_confirm(unfinished, len(rows))
        elif wanted == "remove" and row is not None:
            ask = remove_confirm(row)
    if ask is not None and ask.team_id:
        chosen = ask.team_id  # the team the question is about is the one whose actions show
    return render(request, "console.html", status=status, rows=rows, room=room,
                  r=r, join=url, code=games.join_code, qr=qr_svg(url),
                  practice=games.practice, message=message, chosen=chosen, policies=pacing.BOT_POLICIES,
                  workshop=games.workshop.name if games.workshop else "Free practice",
                  unfinished=unfinished, ended_line=ended_line(room, len(rows), unfinished) if room.ended else "",
                  score_note=(standings.score_so_far_note(games.workshop_scenario())
                              if games.workshop is not None and not room.ended else ""),
                  clock_default=games.turn_seconds or DEFAULT_ROUND_CLOCK,
                  ask=ask, early_summary=EARLY_SUMMARY, per_turn_tip=standings.PER_TURN_TIP, by_bot_tip=standings.BY_BOT_TIP,
                  projector_key=projector_key(games),
                  projector_link=f"{(request.app.state.public_url or str(request.base_url)).rstrip('/')}"
                                 f"/projector?key={projector_key(games)}")


# --- asking before what cannot be undone (ending the workshop, removing a team) ---------------------------
@dataclass(frozen=True)
class Confirm:
    """A question the console asks in the page before something that cannot be undone.

    It replaces the browser's `window.confirm` (blocked or alarming on locked-down browsers, and beyond a
    test's reach): the server writes it, so it works without JavaScript (a GET of `?confirm=...` or a
    refused post shows it) and console.js only fetches the same HTML to show it without a reload. `told`
    is what the facilitator is shown (the unfinished teams' count) and is posted back, so the end is refused
    when more teams are playing than the question named.
    """

    what: str  # "end" or "remove": which form the template draws
    title: str
    lead: str
    teams: tuple[tuple[str, str], ...]  # (name, where it is: "turn 5 of 12", "never played a turn")
    consequence: str
    tick: str
    go: str
    keep: str
    told: int = 0
    team_id: int = 0
    note: str = ""  # why it is asked again (a refused post), or empty


def end_confirm(unfinished: list[tuple[str, int, int]], teams: int, note: str = "") -> Confirm:
    """Before the end: which teams have not finished (name, turn reached or never played) and what becomes of
    their games (listed as unfinished, not ranked)."""
    n = len(unfinished)
    tick = "I understand: end the workshop for every team"
    if not n:
        lead = "Every team has finished its game." if teams else "No team has joined."
        return Confirm("end", "End the workshop?", lead, (), "No team can join or decide once it has ended; "
                       "the debrief report is built from the server's games.", tick, "End the workshop",
                       "Not yet", 0, 0, note)
    listed = tuple((name, f"turn {turn} of {of}" if turn else "never played a turn") for name, turn, of in unfinished)
    one = n == 1
    consequence = ("Ending now stops every game: no team can decide another turn, and joining closes. The report "
                   f"lists {'its game' if one else 'their games'} as unfinished, with the turn reached, and ranks "
                   "only the finished games.")
    if any(turn == 0 for _, turn, _ in unfinished):
        consequence += " A team that never played a turn is listed as joined, never played."
    return Confirm("end", "End the workshop while teams are still playing?",
                   f"{n} of {words.plural(teams, 'team')} {'has' if one else 'have'} not finished:", listed,
                   consequence, tick, "End anyway", "Keep playing", n, 0, note)


def remove_confirm(row: dict, note: str = "") -> Confirm:
    """Before removing a team: its name, where it is, and what removal does (and does not undo)."""
    name = row["team"]
    where = f"turn {row['turn']} of {row['turns']}" if row["turn"] else "no turn played yet"
    return Confirm("remove", f"Remove team {name} from the room?", "", ((name, f"{row['label']}, {where}"),),
                   f"{name}'s page and rejoin code stop working at once, and the team leaves the table, the "
                   "projector and the debrief. Its games stay in the server's database; its name is free again, "
                   "and it can only join again as a new team, from turn 1.",
                   f"I understand: remove {name}", f"Remove {name}", "Keep the team", 0, row["id"], note)


class Unconfirmed(pacing.PacingError):
    """Refused until the facilitator confirms: a script gets the one-line reason (409), a browser the console
    with the question (`ask`) in it again, saying why (`ask.note`)."""

    def __init__(self, why: str, ask: Confirm):
        super().__init__(why)
        self.ask = ask


def behind(rows: list[dict], room) -> list[dict]:
    """In rounds, the teams still playing that have not decided the open round's turn yet."""
    if not room.rounds or room.ended or room.round < 1:
        return []
    return [r for r in rows if r["status"] not in ("finished", "stopped") and r["turn"] < room.round]


EARLY_SUMMARY = "Open the next turn early…"  # the folded control under auto_line: it forces the room on


def auto_line(rows: list[dict], room, nxt: int | None) -> str:
    """In 'when every team has decided', the console's first line of the round: that the next turn opens by
    itself and nothing needs pressing. Its filled blue 'Open turn 8 for every team' was the most prominent
    control while every team still decided turn 7, and pressing it gave them turn 8 too and timed out their
    turns at the clock (trainer s7 finding 5); it now sits folded away under this line, as 'open it early'."""
    if nxt is None or room.advance != "all_decided":
        return ""
    waiting = waiting_for(rows, room)
    still = f"{waiting} of {len(rows)} teams still deciding" if waiting else "every team has decided"
    return f"Turn {nxt} opens by itself when every team has decided turn {room.round} ({still}): nothing to press."


def behind_line(rows: list[dict], room, turns: int) -> str:
    """Beside 'Open turn N+1': which teams have not decided the open turn yet, and what opening the next one does
    to them (trainer s5, finding 8: a team on turn 3 lost turns 3 and 4 to one clock, with no warning). Empty
    when nobody is behind or no next turn can open."""
    late = behind(rows, room)
    if not late or room.round >= turns:
        return ""
    nxt, one = room.round + 1, len(late) == 1
    names = _names([f"{r['team']} (on turn {r['turn'] + 1})" for r in late])
    line = (f"Still deciding: {names}. "
            f"Opening turn {nxt} gives {'it' if one else 'them'} turn {nxt} as well, after the one "
            f"{'it is' if one else 'they are'} on")
    if room.clock_seconds:
        return line + (f"; when the round clock runs out, every turn {'it has' if one else 'they have'} not "
                       f"decided by then, up to turn {nxt}, is recorded as timed out.")
    return line + "."


def ended_line(room, teams: int, unfinished: list[tuple[str, int, int]]) -> str:
    """After the end: when it ended and who had not finished (their games are debriefed as unfinished;
    a team that never played a turn has no game to debrief: the report names it, "joined, never played")."""
    at = time.strftime("%H:%M", time.localtime(room.ended_at)) if room.ended_at else ""
    line = f"Play ended{' at ' + at if at else ''}. "
    if not teams:
        return line + "No team had joined."
    line += f"{teams - len(unfinished)} of {words.plural(teams, 'team')} finished"
    stopped = [_at_turn(u) for u in unfinished if u[1]]
    never = [name for name, turn, _ in unfinished if not turn]
    if stopped:
        line += (f"; not finished: {_names(stopped)}. The report lists {'its game' if len(stopped) == 1 else 'their games'}"
                 " as unfinished, with the turn reached, and ranks only the finished games")
    if never:
        line += f"; never played a turn (the report lists them as joined, never played): {_names(never)}"
    return line + "."


def _names(names: list[str], most: int = 8) -> str:
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


async def console(request: Request) -> Response:
    if not is_facilitator(request):
        return _refuse()
    if "token" in request.query_params:  # keep the token out of the address bar and history from now on
        response = RedirectResponse("/console", status_code=303)
        set_facilitator_cookie(response, request.query_params["token"])
        return response
    return _page(request)


async def teams(request: Request) -> Response:
    if not is_facilitator(request):
        return _refuse()
    return JSONResponse({"teams": team_rows(request)})


async def room(request: Request) -> Response:
    if not is_facilitator(request):
        return _refuse()
    return JSONResponse(room_json(request))


async def games_export(request: Request) -> Response:
    """Every team's game as a result record (decision log included): what `debrief --server` verifies."""
    if not is_facilitator(request):
        return _refuse()
    from ..workshop.files import result_of

    games = request.app.state.games
    if games.workshop is None:
        return JSONResponse({"error": "free practice has no workshop to debrief"}, status_code=409)
    out = []
    for team in games.store.teams():
        session = games.session(team)
        out.append(result_of(session, games.workshop, team.name, team.bot, "browser"))
    return JSONResponse({"workshop": games.workshop.to_json(), "results": out})


async def events(request: Request) -> Response:
    """Server-Sent Events: the status table and the room again whenever something changed (and every 5 s)."""
    if not is_facilitator(request):
        return _refuse()
    broadcast = request.app.state.events

    async def stream():
        with broadcast.streaming():
            async for part in _console_stream(request, broadcast):
                yield part

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


async def _console_stream(request: Request, broadcast: Broadcast):
    seen, sent, said = -1, -STREAM_EVERY, None
    while not broadcast.closing:
        if await request.is_disconnected():
            return
        before = seen
        seen = await broadcast.wait(seen, STREAM_REFRESH)
        early = sent + STREAM_EVERY - time.monotonic()
        if early > 0 and not broadcast.closing:  # a busy room: what changes meanwhile goes out together
            await asyncio.sleep(early)
            seen = broadcast.version
        if broadcast.closing:
            return
        sent = time.monotonic()
        _room, rows, r = snapshot(request)
        text = (json.dumps(rows), json.dumps(r))
        if text == said and seen != before:
            continue  # nothing the console shows changed (a page opened and closed again)
        said = text
        yield f"event: teams\ndata: {text[0]}\n\n"
        yield f"event: room\ndata: {text[1]}\n\n"


async def logout(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(FACILITATOR_COOKIE, path="/")
    return response


# --- the controls -----------------------------------------------------------------------------------------
def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _done(request: Request, said: str, team_id: int | None = None) -> Response:
    request.app.state.events.notify()
    request.app.state.sweeper.wake()
    if _wants_json(request):
        return JSONResponse({"ok": said, "room": room_json(request)})
    return RedirectResponse("/console" + (f"?team={team_id}" if team_id else ""), status_code=303)


def _failed(request: Request, why: str, status: int = 409) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": why}, status_code=status)
    return _page(request, why, status)


def control(act):
    """A console action: facilitator only, a bounded form, a one-line refusal when it cannot be done."""
    async def endpoint(request: Request) -> Response:
        if not is_facilitator(request):
            return _refuse()
        form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
        games = request.app.state.games
        if games.workshop is None:
            return _failed(request, "free practice has no room to run; serve a workshop file")
        try:
            return act(request, games, {k: str(v)[:400] for k, v in form.items()})
        except Unconfirmed as exc:
            if _wants_json(request):
                return _failed(request, str(exc))
            return _page(request, status=409, ask=exc.ask)
        except (pacing.PacingError, JoinError, DecisionError) as exc:
            return _failed(request, str(exc))

    return endpoint


def _start(request, games, form):
    pacing.start_play(games)
    return _done(request, "started")


def _pace(request, games, form):
    pacing.set_pace(games, form.get("pace", ""), form.get("advance") or None)
    return _done(request, "pace")


def _next_round(request, games, form):
    """The next round, for every team; the answer names the teams still on an earlier turn (the console has
    said so beside the button)."""
    warned = behind_line(team_rows(request), games.room.state(), games.turns)
    pacing.open_next_round(games)
    return _done(request, "round" + (f". {warned}" if warned else ""))


def _clock(request, games, form):
    what = form.get("action", "")
    if what == "set":
        pacing.set_clock(games, form.get("seconds", ""))
    elif what == "extend":
        pacing.extend_clock(games, form.get("seconds", "") or 60)
    elif what == "stop":
        pacing.stop_clock(games)
    else:
        raise pacing.PacingError("the clock can be set, extended or stopped")
    return _done(request, f"clock {what}")


def _pause(request, games, form):
    (pacing.resume if form.get("action") == "resume" else pacing.pause)(games)
    return _done(request, form.get("action") or "pause")


def _message(request, games, form):
    if form.get("action") == "clear":
        pacing.clear_message(games)
    else:
        pacing.send_message(games, form.get("text", ""))
    return _done(request, "message")


def _reveal(request, games, form):
    pacing.set_reveal(games, form.get("on") == "1")
    return _done(request, "reveal")


def _joining(request, games, form):
    pacing.set_joining(games, form.get("open") == "1")
    return _done(request, "joining")


def _bot_team(request, games, form):
    policy = pacing.check_policy(form.get("policy"))
    name = form.get("name", "").strip() or _free_bot_name(games)
    team, _token = games.join(name, policy=policy)  # the token is not kept: nobody plays a bot team by hand
    return _done(request, "bot team", team.id)


def _free_bot_name(games) -> str:
    taken = {t.name.casefold() for t in games.store.teams()}
    return next(f"Bot {k}" for k in range(1, 1000) if f"bot {k}" not in taken)


def _team_action(request, games, form):
    team = games.store.team(request.path_params["team_id"])
    if team is None or team.id not in {t.id for t in games.store.teams()}:
        raise pacing.PacingError("no such team (removed already?)")
    what = form.get("action", "")
    if what == "rename":
        from ..workshop.files import WorkshopError, check_team

        try:
            name = check_team(form.get("name", ""))
            games.store.rename_team(team.id, name)
        except WorkshopError as exc:
            raise pacing.PacingError(str(exc)) from None
        except DuplicateTeam:
            raise pacing.PacingError(f"a team called '{form.get('name', '').strip()}' is in the room already")
        games.forget(team.id)
    elif what == "remove":
        if form.get("confirm") != "remove":
            row = next(r for r in team_rows(request) if r["id"] == team.id)
            raise Unconfirmed(f"tick 'remove {team.name}' to confirm",
                              remove_confirm(row, "Tick the box to confirm, or keep the team."))
        games.store.remove_team(team.id)
        if games.room.state().stand_in(team.id):
            pacing.set_stand_in(games, team.id, None)
        games.forget(team.id)
        return _done(request, "removed")
    elif what == "bot-turn":
        pacing.bot_plays_turn(games, team, form.get("policy"))
    elif what == "stand-in":
        pacing.set_stand_in(games, team.id, form.get("policy") or pacing.BOT_POLICY)
    elif what == "stand-in-off":
        pacing.set_stand_in(games, team.id, None)
    else:
        raise pacing.PacingError("choose rename, remove, bot-turn, stand-in or stand-in-off")
    return _done(request, what, team.id)


def unfinished_teams(games) -> list[tuple[str, int, int]]:
    """The teams still playing: (name, turns played, the game's turns)."""
    out = []
    for team in games.store.teams():
        session = games.session(team)
        if not session.done:
            out.append((team.name, session.turn, session.scenario.turns))
    return out


def _at_turn(team: tuple[str, int, int]) -> str:
    """'Amber (turn 5 of 12)' or 'Fern (never played)', as the end's confirmation and the console after the end
    name a team."""
    return f"{team[0]} (turn {team[1]} of {team[2]})" if team[1] else f"{team[0]} (never played)"


def _end(request, games, form):
    """End for every team; ending mid-game needs the facilitator to have seen how many teams are still playing.

    The form says how many unfinished teams the facilitator was told of (`unfinished`); when more
    are playing now (a stale page, a script that did not ask), it is refused with their names, so
    nobody's game is cut short without the facilitator knowing. Unfinished games are debriefed as
    unfinished: listed with the turn they reached, never ranked (debrief.py).
    """
    if games.room.state().ended:
        return _done(request, "ended")
    playing = unfinished_teams(games)
    teams = len(games.store.teams())
    if form.get("confirm") != "end":
        raise Unconfirmed("tick 'end the workshop for every team' to confirm",
                          end_confirm(playing, teams, "Tick the box to confirm, or keep playing."))
    try:
        told = int(form.get("unfinished") or 0)
    except ValueError:
        told = 0
    if len(playing) > told:
        raise Unconfirmed(
            f"{words.plural(len(playing), 'team')} {'has' if len(playing) == 1 else 'have'} not finished: "
            f"{_names([_at_turn(u) for u in playing])}. "
            "Confirm to end anyway: the report lists their games as unfinished, not ranked",
            end_confirm(playing, teams, "" if "unfinished" not in form else
                        f"Not ended: {len(playing) - told} more {'team is' if len(playing) - told == 1 else 'teams are'}"
                        " playing than when you were asked. Check the list again."))
    pacing.end_workshop(games)
    return _done(request, "ended")


def routes() -> list[Route]:
    post = ["POST"]
    return [Route("/console", console), Route("/console/teams", teams), Route("/console/room", room),
            Route("/console/games", games_export), Route("/console/events", events),
            Route("/console/logout", logout, methods=post),
            Route("/console/start", control(_start), methods=post),
            Route("/console/pace", control(_pace), methods=post),
            Route("/console/round", control(_next_round), methods=post),
            Route("/console/clock", control(_clock), methods=post),
            Route("/console/pause", control(_pause), methods=post),
            Route("/console/message", control(_message), methods=post),
            Route("/console/reveal", control(_reveal), methods=post),
            Route("/console/joining", control(_joining), methods=post),
            Route("/console/bot-team", control(_bot_team), methods=post),
            Route("/console/team/{team_id:int}", control(_team_action), methods=post),
            Route("/console/end", control(_end), methods=post)]
