"""leadsim serve: the facilitator's laptop serves a workshop (or free practice) to the room's browsers."""

from __future__ import annotations

import contextlib
import re
import signal
import socket
import sys
import threading
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
    p.add_argument("--fresh", action="store_true",
                   help="start a new room for this workshop file: the earlier room's games and debrief are kept "
                        "aside under a dated name (never deleted), then the room starts empty")
    p.add_argument("--kept", metavar="ROOM.sqlite3",
                   help="serve a room that --fresh kept aside (the path its message named) instead of the file's "
                        "current room: its teams, standings and debrief as they were")
    p.set_defaults(func=run)


def db_path_for(workshop) -> Path:
    """The workshop's database in the data folder, never a client's text: its name for people to read, plus the
    file's own identity (Workshop.room, drawn by `workshop new`), so each new workshop file is a room of its own
    and the same file served again resumes its room. A file from before that identity keeps the old key
    (scenario and seed), so its room still resumes."""
    from ..userdata import data_dir

    folder = data_dir() / "serve"
    if workshop is None:
        return folder / "practice.sqlite3"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", workshop.name).strip("-").lower()[:60] or "workshop"
    if workshop.room is not None:
        return folder / f"{slug}-room-{workshop.room}.sqlite3"
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


def plain_line(text: str) -> str:
    """A name from the disk, safe on one terminal line (no markup, no control characters, no line break)."""
    from ..plaintext import plain

    return plain(text, markup=False).replace("\n", " ")


def _workshops_near(path: Path) -> str:
    """The workshop files beside a name that is not there, likeliest first: `serve taster.jsn` said only 'no such
    workshop file' (trainer s7 rehearsal 4, finding 12), where debrief's typo lists what is there. A workshop
    file is told by its format mark near its start (a few kB read of at most 500 .json files: any folder)."""
    import difflib

    from ..workshop.files import WORKSHOP_FORMAT

    folder = path.parent
    where = "here" if str(folder) == "." else f"in {plain_line(str(folder))}"
    names = []
    try:
        for p in sorted(folder.glob("*.json"))[:500]:
            try:
                with p.open("rb") as f:
                    if f'"{WORKSHOP_FORMAT}"'.encode() in f.read(4096):
                        names.append(plain_line(p.name))
            except OSError:
                continue
    except OSError:
        return ""
    if not names:
        return f" (no workshop file {where}; make one with: leadsim workshop new)"
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.5)
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"; did you mean {close[0]}?" if close else "") + f" (workshop files {where}: {listed})"


def run(args) -> int:
    from ..cli import UsageError
    from ..workshop.files import read_workshop

    host = args.host or ("0.0.0.0" if args.lan else "127.0.0.1")
    if args.lan and args.host and args.host != "0.0.0.0":
        raise UsageError("--lan listens on every address; leave out --host, or use --host alone")
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    token = _token(args.token)
    if args.workshop and not Path(args.workshop).exists():
        raise UsageError(f"{plain_line(args.workshop)}: no such workshop file{_workshops_near(Path(args.workshop))}")
    workshop = read_workshop(Path(args.workshop)) if args.workshop else None
    db = _kept_room(args, workshop) if args.kept else db_path_for(workshop)
    from ..web import roomfile

    lock = _claim_room(db, workshop)
    try:
        return _serve(args, host, token, workshop, db)
    finally:
        roomfile.release(lock)


def _kept_room(args, workshop) -> Path:
    """The database `--kept` names: an existing room of a `leadsim serve` (checked read-only first, so no other
    file is ever written to); that it is this workshop's room, the store checks when it opens it."""
    from ..cli import UsageError
    from ..web import roomfile

    if workshop is None:
        raise UsageError("--kept serves a kept room of a workshop: give the workshop file too, "
                         "e.g. leadsim serve day.json --kept ROOM.sqlite3")
    if args.fresh:
        raise UsageError("--kept serves a room kept aside as it was; --fresh starts an empty one: use one of them")
    path = Path(args.kept).expanduser()
    if not path.is_file():
        kept = sorted(db_path_for(workshop).parent.glob(f"{db_path_for(workshop).stem}-kept-*.sqlite3"))
        there = f"; this workshop's kept rooms: {', '.join(str(k) for k in kept[-3:])}" if kept else \
            "; this workshop has no kept room"
        raise UsageError(f"--kept: no such file {path}{there}")
    if roomfile.earlier_room(path) is None:
        raise UsageError(f"--kept: {path} is not a room of `leadsim serve` (give the path the --fresh message named)")
    return path.resolve()


def _claim_room(db: Path, workshop):
    """The room's lock for this process, or a one-line refusal when another `leadsim serve` holds it: two
    servers on one database would both run clocks and bots on the same games."""
    from ..cli import UsageError
    from ..web import roomfile

    lock = roomfile.claim(db)
    if lock is not None:
        return lock
    url, pid = roomfile.serving_note(db)
    what = f"the workshop '{workshop.name}'" if workshop is not None else "free practice"
    where = f" at {url}" if url else ""
    who = f" (process {pid})" if pid else ""
    raise UsageError(f"{what} is already being served on this computer{where}{who}; use that one, or stop it "
                     "(Ctrl+C in its terminal) before serving it again")


def _serve(args, host: str, token: str | None, workshop, db: Path) -> int:
    from ..cli import UsageError
    from ..web import roomfile

    kept = None
    if args.fresh:
        before = roomfile.earlier_room(db)
        try:
            kept = (roomfile.keep_aside(db), before)
        except OSError as exc:
            raise UsageError(f"--fresh could not move the earlier room ({db}) aside: {exc.strerror or exc}; "
                             "nothing was changed") from None
    sock = _bind(host, args.port)
    port = sock.getsockname()[1]
    shown_host = lan_address() if host in ("0.0.0.0", "::") else host
    public = f"http://{shown_host if ':' not in shown_host else '[' + shown_host + ']'}:{port}/"

    from ..web.app import ServeConfig, create_app
    from ..web.store import StoreError

    config = ServeConfig(db, workshop, token, public)
    try:
        app = create_app(config)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    roomfile.note_serving(db, public)
    if args.kept:
        print(f"Serving the room kept aside in {db}, not the workshop file's current room.", flush=True)
    _announce(app, workshop, public, host, config.db_path, kept, _again(args))
    server = _server(app, _stopping_line(workshop, _again(args)))
    server.run(sockets=[sock])
    if server.force_exit:  # a second Ctrl+C skipped the app's shutdown: no debrief child may outlive us
        app.state.debrief.stop()
        return 130
    return 0


GRACE_SECONDS = 3  # the most a stop waits for a response still being sent (a slow phone's page, a report)


def _stopping_line(workshop, again: str):
    """The one line Ctrl+C (or SIGTERM) prints at once, with the count of pages whose streams it closes."""
    from ..views.words import plural

    kept = f"the room is saved, `{again}` resumes it" if workshop is not None else \
        f"the games are saved, `{again}` resumes them"
    return lambda pages: f"Stopping: closing {plural(pages, 'open page')}; {kept}."


def _server(app, stopping):
    """uvicorn's server, stopping at once on Ctrl+C or SIGTERM with the room's pages open.

    uvicorn's graceful shutdown waits for every open response, and a page's live stream never ends by itself:
    the trainer's Ctrl+C and SIGTERM left a silent server running for as long as the room's phones were open
    (s6 trainer finding 2). So the stop first ends every stream (console.Broadcast.close), then lets uvicorn
    finish as usual (the sweeper stops, the debrief child is ended); GRACE_SECONDS bounds anything else still
    sending. Every change of the room was committed to SQLite when it was made, so there is nothing to save.
    The signal is not raised again after the stop (uvicorn would), so Ctrl+C exits 0 and the lock is
    released; a second Ctrl+C forces the stop (exit 130)."""
    import uvicorn

    class Server(uvicorn.Server):
        async def shutdown(self, sockets=None):
            print(stopping(app.state.events.close()), file=sys.stdout, flush=True)
            await super().shutdown(sockets)

        @contextlib.contextmanager
        def capture_signals(self):
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            before = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in before.items():
                    signal.signal(sig, handler)

    return Server(uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=30,
                                 timeout_graceful_shutdown=GRACE_SECONDS,
                                 lifespan="on"))  # the app's sweeper keeps the clocks


def _again(args) -> str:
    """The command that serves this workshop again, as the facilitator typed it (for "run ... --fresh")."""
    import shlex

    parts = ["leadsim", "serve", args.workshop or ""]
    if args.lan:
        parts.append("--lan")
    if getattr(args, "kept", None):
        parts += ["--kept", str(args.kept)]
    return " ".join(shlex.quote(p) for p in parts if p)


def _when(seconds: float) -> str:
    import time

    return time.strftime("%a %d %b %Y at %H:%M", time.localtime(seconds))


def _kept_line(kept, again: str | None = None) -> str | None:
    """--fresh: where the earlier room went, and the command that serves it again (None when there was none to
    keep)."""
    import shlex

    from ..views.words import plural
    from ..web import roomfile

    if kept is None or kept[0] is None:
        return None
    path, before = kept
    had = ""
    if before is not None:
        ended = (f", ended {_when(before.ended_at)}" if before.ended and before.ended_at
                 else ", ended" if before.ended else "")
        had = f" ({plural(before.teams, 'team')}{ended})"
    debrief = roomfile.debrief_folder(path)
    return (f"The earlier room{had} is kept in {path}" + (f", its debrief in {debrief}" if debrief.exists() else "")
            + "; nothing was deleted." + (f" To serve it again: {again} --kept {shlex.quote(str(path))}" if again
                                          else ""))


def _room_lines(app, workshop, kept, again: str) -> list[str]:
    """The start's first lines: which room this is (new, resumed, resumed after its end, fresh after another),
    so a facilitator never runs last week's ended room for this week's group without being told."""
    games = app.state.games
    teams = games.store.teams()
    state = games.room.state()
    what = (f"the workshop '{workshop.name}' ({games.workshop.scenario}, seed {workshop.seed}, "
            f"{workshop.difficulty})")
    kept_line = _kept_line(kept, again)
    if kept_line:
        return [f"Serving {what} in a fresh room.", kept_line]
    if not teams and not state.ended:
        return [f"Serving {what}: a new room, no team yet."]
    since = f", the first joined {_when(min(t.joined_at for t in teams))}" if teams else ""
    from ..views.words import plural
    if not state.ended:
        return [f"Resuming {what}: {plural(len(teams), 'team')} so far{since}."]
    ended = f" on {_when(state.ended_at)}" if state.ended_at else ""
    return [f"Resuming {what}.",
            f"This workshop has ENDED{ended}, with {plural(len(teams), 'team')}: this is that room again, with its "
            "final standings and debrief; nobody can join or play in it.", _fresh_hint(again)]


def _fresh_hint(again: str) -> str:
    again = again.split(" --kept ")[0]  # a new group gets the file's own room, never a kept one served again
    return (f"For a new group, stop this (Ctrl+C) and run: {again} --fresh  (the ended room is kept aside, "
            "never deleted)")


def _announce(app, workshop, public: str, host: str, db: Path, kept=None, again: str = "leadsim serve") -> None:
    """What the facilitator needs on start: which room, the links, where the games are kept."""
    from ..web.qr import join_url, qr_terminal

    games = app.state.games
    join = join_url(public, None if games.practice else games.join_code)
    out = sys.stdout
    if workshop is not None:
        for line in _room_lines(app, workshop, kept, again):
            print(line, file=out)
    else:
        print("Serving free practice: every visitor plays their own game of a built-in scenario.", file=out)
        if _kept_line(kept):  # (free practice: no kept room is served again, --kept needs a workshop)
            print(_kept_line(kept), file=out)
    ended = workshop is not None and games.room.state().ended
    if host == "127.0.0.1":
        print("Only this computer can connect; use --lan to open it to the room's network.", file=out)
    if ended:  # nobody can join an ended room: no join link or code to hand out (trainer s7 r4, finding 12)
        print("\nNo join link or code: nobody can join an ended room. The projector shows its final standings.",
              file=out)
    else:
        print(f"\nParticipants open:   {join}", file=out)
        if not games.practice:
            print(f"Workshop code:       {games.join_code}", file=out)
    if not ended:  # nobody can join an ended room: no code to scan, and the warning stays on the screen
        print(qr_terminal(join), file=out)
    print(("\n" if ended else "") + "Facilitator's console (keep this link to yourself):\n"
          f"  {public}console?token={app.state.facilitator_token}", file=out)
    print(f"Games are kept in {db}; stop with Ctrl+C and run the same command again to resume.", file=out)
    if ended:
        print(_fresh_hint(again), file=out)
    out.flush()
