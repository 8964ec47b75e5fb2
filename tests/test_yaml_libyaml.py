"""libyaml composes outlines faster; what it would read differently from PyYAML goes to PyYAML (yaml_source)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lecturedeck.outline.yaml_source import _fast_compose, _python_compose

ROOT = Path(__file__).resolve().parents[1]
OUTLINES = sorted([*(ROOT / "slides").rglob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")])
# libyaml takes the first three (PyYAML refuses them) and places the empty values of the last two elsewhere
READ_DIFFERENTLY = ["a:\n\tb: 1\n", "objectives: [why?, how]\n", "x: 1\n\ufeffy: 2\n", "a: {b: }\n", "? x\n"]


def _shape(node: yaml.Node | None) -> object:
    """What a node tree holds: kinds, tags, values, plain or not, and where each node starts."""
    if node is None:
        return None
    where = (node.start_mark.line, node.start_mark.column, node.tag)
    if isinstance(node, yaml.ScalarNode):
        return (*where, node.value, node.style or None)
    if isinstance(node, yaml.MappingNode):
        return (*where, [(_shape(key), _shape(value)) for key, value in node.value])
    return (*where, [_shape(item) for item in node.value])


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", OUTLINES, ids=lambda path: str(path.relative_to(ROOT)))
def test_libyaml_reads_every_outline_as_pyyaml_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    fast = _fast_compose(text)
    assert fast is not None or path.is_relative_to(ROOT / "tests"), "the sample courses are read by libyaml"
    if fast is not None:
        assert _shape(fast) == _shape(_python_compose(text))


@pytest.mark.parametrize("text", READ_DIFFERENTLY)
def test_what_libyaml_reads_differently_goes_to_pyyaml(text: str) -> None:
    assert _fast_compose(text) is None
