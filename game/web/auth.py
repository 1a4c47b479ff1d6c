"""Who is asking: a team by its cookie (or bearer token), the facilitator by the console token.

A team's token is 256 random bits, handed out once when the team joins (or
rejoins with its code) and stored only as a digest. Browsers keep it in an
HttpOnly cookie with SameSite=Strict: scripts cannot read it and other sites
cannot make the browser send it. Bots (`leadsim simulate --server`) send the
same token as `Authorization: Bearer`.

The facilitator's token is compared with `hmac.compare_digest`, so the time a
wrong guess takes says nothing about how close it was.
"""

from __future__ import annotations

import hmac

from starlette.requests import Request
from starlette.responses import Response

TEAM_COOKIE = "leadsim_team"
FACILITATOR_COOKIE = "leadsim_facilitator"
COOKIE_DAYS = 2
MAX_TOKEN_CHARS = 200


def team_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else request.cookies.get(TEAM_COOKIE)
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    return token


def current_team(request: Request):
    """The TeamRow of the team this request speaks for, or None."""
    token = team_token(request)
    return request.app.state.games.store.team_by_token(token) if token else None


def set_team_cookie(response: Response, token: str) -> None:
    response.set_cookie(TEAM_COOKIE, token, max_age=COOKIE_DAYS * 86400, httponly=True, samesite="strict",
                        path="/")


def is_facilitator(request: Request) -> bool:
    expected = request.app.state.facilitator_token
    given = request.query_params.get("token") or request.cookies.get(FACILITATOR_COOKIE) or ""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    return bool(given) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def set_facilitator_cookie(response: Response, token: str) -> None:
    response.set_cookie(FACILITATOR_COOKIE, token, max_age=COOKIE_DAYS * 86400, httponly=True,
                        samesite="strict", path="/")
