"""A player's terminal stays clean (no ALSA or pygame_gui chatter), and the window's close button saves."""

from flows import new_game_by_keys, play_turn_by_keys


def test_closing_the_window_saves_and_nothing_is_printed(game):
    g = game("tutorial", "--seed", "229453", "--size", "1024x600")
    p = new_game_by_keys(g)
    p = play_turn_by_keys(g, "13")
    assert p["top"] == "dashboard" and p["turn"] == 1
    g.close()  # the window manager's close button (WM_DELETE_WINDOW)
    assert g.wait_exit() == 0
    assert g.autosave()["log"] == [{"actions": ["share_vision", "coach"], "choice": None}]
    err, out = g.err_text(), g.out_text()
    assert "ALSA lib" not in err, err[:500]
    assert "Warning" not in err and "warn" not in out.lower(), (out + err)[:500]
    assert out == "", out[:500]
