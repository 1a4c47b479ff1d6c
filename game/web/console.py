"""The facilitator's console: the room at a glance, behind the facilitator's token.

Issue 12 needs only what the facilitator must have to run a browser workshop:
the join link, code and QR code for the projector, every team's turn and
score, a live stream of changes (Server-Sent Events) and the teams' games as
data for `leadsim debrief --server`. Issue 13 (pacing, messages, bots for
empty tables) grows from here: `team_rows` is the status table, `Broadcast`
the live feed.

Nothing here is linked from a participant's page; without the token every
route answers 401 and says nothing about what is inside.
"""

from __future__ import annotations

import asyncio
import time

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from .auth import FACILITATOR_COOKIE, is_facilitator, set_facilitator_cookie

IDLE_SECONDS = 90  # a team not heard from for longer shows as idle


class Broadcast:
    """A change counter that waiting console streams wake on (one process; other processes are polled)."""

    def __init__(self):
        self.version = 0
        self._waiters: set[asyncio.Event] = set()

    def notify(self) -> None:
        self.version += 1
        for ev in list(self._waiters):
            ev.set()

    async def wait(self, seen: int, timeout: float) -> int:
        if self.version != seen:
            return self.version
        ev = asyncio.Event()
        self._waiters.add(ev)
        try:
            await asyncio.wait_for(ev.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        finally:
            self._waiters.discard(ev)
        return self.version


def _refuse() -> Response:
    return JSONResponse({"error": "the facilitator's token is needed"}, status_code=401)


def team_rows(request: Request) -> list[dict]:
    """One row per team: the console's status table (no hidden driver, no secret)."""
    games = request.app.state.games
    now = time.time()
    rows = []
    for team in games.store.teams():
        session = games.session(team)
        idle = now - team.seen_at
        status = "finished" if session.done else ("idle" if idle > IDLE_SECONDS else "playing")
        rows.append({"id": team.id, "team": team.name, "turn": session.turn, "turns": session.scenario.turns,
                     "phase": session.phase_spec.title, "score": round(session.score(), 1), "status": status,
                     "idle_seconds": int(idle), "timed_out": sum(1 for d in session.log if d.timed_out),
                     "ending": session.ending.title if session.ending else None})
    return rows


async def console(request: Request) -> Response:
    if not is_facilitator(request):
        return _refuse()
    if "token" in request.query_params:  # keep the token out of the address bar and history from now on
        response = RedirectResponse("/console", status_code=303)
        set_facilitator_cookie(response, request.query_params["token"])
        return response
    from .pages import render
    from .qr import join_url, qr_svg

    games = request.app.state.games
    url = join_url(request.app.state.public_url or request, games.join_code if not games.practice else None)
    return render(request, "console.html", rows=team_rows(request), join=url, code=games.join_code,
                  qr=qr_svg(url), practice=games.practice,
                  workshop=games.workshop.name if games.workshop else "Free practice")


async def teams(request: Request) -> Response:
    if not is_facilitator(request):
        return _refuse()
    return JSONResponse({"teams": team_rows(request)})


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
        out.append(result_of(session, games.workshop, team.name, team.policy))
    return JSONResponse({"workshop": games.workshop.to_json(), "results": out})


async def events(request: Request) -> Response:
    """Server-Sent Events: the status table again whenever something changed (and every 15 s)."""
    if not is_facilitator(request):
        return _refuse()
    import json

    broadcast = request.app.state.events

    async def stream():
        seen = -1
        while True:
            if await request.is_disconnected():
                return
            seen = await broadcast.wait(seen, 15.0)
            yield f"event: teams\ndata: {json.dumps(team_rows(request))}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


async def logout(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(FACILITATOR_COOKIE, path="/")
    return response


def routes() -> list[Route]:
    return [Route("/console", console), Route("/console/teams", teams), Route("/console/games", games_export),
            Route("/console/events", events), Route("/console/logout", logout, methods=["POST"])]
