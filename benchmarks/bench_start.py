"""How long a player waits at the first start, and what it costs: time to the title and to the
first turn, from an empty numba cache (cold) and a filled one (warm), in the terminal and the
window; peak memory; compile time per compiled function.

    python benchmarks/bench_start.py [--tree DIR ...] [--only terminal,window,compile] [--repeat K]

Each --tree is a checkout of the game (default: this one); giving the previous commit's checkout
as well measures before and after in the same run, interleaved, so the load of a shared machine
falls on both alike (the load average is printed). Every cold start gets its own empty
NUMBA_CACHE_DIR; the warm start reuses it, once filled (a first start that ends quickly may stop
its compiler before it is done, so the cache is filled for it first, untimed). The terminal game is `play tutorial --text` fed one
action; the window is `play tutorial --autoplay random` under Xvfb, timed by its screenshots.
Memory is the peak of the whole process tree's resident memory (sampled every 20 ms) and the
main process's own peak (VmHWM).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = sys.executable


def _tree(root: int) -> list[int]:
    """root and every process below it."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _status(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Memory:
    """Peak resident memory of a process tree, sampled."""

    def __init__(self, pid: int):
        self.pid, self.tree_peak, self.main_peak = pid, 0, 0

    def sample(self) -> None:
        self.tree_peak = max(self.tree_peak, sum(_status(p, "VmRSS") for p in _tree(self.pid)))
        self.main_peak = max(self.main_peak, _status(self.pid, "VmHWM"))


def _env(tree: str, cache: str, **extra) -> dict:
    env = dict(os.environ, PYTHONPATH=tree, NUMBA_CACHE_DIR=cache, XDG_DATA_HOME=os.path.join(cache, "data"),
               PYTHONUNBUFFERED="1", COLUMNS="100", **extra)
    env.pop("NUMBA_DISABLE_JIT", None)
    return env


def terminal(tree: str, cache: str, timeout: float = 1200) -> dict:
    """Seconds to the first words, to the first turn's question, and to the first turn's report."""
    t0 = time.monotonic()
    proc = subprocess.Popen([PYTHON, "-m", "game", "play", "tutorial", "--text", "--seed", "1"], cwd=tree,
                            env=_env(tree, cache), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    mem, seen, out = Memory(proc.pid), {}, b""
    marks = {"title": b"Tutorial", "question": b"Actions for this turn", "report": b"Turn 1 report"}
    try:
        while "report" not in seen and time.monotonic() - t0 < timeout:
            ready, _, _ = select.select([proc.stdout], [], [], 0.02)
            mem.sample()
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                out += chunk
            for name, word in marks.items():
                if name not in seen and word in out:
                    seen[name] = time.monotonic() - t0
                    if name == "question":
                        proc.stdin.write(b"1\n")
                        proc.stdin.flush()
        proc.stdin.close()  # end of input: the game saves and leaves
        end = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < end:
            mem.sample()
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    if "report" not in seen:
        raise RuntimeError(f"terminal game did not reach its first report:\n{out.decode(errors='replace')[-2000:]}")
    return dict(seen, tree_peak_mb=mem.tree_peak / 2**20, main_peak_mb=mem.main_peak / 2**20)


def _xvfb() -> tuple[subprocess.Popen, str]:
    r, w = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    display = b""
    while not display.endswith(b"\n"):
        chunk = os.read(r, 16)
        if not chunk:
            raise RuntimeError("Xvfb did not start")
        display += chunk
    os.close(r)
    return proc, ":" + display.decode().strip()


def window(tree: str, cache: str, display: str, timeout: float = 1200) -> dict:
    """Seconds to the title screen and to the first turn's report, from the autoplay's screenshots."""
    shots = tempfile.mkdtemp(dir=cache)
    t0 = time.monotonic()
    proc = subprocess.Popen([PYTHON, "-m", "game", "play", "tutorial", "--seed", "1", "--autoplay", "random",
                             "--screenshots", shots, "--size", "1280x720"], cwd=tree,
                            env=_env(tree, cache, DISPLAY=display, SDL_AUDIODRIVER="dummy"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    mem, seen = Memory(proc.pid), {}
    try:
        while "report" not in seen and proc.poll() is None and time.monotonic() - t0 < timeout:
            mem.sample()
            for name in os.listdir(shots):
                kind = name.split("-", 1)[-1].removesuffix(".png")
                if kind in ("title", "report") and kind not in seen:
                    seen[kind] = time.monotonic() - t0
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if "report" not in seen:
        raise RuntimeError(f"window did not reach its first report: {proc.stderr.read().decode()[-2000:]}")
    return dict(seen, tree_peak_mb=mem.tree_peak / 2**20, main_peak_mb=mem.main_peak / 2**20)


_COMPILE = r"""
import json, resource, sys, time
from numba.core import event
rec = event.RecordingListener()
t0, c0 = time.perf_counter(), time.process_time()
with event.install_listener("numba:compile", rec):
    from game.model import warmup
    warmup.prepare()
total, cpu = time.perf_counter() - t0, time.process_time() - c0
stack, own, count = [], {}, {}
for when, ev in rec.buffer:
    d = ev.data["dispatcher"]
    name = f"{d.py_func.__module__.rsplit('.', 1)[-1]}.{d.py_func.__name__}"
    if ev.is_start:
        stack.append([name, when, 0.0])
    else:
        name, start, inner = stack.pop()
        took = when - start
        own[name] = own.get(name, 0.0) + took - inner
        count[name] = count.get(name, 0) + 1
        if stack:
            stack[-1][2] += took
print(json.dumps({"total_s": total, "cpu_s": cpu, "own_s": own, "specializations": count,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def fill(tree: str, cache: str) -> None:
    """Compile into the cache (or find it filled), untimed."""
    subprocess.run([PYTHON, "-c", "from game.model import warmup; warmup.prepare()"], cwd=tree,
                   env=_env(tree, cache), check=True, stdout=subprocess.DEVNULL)


def compile_cost(tree: str, cache: str) -> dict:
    """Compile time of each compiled function (its own, without the functions it calls), from empty."""
    out = subprocess.run([PYTHON, "-c", _COMPILE], cwd=tree, env=_env(tree, cache), capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", action="append", help="a checkout of the game (repeat to compare)")
    ap.add_argument("--only", default="terminal,window,compile")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    trees = [os.path.abspath(t) for t in (args.tree or [HERE])]
    only = set(args.only.split(","))
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} on {os.cpu_count()} cores")
    xvfb, display = _xvfb() if "window" in only else (None, None)
    results: dict[str, list] = {}
    try:
        for _ in range(args.repeat):
            for tree in trees:
                for kind in ("terminal", "window"):
                    if kind not in only:
                        continue
                    cache = tempfile.mkdtemp(prefix="leadsim-start-")
                    try:
                        run = (lambda: terminal(tree, cache)) if kind == "terminal" else \
                            (lambda: window(tree, cache, display))
                        cold = run()
                        fill(tree, cache)
                        warm = run()
                    finally:
                        shutil.rmtree(cache, ignore_errors=True)
                    results.setdefault(f"{tree} {kind}", []).append((cold, warm))
                    print(f"{tree} {kind}: cold " + _fmt(cold) + " | warm " + _fmt(warm), flush=True)
                if "compile" in only:
                    cache = tempfile.mkdtemp(prefix="leadsim-compile-")
                    try:
                        c = compile_cost(tree, cache)
                    finally:
                        shutil.rmtree(cache, ignore_errors=True)
                    parts = ", ".join(f"{k} {v:.1f}s" + (f" ×{c['specializations'][k]}"
                                                         if c["specializations"][k] > 1 else "")
                                      for k, v in sorted(c["own_s"].items(), key=lambda kv: -kv[1]))
                    print(f"{tree} compile: {c['total_s']:.1f} s in all ({c['cpu_s']:.1f} s of CPU), "
                          f"peak {c['peak_mb']:.0f} MB; {parts}",
                          flush=True)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    print(f"load average after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


def _fmt(r: dict) -> str:
    times = " ".join(f"{k} {v:.2f}s" for k, v in r.items() if not k.endswith("_mb"))
    return f"{times} (peak {r['tree_peak_mb']:.0f} MB all processes, {r['main_peak_mb']:.0f} MB main)"


if __name__ == "__main__":
    main()
