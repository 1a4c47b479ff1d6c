"""The projector view: what the whole room may see, in type readable from the back row.

While teams join it shows the join link, the short code and a QR code; once
play starts, the leaderboard (rank, team, score so far, turns played, status),
the round and its clock and how many teams the room is waiting for; at the end
the final standings. When the facilitator reveals the hidden drivers (as the
hot seat's R key does) it shows every team's trust, stress, process, ownership
and skills instead.

No secret is ever on it: not the facilitator's token (the page is opened from
the console, whose cookie lets it in, so the address bar shows no token), not
a rejoin code, and no hidden driver unless revealed. A separate PC on the
projector (many rooms have one) has no console cookie: it opens /projector,
which then shows how to get in (a styled page, the room's usual look), and
types the room's projector code the console shows, or opens the console's
projector link with the code in it. The code opens the projector view and
nothing else (its own cookie, never the facilitator's), and wrong typed codes
count towards the same per-address limit as wrong join codes (wrong codes in a
link, a GET any site can make a browser send, on a count of their own). The cookie is not the
code but a 256-bit secret of its own (projector_pass): the cookie is checked,
uncounted, on every request of the view and its stream, so were it the code a
laptop in the room could try codes as cookies as fast as the server answers. The words come from
game/views (standings: rank, status, the reveal's heading; the hot seat's
ranking rule, score per turn while teams are a turn apart), computed from the
server's games through a HotSeat over them: the same table the window's hot
seat draws, so the two never disagree.

Live: `/projector/events` sends the view again (as JSON, text only) whenever
the room changes, at most a few times a second; the page's script writes it
with textContent and reloads itself when the layout changes (joining ->
playing -> ended, reveal on or off). Without the script the page still shows
the view as of its loading.
"""

from __future__ import annotations

import asyncio
import json

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from ..hotseat import HotSeat, turns_counted
from ..views import standings, words
from ..views.words import shown
from .auth import COOKIE_DAYS, MAX_TOKEN_CHARS, is_facilitator, set_facilitator_cookie
from .ratelimit import client_address, refusal
from .store import CODE_ALPHABET, new_code, new_token

NOT_STARTED = "The game starts when the facilitator starts play"  # the joining screen's line, before the start
NAMES_SHOWN = 10  # the joining screen lists the latest teams; the count says how many in all
STREAM_EVERY = 0.4  # seconds: the projector is redrawn at most this often, however busy the room
KEEPALIVE = 15.0


PROJECTOR_COOKIE = "leadsim_projector"
PROJECTOR_KEY_LENGTH = 6
WRONG_KEY = "That is not this room's projector code: check it in the facilitator's console, under “The room”."


def projector_key(games) -> str:
    """The room's projector code: drawn once, kept in the store (the same after a restart, a new one with --fresh)."""
    return games.store.meta_once("projector_key", lambda: new_code(PROJECTOR_KEY_LENGTH))


def projector_pass(games) -> str:
    """What the projector PC's cookie holds once the code was typed: a secret as long as a team's token, kept in
    the store beside the code (so a restart keeps the PC in, and --fresh, a new store, lets it out)."""
    return games.store.meta_once("projector_pass", new_token)


def _typed_key(text: str) -> str:
    """A typed code as the room reads it aloud: case, spaces and dashes do not matter."""
    return "".join(c for c in str(text)[:40].upper() if c in CODE_ALPHABET)


def _key_matches(games, text: str | None) -> bool:
    import hmac

    return bool(text) and hmac.compare_digest(_typed_key(text).encode(), projector_key(games).encode())


def may_project(request: Request) -> bool:
    """The facilitator (the console's cookie or token), or a PC given the room's projector code (its cookie)."""
    if is_facilitator(request):
        return True
    import hmac

    given = request.cookies.get(PROJECTOR_COOKIE) or ""
    return bool(given) and len(given) <= MAX_TOKEN_CHARS and hmac.compare_digest(
        given.encode("utf-8"), projector_pass(request.app.state.games).encode("utf-8"))


def _refuse() -> Response:
    return PlainTextResponse("Open the projector view from the facilitator's console, or type its projector code "
                             "at /projector.", status_code=401)


def _open_page(request: Request, error: str = "", typed: str = "", status: int = 401) -> Response:
    """How a PC without the console's login opens the projector view: a styled page with the code's form."""
    from .pages import render

    return render(request, "projector_open.html", status=status, error=error, typed=typed[:40],
                  length=PROJECTOR_KEY_LENGTH)


def _let_in(games) -> Response:
    response = RedirectResponse("/projector", status_code=303)  # the code leaves the address bar at once
    response.set_cookie(PROJECTOR_COOKIE, projector_pass(games), max_age=COOKIE_DAYS * 86400, httponly=True,
                        samesite="strict", path="/")
    return response


async def open_with_key(request: Request) -> Response:
    """The projector code typed on the projector PC (the form of projector_open.html)."""
    limit, address = request.app.state.code_limit, client_address(request)
    if wait := limit.wait_seconds(address):
        return _open_page(request, refusal(wait), status=429)
    form = await request.form(max_files=0, max_fields=4)
    key = str(form.get("key", ""))[:40]
    if not _key_matches(request.app.state.games, key):
        limit.failed(address)
        return _open_page(request, WRONG_KEY, key, status=422)
    return _let_in(request.app.state.games)


def room_state(games):
    """The room's pacing state (room.RoomState: rounds, clock, pause, message, reveal, end)."""
    return games.room.state()


def _hot_seat(games, teams, sessions) -> HotSeat:
    by_name = {t.name: sessions[t.id] for t in teams}
    return HotSeat([t.name for t in teams], by_name.__getitem__, games.workshop.name if games.workshop else None)


def _layout(state, sessions: list) -> str:
    """joining (until play starts) -> playing -> ended; the reveal replaces either of the last two while it is on (the debrief uses it)."""
    if not state.started:  # the facilitator's Start play ends the joining screen
        return "ended" if state.ended else "joining"
    if state.reveal:
        return "reveal"
    if state.ended:
        return "ended"
    # every game over, the workshop not ended: the results wait for the facilitator (trainer s7 finding 12: the
    # final standings and the winner came up the moment the last team finished, with no way to hold them)
    return "held" if all(s.done for s in sessions) else "playing"


def _waiting_line(state, sessions: list) -> str:
    """Rounds: how many teams have not decided the open round; free pace: how many have finished."""
    if not state.started and not state.ended:
        return NOT_STARTED
    if not sessions:
        return ""
    if state.ended:
        unfinished = sum(1 for s in sessions if not s.done)
        return "The workshop has ended" + (f" ({words.plural(unfinished, 'team')} did not finish)" if unfinished
                                           else ": the debrief follows")
    if all(s.done for s in sessions):
        return "Every team has finished"
    if state.rounds:
        if state.round == 0:
            return "The first round opens soon"
        waiting = sum(1 for s in sessions if not s.done and s.turn < state.round)
        return f"Waiting for {words.plural(waiting, 'team')}" if waiting else "Every team has decided"
    done = sum(1 for s in sessions if s.done)
    return f"{done} of {words.plural(len(sessions), 'team')} finished"


def _round_line(state, hs: HotSeat | None, turns: int, mixed: bool = False) -> str:
    """The bar's line: the room's round in rounds, FREE_PACE's words in free pace (never the slowest team's turn as a
    round: a free room has none), and how the table ranks when that needs saying: score per turn while teams
    are turns apart, finished teams first once some have finished (`mixed`). Once every game is over, what
    the winner strip under it needs beside it (the scenario, the order)."""
    if hs is not None and hs.teams and hs.finished and not mixed:
        return f"{hs.scenario.title}  •  {standings.ORDERED_BY_FINAL}"
    if state.rounds and not state.round:
        return f"Rounds of {turns} turns"
    where = f"Round {state.round} of {turns}" if state.rounds else FREE_PACE
    if mixed:
        return f"{where}  •  {FINISHED_FIRST}"
    if ranks_per_turn(state, hs, mixed):
        return f"{where}  •  {standings.PER_TURN}"
    return where


def ranks_per_turn(state, hs: HotSeat | None, mixed: bool) -> bool:
    """The table ranks by score per turn played and says so: at free pace, or in rounds while teams are turns
    apart (never once every game is over, nor in a mixed room, whose finished games rank by final score)."""
    if hs is None or not hs.teams or hs.finished or mixed:
        return False
    return not state.rounds or len({t.session.turn for t in hs.teams if not t.done}) > 1


def per_turn(session) -> str:
    """The figure a per-turn ranking compares, as the room reads it: the score as shown over the turns counted
    (the hot seat's rank value, per turn rather than scaled to the whole game), and for a game that ended early
    over how many (standings.per_turn_text)."""
    return standings.per_turn_text(shown(session.score()) / turns_counted(session), session)


PER_TURN_TITLE = "Per turn"  # the column beside the score so far while the ranks compare score per turn played


# What the room reads at free pace: "free pace" is the facilitator's word for it (the console's), not the room's
# (s6 trainer finding 12). Short on purpose: at 1280x720 a longer one ("At your own pace") pushed the bar onto a second line and the reveal's second page under the foot (tests/web/test_projector.py).
FREE_PACE = "Your pace"
FINISHED_FIRST = "finished teams ranked by final score"  # the others follow, unranked, until they finish
IN_PROGRESS = "ranked when it finishes"  # after a still-playing team's status while others have finished
UNRANKED = "–"  # no rank (yet): never played, still playing while others have finished, unfinished at the end
NOT_FINISHED = "not finished: score so far, not ranked"  # the end came before the game's


def _bot_of(team, state) -> str | None:
    """The bot playing a team: the server's, a bot program's that joined saying so (TeamRow.bot), or one
    standing in for the team now."""
    return team.bot or state.stand_in(team.id)


def room_ranking(games, teams, sessions, ended: bool) -> tuple[HotSeat | None, list[tuple[str, object]]]:
    """(rank as shown, team), best first, as every screen of the room ranks (console, projector, report).

    views.standings' one tie rule (1=, 1=, 3) over the hot seat's rule: score per turn while teams are
    turns apart, the final score once every game is over. A final score is never ranked against a score so
    far, though: once a game has run to its last turn while others are still being played (mixed_room), and
    after the end, only the finished games are ranked, by final score, as the report ranks them; the
    unfinished follow without a rank ('–'), the furthest first. (A game lost early, before anyone reached
    the last turn, stays in the per-turn ranking, which counts every turn of its game: it ranks low, as it
    will.) A team that has not played a turn has nothing to rank: last, unranked. Returns the hot seat the
    ranks came from (None when nobody could be ranked).
    """
    played = [t for t in teams if sessions[t.id].turn or sessions[t.id].done]
    waiting = [t for t in teams if t not in played]
    ranked, playing = played, []
    if ended or mixed_room([sessions[t.id] for t in played]):
        ranked = [t for t in played if sessions[t.id].done]
        playing = sorted((t for t in played if not sessions[t.id].done),
                         key=lambda t: (-sessions[t.id].turn, -sessions[t.id].score()))
    hs = _hot_seat(games, ranked, sessions) if ranked else None
    out = _ranked(hs, dict(enumerate(ranked))) if hs else []
    return hs, out + [(UNRANKED, t) for t in playing + waiting]


def mixed_room(sessions: list) -> bool:
    """A game has run to its last turn while others, begun, are still being played: from now on the room's
    table ranks the finished by final score and lists the rest as in progress."""
    return (any(s.done and s.turn >= s.scenario.turns for s in sessions)
            and any(s.turn and not s.done for s in sessions))


def _ranked(hs: HotSeat, by_index: dict) -> list[tuple[str, object]]:
    pairs = standings.ranked(hs)
    tied = standings.ties([r for r, _ in pairs])
    return [(standings.rank_text(r, t), by_index[team.index]) for (r, team), t in zip(pairs, tied)]


def projector_view(app) -> dict:
    """Everything the projector shows, as plain data (also the JSON its stream sends)."""
    games = app.state.games
    state = room_state(games)
    teams = games.store.teams()
    sessions = {t.id: games.session(t) for t in teams}
    listed = [sessions[t.id] for t in teams]
    turns = listed[0].scenario.turns if listed else 0
    layout = _layout(state, listed)
    # a pause stops clocks: with every game over (or the workshop ended) none runs, so the screen claims none
    # (trainer s7 rehearsal 4, finding 4: 'Paused: the clocks are stopped' above 'Every team has finished',
    # during the reveal, and its banner cost the reveal's rows their room)
    clocks_run = not state.started or (not state.ended and not all(s.done for s in listed))
    view = {"layout": layout, "workshop": games.workshop.name if games.workshop else "Free practice",
            "teams": len(teams), "round_line": _round_line(state, None, turns),
            "waiting_line": _waiting_line(state, listed),
            "paused": state.paused and clocks_run,
            "clock_left": state.clock_remaining() if state.rounds and clocks_run else None,
            "message": state.message.text if state.message else None,
            "joining_open": state.joining_open,
            "names": [], "more": "", "score_title": "", "score_note": "", "per_turn_title": "", "rows": [], "hidden_teams": [], "hidden_marks": [],
            "hidden_rows": [],
            "winner": None}
    if layout == "joining":
        view["names"] = _names(teams[-NAMES_SHOWN:], state)
        more = len(teams) - len(view["names"])
        view["more"] = f"and {more} more" if more else ""
        return view
    if layout == "held":
        view["names"] = _names(teams[-NAMES_SHOWN:], state)
        more = len(teams) - len(view["names"])
        view["more"] = f"and {more} more" if more else ""
        view["held_heading"], view["held_line"], view["waiting_line"] = HELD_HEADING, HELD_LINE, ""
        return view
    ranked_by, ranking = room_ranking(games, teams, sessions, state.ended)
    over = state.ended or all(s.done for s in listed)
    mixed = not over and mixed_room(listed)
    if over and ranked_by is None:
        view["round_line"] = "No team finished its game: nobody is ranked"
    else:
        view["round_line"] = _round_line(state, ranked_by, turns, mixed)
    by_turn = ranks_per_turn(state, ranked_by, mixed) and not over
    view["per_turn_title"] = PER_TURN_TITLE if by_turn else ""
    view["score_title"] = ("Final score" if all(s.done for s in listed) else "Score" if over or mixed
                           else "Score so far")
    view["score_note"] = standings.score_so_far_note(listed[0].scenario) if listed and not over else ""
    if state.ended and ranked_by is not None:  # (the reveal before the end names no winner: the end does)
        # the winner on a line of its own, the names apart: a long name is cut on screen, never the score
        lead, names, score = standings.winner_parts(
            ranked_by, frozenset(t.name for _, t in ranking if _bot_of(t, state)))
        view["winner"] = {"lead": _capital(lead) + " ", "score": score,
                          "names": winner_names(list(names))}
    for rank, team in ranking:
        s = sessions[team.id]
        view["rows"].append(_row(rank, team.name, s, _bot_of(team, state), _row_status(s, over, mixed),
                                 per_turn(s) if by_turn and rank != UNRANKED else ""))
    if layout == "ended" and _with_uploads(app, view, teams, sessions, state):
        return view
    if layout == "reveal":  # as the hot seat's table: a row per hidden driver, a column per team
        order = [team for _, team in ranking]
        hs = _hot_seat(games, order, sessions)
        hidden = standings.hidden(hs)
        view["hidden_heading"] = standings.reveal_heading(listed[0].difficulty if listed else "standard")
        view["hidden_teams"] = [head.name for head in hidden.teams]
        view["hidden_marks"] = [standings.BOT_MARK if _bot_of(t, state) else "" for t in order]
        view["hidden_rows"] = [{**_room_label(r.label), "cells": [
            {"text": c.text, "change": c.change_text, "verdict": str(c.verdict)} for c in r.cells]}
            for r in hidden.rows]
    return view


def _names(teams, state) -> list[str]:
    """The joining and the 'Every team has finished' lists: a bot's name with the one mark, as on every other
    screen (trainer s7 rehearsal 4, finding 11: 'Robo Table' and 'Bot Sim' were listed unmarked there)."""
    return [standings.team_label(t.name, bool(_bot_of(t, state))) for t in teams]


HELD_HEADING = "Every team has finished"
HELD_LINE = "The final standings come when the facilitator ends the workshop."


def _capital(lead: str) -> str:
    """The winner line's lead where it starts the line: 'Winner:', 'Best team of people:' (the views' words are
    written for the inside of a sentence; the projector's 'winner: Ana's table' read as a slip, finding 12)."""
    return lead[:1].upper() + lead[1:]


WINNER_NAMES = 2  # names on the winner line; more tied teams are counted ('and 2 more'): their places show it


def winner_names(names: list[str]) -> list[dict]:
    """The winner line's names, each with what follows it: the first WINNER_NAMES, then how many more share the
    place (a tie of 5 gave each name '…' and pushed the score off a 1280 screen; the table lists them all)."""
    if len(names) <= WINNER_NAMES:
        return [{"name": n, "after": after} for n, after in words.joined_parts(names)]
    shown = [{"name": n, "after": ", "} for n in names[:WINNER_NAMES]]
    shown[-1]["after"] = f" and {len(names) - WINNER_NAMES} more"
    return shown


def _room_label(label: str) -> dict:
    """A hidden driver's label as the room reads it: 'Your leadership skill' is the player's word, and on the
    room's screen "your" is nobody's, so 'Leadership skill'; the scale's note ('lower is better') apart, on
    a line of its own under the driver rather than wrapped into it."""
    name, _, note = label.partition("  (")
    if name[:5].casefold() == "your " and len(name) > 5:
        name = name[5].upper() + name[6:]
    return {"label": name, "note": note.rstrip(")")}


def _row_status(session, over: bool, mixed: bool) -> str:
    """The status column: the game's status; for a game still being played while others have finished, that it
    is ranked when it finishes; after the end, an unfinished game's score is not final."""
    if session.done:
        return standings.status(session)
    if over:
        return NOT_FINISHED
    return f"{standings.status(session)}: {IN_PROGRESS}" if mixed and session.turn else standings.status(session)


def _row(rank: str, team: str, session, bot: str | None, status: str, by_turn: str = "") -> dict:
    return {"rank": rank, "team": team, "bot": bot, "mark": standings.BOT_MARK if bot else "",
            "score": f"{session.score():.1f}", "per_turn": by_turn, "turn": f"{session.turn} of {session.scenario.turns}",
            "status": status, "outcome": str(words.outcome_of(session))}


def _with_uploads(app, view: dict, teams, sessions, state) -> bool:
    """The final standings once desktop results are uploaded in the console: the report's leaderboard
    (views.standings) of the server's finished games and the uploaded finished ones, the unfinished after it
    without a rank, so the room's screen ranks the teams the report ranks. False when nothing was uploaded."""
    debrief = getattr(app.state, "debrief", None)
    uploaded = debrief.uploaded_games() if debrief is not None else []
    if not uploaded:
        return False
    games = [(t.name, sessions[t.id], _bot_of(t, state)) for t in teams] + uploaded
    board = standings.leaderboard([g for g in games if g[1].done])
    stopped = sorted((g for g in games if not g[1].done), key=lambda g: (-g[1].turn, -g[1].score()))
    rows = [(e.rank_text, team, s, bot) for e in board.entries
            for team, s, bot in games if team == e.team and s.done]
    rows += [(UNRANKED, team, s, bot) for team, s, bot in stopped]
    view["rows"] = [_row(rank, team, s, bot, _row_status(s, True, False)) for rank, team, s, bot in rows]
    view["score_title"] = "Final score"
    if board.entries:
        best, all_bots = standings.best_people(list(board.entries), lambda e: e.policy)
        lead, before_score = standings.winner_words(len(best), all_bots, best[0].rank == 1)
        view["winner"] = {"lead": _capital(lead) + " ", "score": before_score + f"{best[0].score:.1f}",
                          "names": winner_names([e.team for e in best])}
    return True


def _join(request: Request) -> tuple[str, str | None, str]:
    from .qr import join_url, qr_svg

    games = request.app.state.games
    code = None if games.practice else games.join_code
    url = join_url(request.app.state.public_url or request, code)
    return url, code, qr_svg(url, fill=True)


async def projector(request: Request) -> Response:
    if "key" in request.query_params:  # the console's projector link: the code leaves the address bar at once
        limit, address = request.app.state.link_limit, client_address(request)  # (a forgeable GET: app.py)
        if wait := limit.wait_seconds(address):
            return _open_page(request, refusal(wait), status=429)
        key = request.query_params["key"]
        if _key_matches(request.app.state.games, key):
            return _let_in(request.app.state.games)
        limit.failed(address)
        return _open_page(request, WRONG_KEY, key[:40], status=422)
    if not may_project(request):
        return _open_page(request)
    if "token" in request.query_params:  # never leave the token in the projected address bar
        response = RedirectResponse("/projector", status_code=303)
        set_facilitator_cookie(response, request.query_params["token"])
        return response
    from .pages import render

    from .qr import typed_address

    url, code, qr = _join(request)
    view = projector_view(request.app)
    return render(request, "projector.html", v=view, join=url, typed=typed_address(url), code=code, qr=qr)


async def projector_data(request: Request) -> Response:
    if not may_project(request):
        return _refuse()
    from starlette.responses import JSONResponse

    return JSONResponse(projector_view(request.app), headers={"Cache-Control": "no-store"})


async def events(request: Request) -> Response:
    """Server-Sent Events: the view again whenever it changed (checked on every change of the room)."""
    if not may_project(request):
        return _refuse()
    broadcast = request.app.state.events

    async def stream():
        seen, last = -1, None
        with broadcast.streaming():
            while not broadcast.closing:  # the server is stopping: end now (console.Broadcast.close)
                if await request.is_disconnected():
                    return
                seen = await broadcast.wait(seen, KEEPALIVE)
                if broadcast.closing:
                    return
                text = json.dumps(projector_view(request.app), sort_keys=True)
                if text != last:
                    last = text
                    yield f"event: view\ndata: {text}\n\n"
                else:
                    yield ": still here\n\n"
                await asyncio.sleep(STREAM_EVERY)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


def routes() -> list[Route]:
    return [Route("/projector", projector), Route("/projector", open_with_key, methods=["POST"]),
            Route("/projector/view", projector_data),
            Route("/projector/events", events)]
