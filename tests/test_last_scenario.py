"""The scenario last started from the window's picker, read back from settings.json (hostile input like
every outside file): only a built-in scenario's name counts; anything else is ignored, never an error.
Writing it keeps the file's other fields, and the window's own settings keep it."""

import json

import pytest

from game import preferences
from game.scenario.loader import builtin_names


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LEADSIM_HOME", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("value", [123, None, ["startup"], {"a": 1}, "../../etc/passwd", "nosuchscenario",
                                   "startup\n", "x" * 5000, "", True])
def test_a_bad_value_is_ignored(home, value):
    (home / "settings.json").write_text(json.dumps({"last_scenario": value}))
    assert preferences.last_scenario(builtin_names()) is None


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b"\xff\xfe", b"{" * 70_000])
def test_a_broken_file_is_ignored(home, content):
    (home / "settings.json").write_bytes(content)
    assert preferences.last_scenario(builtin_names()) is None


def test_kept_and_read_back_with_the_other_fields(home):
    (home / "settings.json").write_text(json.dumps({"confirm_end_turn": False, "width": 1024}))
    preferences.set_last_scenario("startup")
    assert preferences.last_scenario(builtin_names()) == "startup"
    data = json.loads((home / "settings.json").read_text())
    assert data == {"confirm_end_turn": False, "width": 1024, "last_scenario": "startup"}


def test_the_windows_settings_keep_it(home):
    pytest.importorskip("pygame")
    from game.ui import settings

    preferences.set_last_scenario("tutorial")
    s = settings.load()
    s.text_size = "large"
    settings.save(s)
    assert preferences.last_scenario(builtin_names()) == "tutorial" and settings.load().text_size == "large"
