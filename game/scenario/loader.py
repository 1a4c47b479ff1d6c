"""Load a scenario file into a validated `Scenario`, reporting every problem at once."""

from __future__ import annotations

import copy
import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .defaults import CORE_METRICS
from .problems import Problem, ScenarioError
from .schema import LIMITS, Scenario
from .yamlpos import MAX_FILE_BYTES, Pos, YamlProblem, decode, read_yaml

from ..paths import resource_dir
from ..safefile import UnsafeFile, read_limited

BUILTIN_DIR = resource_dir("scenarios")


@dataclass
class LoadedScenario:
    scenario: Scenario
    source: str  # what the user named: a built-in name or a path
    path: Path | None
    sha256: str
    positions: dict = field(default_factory=dict, repr=False)
    warnings: list[Problem] = field(default_factory=list)
    text: str = field(default="", repr=False)  # the file as written, embedded in saves and results


def builtin_names() -> list[str]:
    if not BUILTIN_DIR.is_dir():
        return []
    order = {"tutorial": 0, "startup": 1, "mature": 2, "scaleup": 3}
    return sorted((p.stem for p in BUILTIN_DIR.glob("*.yaml")), key=lambda n: (order.get(n, 9), n))


def resolve(name_or_path: str) -> Path:
    """A built-in name ('startup', in any case) or a path to a YAML file."""
    candidate = Path(name_or_path)
    try:
        if candidate.suffix.lower() in (".yaml", ".yml") or candidate.exists() or "/" in name_or_path:
            return candidate
        builtin = BUILTIN_DIR / f"{name_or_path}.yaml"
        if builtin.is_file():
            return builtin
        if name_or_path.lower() in builtin_names():  # 'Tutorial', as the picker and the list write it
            return BUILTIN_DIR / f"{name_or_path.lower()}.yaml"
    except OSError:  # e.g. a name too long for the file system: reported when it is read
        return candidate
    names = builtin_names()
    close = difflib.get_close_matches(name_or_path, names, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise ScenarioError([Problem(name_or_path, 0, 0,
                                 f"no built-in scenario or file called '{name_or_path}'; {hint}"
                                 f"built-in scenarios: {', '.join(names)}")])


def load(name_or_path: str) -> LoadedScenario:
    path = resolve(name_or_path)
    shown = str(path) if path.parent != BUILTIN_DIR else f"{path.stem} (built-in)"
    try:
        raw = read_limited(path, MAX_FILE_BYTES)  # size checked before reading; never a FIFO or device
    except UnsafeFile as exc:
        raise ScenarioError([Problem(str(path), 0, 0, f"cannot be used as a scenario file: {exc}")]) from None
    except FileNotFoundError:
        raise ScenarioError([Problem(str(path), 0, 0, "file not found; check the path")]) from None
    except IsADirectoryError:
        raise ScenarioError([Problem(str(path), 0, 0, "this is a folder; name a .yaml file")]) from None
    except OSError as exc:
        raise ScenarioError([Problem(str(path), 0, 0, f"cannot read the file: {exc.strerror}")]) from None
    loaded = load_text_bytes(raw, shown)
    loaded.source = path.stem if path.parent == BUILTIN_DIR else str(path)
    loaded.path = path
    return loaded


def _plain_kind(value: object) -> str:
    """A value described in words for a trainer, not a Python type name."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"true/false ({value!r})"
    if isinstance(value, (int, float)):
        return f"a single number ({value!r})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, dict):
        return "a mapping of 'key: value' lines"
    if isinstance(value, (list, tuple)):
        return "a list of '- ' items"
    return type(value).__name__


def load_text_bytes(raw: bytes, filename: str) -> LoadedScenario:
    """Validate the bytes of a scenario file; raises ScenarioError listing all problems."""
    sha = hashlib.sha256(raw).hexdigest()
    try:
        data, positions = read_yaml(decode(raw))
    except YamlProblem as exc:
        raise ScenarioError([Problem(filename, exc.line, exc.column, exc.message)]) from None
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {type(data).__name__}"
        raise ScenarioError([Problem(filename, 1, 1,
                                     f"the file is {what}; a scenario is a mapping of keys such as "
                                     "'id:', 'title:', 'turns:' and 'actions:'")])
    merged = _merge_core_metrics(data)
    try:
        scenario = Scenario.model_validate(merged)
    except ValidationError as exc:
        from .partial import partial_problems

        problems = _pydantic_problems(exc, filename, positions)
        problems += partial_problems(merged, filename, positions, problems)
        problems.sort(key=lambda p: (p.line, p.column))
        raise ScenarioError(problems) from None
    if len(scenario.metrics) > LIMITS["metrics"]:
        pos = positions.get(("metrics", "<key>"), Pos(1, 1))
        raise ScenarioError([Problem(filename, pos.line, pos.column,
                                     f"{len(scenario.metrics)} metrics (with the built-in ones); "
                                     f"a scenario may have at most {LIMITS['metrics']} metrics")])
    from .checks import check_scenario  # local import: checks needs the model compiler

    problems = check_scenario(scenario, filename, positions)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ScenarioError(problems)
    return LoadedScenario(scenario, filename, None, sha, positions,
                          [p for p in problems if p.severity == "warning"], raw.decode("utf-8-sig"))


def _merge_core_metrics(data: dict) -> dict:
    merged = dict(data)
    user = data.get("metrics")
    if user is None:
        user = {}
    if not isinstance(user, dict):
        return merged  # let validation report the wrong type
    metrics = copy.deepcopy(CORE_METRICS)
    for name, spec in user.items():
        if isinstance(spec, dict) and name in metrics:
            metrics[name].update(spec)
        else:
            metrics[name] = spec
    merged["metrics"] = metrics
    return merged


def _pydantic_problems(exc: ValidationError, filename: str, positions: dict) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        pos = _nearest(positions, loc)
        problems.append(Problem(filename, pos.line, pos.column, _explain(err, loc)))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _nearest(positions: dict, loc: tuple) -> Pos:
    for cut in range(len(loc), -1, -1):
        pos = positions.get(loc[:cut])
        if pos is not None:
            if err_key := positions.get(loc[:cut] + ("<key>",)):
                return err_key if cut == len(loc) else pos
            return pos
    return Pos(1, 1)


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _explain(err: dict, loc: tuple) -> str:
    kind, where = err["type"], _where(loc)
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        from .schema_help import suggest_key

        return f"unknown key '{loc[-1]}' in {_where(loc[:-1])}{suggest_key(loc)}"
    if kind == "missing":
        return f"{where} is required; add '{loc[-1]}:' here"
    if kind == "string_pattern_mismatch":
        from .schema import ID_HELP

        return f"{where}: '{err.get('input')}' is not a valid id; use {ID_HELP}"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        want = "a whole number" if kind.startswith("int") else "a number"
        return f"{where} must be {want}, not {err.get('input')!r}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most",
                 "greater_than": "more than", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "?")
        return f"{where} must be {bound} {limit}, not {err.get('input')!r}"
    if kind == "literal_error":
        given, expected = err.get("input"), str(ctx.get("expected", "?"))
        case = " (write it in lower case)" if isinstance(given, str) and f"'{given.lower()}'" in expected else ""
        return f"{where} must be one of {expected}, not {given!r}{case}"
    if kind in ("too_short", "too_long"):
        return f"{where}: {err['msg'].lower()}"
    if kind in ("dict_type", "model_type"):
        return f"{where} must be a mapping of 'key: value' lines or {{a: 1, b: 2}}, not {_plain_kind(err.get('input'))}"
    if kind == "list_type":
        return f"{where} must be a list of '- ' items, not {_plain_kind(err.get('input'))}"
    if kind == "string_type":
        hint = ""
        if isinstance(err.get("input"), bool):
            hint = " (YAML reads yes, no, on, off, true and false as true/false; put the word in quotes)"
        return f"{where} must be text, not {err.get('input')!r}{hint}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"{where} must be true or false, not {err.get('input')!r}"
    if kind == "value_error":
        return f"{where}: {err['msg'].removeprefix('Value error, ')}"
    if kind == "finite_number":
        return f"{where} must be a finite number (not inf or nan)"
    return f"{where}: {err['msg']}"
