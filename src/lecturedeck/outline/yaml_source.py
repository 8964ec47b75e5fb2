"""Safe YAML loading that remembers where every key and value came from.

Scalars stay strings exactly as written (no YAML 1.1 surprises: `No` is not False, `1.10` is not
1.1); the schema converts the few numeric and boolean fields. Duplicate keys are errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lecturedeck.errors import DeckError, Location

NULLS = {"", "~", "null", "Null", "NULL"}
MAX_NODES = 200_000  # aliases can expand exponentially ("billion laughs"); outlines are far smaller
KeyPath = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Positions of the values (and of the keys) in one YAML file, by path from the root."""

    path: Path
    values: dict[KeyPath, Location] = field(default_factory=dict)
    keys: dict[KeyPath, Location] = field(default_factory=dict)
    nodes: int = 0

    def locate(self, loc: KeyPath, *, key: bool = False) -> Location:
        """The most precise known location for a path (falls back to the nearest parent)."""
        for end in range(len(loc), -1, -1):
            table = self.keys if key and end == len(loc) else self.values
            if loc[:end] in table:
                return table[loc[:end]]
        return Location(self.path, 1, 1)


@dataclass
class YamlDocument:
    data: Any
    source: SourceMap


def _location(path: Path, node: yaml.Node) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def read_text(path: Path, referenced_from: Location | None = None) -> str:
    """Read a UTF-8 text file, with errors a lecturer can act on."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DeckError(f"file not found: {path}", referenced_from) from None
    except OSError as exc:
        raise DeckError(f"cannot read {path}: {exc.strerror}", referenced_from) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DeckError(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 in your editor",
            Location(path, line, col),
        ) from None


def load_yaml(path: Path, referenced_from: Location | None = None) -> YamlDocument:
    """Parse one YAML file into plain data plus a SourceMap. Raises DeckError on bad YAML."""
    text = read_text(path, referenced_from)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        raise DeckError(f"invalid YAML: {problem} (check indentation, colons and quotes)", where) from None
    source = SourceMap(path)
    if root is None:
        raise DeckError("file is empty", Location(path, 1, 1))
    return YamlDocument(_to_python(root, (), source), source)


def _to_python(node: yaml.Node, at: KeyPath, source: SourceMap) -> Any:
    source.values[at] = _location(source.path, node)
    source.nodes += 1
    if source.nodes > MAX_NODES:
        raise DeckError(f"document expands to more than {MAX_NODES} values (too many YAML aliases?)", source.values[at])
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise DeckError("keys must be plain words", _location(source.path, key_node))
            key = key_node.value
            if key in result:
                raise DeckError(
                    f"duplicate key '{key}' (it appears twice in this mapping)", _location(source.path, key_node)
                )
            path: KeyPath = (*at, key)
            source.keys[path] = _location(source.path, key_node)
            result[key] = _to_python(value_node, path, source)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*at, i), source) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:null" and node.value in NULLS and getattr(node, "style", None) is None:
        return None
    return node.value
