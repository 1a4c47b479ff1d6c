"""`leadsim debrief` with a pattern (s6 trainer finding 14): a typo that matches no file writes no report and
says so in one line with what is there; a pattern the shell did not expand (Windows, or quoted) is expanded."""

from __future__ import annotations

import pytest

from game.autoplay import play_bot
from game.cli import main
from game.session import Session
from game.workshop.files import create, read_workshop, result_of, write_result, write_workshop


@pytest.fixture
def rehearsal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path / "home"))
    write_workshop(create("tutorial", 7, "Monday"), tmp_path / "day.json")
    ws = read_workshop(tmp_path / "day.json")
    for bot in ("adaptive", "balanced"):
        write_result(result_of(play_bot(Session(ws.load_scenario(), ws.seed), bot), ws, f"Bot {bot}", bot),
                     tmp_path / f"rehearsal-{bot}.json")
    return tmp_path


def test_a_pattern_that_matches_nothing_writes_no_report_and_says_what_is_there(rehearsal, capsys):
    code = main(["debrief", "rehersal-*.json", "--workshop", "day.json", "--out", "x"])
    out, err = capsys.readouterr()
    assert code == 1 and not (rehearsal / "x").exists() and out == ""
    line, = err.strip().splitlines()
    assert line.startswith("rehersal-*.json: no file matches it (found rehearsal-")
    assert "rehearsal-adaptive.json" in line and "rehearsal-balanced.json" in line
    assert line.endswith("is the name spelled right?); nothing was verified, so no report was written")


def test_a_missing_file_writes_no_report_either(rehearsal, capsys):
    code = main(["debrief", "rehearsal-adaptiv.json", "--workshop", "day.json", "--out", "x"])
    err = capsys.readouterr().err
    assert code == 1 and not (rehearsal / "x").exists()
    assert err.strip().splitlines() == [
        "rehearsal-adaptiv.json: rejected: no such result file",
        "Nothing was verified: no result file was found. No report was written and nothing was imported."]


def test_a_pattern_the_shell_left_alone_is_expanded_and_a_dead_one_named(rehearsal, capsys):
    code = main(["debrief", "rehearsal-*.json", "rehersal-*.json", "--workshop", "day.json", "--out", "y"])
    out, err = capsys.readouterr()
    assert code == 0 and (rehearsal / "y" / "report.html").exists()
    assert "2 teams played." in out.splitlines()  # the report's own opening words
    assert "rehersal-*.json: no file matches it" in err and "the other results are reported" in err
