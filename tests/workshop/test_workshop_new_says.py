"""What `leadsim workshop new` says once the file is written (s6: it named only `leadsim play --workshop`, though
most rooms play in the browser with `leadsim serve`)."""

from __future__ import annotations

import json

from game.cli import main


def test_workshop_new_names_both_ways_to_play_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["workshop", "new", "--scenario", "tutorial", "--seed", "4", "--name", "Day", "--out",
                 "my day.json"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Serve it to the room's browsers (nothing to install): leadsim serve 'my day.json' --lan" in out
    assert ("Or participants play it in their own Leadsim: leadsim play --workshop 'my day.json' "
            "--team \"TEAM NAME\"") in out
    room = json.loads((tmp_path / "my day.json").read_text())["room"]  # the file's own room in `leadsim serve`
    assert main(["workshop", "new", "--scenario", "tutorial", "--seed", "4", "--name", "Day", "--out",
                 "next.json"]) == 0
    assert json.loads((tmp_path / "next.json").read_text())["room"] != room
