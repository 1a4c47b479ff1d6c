"""The workshop server's ASGI application: wiring only (settings, middleware, routes, templates).

One small module per concern, as Datasette does: the store (store.py), the
games (games.py), cross-site protection (csrf.py), body limits (limits.py),
who is asking (auth.py), the participants' pages (pages.py), their JSON API
(api.py), the facilitator's console (console.py) and what a page says
(pagedata.py). State lives in the SQLite store; the app holds only caches that
the store rebuilds.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..workshop.files import Workshop
from . import api, console, debrief_console, live, pages, projector
from ..charts import metric_style, sparkline
from ..clock import HURRY
from ..views import lines, tables, words
from ..views.report import NOTHING
from .csrf import CSRFMiddleware
from .games import Games
from .limits import BodyLimitMiddleware
from .pacing import Sweeper
from .ratelimit import FailureLimit
from .room import Presence
from .store import Store

HERE = Path(__file__).resolve().parent


@dataclass
class ServeConfig:
    db_path: Path
    workshop: Workshop | None = None
    facilitator_token: str | None = None  # None: the one stored with the workshop, or a new random one
    public_url: str | None = None  # the address participants use (the LAN address with --lan)


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["signed"] = lambda v, digits=1: f"{v:+.{digits}f}"
    env.globals["spark"] = lambda m, k: sparkline(m.history, m.lo, m.hi, metric_style(k))  # the window's k-th row's
    # The views' words and the page's own marks for their enums (a direction is an arrow here).
    env.globals.update(lines=lines, tables=tables, hurry=HURRY, letter=words.CATEGORY_LETTER, nothing=NOTHING,
                       arrow={words.Direction.UP: "▲", words.Direction.DOWN: "▼", words.Direction.SAME: "="},
                       outcome_mark={words.Outcome.WIN: "★", words.Outcome.LOSS: "✖", words.Outcome.NEUTRAL: "●",
                                     words.Outcome.RUNNING: "●"},
                       held_mark={"lobby": "◷", "paused": "❚❚", "waiting": "◔", "bot": "⚙", "ended": "■"})
    return env


def create_app(config: ServeConfig) -> Starlette:
    store = Store(config.db_path)
    games = Games(store, config.workshop)
    token = config.facilitator_token or store.meta_once("facilitator_token", lambda: secrets.token_urlsafe(18))
    routes = [*pages.routes(), *api.routes(), *console.routes(), *projector.routes(), *debrief_console.routes(),
              *live.routes(),
              Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static")]
    app = Starlette(routes=routes, middleware=[Middleware(BodyLimitMiddleware), Middleware(CSRFMiddleware)],
                    exception_handlers=pages.exception_handlers(), lifespan=_lifespan)
    app.state.games = games
    app.state.facilitator_token = token
    app.state.public_url = config.public_url
    app.state.templates = templates()
    app.state.events = console.Broadcast()
    app.state.code_limit = FailureLimit()  # wrong join and rejoin codes per client address
    # Wrong projector codes that came in a link (GET /projector?key=), on a count of their own: any page on any
    # site can make a participant's browser fetch a link (an <img>), and must not use up that address's wrong
    # join and rejoin codes (the POSTs, which cross-site requests cannot make, share code_limit).
    app.state.link_limit = FailureLimit()
    debrief_console.install(app, config.db_path)
    app.state.presence = Presence()
    app.state.sweeper = Sweeper(games, app.state.events.notify)
    games.room.on_change(lambda before, after: app.state.events.notify())
    return app


@contextlib.asynccontextmanager
async def _lifespan(app):
    """The sweeper runs while the server does: clocks run out and rounds open with no request coming in."""
    app.state.sweeper.start()
    try:
        yield
    finally:
        await app.state.sweeper.stop()
        app.state.debrief.stop()  # no debrief child process outlives the server
