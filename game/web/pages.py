"""The participants' pages: server-rendered HTML that works with plain links and forms.

A route reads who is asking (auth), asks the games for the team's Session,
turns it into page data (pagedata) and renders a template; a form post becomes
a Decision that only Games.decide applies. A little JavaScript (static/play.js)
adds the window's keys, the live points-left line and retries when the
connection drops, and static/live.js the room's news and the turn clock's
countdown; without them every page still works (a held page reloads itself, a
page shows the clock as it stood when it was loaded).
"""

from __future__ import annotations

from dataclasses import replace

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..session import Decision, DecisionError
from . import pagedata
from .auth import current_team, set_team_cookie
from .games import JoinError, RoomHeld, TurnConflict, WrongCode
from .ratelimit import client_address, refusal

MAX_FORM_FIELDS = 40
HELD_REFRESH_SECONDS = 8  # a held page without JavaScript reloads itself this often (live.js moves it at once)


def render(request: Request, template_name: str, status: int = 200, **context) -> HTMLResponse:
    template = request.app.state.templates.get_template(template_name)
    context.setdefault("large", request.cookies.get("leadsim_text") == "large")
    team = getattr(request.state, "team", None)
    if team is not None:  # a team's page: the room's message, the turn clock, and live.js
        games = request.app.state.games
        room = games.room.state()
        context.setdefault("live", room.public())
        session = games.session(team)
        if "clock" not in context:  # the dashboard passes its own (opening the turn starts a free-pace clock)
            context["clock"] = games.seconds_left(team, session, room)
        context.setdefault("clock_turn", session.turn + 1)  # the turn it counts for
        context.setdefault("clock_paused", room.paused)
    html = template.render(request=request, static=lambda f: f"/static/{f}", **context)
    response = HTMLResponse(html, status_code=status)
    response.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self' data:; "
                                                   "style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
                                                   "form-action 'self'; base-uri 'none'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    # not no-referrer: with it browsers send "Origin: null" on our own form posts, and over plain http to a
    # LAN address (not localhost) Origin is all the CSRF check has: Sec-Fetch-Site is sent to https/localhost only
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _team_or_join(request: Request):
    team = current_team(request)
    if team is None:
        raise HTTPException(303, headers={"Location": "/"})
    request.app.state.games.store.touch(team.id)
    request.state.team = team
    return team


def _held(request: Request, team, session) -> Response | None:
    """The paused, waiting or ended screen, when the room holds this team's play (live.py)."""
    from .live import held_kind

    games = request.app.state.games
    room = games.room.state()
    kind = held_kind(room, session, team.id)
    if kind is None:
        return None
    games_clock = games.seconds_left(team, session, room)
    last = session.log[-1] if session.log else None
    from ..views.held import held
    from ..views.words import time_up

    from .live import lobby_names

    return render(request, "held.html", team=team, refresh=HELD_REFRESH_SECONDS,
                  clock=games_clock if kind == "paused" else None,  # waiting: no turn open; bot: not theirs to play
                  h=held(kind, session, all_decided=str(room.advance) == "all_decided",
                         time_up=time_up(last.choice is not None) if last is not None and last.timed_out else None,
                         teams=tuple(lobby_names(games)) if kind == "lobby" else (), own=team.name))


async def _form(request: Request):
    return await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)


# --- joining -------------------------------------------------------------------------------------
async def home(request: Request) -> Response:
    if current_team(request) is not None:
        return _see("/play")
    return _join_page(request)


def _join_page(request: Request, message: str | None = None, name: str = "", status: int = 200,
               headers: dict | None = None, code: str | None = None, rejoin: str = "") -> Response:
    """The join page; after a refusal, with everything the person typed still in its fields (`name`, `code`,
    `rejoin`: s6 lost the workshop code on a refused name), and with the room's state at once: when no new team
    can join (ended, joining closed) the page says so instead of offering a form that would refuse them."""
    from ..views.join import join_page

    games = request.app.state.games
    closed = games.closed_to_new_teams()
    response = render(request, "join.html", status=status, message=None if message == closed else message,
                      name=name, code=(request.query_params.get("code", "") if code is None else code)[:12],
                      rejoin=rejoin[:12], scenarios=games.practice_scenarios() if games.practice else [],
                      j=join_page(games.workshop.name if games.workshop else None, closed))
    response.headers.update(headers or {})
    return response


async def join(request: Request) -> Response:
    form = await _form(request)
    games = request.app.state.games
    name = str(form.get("team", ""))[:200]
    limit, address = request.app.state.code_limit, client_address(request)
    if wait := limit.wait_seconds(address):
        return _join_page(request, refusal(wait), name[:40], status=429, headers={"Retry-After": str(wait)},
                          code=str(form.get("code", ""))[:40])
    code = str(form.get("code", ""))[:40]
    try:
        team, token = games.join(name, code, str(form.get("scenario", ""))[:40] or None)
    except JoinError as exc:
        if isinstance(exc, WrongCode):
            limit.failed(address)
        return _join_page(request, exc.on_page, name[:40], status=422, code=code)
    started = games.room.state().started
    request.app.state.events.notify(team.id if started else None)  # before the start every waiting page lists it
    response = _see("/briefing" if started else "/play")  # not started: the waiting page (it links the briefing)
    set_team_cookie(response, token)
    return response


async def rejoin(request: Request) -> Response:
    form = await _form(request)
    limit, address = request.app.state.code_limit, client_address(request)
    if wait := limit.wait_seconds(address):
        return _join_page(request, refusal(wait), status=429, headers={"Retry-After": str(wait)},
                          rejoin=str(form.get("rejoin", ""))[:40])
    typed = str(form.get("rejoin", ""))[:40]
    try:
        team, token = request.app.state.games.rejoin(typed)
    except JoinError as exc:
        limit.failed(address)
        return _join_page(request, str(exc), status=422, rejoin=typed)
    response = _see("/play")
    set_team_cookie(response, token)
    return response


async def text_size(request: Request) -> Response:
    form = await _form(request)
    large = form.get("size") == "large"
    back = request.headers.get("referer", "")
    response = _see(back if back.startswith("/") else "/play")
    response.set_cookie("leadsim_text", "large" if large else "normal", max_age=365 * 86400, samesite="strict",
                        httponly=True)
    return response


# --- playing ------------------------------------------------------------------------------------
async def briefing(request: Request) -> Response:
    team = _team_or_join(request)
    session = request.app.state.games.session(team)
    if request.app.state.games.room.state().paused:
        return _held(request, team, session)
    from ..views.briefing import rules_line
    from ..views.held import BACK_TO_LOBBY
    from ..views.help import BRIEFING_KEYS, help_view

    lobby = BACK_TO_LOBBY if not request.app.state.games.room.state().started else None
    return render(request, "briefing.html", team=team, b=pagedata.briefing(session), started=session.turn > 0,
                  lobby=lobby,
                  h=help_view("web"), rules=rules_line(session.scenario), briefing_keys=BRIEFING_KEYS)


async def play(request: Request) -> Response:
    team = _team_or_join(request)
    games = request.app.state.games
    timed_out = games.enforce_clock(team)
    if timed_out is not None:
        request.app.state.events.notify(team.id)
        return _see(f"/report/{timed_out.turn}")
    session = games.session(team)
    if session.done:
        return _see("/end")
    return _held(request, team, session) or _dashboard(request, team, session)


def _dashboard(request: Request, team, session, chosen=(), choice=None, message=None, status=200) -> Response:
    games = request.app.state.games
    left = games.open_turn(team)
    dash = replace(games.view(team, "dashboard", lambda s: pagedata.dashboard(s, team.name, team.rejoin_code, None)),
                   seconds_left=left)
    return render(request, "dashboard.html", status=status, team=team, d=dash, clock=left, chosen=set(chosen),
                  choice=choice,
                  message=message, summary=pagedata.check_summary(session, list(chosen)),
                  last=pagedata.report(session, session.reports[-1]) if session.reports else None)


async def check(request: Request) -> Response:
    """The points-and-budget line for the cards picked so far, and whether the session accepts them."""
    team = _team_or_join(request)
    request.app.state.games.store.act(team.id)
    session = request.app.state.games.session(team)
    form = await _form(request)
    chosen = [str(a) for a in form.getlist("action")]
    message = None
    try:
        session.check(Decision(tuple(chosen), _choice(form, session)))
    except DecisionError as exc:
        message = str(exc)
    return render(request, "summary.html", summary=pagedata.check_summary(session, chosen), message=message)


def _choice(form, session) -> str | None:
    choice = form.get("choice")
    if session.event is None:
        return None
    return str(choice) if choice else None


async def decide(request: Request) -> Response:
    team = _team_or_join(request)
    games = request.app.state.games
    form = await _form(request)
    session = games.session(team)
    chosen = [str(a)[:80] for a in form.getlist("action")]
    try:
        turn = int(str(form.get("turn", "")))
    except ValueError:
        return _see("/play")
    decision = Decision(tuple(chosen), _choice(form, session))
    try:
        outcome = games.decide(team, turn, decision)
    except (TurnConflict, RoomHeld):  # a stale page, or the room paused or ended meanwhile: /play says which
        return _see("/play")
    except DecisionError as exc:
        if session.done:
            return _see("/end")
        return _dashboard(request, team, session, chosen, decision.choice, str(exc), status=422)
    request.app.state.events.notify(team.id)
    return _see(f"/report/{outcome.turn}")


async def report(request: Request) -> Response:
    team = _team_or_join(request)
    session = request.app.state.games.session(team)
    n = request.path_params["turn"]
    if not 1 <= n <= session.turn:
        return _see("/play")
    if request.app.state.games.room.state().paused:
        return _held(request, team, session)
    return render(request, "report.html", team=team, r=pagedata.report(session, session.reports[n - 1]),
                  done=session.done, latest=n == session.turn)


async def end(request: Request) -> Response:
    team = _team_or_join(request)
    session = request.app.state.games.session(team)
    if not session.done:
        return _see("/play")
    from .. import charts

    from ..views.debrief import early_end

    e = pagedata.end_screen(session)
    games = request.app.state.games
    # a game lost early while the room plays on: what to do with the rounds left (trainer s7 finding 6)
    early = early_end(session) if games.workshop is not None and not games.room.state().ended else None
    return render(request, "end.html", team=team, e=e, early=early, mix=charts.mix_chart(e.mix),
                  charts=[charts.line_chart(s.title, s.values, g.lo, g.hi, g.unit, e.phase_marks,  # the debrief's axes
                                            charts.metric_style(s.index))  # the window's style for it
                          for g in e.charts for s in g.series])


async def help_page(request: Request) -> Response:
    from ..views.help import help_view

    games = request.app.state.games
    team = current_team(request)  # the help says what wins the scenario whenever the page knows it:
    if team is not None:  # a team's page like the others: the room's message and the clock still running
        request.state.team = team
    scenario = games.session(team).scenario if team is not None else games.workshop_scenario()  # before joining too
    return render(request, "help.html", h=help_view("web", games.turn_seconds, scenario=scenario))


def routes() -> list[Route]:
    return [
        Route("/", home), Route("/join", join, methods=["POST"]), Route("/rejoin", rejoin, methods=["POST"]),
        Route("/text-size", text_size, methods=["POST"]),
        Route("/briefing", briefing), Route("/play", play), Route("/play/check", check, methods=["POST"]),
        Route("/play/decide", decide, methods=["POST"]), Route("/report/{turn:int}", report),
        Route("/end", end), Route("/help", help_page),
    ]


async def _http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code in (301, 302, 303, 307) and exc.headers:
        return Response(status_code=exc.status_code, headers=exc.headers)
    if request.url.path.startswith("/api/"):
        from starlette.responses import JSONResponse

        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    from ..views.lines import error_page

    heading, text = error_page(exc.status_code, str(exc.detail or ""))
    return render(request, "error.html", status=exc.status_code, heading=heading, text=text)


def exception_handlers() -> dict:
    return {HTTPException: _http_error}
