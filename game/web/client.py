"""A participant over HTTP: joins a served workshop and plays it through the same API as the pages.

Used by `leadsim simulate --server` (rehearsals, load tests) and the tests.
The bot decides on a local copy of the game (the same scenario, seed and
decisions: what a workshop file gives a desktop participant), sends each
decision with its turn number, and moves its copy on with the decision the
server says counts. When the server is gone (restarted, `kill -9`, Wi-Fi) it
sends the same request again until the server is back: the turn number makes
the retry harmless, so nothing is repeated and nothing is lost.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx

from ..autoplay import bot_decision
from ..scenario.loader import load, load_text_bytes
from ..scenario.problems import ScenarioError
from ..session import Decision, Session

RETRY_FOR = 180.0  # seconds a client keeps trying while the server is away
HELD_WAIT = 0.5  # seconds between two looks while the room holds play (a pause, a round not open yet)
HELD_WORDS = {  # what a bot waits for, said once when the wait begins (live.held_kind's kinds)
    "lobby": "waiting for the facilitator to start play (the console's Start play)",
    "paused": "waiting: the facilitator has paused the room",
    "waiting": "waiting for the facilitator to open turn {} (the room plays in rounds)",
    "bot": "waiting: a bot of the facilitator's stands in for this team",
}


class ServerError(RuntimeError):
    """The server refused or cannot be reached; the message says what to do."""


@dataclass
class Joined:
    team: str
    token: str
    rejoin_code: str


def split_url(url: str) -> tuple[str, str | None]:
    """The server's base URL and the join code if the URL carries it (the participants' link does)."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ServerError(f"'{url}' is not a server address; give the participants' link, e.g. http://10.0.0.5:8765/")
    code = parse_qs(parts.query).get("code", [None])[0]
    return f"{parts.scheme}://{parts.netloc}", code


class Participant:
    def __init__(self, base: str, retry_for: float = RETRY_FOR, say=None):
        self.base = base.rstrip("/")
        self.http = httpx.Client(base_url=self.base, timeout=15.0)
        self.retry_for = retry_for
        self.say = say or (lambda text: None)
        self.token: str | None = None

    def close(self) -> None:
        self.http.close()

    # --- requests that survive a restart ------------------------------------------------------------
    def request(self, method: str, path: str, **kw) -> httpx.Response:
        end = time.monotonic() + self.retry_for
        wait = 0.2
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        while True:
            try:
                r = self.http.request(method, path, headers=headers, **kw)
                if r.status_code < 500:
                    return r
                problem = f"the server answered {r.status_code}"
            except httpx.TransportError as exc:
                problem = f"cannot reach {self.base} ({type(exc).__name__})"
            if time.monotonic() > end:
                raise ServerError(f"{problem}; gave up after {self.retry_for:.0f} s")
            self.say(f"{problem}; trying again")
            time.sleep(wait)
            wait = min(2.0, wait * 2)

    def _json(self, r: httpx.Response) -> dict:
        try:
            data = r.json()
        except ValueError:
            raise ServerError(f"{self.base} does not look like a Leadsim server (HTTP {r.status_code})") from None
        if r.status_code >= 400:
            raise ServerError(data.get("error", f"HTTP {r.status_code}"))
        return data

    # --- the participant's steps ---------------------------------------------------------------------
    def join(self, team: str, code: str | None, bot: str | None = None) -> Joined:
        """Join as `team`; `bot`: the bot's play, said to the server, which marks the team as a bot."""
        body = {"team": team, "code": code or ""}
        if bot:
            body["bot"] = bot
        data = self._json(self.request("POST", "/api/join", json=body))
        self.token = data["token"]
        return Joined(data["team"], data["token"], data["rejoin_code"])

    def rejoin(self, code: str) -> Joined:
        data = self._json(self.request("POST", "/api/rejoin", json={"rejoin": code}))
        self.token = data["token"]
        return Joined(data["team"], data["token"], data["rejoin_code"])

    def mirror(self) -> Session:
        """The team's game played locally: same scenario (checked by its hash), seed, difficulty and decisions."""
        info = self._json(self.request("GET", "/api/game"))
        loaded = None
        try:
            loaded = load(info["scenario"])
        except ScenarioError:
            pass
        if loaded is None or loaded.sha256 != info["scenario_sha256"]:
            text = self.request("GET", "/api/scenario")
            loaded = load_text_bytes(text.content, info["scenario"])
            if loaded.sha256 != info["scenario_sha256"]:
                raise ServerError("the server's scenario text does not match its hash")
        session = Session(loaded, int(info["seed"]), info["difficulty"])
        return session

    def decide(self, turn: int, decision: Decision) -> dict | None:
        body = {"turn": turn, "actions": list(decision.actions), "choice": decision.choice}
        r = self.request("POST", "/api/decide", json=body)
        if r.status_code == 409:  # the game is ahead of us: another device of the team played on
            raise ServerError(self._json(r).get("error", "turn conflict"))
        if r.status_code == 423:  # the room paused (or ended) between reading the state and deciding
            return None
        return self._json(r)

    def state(self) -> dict:
        return self._json(self.request("GET", "/api/state"))

    def result(self) -> dict:
        return self._json(self.request("GET", "/api/result"))


def play(participant: Participant, policy: str, pace: float = 0.0) -> tuple[Session, dict]:
    """Play the team's game to its end; returns the local copy and the server's result."""
    local = participant.mirror()
    told = None  # the hold last said, so a bot waiting for a round says so once, not twice a second
    while not local.done:
        if pace:
            time.sleep(pace)
        state = participant.state()  # as a browser loads the dashboard first (this also starts the turn's clock)
        held = state.get("held")
        if held == "ended":
            break  # the facilitator ended the workshop: the game stays as it is
        if held:  # paused, or the next round is not open yet: wait as a person would
            if held != told:
                participant.say(HELD_WORDS.get(held, "waiting: the room holds play").format(local.turn + 1))
                told = held
            time.sleep(HELD_WAIT)
            continue
        told = None
        decision = bot_decision(local, policy)
        answer = participant.decide(local.turn + 1, decision)
        if answer is None:
            continue
        local.decide(Decision.from_json(answer["decision"]))
    return local, participant.result()


def server_results(base: str, token: str) -> dict:
    """The facilitator's export of every team's game: {"workshop": ..., "results": [result records]}."""
    participant = Participant(base)
    participant.token = token
    try:
        r = participant.request("GET", "/console/games")
        if r.status_code == 401:
            raise ServerError("the server refused the facilitator's token; copy it from the console link "
                              "`leadsim serve` printed")
        return participant._json(r)
    finally:
        participant.close()
