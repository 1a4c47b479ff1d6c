"""Bounds on what a client may send: request bodies are read only up to a fixed size.

A participant's form or JSON decision is a few hundred bytes; anything much
larger is a mistake or an attack, and is refused with 413 before it is read
into memory (a `Content-Length` over the limit is refused at once; a chunked
body is counted as it arrives).
"""

from __future__ import annotations

from starlette.responses import PlainTextResponse

MAX_BODY_BYTES = 16_384
LARGER = {"/console/debrief/upload": 8_000_000}  # result files from desktop games (debrief.UPLOAD_BODY_BYTES)


class BodyLimitMiddleware:
    def __init__(self, app, limit: int = MAX_BODY_BYTES, larger: dict[str, int] | None = None):
        self.app = app
        self.default = limit
        self.larger = LARGER if larger is None else larger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope.get("path", ""), self.default) if scope.get("method") == "POST" else self.default
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await self._too_large(scope, receive, send, limit)
            return
        seen = 0

        async def bounded_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, bounded_receive, send)
        except BodyTooLarge:
            await self._too_large(scope, receive, send, limit)

    async def _too_large(self, scope, receive, send, limit):
        await PlainTextResponse(f"request body too large (limit {limit} bytes)", status_code=413)(
            scope, receive, send)


class BodyTooLarge(Exception):
    pass
