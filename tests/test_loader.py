"""Scenario loading: every problem named by FILE:LINE:COL with what to write instead.

Each file in tests/data/broken/ is tests/data/valid.yaml with one deliberate mistake.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import builtin_names, load, load_text_bytes
from game.scenario.problems import ScenarioError

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"


def problems(name: str) -> list[str]:
    path = BROKEN / name
    with pytest.raises(ScenarioError) as info:
        load(str(path))
    lines = [str(p) for p in info.value.problems if p.severity == "error"]
    assert str(info.value) == "\n".join(str(p) for p in info.value.problems)
    return lines


def one_problem(name: str) -> tuple[str, str]:
    """(LINE:COL, message) of the single problem reported for a broken file."""
    lines = problems(name)
    assert len(lines) == 1, lines
    path = str(BROKEN / name)
    assert lines[0].startswith(path + ":"), lines[0]
    rest = lines[0][len(path) + 1:]
    line, col, message = rest.split(":", 2)
    assert line.isdigit() and col.isdigit(), lines[0]
    return f"{line}:{col}", message.strip()


def test_the_base_file_is_valid():
    loaded = load(str(DATA / "valid.yaml"))
    assert loaded.scenario.id == "tiny"
    assert loaded.warnings == []


def test_yaml_syntax_error():
    where, msg = one_problem("yaml_syntax.yaml")
    assert where == "7:17"  # the second ':' in 'action_points: 2: 3'
    assert msg.startswith("YAML syntax: mapping values are not allowed here")
    assert "a value containing ': ' must be put in quotes" in msg


def test_not_a_mapping():
    where, msg = one_problem("not_mapping.yaml")
    assert where == "1:1"
    assert "the file is a list; a scenario is a mapping of keys" in msg


def test_empty_file():
    where, msg = one_problem("empty.yaml")
    assert where == "1:1"
    assert "the file is empty" in msg


def test_unknown_key_with_did_you_mean():
    where, msg = one_problem("unknown_key.yaml")
    assert where == "7:1"
    assert "unknown key 'action_point' in the file; did you mean 'action_points'?" in msg
    assert "(allowed: format, id, title" in msg


def test_unknown_nested_key_with_did_you_mean():
    where, msg = one_problem("unknown_nested_key.yaml")
    assert where == "15:5"
    assert "unknown key 'cooldwn' in actions[0]; did you mean 'cooldown'?" in msg


def test_missing_required_key():
    where, msg = one_problem("missing_key.yaml")
    assert where == "1:1"
    assert msg == "summary is required; add 'summary:' here"


def test_missing_nested_key_points_at_the_item():
    where, msg = one_problem("missing_nested_key.yaml")
    assert where == "16:5"  # the '- id: plan' item that lacks a title
    assert msg == "actions[1].title is required; add 'title:' here"


def test_wrong_type():
    where, msg = one_problem("wrong_type.yaml")
    assert where == "7:1"
    assert msg == "action_points must be a whole number, not 'two'"


def test_out_of_range():
    where, msg = one_problem("out_of_range.yaml")
    assert where == "6:1"
    assert msg == "turns must be at most 200, not 500"


def test_duplicate_key():
    where, msg = one_problem("duplicate_key.yaml")
    assert where == "7:1"
    assert msg == "the key 'turns' appears twice here; keep one"


def test_duplicate_ids():
    where, msg = one_problem("duplicate_ids.yaml")
    assert where == "16:9"
    assert msg == "action id 'cheer' is already used by action #1; ids must be unique"


def test_unknown_metric_in_effects():
    where, msg = one_problem("unknown_metric.yaml")
    assert where == "19:15"  # the key 'efficency' inside the flow mapping
    assert msg.startswith("unknown metric 'efficency'; did you mean 'efficiency'? metrics: morale, efficiency")


def test_unknown_followup_event():
    where, msg = one_problem("unknown_followup.yaml")
    assert where == "29:19"
    assert msg == "unknown event 'crisis_cal'; did you mean 'crisis_call'? events: crisis_call"


def test_bad_expression_column_points_into_the_quoted_expression():
    where, msg = one_problem("bad_expression.yaml")
    # line 24 is '    when: "turn >= 2 and moral < 3"'; 'moral' starts at column 26
    line = (BROKEN / "bad_expression.yaml").read_text().splitlines()[23]
    assert line[25:30] == "moral"
    assert where == "24:26"
    assert "in expression 'turn >= 2 and moral < 3': unknown name 'moral'; did you mean 'morale'?" in msg


def test_bad_expression_column_points_into_a_plain_expression():
    where, msg = one_problem("bad_expression_plain.yaml")
    line = (BROKEN / "bad_expression_plain.yaml").read_text().splitlines()[32]
    assert line[22] == "&"
    assert where == "33:23"
    assert "unexpected character '&' (use 'and', 'or', 'not' for logic)" in msg


def test_custom_tag_is_refused_and_nothing_runs(tmp_path, monkeypatch):
    import os

    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a))
    where, msg = one_problem("custom_tag.yaml")
    assert where == "3:8"
    assert "python/object/apply:os.system' is not allowed; write plain values without '!' tags" in msg
    assert calls == []


def test_alias_bomb_is_stopped_quickly():
    import time

    start = time.process_time()  # the work done here, which a loaded machine does not stretch (as in test_fuzz)
    lines = problems("alias_bomb.yaml")
    assert time.process_time() - start < 5
    assert len(lines) == 1
    assert "the file has more than 200000 values (are aliases repeating a block?)" in lines[0]
    assert lines[0].startswith(f"{BROKEN / 'alias_bomb.yaml'}:")


def test_invalid_utf8_names_the_line_and_column():
    where, msg = one_problem("invalid_utf8.yaml")
    assert where == "10:13"  # the bytes were put before 'Startup' in '    title: "Startup"'
    assert "the file is not UTF-8 text (bad byte at offset" in msg and "save it as UTF-8" in msg


def test_missing_file():
    with pytest.raises(ScenarioError) as info:
        load(str(BROKEN / "no_such_file.yaml"))
    assert [str(p) for p in info.value.problems] == [f"{BROKEN / 'no_such_file.yaml'}: file not found; check the path"]


def test_folder_instead_of_file():
    with pytest.raises(ScenarioError, match="this is a folder"):
        load(str(BROKEN))


def test_unknown_builtin_name():
    with pytest.raises(ScenarioError) as info:
        load("startp")
    (p,) = info.value.problems
    assert p.file == "startp"
    assert "no built-in scenario or file called 'startp'; did you mean 'startup'?" in p.message
    assert "built-in scenarios: " in p.message and "mature" in p.message


def test_three_independent_schema_errors_are_reported_together():
    lines = problems("three_schema_errors.yaml")
    path = BROKEN / "three_schema_errors.yaml"
    assert lines == [
        f"{path}:6:1: turns must be at least 3, not 0",
        f"{path}:7:1: unknown key 'action_point' in the file; did you mean 'action_points'? (allowed: "
        + lines[1].split("(allowed: ", 1)[1],
        f"{path}:32:5: endings[0].kind must be one of 'win', 'loss' or 'neutral', not 'lose'",
    ]


def test_three_independent_reference_errors_are_reported_together():
    lines = problems("three_check_errors.yaml")
    path = BROKEN / "three_check_errors.yaml"
    assert len(lines) == 3
    assert lines[0] == f"{path}:16:9: action id 'cheer' is already used by action #1; ids must be unique"
    assert lines[1].startswith(f"{path}:28:19: unknown metric 'moral'; did you mean 'morale'?")
    assert lines[2] == f"{path}:33:26: in expression 'budget <= 0 or': the expression ends too early"


def test_every_broken_file_has_a_test_and_fails():
    names = sorted(p.name for p in BROKEN.glob("*.yaml"))
    assert len(names) >= 20
    for name in names:
        assert problems(name), name


def test_nul_bytes_and_huge_files_are_refused():
    with pytest.raises(ScenarioError, match="NUL bytes"):
        load_text_bytes(b"id: x\x00\n", "nul.yaml")
    with pytest.raises(ScenarioError, match="the limit is"):
        load_text_bytes(b"#" * 2_000_001, "big.yaml")


def test_merge_keys_and_local_tags_are_refused():
    with pytest.raises(ScenarioError, match="merge keys"):
        load_text_bytes(b"a: &a {x: 1}\nb:\n  <<: *a\n", "merge.yaml")
    with pytest.raises(ScenarioError, match="tag '!local' is not allowed"):
        load_text_bytes(b"title: !local x\n", "tag.yaml")


def test_builtin_scenarios_load_and_teach_in_20_to_40_turns():
    names = builtin_names()
    assert {"startup", "mature", "scaleup"} <= set(names)
    for name in names:
        loaded = load(name)
        s = loaded.scenario
        assert s.title and s.briefing.strip() and s.summary
        assert 20 <= s.turns <= 40 or name == "tutorial"
        assert loaded.source == name
    assert [p.id for p in load("startup").scenario.phases] == ["startup"]
    assert [p.id for p in load("mature").scenario.phases] == ["mature"]
    assert [p.id for p in load("scaleup").scenario.phases] == ["startup", "mature"]


def test_schema_and_reference_errors_are_reported_together():
    text = (DATA / "valid.yaml").read_text()
    text = text.replace("turns: 5", "turns: 500").replace('when: "turn >= 2"', 'when: "turn >= 2 and moral < 3"')
    with pytest.raises(ScenarioError) as info:
        load_text_bytes(text.encode(), "mixed.yaml")
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 2, messages
    assert "turns must be at most 200" in messages[0] or "turns must be at most 200" in messages[1]
    assert any("unknown name 'moral'; did you mean 'morale'?" in m for m in messages)


def test_partial_checks_survive_wrongly_shaped_parts():
    text = (DATA / "valid.yaml").read_text()
    text = text.replace("turns: 5", "turns: [5]").replace('when: "turn >= 2"', 'when: "turn >= 2 and moral < 3"')
    text += "\nevents: 7\n" if "events:" not in text else ""
    with pytest.raises(ScenarioError) as info:
        load_text_bytes(text.encode(), "shapes.yaml")
    messages = [p.message for p in info.value.problems]
    assert any("turns must be a whole number" in m for m in messages)


def test_crisis_without_hysteresis_is_a_warning():
    from tests.kit import loaded, quiet

    def crisis(start, end):
        return quiet(crises=[{"id": "k", "title": "K", "start": start, "end": end}])

    bad = loaded(crisis("stress > 65", "stress < 80"))
    assert [w.message for w in bad.warnings if "hysteresis" in w.message] == [
        "crisis 'k' has no hysteresis: it starts when stress passes 65 and ends at 80, so it can end as soon "
        "as it starts; put the end threshold below 65"]
    assert not [w for w in loaded(crisis("stress > 65", "stress < 45")).warnings if "hysteresis" in w.message]
    assert [w for w in loaded(crisis("30 > initiative", "initiative > 25")).warnings if "hysteresis" in w.message]


def test_unquoted_colon_in_a_value_gets_a_hint():
    with pytest.raises(ScenarioError) as info:
        load_text_bytes(b"id: t\nwhen: turn: 3\n", "c.yaml")
    assert "must be put in quotes" in info.value.problems[0].message


def test_a_bad_default_difficulty_says_which_values_there_are():
    """Fresh 14: the scenario's default difficulty is checked like every field, in one line."""
    where, message = one_problem("bad_default_difficulty.yaml")
    assert where == "8:1"
    assert message == "default_difficulty must be one of 'guided', 'standard' or 'expert', not 'Easy'"
    lower = (DATA / "valid.yaml").read_text().replace("action_points: 2", "action_points: 2\ndefault_difficulty: Guided")
    with pytest.raises(ScenarioError, match=r"not 'Guided' \(write it in lower case\)$"):
        load_text_bytes(lower.encode(), "x.yaml")
    assert load("tutorial").scenario.default_difficulty == "guided"
    assert {load(n).scenario.default_difficulty for n in builtin_names() if n != "tutorial"} == {"standard"}
