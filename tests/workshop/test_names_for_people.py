"""Team names as a trainer meets them (docs/trials/2026-12-01-trainer.md, findings 12 and 13): the rule is
in --help and the README before anything fails, and result file names keep the letters people read out."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from game.safefile import slug
from game.workshop.files import TEAM_RULE, check_team, create, result_filename

ROOT = Path(__file__).resolve().parents[2]


def test_result_file_names_keep_accented_letters():
    ws = create("tutorial", 7, "Leadership day – Zürich")
    assert result_filename(ws, "L'Équipe d'Ève Müller") == "leadership-day-zürich-l-équipe-d-ève-müller.json"
    assert result_filename(ws, "D'Artagnan Ñandú 3") == "leadership-day-zürich-d-artagnan-ñandú-3.json"
    nfd = unicodedata.normalize("NFD", "Zoë-Ørsted 2")  # typed on a Mac: the same name, the same file
    assert result_filename(ws, nfd) == result_filename(ws, "Zoë-Ørsted 2")


@pytest.mark.parametrize("text", ["../../etc/passwd", "a/b\\c", "x\x00y\u202e", "..", "C:\\x", "con", "日本" * 40])
def test_a_slug_never_leaves_its_folder(text):
    s = slug(text, 120)
    assert s and not set(s) & set("/\\.:\x00") and s.isprintable() and len(s.encode()) <= 120
    assert s not in ("con", "prn", "aux", "nul") and Path(s).name == s


def test_the_team_name_rule_is_in_help_and_readme_before_it_fails(capsys):
    from game.cli import main

    for command in ("play", "simulate"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "double quotes" in " ".join(capsys.readouterr().out.split()), command
    assert "double quotes, `&` and brackets do not" in (ROOT / "README.md").read_text()
    with pytest.raises(Exception) as err:
        check_team('The "Visionaries"')
    assert TEAM_RULE in str(err.value)
