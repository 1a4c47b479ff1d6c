"""Safe YAML reading that remembers where every value was written.

We compose the YAML node graph ourselves instead of calling yaml.load, so that
(1) no tag can construct a Python object, (2) anchor/alias bombs and deep
nesting are stopped by counting nodes, and (3) each value keeps its line and
column for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000  # values after aliases are expanded
MAX_WRITTEN = 50_000  # values written in the file (a large real scenario has about 15,000)
MAX_DEPTH = 32

Path = tuple  # of str | int

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based
    quoted: bool = False  # the scalar was written in quotes (expression columns shift by one)
    block: bool = False  # a '|' or '>' block: expression columns are not on the key's line


class YamlProblem(ValueError):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _pos(node) -> Pos:
    mark = node.start_mark
    style = getattr(node, "style", None)
    return Pos(mark.line + 1, mark.column + 1, style in ("'", '"'), style in ("|", ">"))


class _Builder:
    def __init__(self):
        self.positions: dict[Path, Pos] = {}
        self.count = 0
        self.scalar = yaml.SafeLoader("")  # only its scalar resolvers/constructors are used

    def build(self, node, path: Path, depth: int):
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(f"the file has more than {MAX_NODES} values (are aliases repeating a block?)",
                              node.start_mark.line + 1, node.start_mark.column + 1)
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels is not allowed",
                              node.start_mark.line + 1, node.start_mark.column + 1)
        self.positions[path] = _pos(node)
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(f"the tag {node.tag!r} is not allowed; write plain values without '!' tags",
                              node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem("merge keys ('<<') are not allowed; write the values out",
                                      key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                key = self.build(key_node, path + ("<key>",), depth + 1)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise YamlProblem("a key must be a plain word", key_node.start_mark.line + 1,
                                      key_node.start_mark.column + 1)
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    raise YamlProblem(f"the key '{key}' appears twice here; keep one",
                                      key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, path + (key,), depth + 1)
                self.positions.setdefault(path + (key, "<key>"), _pos(key_node))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        return self.scalar.construct_object(node, deep=False)


class _BoundedLoader(yaml.SafeLoader):
    """Stops while composing, not after: a huge or deeply nested file is refused before
    PyYAML has built (or recursed through) all of it."""

    def __init__(self, text: str):
        super().__init__(text)
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent, index):
        mark = self.peek_event().start_mark
        self._nodes += 1
        if self._nodes > MAX_WRITTEN:
            raise YamlProblem(f"the file has more than {MAX_WRITTEN} values; a scenario needs far fewer",
                              mark.line + 1, mark.column + 1)
        if self._depth > MAX_DEPTH:
            raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels is not allowed", mark.line + 1, mark.column + 1)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def read_yaml(text: str) -> tuple[object, dict[Path, Pos]]:
    """Parse YAML text into plain data and a map from value path to position."""
    try:
        loader = _BoundedLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "the YAML is not well formed"
        if "'\\t'" in what:
            hint = "indent with spaces, never tabs"
        elif "mapping values are not allowed" in what:
            hint = "a value containing ': ' must be put in quotes, e.g. when: \"turn >= 3\""
        else:
            hint = "check indentation, colons and quotes"
        raise YamlProblem(f"YAML syntax: {what} ({hint})", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML syntax: {exc}") from None
    if node is None:
        return None, {}
    builder = _Builder()
    try:
        data = builder.build(node, (), 0)
    except (ValueError, TypeError, OverflowError) as exc:
        if isinstance(exc, YamlProblem):
            raise
        raise YamlProblem(f"a value could not be read: {exc}") from None
    return data, builder.positions


def decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(f"the file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", "replace")) + 1
        raise YamlProblem(f"the file is not UTF-8 text (bad byte at offset {exc.start}); "
                          "save it as UTF-8", line, column) from None
    if "\x00" in text:
        raise YamlProblem("the file contains NUL bytes; it is not a text file")
    return text
