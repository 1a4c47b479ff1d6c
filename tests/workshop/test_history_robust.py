"""The history database on a real disk (issue 11, point 10): damaged or truncated files are kept
aside and replaced, a busy database waits and then says so, bots' rehearsals stay out or are removed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from game.cli import main
from game.workshop import history
from game.workshop.history import HistoryError, cohorts, forget, import_results
from game.workshop.verify import verify_all

from test_workshop import handed_in  # noqa: F401  (the module's eight bot results, made once)


@pytest.fixture
def verified(handed_in):  # noqa: F811
    accepted, rejected = verify_all(handed_in[2][:4])
    assert rejected == []
    return accepted


def _as_people(verified):
    """The same games as if people had played them (a result without a bot's name)."""
    for v in verified:
        v.result = {**v.result, "policy": None}
    return verified


def test_bots_stay_out_of_the_history_unless_asked(verified, tmp_path):
    db = tmp_path / "h.sqlite3"
    added, skipped = import_results(verified, db)
    assert added == 0 and len(skipped) == 4 and "bot (a rehearsal); not imported" in skipped[0]
    assert cohorts(db) == []
    assert import_results(verified[:2], db, include_bots=True)[0] == 2
    assert forget(bots=True, path=db) == 2 and cohorts(db) == []


def test_forget_a_workshop_through_the_cli(verified, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    import_results(_as_people(verified), None)
    assert cohorts()[0]["teams"] == 4
    assert main(["debrief", "--forget", "Leadership day"]) == 0
    assert "removed 4 result(s) of workshop 'Leadership day'" in capsys.readouterr().out
    assert cohorts() == []
    assert main(["debrief", "--forget-bots"]) == 0


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed-middle"])
def test_a_damaged_database_is_kept_aside_and_a_new_one_started(verified, tmp_path, capsys, damage):
    db = tmp_path / "history.sqlite3"
    import_results(_as_people(verified), db)
    raw = db.read_bytes()
    if damage == "garbage":
        db.write_bytes(b"this is not a database at all\n" * 100)
    elif damage == "truncated":
        db.write_bytes(raw[:len(raw) // 2 + 100])
    else:
        db.write_bytes(raw[:100] + b"\0" * (len(raw) - 200) + raw[-100:])
    before = db.read_bytes()
    rows = cohorts(db)
    err = capsys.readouterr().err
    assert rows == [] and f"{db} is damaged" in err and "a new, empty history was started" in err
    (aside,) = tmp_path.glob("history.sqlite3.damaged-*")
    assert aside.read_bytes() == before and f"kept as {aside}" in err  # nothing the user had is gone
    assert import_results(verified[:1], db)[0] == 1  # the new one works


def test_a_damaged_database_through_the_cli_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    (tmp_path / "history.sqlite3").write_bytes(os.urandom(3000))
    assert main(["debrief", "--history"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err and "Traceback" not in err


def test_a_database_locked_by_another_process_waits_then_says_so(verified, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    db = tmp_path / "history.sqlite3"
    import_results(_as_people(verified[:1]), db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
         "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(history, "BUSY_SECONDS", 0.5)
        start = time.monotonic()
        with pytest.raises(HistoryError, match="in use by another program.*waited 0.5 s"):
            import_results(_as_people(verified[1:2]), db)
        assert time.monotonic() - start >= 0.45  # it waited before giving up
        assert main(["debrief", "--history"]) == 1
        err = capsys.readouterr().err
        assert "in use by another program" in err and err.count("\n") == 1
        assert list(tmp_path.glob("*.damaged-*")) == []  # busy is not damaged: nothing is moved
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert cohorts(db)[0]["teams"] == 1  # the lock gone, the history is there as before


def test_a_history_from_before_bots_were_told_apart_gets_the_column(tmp_path):
    db = tmp_path / "old.sqlite3"
    con = sqlite3.connect(db)
    con.executescript(history.SCHEMA.replace("    policy TEXT,\n", ""))
    con.close()
    assert cohorts(db) == [] and forget(bots=True, path=db) == 0


def test_a_history_from_before_the_mix_was_kept_says_so_and_counts_the_rest(verified, tmp_path, monkeypatch,
                                                                            capsys):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    db = tmp_path / "history.sqlite3"
    con = sqlite3.connect(db)
    con.executescript(history.SCHEMA.replace("    mix TEXT,\n", ""))
    con.execute("INSERT INTO results (fingerprint, workshop, team, scenario_id, scenario_sha256, seed, score, "
                "outcome, ending, leadership_share) VALUES ('f', 'Old day', 'Red', 'scaleup', 'x', 1, 500, 'win', "
                "'w', '{\"startup\": 0.6}')")
    con.commit()
    con.close()
    (old,) = cohorts(db)
    assert (old["teams"], old["mixed"], old["mix"]) == (1, 0, {})  # an old row's lone share is no mix of kinds
    assert import_results(_as_people(verified[:2]), db)[0] == 2  # the old file takes the new column
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["debrief", "--history"]) == 0
    out = capsys.readouterr().out
    assert "not kept (imported before the mix was kept)" in out and "% development" in out


def test_reading_an_empty_history_creates_no_file_and_an_unwritable_folder_is_one_line(tmp_path, monkeypatch,
                                                                                        capsys):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    assert main(["debrief", "--history"]) == 0
    assert "No results in your history yet" in capsys.readouterr().out
    assert not (tmp_path / "history.sqlite3").exists()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HistoryError, match="cannot open the history database .*can .* be written to"):
        forget(bots=True, path=blocker / "history.sqlite3")


def test_the_history_names_each_phase_by_its_title(verified, tmp_path, monkeypatch, capsys):
    """Trainer s7 4, finding 12: `debrief --history` listed 'startup:' and 'mature:', the phases' ids, where
    every other page says 'Startup' and 'Growing up'. A scenario id that is no built-in one (a history row is
    outside input) keeps the ids and is never opened as a path."""
    from game.commands.debrief import _mix_words

    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    db = tmp_path / "history.sqlite3"
    assert import_results(_as_people(verified[:2]), db)[0] == 2
    phases = verified[0].session.scenario.phases
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["debrief", "--history"]) == 0
    out = capsys.readouterr().out
    assert all(f"{p.title}: " in out for p in phases) and not any(f"{p.id}: " in out for p in phases
                                                                  if p.id != p.title)
    row = {"scenario": "../../etc/passwd", "mix": {"startup": (1, 1, 0)}, "mixed": 1, "teams": 1}
    assert _mix_words(row) == ["startup: 50% leadership, 50% management, 0% development"]
