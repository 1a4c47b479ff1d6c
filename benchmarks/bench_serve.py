"""Load on `leadsim serve`: N participants (async HTTP clients on 127.0.0.1) play whole games at once.

Each participant joins through the API, then each turn loads its state (as a
browser loads the dashboard), thinks for a while, and posts its decision with
the turn number; the decision latency is the time of that POST. At the end
every acknowledged decision must be in the server's games (asked through the
facilitator's export): `lost` counts the ones that are not, plus requests that
failed outright. The server runs as its own process, as in a room, and shares
this machine's cores with the clients.

The facilitator's console stays open meanwhile, as in a room: one Server-Sent
Events stream (/console/events) is read for the whole run, and for every
acknowledged decision the bench notes when the console first showed that team
at that turn. The lateness of a console update is that moment minus the
moment the decision was acknowledged to its participant (p50/p99; a decision
the console never showed counts as "never shown").

Each participant also holds its page's live stream (/live) open while it
plays, as a browser does (--no-live to leave them out).

Think time. A person reads the turn report, looks at the dashboard and picks
cards: the facilitator guide plans 30 turns in 30-35 minutes (about 60 s a
turn) at a 90 s clock, and 12 turns at a 60 s clock. The default, 10 s a
decision (uniform 5-15 s), is six times quicker than that plan: a room of the
quickest clickers, so 200 of them send about 20 decisions a second. `--think`
sets it (1.0 is the old stress figure, ten times a real room).

Saturation. After the room has played, the bench measures the most decisions a
second the server sustains with p99 <= 150 ms: an open-loop ramp (decisions
sent at a fixed rate whatever the answers, each with its state request, by a
pool of fresh teams that hold their live streams open, the console open too),
each step a few seconds (after one unjudged step at the first rate, in which the
new teams' first pages are made), until p99 passes 150 ms or the server falls behind
the rate. It prints every step and the highest rate that held.

The server's CPU time per decision (with its state request, the streams and
the joins) does not depend on how busy the machine is: compare that figure
between commits (`--repo OTHER_CHECKOUT` serves another checkout). The bench
waits until the server has loaded its compiled model (its CPU goes quiet)
before the room comes in, as a facilitator starts the server before people
arrive.

Prints latency p50/p99, decisions per second, the server's peak memory, the
console's lateness, the saturation, and as its last line: participants=N p50_ms=X p99_ms=Y lost=Z
(target: p99 <= 150 ms, lost = 0, with 200 participants).

Run: python benchmarks/bench_serve.py [--participants 200] [--think 10] [--scenario tutorial]
     [--no-live] [--no-console] [--no-saturation] [--repo CHECKOUT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TOKEN = "bench-facilitator-token"


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] if values else float("nan")


SATURATION_P99_MS = 150.0
SATURATION_RATES = (10, 20, 30, 40, 60, 80, 100, 130, 160, 200, 250, 300)  # decisions a second, step by step
SATURATION_STEP_S = 5.0


def start_server(home: Path, scenario: str, repo: Path = REPO) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, LEADSIM_HOME=str(home), PYTHONPATH=str(repo), PYTHONUNBUFFERED="1")
    ws = home / "bench-workshop.json"
    subprocess.run([sys.executable, "-m", "game", "workshop", "new", "--scenario", scenario, "--seed", "11",
                    "--name", "Bench", "--out", str(ws)], env=env, check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", str(ws), "--port", "0", "--token", TOKEN],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        m = re.search(r"Participants open:\s+(\S+)", line)
        if m:
            return proc, m.group(1)
    raise SystemExit("the server did not start")


def wait_until_quiet(pid: int, limit: float = 240.0) -> float:
    """Wait until the server's CPU goes quiet (its compiled model loaded); the seconds waited."""
    t0 = time.perf_counter()
    last, quiet = cpu_seconds(pid), 0
    while time.perf_counter() - t0 < limit and quiet < 3:  # three quiet seconds in a row
        time.sleep(1.0)
        now = cpu_seconds(pid)
        quiet = quiet + 1 if now - last < 0.02 else 0
        last = now
    return time.perf_counter() - t0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def choose(state: dict, rng: random.Random) -> tuple[list[str], str | None]:
    """A quick person: some affordable cards within the action points, any answer to the event."""
    cards = [c for c in state["cards"] if c["available"]]
    rng.shuffle(cards)
    ap, budget, picked = state["action_points"], state["metrics"].get("budget", 0.0), []
    for c in cards:
        if c["ap"] <= ap and c["budget"] <= budget:
            picked.append(c["id"])
            ap -= c["ap"]
            budget -= c["budget"]
    event = state["event"]
    return picked, rng.choice(event["choices"])["id"] if event else None


class ConsoleWatch:
    """The facilitator's console stream, read for the whole run: when each team was first shown at each turn."""

    def __init__(self):
        self.shown: dict[tuple[str, int], float] = {}  # (team, turn) -> first time the console showed it
        self.acked: dict[tuple[str, int], float] = {}  # (team, turn) -> when the participant got the answer
        self.last_turn: dict[str, int] = {}
        self.events = 0
        self.failed = ""

    async def follow(self, root: str) -> None:
        import json

        import httpx

        try:
            async with httpx.AsyncClient(base_url=root, timeout=httpx.Timeout(60, read=None)) as client:
                async with client.stream("GET", "/console/events", headers={"Authorization": f"Bearer {TOKEN}"}) as r:
                    kind = ""
                    async for line in r.aiter_lines():
                        if line.startswith("event: "):
                            kind = line[7:].strip()
                        elif line.startswith("data: ") and kind == "teams":
                            self.saw(json.loads(line[6:]), time.perf_counter())
        except (httpx.HTTPError, ValueError) as exc:
            self.failed = f"{type(exc).__name__}: {exc}"

    def saw(self, rows, now: float) -> None:
        self.events += 1
        for row in rows.get("teams", []) if isinstance(rows, dict) else rows:
            team, turn = row["team"], int(row["turn"])
            for t in range(self.last_turn.get(team, 0) + 1, turn + 1):
                self.shown[(team, t)] = now
            self.last_turn[team] = max(turn, self.last_turn.get(team, 0))

    def lateness_ms(self) -> tuple[list[float], int]:
        """Milliseconds from each acknowledgement to the console showing it (0 if it came first), and misses."""
        late, missed = [], 0
        for key, acked in self.acked.items():
            shown = self.shown.get(key)
            if shown is None:
                missed += 1
            else:
                late.append(max(0.0, 1000 * (shown - acked)))
        return late, missed


async def start_play(client) -> None:
    """The facilitator's Start play, once a team is in (a room takes no decision before it); a second call,
    from the next participant to join, changes nothing."""
    r = await client.post("/console/start", headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})
    if r.status_code != 200:
        raise SystemExit(f"bench_serve: Start play was refused: {r.text[:200]}")


async def participant(client, n: int, code: str, think: float, latencies: list, counts: dict,
                      watch: ConsoleWatch, live: bool = True) -> None:
    rng = random.Random(n)
    await asyncio.sleep(rng.uniform(0, think))  # people do not all click at the same instant
    r = await client.post("/api/join", json={"team": f"Bench {n:03d}", "code": code})
    if r.status_code != 201:
        counts["failed"] += 1
        return
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    await start_play(client)
    page = asyncio.create_task(hold_live(client, headers, counts)) if live else None
    try:
        await play(client, n, headers, think, rng, latencies, counts, watch)
    finally:
        if page is not None:
            page.cancel()


async def hold_live(client, headers: dict, counts: dict) -> None:
    """The participant's page holds its live stream open, as a browser does, reading what it says, and pings
    as often as the stream asks (static/live.js: the console's "disconnected" for a page that left the network)."""
    import httpx

    pinger = None
    try:
        async with client.stream("GET", "/live", headers=headers, timeout=httpx.Timeout(60, read=None)) as r:
            async for line in r.aiter_lines():
                if line.startswith("data: "):
                    counts["live_messages"] += 1
                    every = json.loads(line[6:]).get("ping_seconds")
                    if pinger is None and every:
                        pinger = asyncio.create_task(ping(client, headers, every, counts))
    except httpx.HTTPError:
        counts["live_failed"] += 1
    finally:
        if pinger is not None:
            pinger.cancel()


async def ping(client, headers: dict, every: float, counts: dict) -> None:
    import httpx

    while True:
        try:
            r = await client.post("/live/ping", headers=headers)
            counts["pings"] += 1
            if r.status_code != 204:
                counts["live_failed"] += 1
        except httpx.HTTPError:
            counts["live_failed"] += 1
        await asyncio.sleep(every)


async def play(client, n: int, headers: dict, think: float, rng, latencies: list, counts: dict,
               watch: ConsoleWatch) -> None:
    import httpx

    turn = 1
    while True:
        try:
            state = (await client.get("/api/state", headers=headers)).json()
            if state["done"]:
                break
            actions, choice = choose(state, rng)
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
            t0 = time.perf_counter()
            r = await client.post("/api/decide", headers=headers,
                                  json={"turn": state["turn"], "actions": actions, "choice": choice})
            latencies.append(1000 * (time.perf_counter() - t0))
            timing = r.headers.get("server-timing", "")
            if "dur=" in timing:
                counts["server_ms"].append(float(timing.split("dur=")[1]))
        except httpx.HTTPError:
            counts["failed"] += 1
            return
        if r.status_code == 422:  # the cards together cost too much: the page would say so; try fewer
            counts["refused"] += 1
            continue
        if r.status_code != 201:
            counts["failed"] += 1
            return
        counts["acknowledged"] += 1
        watch.acked[(f"Bench {n:03d}", state["turn"])] = time.perf_counter()
        turn += 1


async def run(base: str, n: int, think: float, console_open: bool = True, live: bool = True
              ) -> tuple[list[float], dict, float, ConsoleWatch]:
    import httpx

    code = base.split("code=")[1]
    root = base.split("/?")[0]
    latencies: list[float] = []
    counts = {"acknowledged": 0, "refused": 0, "failed": 0, "server_ms": [], "live_messages": 0, "live_failed": 0, "pings": 0}
    limits = httpx.Limits(max_connections=2 * n + 10, max_keepalive_connections=2 * n + 10)
    watch = ConsoleWatch()
    console = asyncio.create_task(watch.follow(root) if console_open else asyncio.sleep(0))
    async with httpx.AsyncClient(base_url=root, timeout=60, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(participant(client, k, code, think, latencies, counts, watch, live)
                               for k in range(n)))
        wall = time.perf_counter() - t0
    for _ in range(50 if console_open else 0):  # the last updates are on their way: give them up to 5 s
        if all(key in watch.shown for key in watch.acked):
            break
        await asyncio.sleep(0.1)
    await _stop(console)
    return latencies, counts, wall, watch


async def _stop(task) -> None:
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


class Ramp:
    """The saturation ramp: decisions sent at a fixed rate by a pool of teams, each with its state request.

    A team in the pool decides at most one turn at a time; a team that has finished its game is replaced by
    a newly joined one (a late arrival, its join part of the load), so the room stays `size` teams with
    their live streams open.
    """

    def __init__(self, client, code: str, size: int, live: bool):
        self.client, self.code, self.size, self.live = client, code, size, live
        self.idle: asyncio.Queue = asyncio.Queue()
        self.joined = 0
        self.pages: list[asyncio.Task] = []
        self.counts = {"live_messages": 0, "live_failed": 0, "pings": 0}
        self.failed = 0

    async def join_one(self) -> None:
        self.joined += 1
        r = await self.client.post("/api/join", json={"team": f"Ramp {self.joined:04d}", "code": self.code})
        if r.status_code != 201:
            self.failed += 1
            return
        headers = {"Authorization": f"Bearer {r.json()['token']}"}
        if self.joined == 1:
            await start_play(self.client)
        if self.live:
            self.pages.append(asyncio.create_task(hold_live(self.client, headers, self.counts)))
        self.idle.put_nowait((headers, random.Random(self.joined)))

    async def fill(self) -> None:
        for k in range(0, self.size, 20):
            await asyncio.gather(*(self.join_one() for _ in range(min(20, self.size - k))))

    async def one(self, team, latencies: list) -> None:
        import httpx

        headers, rng = team
        try:
            state = (await self.client.get("/api/state", headers=headers)).json()
            if state["done"]:
                await self.join_one()  # this team has played its game: a new one takes its seat
                return
            actions, choice = choose(state, rng)
            t0 = time.perf_counter()
            r = await self.client.post("/api/decide", headers=headers,
                                       json={"turn": state["turn"], "actions": actions, "choice": choice})
            if r.status_code in (201, 422):
                latencies.append(1000 * (time.perf_counter() - t0))
            else:
                self.failed += 1
        except httpx.HTTPError:
            self.failed += 1
            return
        self.idle.put_nowait(team)

    async def step(self, rate: float, seconds: float) -> tuple[float, float, int]:
        """Send `rate` decisions a second for `seconds`: (decisions a second answered, p99 ms, sends skipped)."""
        latencies: list[float] = []
        tasks, skipped = [], 0
        t0 = time.perf_counter()
        for k in range(int(rate * seconds)):
            await asyncio.sleep(max(0.0, t0 + k / rate - time.perf_counter()))
            if self.idle.empty():
                skipped += 1  # every team is still waiting for its last answer: the server is behind
                continue
            tasks.append(asyncio.create_task(self.one(self.idle.get_nowait(), latencies)))
        await asyncio.gather(*tasks)
        return len(latencies) / (time.perf_counter() - t0), pct(latencies, 99), skipped

    async def close(self) -> None:
        for page in self.pages:
            await _stop(page)


async def saturation(base: str, size: int, console_open: bool, live: bool) -> tuple[list[tuple], float | None]:
    """The most decisions a second with p99 <= SATURATION_P99_MS: each step's (rate, answered/s, p99, skipped)."""
    import httpx

    code = base.split("code=")[1]
    root = base.split("/?")[0]
    limits = httpx.Limits(max_connections=2 * size + 10, max_keepalive_connections=2 * size + 10)
    watch = ConsoleWatch()
    console = asyncio.create_task(watch.follow(root) if console_open else asyncio.sleep(0))
    steps, held = [], None
    async with httpx.AsyncClient(base_url=root, timeout=60, limits=limits) as client:
        ramp = Ramp(client, code, size, live)
        await ramp.fill()
        await asyncio.sleep(2.0)  # the joins settle (the console catches up) before the first step
        await ramp.step(SATURATION_RATES[0], SATURATION_STEP_S)  # not judged: each new team's first page is made
        for rate in SATURATION_RATES:
            answered, p99, skipped = await ramp.step(rate, SATURATION_STEP_S)
            steps.append((rate, answered, p99, skipped))
            if p99 > SATURATION_P99_MS or answered < 0.9 * rate or skipped:
                break
            held = answered
        await ramp.close()
    await _stop(console)
    return steps, held


def stored_decisions(root: str) -> int:
    import httpx

    data = httpx.get(root + "/console/games", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60).json()
    return sum(len(r["log"]) for r in data["results"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=200)
    ap.add_argument("--think", type=float, default=10.0,
                    help="mean seconds a participant thinks before each decision (default 10: six times quicker "
                         "than the facilitator guide's plan of about 60 s a turn; 1.0 stresses it)")
    ap.add_argument("--scenario", default="tutorial")
    ap.add_argument("--no-console", action="store_true",
                    help="without the facilitator's console stream (to see what keeping it open costs)")
    ap.add_argument("--no-live", action="store_true", help="participants without their pages' live streams")
    ap.add_argument("--no-saturation", action="store_true", help="skip the saturation ramp after the room")
    ap.add_argument("--repo", type=Path, default=REPO, help="serve this checkout (to compare two commits)")
    args = ap.parse_args()
    if args.participants < 1 or args.think < 0:
        raise SystemExit("bench_serve: --participants must be at least 1 and --think at least 0")
    home = Path(tempfile.mkdtemp(prefix="leadsim-bench-serve-"))
    proc, base = start_server(home, args.scenario, args.repo.resolve())
    client_cpu0 = time.process_time()
    try:
        warm = wait_until_quiet(proc.pid)
        cpu0 = cpu_seconds(proc.pid)
        latencies, counts, wall, watch = asyncio.run(run(base, args.participants, args.think, not args.no_console,
                                                         not args.no_live))
        cpu = cpu_seconds(proc.pid) - cpu0
        client_cpu = time.process_time() - client_cpu0
        root = base.split("/?")[0]
        stored = stored_decisions(root)
        memory = peak_memory_mb(proc.pid)
        steps, held = ([], None) if args.no_saturation else asyncio.run(
            saturation(base, args.participants, not args.no_console, not args.no_live))
    finally:
        proc.terminate()
        proc.wait(10)
    lost = counts["failed"] + max(0, counts["acknowledged"] - stored)
    p50, p99 = pct(latencies, 50), pct(latencies, 99)
    print(f"scenario={args.scenario} think_s={args.think} wall_s={wall:.1f} (the server was ready after {warm:.0f} s)")
    print(f"decisions acknowledged={counts['acknowledged']} stored={stored} refused(422)={counts['refused']} "
          f"failed={counts['failed']}")
    print(f"decision latency ms: p50={p50:.1f} p90={pct(latencies, 90):.1f} p99={p99:.1f} max={max(latencies):.1f} "
          f"mean={statistics.fmean(latencies):.1f}")
    inside = counts["server_ms"]
    print(f"time inside the server per decision ms (Server-Timing, no queueing): p50={pct(inside, 50):.1f} "
          f"p99={pct(inside, 99):.1f}")
    load = os.getloadavg()
    print(f"machine load average during the run: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min) on {os.cpu_count()} cores")
    print(f"decisions per second: {counts['acknowledged'] / wall:.1f}")
    print(f"server peak memory: {memory:.0f} MB; server CPU {cpu:.1f} s "
          f"({1000 * cpu / max(1, counts['acknowledged']):.1f} ms per decision with its state request, joins and "
          f"streams); the bench's own CPU {client_cpu:.1f} s")
    if args.no_live:
        print("live streams: not opened (--no-live)")
    else:
        print(f"live streams: {args.participants} open while playing, {counts['live_messages']} messages, "
              f"{counts['pings']} pings, {counts['live_failed']} failed")
    late, missed = watch.lateness_ms()
    if args.no_console:
        print("console stream: not opened (--no-console)")
    else:
        failed = f"; the stream failed: {watch.failed}" if watch.failed else ""
        print(f"console stream: {watch.events} updates; lateness after the acknowledgement ms: "
              f"p50={pct(late, 50):.1f} p99={pct(late, 99):.1f} max={max(late, default=float('nan')):.1f}; "
              f"never shown={missed}{failed}")
    if steps:
        print("saturation ramp (rate sent -> answered/s, p99 ms, sends skipped because every team was waiting): "
              + "; ".join(f"{r} -> {a:.0f}/s p99={p:.0f}{f' skipped={k}' if k else ''}" for r, a, p, k in steps))
        print(f"saturation: {held:.0f} decisions/s with p99 <= {SATURATION_P99_MS:.0f} ms" if held is not None else
              f"saturation: not even {SATURATION_RATES[0]} decisions/s with p99 <= {SATURATION_P99_MS:.0f} ms")
    print(f"participants={args.participants} p50_ms={p50:.1f} p99_ms={p99:.1f} lost={lost}")


if __name__ == "__main__":
    main()
