"""The participant's side of the room: the held screens (paused, waiting for a round, ended) and a live stream.

A participant's page keeps one Server-Sent Events stream open (`/live`). It
carries the room's public state (pause, the open round, the round clock, the
facilitator's message, the end) and the caller's own turn, and nothing of any
other team. The page's script (static/live.js) shows a new message at once, shows
the turn clock the moment it starts (and follows it when it is extended,
stopped or paused: every stream message carries the team's seconds left), and
reloads when what the page should show changes (a pause, a round opening, the
end): the server renders the right screen, so the pages also work without the
script, only not live (a held page then reloads itself every
pages.HELD_REFRESH_SECONDS). Holding the stream open, and pinging `/live/ping` while
it is open, is how the console knows a team's page is there (room.Presence): a
closed tab, or a laptop that left the network with its page open, shows as
disconnected.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from .auth import current_team
from .room import PING_SECONDS, RoomState

HEARTBEAT = 15.0  # seconds between two messages on a quiet stream (proxies and sleeping laptops drop silent ones)


def held_kind(room: RoomState, session, team_id: int | None = None) -> str | None:
    """Why the team cannot play its next turn now: 'ended', 'lobby' (play not started yet), 'paused', 'bot' (a
    bot stands in for it), 'waiting' (a round), or None (play on)."""
    if room.ended:
        return "ended"
    if session.done:
        return None
    if not room.started:
        return "lobby"
    if room.paused:
        return "paused"
    if team_id is not None and room.stand_in(team_id):
        return "bot"
    if room.rounds and session.turn + 1 > room.round:
        return "waiting"
    return None


def team_live(request: Request, team) -> dict:
    """What the team's stream says: the room's public state and the team's own turn, nothing else."""
    games = request.app.state.games
    session = games.session(team)
    room = games.room.state()
    held = held_kind(room, session, team.id)
    return {"room": room.public(), "turn": session.turn, "done": session.done, "held": held,
            "lobby": lobby_names(games) if held == "lobby" else None,  # the waiting page's list of who is in
            "seconds_left": None if held == "bot" else games.seconds_left(team, session, room),  # a bot's to play
            "ping_seconds": PING_SECONDS}


def lobby_names(games) -> list[str]:
    """The teams in the room, in the order they joined: what the waiting page lists before play starts (the
    projector shows the same names to the whole room)."""
    return [t.name for t in games.store.teams()]


async def live(request: Request) -> Response:
    team = current_team(request)
    if team is None:
        return JSONResponse({"error": "join first"}, status_code=401)
    app = request.app
    broadcast = app.state.events

    async def stream():
        app.state.presence.opened(team.id)
        try:
            with broadcast.streaming():
                async for part in _team_stream(request, team, broadcast):
                    yield part
        finally:
            app.state.presence.closed(team.id)
            app.state.events.notify(team.id)  # the console sees the page close

    app.state.events.notify(team.id)  # ... and open
    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


async def _team_stream(request: Request, team, broadcast):
    """The team's stream until its page goes, the team is removed or the server stops (Broadcast.close)."""
    app = request.app
    seen, said = -1, None
    while not broadcast.closing:
        if await request.is_disconnected():
            return
        before = seen
        seen = await broadcast.wait(seen, HEARTBEAT, team.id)
        if broadcast.closing:
            return
        fresh = current_team(request)
        if fresh is None:  # removed by the facilitator
            yield "event: gone\ndata: {}\n\n"
            return
        if app.state.presence.live(team.id):  # a stream whose page stopped pinging proves nothing
            app.state.games.store.touch(team.id)
        body = team_live(request, fresh)
        same = {k: v for k, v in body.items() if k != "seconds_left"}
        if same != said or seen == before:  # something of ours changed, or the heartbeat is due
            said = same
            yield f"event: room\ndata: {json.dumps(body)}\n\n"


async def ping(request: Request) -> Response:
    """An open page says it is still there (static/live.js, every room.PING_SECONDS): see room.Presence."""
    team = current_team(request)
    if team is None:
        return JSONResponse({"error": "join first"}, status_code=401)
    app = request.app
    if app.state.presence.heard(team.id):
        app.state.events.notify(team.id)  # back after its pings had stopped: the console should say so now
    # memory only, no store write: 200 pages ping ~25 times a second; the stream's heartbeat keeps seen_at
    return Response(status_code=204, headers={"Cache-Control": "no-store"})


def routes() -> list[Route]:
    return [Route("/live", live), Route("/live/ping", ping, methods=["POST"])]
