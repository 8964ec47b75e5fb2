"""Safe YAML loading that remembers where every key and value came from.

Scalars stay strings exactly as written (no YAML 1.1 surprises: `No` is not False, `1.10` is not
1.1); the schema converts the few numeric and boolean fields. Duplicate keys are errors. The file's
size, its characters and its nesting are checked before any work depends on them (outline.limits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lecturedeck.errors import DeckError, Location, combined
from lecturedeck.outline.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES

NULLS = {"", "~", "null", "Null", "NULL"}
# Where libyaml and PyYAML read a document differently (libyaml allows tabs where PyYAML refuses them, and
# places values differently around these line breaks, BOMs and explicit `? key`s): such files are read by
# PyYAML alone.
LIBYAML_DIFFERS = re.compile("[\t\x85\u2028\u2029\ufeff]|^[ -]*\\?(?:\\s|$)", re.MULTILINE)
KeyPath = tuple[str | int, ...]
UNREADABLE = yaml.reader.Reader.NON_PRINTABLE  # what the YAML reader refuses in a file
REPORTED = 10  # at most this many refused characters are listed per file
TOO_DEEP = f"nested more than {MAX_DEPTH} levels; outlines need at most 14 (check the brackets and indentation)"
TOO_MANY = f"the file holds more than {MAX_NODES:,} values (a long lecture has about 500): split it into several files"


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
    """Read a UTF-8 text file of at most MAX_FILE_BYTES, with errors a lecturer can act on."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DeckError(f"file not found: {path}", referenced_from) from None
    except OSError as exc:
        raise DeckError(f"cannot read {path}: {exc.strerror}", referenced_from) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DeckError(
            f"file is larger than {MAX_FILE_BYTES / 1e6:g} MB, the most one outline file may hold (a long "
            "lecture is about 50 KB): split it into two lecture files",
            Location(path, 1, 1),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DeckError(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 in your editor",
            Location(path, line, col),
        ) from None


def _position(path: Path, text: str, at: int) -> Location:
    line_start = text.rfind("\n", 0, at) + 1
    return Location(path, text.count("\n", 0, at) + 1, at - line_start + 1)


def _refused_characters(path: Path, text: str) -> None:
    """Characters the YAML reader refuses (control characters, U+FFFE/U+FFFF), each at its line and column."""
    errors = []
    for found in UNREADABLE.finditer(text):
        ch = found.group()
        what = "the non-character" if ord(ch) >= 0xFFFE else "the control character"
        errors.append(
            DeckError(
                f"the file contains {what} U+{ord(ch):04X}, which YAML does not allow: remove it (often pasted "
                "from a PDF or a terminal)",
                _position(path, text, found.start()),
            )
        )
        if len(errors) == REPORTED:
            break
    if errors:
        raise combined(errors)


class OverLimit(yaml.YAMLError):
    """YAML nested deeper than MAX_DEPTH, or with more than MAX_NODES values: `message`, at `mark`."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, stopping at MAX_DEPTH levels (before its recursive composer goes deeper) and at
    MAX_NODES values."""

    depth = nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        self.nodes += 1
        if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise OverLimit(TOO_DEEP if self.depth > MAX_DEPTH else TOO_MANY, self.peek_event().start_mark)
        node = super().compose_node(parent, index)
        self.depth -= 1
        return node


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document, safely: yaml.YAMLError (OverLimit beyond the limits) if it is not one.

    libyaml's C parser composes a document that is within the limits ≈ 20× faster than PyYAML's Python one
    (0.3 s of a 7-lecture build); anything it refuses, or beyond the limits, goes to the Python loader, so
    every error and its position read the same either way (as does an empty document)."""
    fast = _fast_compose(text)
    return fast if fast is not None else _python_compose(text)


def _fast_compose(text: str) -> yaml.Node | None:
    """The document composed by libyaml when it is installed and the document is within the limits (counted on
    its events, which libyaml parses without recursing), else None (also for an empty document)."""
    if not yaml.__with_libyaml__ or LIBYAML_DIFFERS.search(text):
        return None
    try:
        flows: list[bool] = []  # the open collections: flow style or not
        nodes = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES or len(flows) + 1 > MAX_DEPTH:
                    return None
            if isinstance(event, yaml.CollectionStartEvent):
                flows.append(bool(event.flow_style))
            elif isinstance(event, yaml.CollectionEndEvent):
                flows.pop()
            elif isinstance(event, yaml.ScalarEvent) and _read_differently(event, flows):
                return None
        loader = yaml.CSafeLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError, OverflowError):
        return None


def _read_differently(scalar: yaml.ScalarEvent, flows: list[bool]) -> bool:
    """A plain scalar in a flow collection that libyaml reads otherwise: `[a?b]` (libyaml takes it, PyYAML
    refuses it) or an empty one, `{a: }` (placed one column further)."""
    return not scalar.style and bool(flows) and flows[-1] and ("?" in scalar.value or not scalar.value)


def _python_compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except (ValueError, OverflowError):  # PyYAML's scanner on `\U00110000` or `\UFFFFFFFF`
        raise yaml.scanner.ScannerError(
            problem="an escape names a character beyond U+10FFFF, the last one in Unicode",
            problem_mark=loader.get_mark(),
        ) from None
    finally:
        loader.dispose()


def _compose(path: Path, text: str) -> yaml.Node | None:
    try:
        return compose(text)
    except OverLimit as exc:
        raise DeckError(exc.message, Location(path, exc.mark.line + 1, exc.mark.column + 1)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "check indentation, colons and quotes"
        if "escape" in problem:
            hint = "a backslash in double quotes starts an escape: write LaTeX and Windows paths in single quotes"
        raise DeckError(f"invalid YAML: {problem} ({hint})", where) from None
    except yaml.YAMLError as exc:
        raise DeckError(f"invalid YAML: {exc}", Location(path, 1, 1)) from None


def load_yaml(path: Path, referenced_from: Location | None = None) -> YamlDocument:
    """Parse one YAML file into plain data plus a SourceMap. Raises DeckError on bad YAML."""
    text = read_text(path, referenced_from)
    _refused_characters(path, text)
    root = _compose(path, text)
    source = SourceMap(path)
    if root is None:
        raise DeckError("file is empty", Location(path, 1, 1))
    return YamlDocument(_to_python(root, (), source), source)


def _to_python(node: yaml.Node, at: KeyPath, source: SourceMap) -> Any:
    source.values[at] = _location(source.path, node)
    source.nodes += 1
    if source.nodes > MAX_NODES:  # aliases (*name) repeat values
        raise DeckError(f"{TOO_MANY}, or use fewer aliases (*name)", source.values[at])
    if len(at) > MAX_DEPTH:  # an alias can nest a value inside itself
        raise DeckError(TOO_DEEP, source.values[at])
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
    # a plain scalar has no style: None from PyYAML, "" from libyaml
    if node.tag == "tag:yaml.org,2002:null" and node.value in NULLS and not getattr(node, "style", None):
        return None
    return node.value
