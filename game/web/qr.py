"""The join link and its QR code for the projector (segno: pure Python, no image library needed)."""

from __future__ import annotations

import io

import segno


def join_url(request_or_base, code: str | None) -> str:
    base = request_or_base if isinstance(request_or_base, str) else str(request_or_base.base_url)
    base = base.rstrip("/") + "/"
    return f"{base}?code={code}" if code else base


def qr_svg(url: str, fill: bool = False) -> str:
    """An inline SVG (dark on light, with a quiet zone) that phones' cameras read from the back of a room.

    `fill`: no fixed size, only a viewBox, so the page's CSS sizes it (the projector draws it screen-high).
    """
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=6, border=4, xmldecl=False, svgns=True,
                                    dark="#000", light="#fff", title="QR code of the join link", omitsize=fill)
    return buf.getvalue().decode("utf-8")


def qr_terminal(url: str) -> str:
    buf = io.StringIO()
    segno.make(url, error="m").terminal(out=buf, compact=True)
    return buf.getvalue()
