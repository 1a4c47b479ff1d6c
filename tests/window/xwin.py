"""The real-window harness: an X server (Xvfb), the game in it, and OS-level input through xdotool.

The game runs as a player starts it (`python -m game play ...`), with the x11
video driver and its own data folder (XDG_DATA_HOME and HOME in a temporary
folder). Key presses and clicks go through the X server (xdotool uses the XTEST
extension), so they reach SDL and pygame_gui exactly as a person's would.
Screenshots are read straight from the X server (XGetImage, what xwd does).
The game writes what it shows to a probe file (game/ui/probe.py); the harness
reads it to find the widgets' real positions and to wait until its last input
has been handled and drawn, and judges outcomes by the saves and screenshots.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS_ENV = "LEADSIM_WINDOW_SHOTS"  # keep every screenshot in this folder too (to look at them)
START_TIMEOUT = 180.0  # a first start compiles the model (about half a minute on a quiet machine)
STEP_TIMEOUT = 30.0


class Unavailable(Exception):
    """No X server can be started here (the tests skip, saying why)."""


def missing_tools() -> list[str]:
    return [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]


# --- the X server -------------------------------------------------------------------------------
class XServer:
    """Xvfb on a free display number, away from :0 and the numbers people use by hand."""

    def __init__(self, width: int = 1920, height: int = 1080):
        missing = missing_tools()
        if missing:
            raise Unavailable(f"{' and '.join(missing)} not installed (Debian: apt-get install xvfb xdotool)")
        self.proc = None
        errors = []
        for display in random.Random().sample(range(200, 900), 12):
            if Path(f"/tmp/.X{display}-lock").exists() or Path(f"/tmp/.X11-unix/X{display}").exists():
                continue
            try:
                self.proc = self._start(display, width, height)
            except OSError as exc:
                errors.append(str(exc))
                continue
            self.display = f":{display}"
            break
        if self.proc is None:
            raise Unavailable("Xvfb could not be started: " + ("; ".join(errors[-2:]) or "no free display"))
        self.xlib = Xlib(self.display)

    @staticmethod
    def _start(display: int, width: int, height: int):
        """Start Xvfb and wait until it says (through -displayfd) that it accepts clients."""
        r, w = os.pipe()
        try:
            proc = subprocess.Popen(["Xvfb", f":{display}", "-displayfd", str(w), "-screen", "0",
                                     f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"],
                                    pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        finally:
            os.close(w)
        said, deadline = b"", time.monotonic() + 15
        while not said.endswith(b"\n") and time.monotonic() < deadline:  # it writes "N\n", maybe in two parts
            ready, _, _ = select.select([r], [], [], 0.5)
            if ready:
                chunk = os.read(r, 64)
                if not chunk:
                    break
                said += chunk
        os.close(r)
        if said.strip() != str(display).encode():
            proc.kill()
            err = proc.communicate()[1].decode(errors="replace").strip().splitlines()
            raise OSError(f"Xvfb :{display}: {err[-1] if err else 'did not start'}")
        return proc

    def close(self) -> None:
        self.xlib.close()
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Xlib:
    """The few Xlib calls the harness needs that xdotool lacks: a screenshot and a polite close."""

    class XImage(ctypes.Structure):
        _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                    ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_ubyte)),
                    ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                    ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                    ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
                    ("red_mask", ctypes.c_ulong), ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong)]

    class XClientMessageEvent(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                    ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]

    class XEvent(ctypes.Union):
        pass

    XEvent._fields_ = [("xclient", XClientMessageEvent), ("pad", ctypes.c_long * 24)]

    def __init__(self, display: str):
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        try:
            x = ctypes.CDLL(name)
        except OSError as exc:
            raise Unavailable(f"libX11 not found: {exc}") from None
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XGetImage.restype = ctypes.POINTER(self.XImage)
        x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x.XInternAtom.restype = ctypes.c_ulong
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
        x.XFlush.argtypes = [ctypes.c_void_p]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.x = x
        deadline = time.monotonic() + 10
        self.dpy = x.XOpenDisplay(display.encode())
        while not self.dpy and time.monotonic() < deadline:  # -displayfd may answer a moment early
            time.sleep(0.05)
            self.dpy = x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise Unavailable(f"cannot open X display {display}")

    def grab(self, window: int, width: int, height: int) -> tuple[bytes, int]:
        """The window's pixels as 32-bit BGRX rows; returns (bytes, bytes per line)."""
        all_planes, zpixmap = (1 << 64) - 1, 2
        img = self.x.XGetImage(self.dpy, window, 0, 0, width, height, ctypes.c_ulong(all_planes), zpixmap)
        if not img:
            raise RuntimeError("XGetImage failed (is the window still open?)")
        im = img.contents
        if im.bits_per_pixel != 32:
            raise RuntimeError(f"unexpected X image format: {im.bits_per_pixel} bits per pixel")
        data = ctypes.string_at(im.data, im.bytes_per_line * im.height)
        pitch = im.bytes_per_line
        self.x.XFree(im.data)
        self.x.XFree(img)
        return data, pitch

    def close_window(self, window: int) -> None:
        """What a window manager's close button does: send WM_DELETE_WINDOW."""
        ev = self.XEvent()
        ev.xclient.type = 33  # ClientMessage
        ev.xclient.window = window
        ev.xclient.message_type = self.x.XInternAtom(self.dpy, b"WM_PROTOCOLS", 0)
        ev.xclient.format = 32
        ev.xclient.data[0] = self.x.XInternAtom(self.dpy, b"WM_DELETE_WINDOW", 0)
        ev.xclient.data[1] = 0  # CurrentTime
        self.x.XSendEvent(self.dpy, window, 0, 0, ctypes.byref(ev))
        self.x.XFlush(self.dpy)

    def close(self) -> None:
        if self.dpy:
            self.x.XCloseDisplay(self.dpy)
            self.dpy = None


# --- the game in the window ---------------------------------------------------------------------
class GameWindow:
    """One `python -m game play ...` in the X server, driven by xdotool."""

    def __init__(self, xserver: XServer, folder: Path, name: str = "game"):
        self.x = xserver
        self.folder = folder
        self.name = name
        self.home = folder / "home"
        self.data_home = folder / "data"
        self.probe_path = folder / f"{name}-probe.json"
        self.proc: subprocess.Popen | None = None
        self.window: int | None = None
        self.sent = 0  # key presses and clicks sent; the probe counts those handled
        self.shots: list[Path] = []
        self.stdout = self.stderr = ""

    @property
    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items()
               if k not in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER", "LEADSIM_HOME", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=self.x.display, HOME=str(self.home), XDG_DATA_HOME=str(self.data_home),
                   PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""), LEADSIM_PROBE=str(self.probe_path),
                   PYGAME_HIDE_SUPPORT_PROMPT="1")
        return env

    @property
    def save_dir(self) -> Path:
        return self.data_home / "leadsim"

    def start(self, *args: str, stdin=None) -> "GameWindow":
        self.home.mkdir(parents=True, exist_ok=True)
        self.data_home.mkdir(parents=True, exist_ok=True)
        self.probe_path.unlink(missing_ok=True)
        self.sent = 0
        self.out_path = self.folder / f"{self.name}.out"
        self.err_path = self.folder / f"{self.name}.err"
        self.proc = subprocess.Popen([sys.executable, "-m", "game", "play", *args], cwd=ROOT, env=self.env,
                                     stdout=self.out_path.open("w"), stderr=self.err_path.open("w"),
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self.wait(lambda p: p.get("top") is not None, START_TIMEOUT, "the window to open")
        self.window = self._find_window()
        self.xdo("windowfocus", "--sync", str(self.window))
        return self

    def _find_window(self) -> int:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            r = self.xdo("search", "--onlyvisible", "--pid", str(self.proc.pid), "--name", "^Leadsim$", check=False)
            ids = r.stdout.split()
            if ids:
                return int(ids[0])
            time.sleep(0.05)
        raise AssertionError("xdotool found no Leadsim window")

    # --- input ---------------------------------------------------------------------------------
    def xdo(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        r = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.x.display},
                           capture_output=True, text=True, timeout=20)
        if check and r.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {r.stderr.strip()}")
        return r

    def key(self, *keys: str, settle: bool = True) -> dict | None:
        """Press keys (xdotool names: '1', 'e', 'Return', 'shift+Tab'), then wait until all are handled.
        Like a person, it first waits until the screen takes answers (an event dialog drops keys and clicks
        for its first moment: scenes/event.ANSWER_GRACE)."""
        self.until_answers_taken()
        for k in keys:
            self.xdo("key", "--clearmodifiers", k)
            self.sent += 1 + k.count("+")  # every key of a chord arrives as a key press
        return self.settle() if settle else None

    def type_keys(self, keys: str) -> dict:
        """Shorthand: '13e' presses 1, 3 and e."""
        return self.key(*keys)

    def move(self, x: int, y: int) -> None:
        self.xdo("mousemove", "--window", str(self.window), "--sync", str(x), str(y))

    def until_answers_taken(self) -> None:
        if self.probe().get("grace"):
            self.wait(lambda p: not p.get("grace"), STEP_TIMEOUT, "the event dialog to take answers")

    def click_at(self, x: int, y: int, settle: bool = True) -> dict | None:
        self.until_answers_taken()
        self.move(x, y)
        self.xdo("click", "1")
        self.sent += 1
        return self.settle() if settle else None

    def click_here(self, settle: bool = True) -> dict | None:
        """Click where the pointer is (after `hover`: a mousemove --sync to where it already is never returns)."""
        self.until_answers_taken()
        self.xdo("click", "1")
        self.sent += 1
        return self.settle() if settle else None

    def click(self, text: str | None = None, id: str | None = None, settle: bool = True) -> dict | None:
        """Click the centre of the visible button with this label (or card id), as a person would."""
        b = self.button(text=text, id=id)
        x, y, w, h = b["rect"]
        return self.click_at(x + w // 2, y + h // 2, settle)

    def hover(self, text: str | None = None, id: str | None = None) -> dict:
        b = self.button(text=text, id=id)
        x, y, w, h = b["rect"]
        self.move(x + w // 2, y + h // 2)
        return b

    def close(self) -> None:
        """The window manager's close button."""
        self.x.xlib.close_window(self.window)

    def resize(self, w: int, h: int) -> dict:
        self.xdo("windowsize", "--sync", str(self.window), str(w), str(h))
        return self.wait(lambda p: p["size"] == [w, h], STEP_TIMEOUT, f"the window to be {w}x{h}")

    # --- what the game shows -------------------------------------------------------------------
    def probe(self) -> dict:
        try:
            return json.loads(self.probe_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def wait(self, cond, timeout: float = STEP_TIMEOUT, what: str = "the game") -> dict:
        deadline = time.monotonic() + timeout
        while True:
            p = self.probe()
            if p and cond(p):
                return p
            if self.proc is not None and self.proc.poll() is not None:
                if p and cond(p):
                    return p
                raise AssertionError(f"the game exited ({self.proc.returncode}) while waiting for {what}:\n"
                                     + self.err_text()[-2000:])
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the window shows {p.get('stack')}")
            time.sleep(0.01)

    def settle(self, timeout: float = STEP_TIMEOUT) -> dict:
        """Wait until every key press and click sent has been handled and its frame drawn."""
        return self.wait(lambda p: p["inputs"] >= self.sent, timeout, f"{self.sent} inputs to be handled")

    def wait_top(self, name: str, timeout: float = STEP_TIMEOUT) -> dict:
        """Wait for a screen, worked out: a debrief or a review shows a busy notice first (WorkingScene)."""
        return self.wait(lambda p: p.get("top") == name and not p.get("busy"), timeout, f"the {name} screen")

    def button(self, text: str | None = None, id: str | None = None) -> dict:
        p = self.probe()
        top = p.get("top")
        found = [b for b in p.get("buttons", []) if b["scene"] == top
                 and (text is None or b["text"] == text or b["text"].startswith(text))
                 and (id is None or b["id"] == id)]
        if not found:
            raise AssertionError(f"no button {text or id!r} on the {top} screen: "
                                 f"{[b['text'] or b['id'] for b in p.get('buttons', []) if b['scene'] == top]}")
        return found[0]

    def screenshot(self, name: str):
        """The window's pixels now, as a pygame Surface; also saved as FOLDER/NAME.png."""
        import numpy as np
        import pygame

        p = self.probe()
        w, h = p["size"]
        data, pitch = self.x.xlib.grab(self.window, w, h)
        bgrx = np.frombuffer(data, dtype=np.uint8).reshape(h, pitch // 4, 4)[:, :w]
        surf = pygame.surfarray.make_surface(np.ascontiguousarray(bgrx[:, :, 2::-1].transpose(1, 0, 2)))
        path = self.folder / f"{self.name}-{name}.png"
        pygame.image.save(surf, str(path))
        self.shots.append(path)
        keep = os.environ.get(SHOTS_ENV)
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / path.name)
        return surf

    def autosave(self) -> dict:
        return json.loads((self.save_dir / "autosave.json").read_text(encoding="utf-8"))

    def err_text(self) -> str:
        try:
            return self.err_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def out_text(self) -> str:
        try:
            return self.out_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def wait_exit(self, timeout: float = 20) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError("the game did not exit") from None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
