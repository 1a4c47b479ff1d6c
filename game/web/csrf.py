"""Cross-site request protection for every request that changes something (as Datasette's csrf.py).

A page on another site (or another machine on the room's network) must not be
able to make a participant's browser post a decision, join or rejoin. Browsers
say where a request comes from: `Sec-Fetch-Site` (all current browsers) and
`Origin` (older ones, and every cross-origin POST). So, for POST, PUT, PATCH
and DELETE:

1. `Sec-Fetch-Site: same-origin` or `none` (typed in the address bar) passes;
   `same-site` and `cross-site` are refused: another port on the same laptop is
   "same-site" but is not us.
2. Without that header, an `Origin` header must name this very server
   (scheme, host and port as the request's Host header says).
3. Without either header the request is not from a browser that follows these
   rules (curl, `leadsim simulate --server`, tests) and passes: cross-site
   forgery needs a victim's browser, and every browser sends one of the two.

The team cookie is also SameSite=Strict, so even a browser that ignored both
headers would not send it on a cross-site post. No tokens in forms are needed,
which keeps the pages cacheable and the HTTP API simple for bots.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.responses import PlainTextResponse

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _same_origin(origin: str, scope) -> bool:
    headers = dict(scope.get("headers") or [])
    host = headers.get(b"host", b"").decode("latin-1").lower()
    parts = urlsplit(origin.lower())
    scheme = scope.get("scheme", "http")
    if parts.scheme != scheme or not parts.netloc:
        return False
    default = {"http": "80", "https": "443"}[scheme] if scheme in ("http", "https") else ""
    return _with_port(parts.netloc, default) == _with_port(host, default)


def _with_port(netloc: str, default: str) -> str:
    if netloc.endswith("]") or ":" not in netloc.rsplit("]", 1)[-1]:
        return f"{netloc}:{default}"
    return netloc


def refusal(scope) -> str | None:
    """Why this request must be refused as cross-site, or None if it may go on."""
    if scope.get("method") not in UNSAFE_METHODS:
        return None
    headers = dict(scope.get("headers") or [])
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    if site:
        return None if site in ("same-origin", "none") else f"cross-site request refused (Sec-Fetch-Site: {site})"
    origin = headers.get(b"origin", b"").decode("latin-1")
    if origin:
        return None if origin != "null" and _same_origin(origin, scope) else \
            "cross-site request refused (Origin does not match this server)"
    return None


class CSRFMiddleware:
    """Pure ASGI middleware: refuse unsafe cross-site requests before any route runs."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            why = refusal(scope)
            if why:
                await PlainTextResponse(why, status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)
