"""Files from other people reach the disk, the terminal and the charts (issue 11, points 3 and 4, charts of 1).

Paths named inside a file stay inside that file's folder; every file is read through one bounded,
non-blocking, regular-files-only reader that checks the size before reading; every text from a file
is printed as plain text; chart text is drawn as plain text.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.scenario.loader import load
from game.scenario.problems import ScenarioError
from game.workshop.files import WorkshopError, read_workshop

from kit import quiet

from .fuzzkit import deadline, peak_bytes

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"


@contextlib.contextmanager
def opened_files():
    """Every path opened while inside (audit hook on 'open'), resolved."""
    seen: list[str] = []
    active = [True]

    def hook(event, args):
        if active[0] and event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            seen.append(os.path.realpath(os.fsdecode(args[0])))

    sys.addaudithook(hook)  # hooks cannot be removed: switch this one off on the way out
    try:
        yield seen
    finally:
        active[0] = False


# --- 4. one bounded reader: size checked before reading, regular files only, never blocking ---------

def test_a_huge_result_file_is_refused_before_it_is_read(tmp_path):
    from game.jsonfile import read_json

    big = tmp_path / "big.json"
    with big.open("wb") as fh:
        fh.truncate(60_000_000)  # sparse: costs no disk
    peak = peak_bytes(lambda: pytest.raises(WorkshopError, read_json, big, "result", 5_000_000, WorkshopError))
    assert peak < 8_000_000, peak


def test_a_huge_scenario_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(60_000_000)
    with pytest.raises(ScenarioError, match="too large"):
        load(str(big))
    assert peak_bytes(lambda: pytest.raises(ScenarioError, load, str(big))) < 4_000_000


@pytest.mark.parametrize("reader", ["scenario", "result"])
def test_a_fifo_is_refused_without_blocking(tmp_path, reader):
    from game.jsonfile import read_json

    fifo = tmp_path / ("pipe.yaml" if reader == "scenario" else "pipe.json")
    os.mkfifo(fifo)
    with deadline(3):
        if reader == "scenario":
            with pytest.raises(ScenarioError, match="not a regular file"):
                load(str(fifo))
        else:
            with pytest.raises(WorkshopError, match="not a regular file"):
                read_json(fifo, "result", 5_000_000, WorkshopError)


def test_a_device_is_refused_without_reading_it():
    with deadline(3):
        with pytest.raises(ScenarioError, match="not a regular file"):
            load("/dev/zero")
        with pytest.raises(ScenarioError, match="not a regular file"):
            load("/dev/stdin")


# --- 4. a path named inside a file: relative, inside that file's folder -----------------------------

@pytest.fixture
def trap(tmp_path):
    """A folder of hand-ins next to an outside folder holding a valid scenario and other bait."""
    inside, outside = tmp_path / "handins", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (outside / "secret.yaml").write_bytes(TUTORIAL.read_bytes())
    (inside / "sub").mkdir()
    (inside / "link.yaml").symlink_to(outside / "secret.yaml")
    (inside / "sub" / "up.yaml").symlink_to("../../outside/secret.yaml")
    os.mkfifo(inside / "pipe.yaml")
    (inside / "ok.yaml").write_bytes(TUTORIAL.read_bytes())
    return inside, outside


HOSTILE_PATHS = ["/etc/shadow", "/etc/passwd", "../outside/secret.yaml", "sub/../../outside/secret.yaml",
                 "../../../../../../etc/shadow", "/dev/stdin", "/dev/zero", "link.yaml", "sub/up.yaml", "pipe.yaml",
                 "sub/../ok.yaml", "./../outside/secret.yaml", "x" * 5000 + ".yaml", "ok.yaml\x00", "~/secret.yaml",
                 "sub", ".", "..", ""]


def _outside(seen: list[str], inside: Path) -> list[str]:
    inside = os.path.realpath(inside)
    watched = ("/etc/", "/dev/", str(inside.rsplit("/", 1)[0]) + "/outside")
    return [p for p in seen if p.startswith(watched) and p != "/dev/null"]


@pytest.mark.parametrize("named", HOSTILE_PATHS)
def test_a_result_naming_a_scenario_outside_its_folder_is_rejected_without_opening_it(trap, named, tutorial_result):
    from game.workshop.verify import Rejected, verify_one

    inside, _ = trap
    path = inside / "r.json"
    path.write_text(json.dumps(dict(tutorial_result, scenario=named)))
    with deadline(5), opened_files() as seen:
        outcome = verify_one(path, None)
    assert isinstance(outcome, Rejected)
    assert _outside(seen, inside) == []
    assert "\n" not in outcome.reason and len(outcome.reason) < 400


@pytest.mark.parametrize("named", HOSTILE_PATHS)
def test_a_workshop_naming_a_scenario_outside_its_folder_is_refused_without_opening_it(trap, named, capsys):
    inside, _ = trap
    path = inside / "day.json"
    data = {"format": "leadsim-workshop", "version": 1, "name": "Day", "scenario": named, "scenario_id": "tutorial",
            "scenario_sha256": "0" * 64, "seed": 1, "difficulty": "standard", "turn_seconds": None}
    path.write_text(json.dumps(data))
    with deadline(5), opened_files() as seen:
        with pytest.raises(WorkshopError):
            read_workshop(path).load_scenario()
        code = main(["play", "--workshop", str(path), "--team", "Blue", "--text"])
    assert code == 1 and "Traceback" not in capsys.readouterr().err
    assert _outside(seen, inside) == []


def test_a_scenario_inside_the_folder_is_still_followed(trap, tutorial_result):
    from game.workshop.verify import Verified, verify_one

    inside, _ = trap
    for named in ("ok.yaml", "tutorial"):
        path = inside / "r.json"
        path.write_text(json.dumps(dict(tutorial_result, scenario=named)))
        assert isinstance(verify_one(path, None), Verified), named


def test_workshop_new_keeps_the_scenario_next_to_the_workshop_file(tmp_path, capsys):
    """A scenario elsewhere is copied beside the workshop file, so the file names it by a plain relative name."""
    elsewhere = tmp_path / "authoring" / "mine.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(TUTORIAL.read_bytes())
    out = tmp_path / "handout" / "day.json"
    out.parent.mkdir()
    assert main(["workshop", "new", "--scenario", str(elsewhere), "--seed", "1", "--name", "D", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["scenario"] == "mine.yaml"
    assert (out.parent / "mine.yaml").read_bytes() == elsewhere.read_bytes()
    assert "mine.yaml" in capsys.readouterr().out
    assert read_workshop(out).load_scenario().scenario.id == "tutorial"


@pytest.fixture(scope="module")
def tutorial_result():
    from game.autoplay import play_bot
    from game.session import Session
    from game.workshop.files import Workshop, result_of

    loaded = load("tutorial")
    ws = Workshop("Day", "tutorial", loaded.sha256, loaded.scenario.id, 3)
    return result_of(play_bot(Session(loaded, 3), "adaptive"), ws, "Red", "adaptive")


# --- 3. every text from a file is printed as plain text ------------------------------------------------

MARKUP = "[/bold] Evil [red]day[/red] [link=file:///etc/passwd]x"
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\x07\x08\r"


def test_plain_text_escapes_markup_and_removes_control_characters():
    from rich.console import Console

    from game.plaintext import plain

    text = plain(MARKUP + ESCAPES + "\u202eok\tend\nnext")
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\u202e" not in text
    assert "\r" not in text and "\x08" not in text
    console = Console(record=True, width=200, color_system=None)
    console.print(text)
    shown = console.export_text()
    assert "[/bold] Evil [red]day[/red] [link=file:///etc/passwd]x" in shown and "ok end" in shown and "next" in shown
    assert plain(MARKUP, markup=False) == MARKUP
    assert plain("a\x1b[31mb\x1b[0m", markup=False) == "ab"


def _hostile_scenario(tmp_path) -> Path:
    data = quiet(title=MARKUP + ESCAPES, briefing="Brief " + MARKUP + ESCAPES, summary="S" + ESCAPES)
    data["phases"][0]["title"] = "[/red]" + ESCAPES
    data["phases"][0]["text"] = "[bold]" + ESCAPES
    data["actions"][0]["title"] = "Cheer [/x]" + ESCAPES
    data["actions"][0]["text"] = "[/i]" + ESCAPES
    data["metrics"]["morale"]["title"] = "Mor[/b]ale" + ESCAPES
    data["metrics"]["morale"]["unit"] = "[/u]$\\frac$"
    data["endings"][0]["title"] = "Done [/s]" + ESCAPES
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False))
    load(str(path))  # a valid scenario
    return path


@pytest.mark.parametrize("argv", [
    ["play", "{s}", "--text", "--seed", "1"],
    ["simulate", "{s}"],
    ["simulate", "{s}", "--runs", "20"],
    ["balance", "{s}", "--runs", "20", "--policies", "random", "balanced"],
    ["validate", "{s}"],
])
def test_scenario_texts_with_markup_and_escapes_print_as_plain_text(tmp_path, monkeypatch, capfd, argv):
    import io

    scenario = _hostile_scenario(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n" * 10))
    monkeypatch.setenv("COLUMNS", "200")
    code = main([a.replace("{s}", str(scenario)) for a in argv])
    out, err = capfd.readouterr()
    assert code == 0, err[-2000:]
    for stream in (out, err):
        assert "\x1b]" not in stream and "\x1b[2J" not in stream and "\x07" not in stream and "\x9b" not in stream
        assert "Traceback" not in stream
    if argv[0] in ("play", "simulate") and "--runs" not in argv:
        assert "[/bold] Evil [red]day[/red]" in out


def test_history_survives_a_workshop_name_with_markup(tmp_path, capsys, tutorial_result, monkeypatch):
    from game.workshop.files import Workshop, result_of
    from game.workshop.history import import_results
    from game.workshop.verify import verify_one

    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "r.json"
    path.write_text(json.dumps(dict(tutorial_result, workshop="[/bold] day [red]", policy=None)))  # not a bot's game
    v = verify_one(path, None)
    assert import_results([v])[0] == 1
    assert main(["debrief", "--history"]) == 0
    out = capsys.readouterr().out
    assert "[/bold] day [red]" in out
    assert main(["debrief", "--history"]) == 0  # and every later time


def test_debrief_prints_file_names_and_reasons_as_plain_text(tmp_path, capfd, tutorial_result):
    evil = tmp_path / "evil\x1b[2J\x1b]0;x\x07.json"
    evil.write_text(json.dumps(dict(tutorial_result, score=1.0)))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(dict(tutorial_result, team="Blue")))
    code = main(["debrief", str(evil), str(good), "--out", str(tmp_path / "out")])
    out, err = capfd.readouterr()
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "evil[2J]0;x.json" in err or "evil" in err


# --- charts draw text as plain text -----------------------------------------------------------------

def test_charts_draw_scenario_texts_with_dollars_as_plain_text(tmp_path, tutorial_result):
    """Mathtext in a metric unit or phase title would be parsed (and can fail) unless math is off."""
    from game.workshop.report import write_report
    from game.workshop.verify import Verified, verify_one

    scenario = tmp_path / "math.yaml"
    data = yaml.safe_load(TUTORIAL.read_text())
    for m in data.get("metrics", {}).values():
        if isinstance(m, dict):
            m["title"] = "$\\frac$ money $x^"
            m["unit"] = "$\\sqrt{"
    for p in data["phases"]:
        p["title"] = "$\\frac$ phase $"
    scenario.write_text(yaml.safe_dump(data, sort_keys=False))
    loaded = load(str(scenario))
    r = dict(tutorial_result, scenario="math.yaml", scenario_sha256=loaded.sha256, scenario_id=loaded.scenario.id)
    (tmp_path / "r.json").write_text(json.dumps(r))
    v = verify_one(tmp_path / "r.json", None)
    assert isinstance(v, Verified), v
    page = write_report([v], [], tmp_path / "out")
    chart = (tmp_path / "out" / "metrics.svg").read_text()
    assert page.exists() and len(chart) > 2_000 and "$\\frac$ money $x^" in chart  # drawn as written
    assert "$\\frac$ phase $" in (tmp_path / "out" / "mix-1.svg").read_text()


def test_balance_charts_draw_texts_as_plain_text(tmp_path):
    start = time.process_time()  # CPU time: the work done, however loaded the machine is
    assert main(["balance", str(_hostile_scenario(tmp_path)), "--runs", "20", "--policies", "random", "balanced",
                 "--report", str(tmp_path / "rep")]) == 0
    assert (tmp_path / "rep" / "index.html").exists() and time.process_time() - start < 120
    from xml.etree import ElementTree

    charts = {p.name: p.read_text() for p in (tmp_path / "rep").glob("*.svg")}
    assert {"outcomes.svg", "trajectories.svg", "action_usage.svg"} <= set(charts)
    for name, text in charts.items():
        ElementTree.fromstring(text)  # well-formed: every text escaped, no control character left
        assert "\x1b" not in text, name
    assert ">Mor[/b]ale" in charts["trajectories.svg"] and ">Cheer [/x]" in charts["action_usage.svg"]
