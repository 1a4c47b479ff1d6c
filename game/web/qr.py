"""The join link and its QR code for the projector (segno: pure Python, no image library needed)."""

from __future__ import annotations

import io

import segno


def join_url(request_or_base, code: str | None) -> str:
    base = request_or_base if isinstance(request_or_base, str) else str(request_or_base.base_url)
    base = base.rstrip("/") + "/"
    return f"{base}?code={code}" if code else base


def typed_address(url: str) -> str:
    """The join link as a late joiner types it from the projector's foot: no scheme, no code in it, no last "/"
    ("192.168.1.23:8765"; browsers add the http:// themselves, the join page asks for the code, which the foot
    shows beside it). The whole link with its code wrapped the foot into two lines at 1080p, and the standings
    lost their sixth row to it (trainer s7, finding 12)."""
    address = url.split("?", 1)[0].rstrip("/")
    return address.split("://", 1)[-1]


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
