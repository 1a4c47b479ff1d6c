"""The participants' JSON API: the same door as the pages, for bots and load tests.

`leadsim simulate --server` joins, reads the state and posts decisions here
exactly as the pages do (same checks, same turn numbers, same clock); the team
token travels as `Authorization: Bearer`. A team only ever sees its own game:
every route finds the team from the token and nothing else.
"""

from __future__ import annotations

import json
import time

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..session import Decision, DecisionError
from ..workshop.files import BOT_NAME
from . import pagedata
from .auth import current_team, set_team_cookie
from .games import JoinError, RoomHeld, TurnConflict, WrongCode
from .ratelimit import client_address, refusal


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _too_many(wait: int) -> JSONResponse:
    return JSONResponse({"error": refusal(wait)}, status_code=429, headers={"Retry-After": str(wait)})


async def _body(request: Request) -> dict | None:
    try:
        data = json.loads(await request.body() or b"{}")
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _team(request: Request):
    team = current_team(request)
    if team is not None:
        request.app.state.games.store.touch(team.id)
    return team


async def join(request: Request) -> Response:
    """A team joins. A bot program says so (`"bot": its play`, as `simulate --server` does), so every screen
    marks the team as a bot and the debrief never holds it up as the best team of people."""
    data = await _body(request)
    if data is None:
        return _error(400, "send a JSON object: {\"team\": NAME, \"code\": JOIN_CODE}")
    bot = data.get("bot")
    if bot is not None and not (isinstance(bot, str) and BOT_NAME.fullmatch(bot)):  # as a result file names its bot
        return _error(400, "\"bot\" is the bot's play, e.g. \"balanced\": a lowercase letter, then up to 39 "
                      "lowercase letters, digits, '+', '-' or '_'")
    games = request.app.state.games
    limit, address = request.app.state.code_limit, client_address(request)
    if wait := limit.wait_seconds(address):
        return _too_many(wait)
    try:
        team, token = games.join(str(data.get("team", ""))[:200], str(data.get("code", ""))[:40],
                                 str(data.get("scenario", ""))[:40] or None, client_bot=bot)
    except JoinError as exc:
        if isinstance(exc, WrongCode):
            limit.failed(address)
        return _error(422, str(exc))
    request.app.state.events.notify(team.id if games.room.state().started else None)  # waiting pages list it
    response = JSONResponse({"team": team.name, "token": token, "rejoin_code": team.rejoin_code}, status_code=201)
    set_team_cookie(response, token)
    return response


async def rejoin(request: Request) -> Response:
    data = await _body(request)
    if data is None:
        return _error(400, "send a JSON object: {\"rejoin\": CODE}")
    limit, address = request.app.state.code_limit, client_address(request)
    if wait := limit.wait_seconds(address):
        return _too_many(wait)
    try:
        team, token = request.app.state.games.rejoin(str(data.get("rejoin", ""))[:40])
    except JoinError as exc:
        limit.failed(address)
        return _error(422, str(exc))
    return JSONResponse({"team": team.name, "token": token, "rejoin_code": team.rejoin_code})


async def state(request: Request) -> Response:
    team = _team(request)
    if team is None:
        return _error(401, "join first (POST /api/join) and send the token as 'Authorization: Bearer TOKEN'")
    games = request.app.state.games
    if games.enforce_clock(team) is not None:
        request.app.state.events.notify(team.id)
    session = games.session(team)
    left = games.open_turn(team)
    body = dict(games.view(team, "state", lambda s: pagedata.state_json(
        s, pagedata.dashboard(s, team.name, team.rejoin_code, None))))
    body["seconds_left"] = left
    room = games.room.state()
    from .live import held_kind

    body["room"] = room.public()
    body["held"] = held_kind(room, session, team.id)
    return JSONResponse(body)


async def game_info(request: Request) -> Response:
    """Scenario, seed and difficulty of the team's game: what a workshop file tells a desktop participant."""
    team = _team(request)
    if team is None:
        return _error(401, "join first")
    session = request.app.state.games.session(team)
    return JSONResponse({"team": team.name, "scenario": team.scenario, "scenario_id": session.scenario.id,
                         "scenario_sha256": team.scenario_sha256, "seed": team.seed, "difficulty": team.difficulty,
                         "turns": session.scenario.turns, "turns_decided": session.turn})


async def scenario_text(request: Request) -> Response:
    team = _team(request)
    if team is None:
        return _error(401, "join first")
    session = request.app.state.games.session(team)
    return Response(session.loaded.text,
                    media_type="text/yaml; charset=utf-8")


async def decide(request: Request) -> Response:
    started = time.perf_counter()
    team = _team(request)
    if team is None:
        return _error(401, "join first")
    data = await _body(request)
    if data is None or not isinstance(data.get("turn"), int) or isinstance(data.get("turn"), bool):
        return _error(400, "send {\"turn\": N, \"actions\": [...], \"choice\": ID or null}; N is the turn you decide")
    games = request.app.state.games
    try:
        decision = Decision.from_json({"actions": data.get("actions", []), "choice": data.get("choice")})
        outcome = games.decide(team, data["turn"], decision)
    except TurnConflict as exc:
        return _error(409, str(exc))
    except RoomHeld as exc:  # paused, the round not open, the workshop ended: try again later (simulate --server)
        return _error(423, str(exc))
    except DecisionError as exc:
        return _error(422, str(exc))
    request.app.state.events.notify(team.id)
    session = games.session(team)
    body = {"turn": outcome.turn, "applied": outcome.applied, "timed_out": outcome.timed_out,
            "decision": outcome.decision.to_json(), "done": session.done,
            "report": pagedata.report_json(session, session.reports[outcome.turn - 1])}
    response = JSONResponse(body, status_code=201 if outcome.applied else 200)
    # the time the server spent on it (committed included), apart from any wait for the CPU or the network
    response.headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.2f}"
    return response


async def result(request: Request) -> Response:
    team = _team(request)
    if team is None:
        return _error(401, "join first")
    session = request.app.state.games.session(team)
    return JSONResponse(session.result(None))


def routes() -> list[Route]:
    return [Route("/api/join", join, methods=["POST"]), Route("/api/rejoin", rejoin, methods=["POST"]),
            Route("/api/state", state), Route("/api/game", game_info), Route("/api/scenario", scenario_text),
            Route("/api/decide", decide, methods=["POST"]), Route("/api/result", result)]
