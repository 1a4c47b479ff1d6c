"""leadsim serve: the facilitator's laptop serves a workshop (or free practice) to the room's browsers."""

from __future__ import annotations

import re
import socket
import sys
from pathlib import Path

DEFAULT_PORT = 8765


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve a workshop to participants' browsers (nothing to install for them)")
    p.add_argument("workshop", nargs="?", metavar="WORKSHOP.json",
                   help="the workshop file (leadsim workshop new); without it: free practice, one game per visitor")
    p.add_argument("--lan", action="store_true", help="open the server to the room's network (same as --host 0.0.0.0)")
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--token", default=None, metavar="T",
                   help="the facilitator's console token (default: a random one, kept with the workshop's games)")
    p.set_defaults(func=run)


def db_path_for(workshop) -> Path:
    """The workshop's database in the data folder: its name plus the pinned scenario, never a client's text."""
    from ..userdata import data_dir

    folder = data_dir() / "serve"
    if workshop is None:
        return folder / "practice.sqlite3"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", workshop.name).strip("-").lower()[:60] or "workshop"
    return folder / f"{slug}-{workshop.scenario_sha256[:8]}-seed{workshop.seed}.sqlite3"


def lan_address() -> str:
    """This computer's address on the room's network (no packet is sent: UDP connect only picks a route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def _bind(host: str, port: int) -> socket.socket:
    from ..cli import UsageError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = "it is in use by another program" if exc.errno == 98 else exc.strerror
        raise UsageError(f"cannot listen on {host}:{port}: {why}; choose another --port (0 picks a free one)") \
            from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _token(text: str | None) -> str | None:
    from ..cli import UsageError

    if text is None:
        return None
    if not re.fullmatch(r"[A-Za-z0-9_\-]{12,100}", text):
        raise UsageError("--token must be 12 to 100 letters, digits, '-' or '_' (it goes into a link)")
    return text


def run(args) -> int:
    from ..cli import UsageError
    from ..workshop.files import read_workshop

    host = args.host or ("0.0.0.0" if args.lan else "127.0.0.1")
    if args.lan and args.host and args.host != "0.0.0.0":
        raise UsageError("--lan listens on every address; leave out --host, or use --host alone")
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    token = _token(args.token)
    workshop = read_workshop(Path(args.workshop)) if args.workshop else None
    sock = _bind(host, args.port)
    port = sock.getsockname()[1]
    shown_host = lan_address() if host in ("0.0.0.0", "::") else host
    public = f"http://{shown_host if ':' not in shown_host else '[' + shown_host + ']'}:{port}/"

    from ..web.app import ServeConfig, create_app
    from ..web.store import StoreError

    config = ServeConfig(db_path_for(workshop), workshop, token, public)
    try:
        app = create_app(config)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    _announce(app, workshop, public, host, config.db_path)
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=30,
                                           lifespan="on"))  # the app's sweeper keeps the clocks
    server.run(sockets=[sock])
    return 0


def _announce(app, workshop, public: str, host: str, db: Path) -> None:
    from ..web.qr import join_url, qr_terminal

    games = app.state.games
    join = join_url(public, None if games.practice else games.join_code)
    out = sys.stdout
    if workshop is not None:
        print(f"Serving the workshop '{workshop.name}' ({games.workshop.scenario}, seed {workshop.seed}, "
              f"{workshop.difficulty}) with {len(games.store.teams())} team(s) so far.", file=out)
    else:
        print("Serving free practice: every visitor plays their own game of a built-in scenario.", file=out)
    if host == "127.0.0.1":
        print("Only this computer can connect; use --lan to open it to the room's network.", file=out)
    print(f"\nParticipants open:   {join}", file=out)
    if not games.practice:
        print(f"Workshop code:       {games.join_code}", file=out)
    print(qr_terminal(join), file=out)
    print(f"Facilitator's console (keep this link to yourself):\n  {public}console?token={app.state.facilitator_token}",
          file=out)
    print(f"Games are kept in {db}; stop with Ctrl+C and run the same command again to resume.", file=out, flush=True)
