"""Who wakes on a change: the console on every change, a participant's stream on the room's and its own only."""

from __future__ import annotations

import asyncio

from game.web.console import Broadcast


def _woken(broadcast: Broadcast, team: int | None, change) -> bool:
    """Does a stream waiting for `team` (None: the console) wake when `change(broadcast)` happens?"""

    async def go() -> bool:
        seen = broadcast.seen_by(team)
        waiting = asyncio.create_task(broadcast.wait(seen, 0.5, team))
        await asyncio.sleep(0.01)
        change(broadcast)
        started = asyncio.get_running_loop().time()
        after = await waiting
        return after != seen and asyncio.get_running_loop().time() - started < 0.25

    return asyncio.run(go())


def test_the_console_wakes_on_every_change():
    assert _woken(Broadcast(), None, lambda b: b.notify(7))
    assert _woken(Broadcast(), None, lambda b: b.notify())


def test_a_team_stream_wakes_on_its_own_change_and_the_rooms_not_on_another_teams():
    assert _woken(Broadcast(), 3, lambda b: b.notify(3))
    assert _woken(Broadcast(), 3, lambda b: b.notify())
    assert not _woken(Broadcast(), 3, lambda b: b.notify(4))


def test_a_change_made_while_the_stream_was_busy_is_not_missed():
    b = Broadcast()
    seen = b.seen_by(3)
    b.notify(4)
    assert b.seen_by(3) == seen  # another team's change is not ours to see
    b.notify(3)

    async def go():
        return await b.wait(seen, 5.0, 3)

    assert asyncio.run(go()) != seen  # returns at once: the change came before the wait
