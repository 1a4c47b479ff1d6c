"""Speed of the graphical game, headless: prints figures, asserts nothing.

- frame time of the dashboard at 1280x720 and 1920x1080 (median and p99, ms)
- time from a decision (End turn clicked) to the updated dashboard on screen
- start-up time to the first drawn title screen

Run: python benchmarks/bench_ui.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ.setdefault("LEADSIM_HOME", tempfile.mkdtemp(prefix="leadsim-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def make_dashboard(size):
    from game.scenario.loader import load
    from game.session import Session
    from game.ui.app import App
    from game.ui.scenes.dashboard import DashboardScene
    from game.ui.settings import Settings

    app = App(size=size, settings=Settings(*size), fps=0, sound=False)
    app.idle_wait_ms = 1
    app.session = Session(load("scaleup"), 3)
    dash = DashboardScene(app)
    dash.pending_phase = False
    app.push(dash)
    return app, dash


def frame_times(size, frames=600):
    app, dash = make_dashboard(size)
    for _ in range(20):  # warm caches
        app.frame()
    times = []
    for i in range(frames):
        # move the mouse over the cards so hover states change, as a player would
        b = dash.focusables[i % len(dash.focusables)]
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=b.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
        t = time.perf_counter()
        app.frame()
        times.append((time.perf_counter() - t) * 1000)
    pygame.quit()
    return statistics.median(times), pct(times, 99)


def decision_latency(size=(1280, 720), turns=15):
    """Click End turn, then frame until the report is gone and the dashboard shows the new turn."""
    from game.autoplay import bot_decision
    from game.ui.pilot import click

    app, dash = make_dashboard(size)
    out = []
    for _ in range(turns):
        while app.top is not dash:  # answer events / close reports as the bot would
            app.top.on_button(app.top.focusables[0])
            app.frame()
        wanted = bot_decision(app.session, "adaptive")
        dash.chosen = []
        dash.choice = wanted.choice if app.session.event is not None else None
        for a in wanted.actions:
            dash.toggle(a)
        turn = app.session.turn
        click(dash.end_button)
        t = time.perf_counter()
        while app.session.turn == turn:
            app.frame()
        while app.top is not dash:
            app.top.on_button(app.top.focusables[0])
            app.frame()
        app.frame()
        out.append((time.perf_counter() - t) * 1000)
        if app.session.done:
            break
    pygame.quit()
    return statistics.median(out), max(out)


def toggle_latency(size=(1920, 1080), n=40):
    """Click a card, then time until the frame showing it chosen has been drawn."""
    from game.ui.pilot import click

    app, dash = make_dashboard(size)
    app.frame()
    free = [b for b in dash.card_buttons.values() if b.is_enabled]
    out, counts = [], []
    for i in range(n):
        click(free[0])
        t = time.perf_counter()
        frames = 0
        while len(dash.chosen) == i % 2:  # the press must be handled in the frame of the mouse-up
            app.frame()
            frames += 1
        out.append((time.perf_counter() - t) * 1000)
        counts.append(frames)
    pygame.quit()
    return statistics.median(out), max(out), max(counts)


def startup():
    t = time.perf_counter()
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    app = App(size=(1280, 720), settings=Settings(), fps=0, sound=False)
    app.push(TitleScene(app))
    app.idle_wait_ms = 1
    app.frame()
    elapsed = (time.perf_counter() - t) * 1000
    pygame.quit()
    return elapsed


def main():
    print(f"start-up to the title screen: {startup():.0f} ms (imports, window, theme, first frame)")
    for size in ((1280, 720), (1920, 1080)):
        med, p99 = frame_times(size)
        print(f"dashboard frame {size[0]}x{size[1]}: median {med:.2f} ms, p99 {p99:.2f} ms (target p99 < 8 ms)")
    med, worst, frames = toggle_latency()
    print(f"card click to redrawn dashboard 1920x1080: median {med:.1f} ms, max {worst:.1f} ms, "
          f"{frames} frame(s) at most")
    med, worst = decision_latency()
    print(f"decision to updated dashboard 1280x720 (incl. the turn report frame): median {med:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
