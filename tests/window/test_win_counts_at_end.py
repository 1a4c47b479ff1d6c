"""Fresh player s7/3 finding 8: the tutorial's briefing says to invest in skills first, which put the
budget below the win's 74k by turn 3, and nothing said that line counts only at the end: the player took
the win as lost for seven turns. In the real window the strip under the cards now says it, whole, with
the turns left; before the budget crosses the line it says nothing of the kind."""

from flows import new_game_by_keys, play_turn_by_keys



def test_the_strip_says_a_budget_below_the_win_line_counts_at_the_end(game):
    g = game("tutorial", "--seed", "229453", "--size", "1280x720")
    p = new_game_by_keys(g)
    assert "counts at the end" not in (p["strip"] or ""), p["strip"]
    p = play_turn_by_keys(g, "90")  # both skill courses, as the briefing advises: budget 75.2k, still above
    assert p["top"] == "dashboard", p["stack"]
    assert "counts at the end" not in (p["strip"] or ""), p["strip"]
    p = play_turn_by_keys(g, "38")  # Coach and Optimize: budget 70.5k, below the win's 74k
    assert p["top"] == "dashboard", p["stack"]
    g.screenshot("budget-below-win-line")
    assert p["strip"] == "Budget 70.5k: below the win's 74k, which counts at the end of turn 12 (10 turns to go)", \
        p["strip"]
