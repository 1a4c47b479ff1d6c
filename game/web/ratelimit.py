"""A bound on wrong guesses per client address: rejoin codes (and the workshop's join code) cannot be tried in bulk.

A rejoin code is 8 characters from 32 (about 10^12 codes), so guessing one of
25 teams' codes takes ~4x10^10 tries on average: hopeless even without a
limit, but an unlimited loop from one laptop on the room's Wi-Fi would still
load the server for everyone. After `max_failures` wrong codes within
`window` seconds an address is refused (429, with Retry-After) until its
oldest failure in the window has aged out. Right codes are never counted, so a
participant who mistypes twice and then gets it right is not slowed down.

The address is the TCP peer's (request.client.host), never X-Forwarded-For:
`leadsim serve` faces the room directly and a header is whatever a client
wants it to be. The counters live in memory on purpose: a restart forgets
them, which only gives a guesser one more window, and nothing a team has is
kept here.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque

MAX_FAILURES = 10
WINDOW_SECONDS = 300.0
MAX_ADDRESSES = 10_000  # memory bound: the least recently failing addresses are forgotten first


class FailureLimit:
    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS,
                 max_addresses: int = MAX_ADDRESSES, clock=time.monotonic):
        self.max_failures = max_failures
        self.window = window
        self.max_addresses = max_addresses
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, address: str, now: float) -> deque[float] | None:
        times = self._failures.get(address)
        if times is None:
            return None
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[address]
            return None
        return times

    def wait_seconds(self, address: str) -> int:
        """0 if the address may try now, else the whole seconds until it may."""
        now = self.clock()
        times = self._recent(address, now)
        if times is None or len(times) < self.max_failures:
            return 0
        return max(1, int(times[0] + self.window - now + 0.999))

    def failed(self, address: str) -> None:
        now = self.clock()
        times = self._recent(address, now)
        if times is None:
            times = self._failures[address] = deque(maxlen=self.max_failures)
            while len(self._failures) > self.max_addresses:
                self._failures.popitem(last=False)
        else:
            self._failures.move_to_end(address)
        times.append(now)


def client_address(request) -> str:
    return request.client.host if request.client else "unknown"


def refusal(wait: int) -> str:
    minutes = (wait + 59) // 60
    return (f"too many wrong codes from this device; try again in {minutes} minute{'s' if minutes != 1 else ''}, "
            "or ask the facilitator")
