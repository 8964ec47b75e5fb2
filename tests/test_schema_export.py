"""`deck schema`: the JSON Schemas an editor checks outlines with accept every sample outline (short forms
included) and reject what the loader rejects, read the way editors read YAML."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from lecturedeck.cli import app
from lecturedeck.errors import DeckError
from lecturedeck.kinds import NAMES
from lecturedeck.outline.json_schema import COURSE_SCHEMA, LECTURE_SCHEMA
from lecturedeck.outline.loader import load_course
from lecturedeck.themes import available_themes
from tests.conftest import ROOT
from tests.courses import write_course


class Yaml11(yaml.SafeLoader):
    """YAML 1.1 as PyYAML reads it (yes/no are booleans), dates left as text: JSON has no dates."""


Yaml11.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class Yaml12(yaml.SafeLoader):
    """The YAML 1.2 core schema, as VS Code's YAML extension reads files: only true/false are booleans."""


Yaml12.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))

READERS = {"yaml 1.2 (VS Code)": Yaml12, "yaml 1.1 (PyYAML)": Yaml11}
COURSES = sorted(p.parent for base in ("slides", "tests/fixtures") for p in (ROOT / base).rglob("course.yaml"))
Validators = dict[str, Draft202012Validator]


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> Validators:
    """The two files `deck schema` writes, as validators."""
    folder = tmp_path_factory.mktemp("schemas")
    result = CliRunner().invoke(app, ["schema", str(folder)])
    assert result.exit_code == 0, result.output
    found = {}
    for name in (COURSE_SCHEMA, LECTURE_SCHEMA):
        schema = json.loads((folder / name).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        found[name] = Draft202012Validator(schema)
    return found


def schema_errors(validator: Draft202012Validator, text: str, reader: type[yaml.SafeLoader]) -> list[str]:
    return [error.message for error in validator.iter_errors(yaml.load(text, Loader=reader))]


def loader_errors(folder: Path, course: str, lecture: str) -> str:
    """What the loader says about a course of one lecture file ('' when it loads)."""
    write_course(folder, {"01.yaml": lecture}, course=course)
    try:
        load_course(folder)
    except DeckError as exc:
        return str(exc)
    return ""


def test_the_schemas_are_2020_12_with_only_keywords_draft_7_editors_read_alike(schemas: Validators) -> None:
    """VS Code's YAML extension validates with draft 7 rules: keywords that changed meaning since
    (prefixItems, items as a list, $ref with siblings, dependentSchemas …) would be read differently."""
    same_in_draft_7 = {
        "$schema", "$defs", "$ref", "title", "description", "default", "type", "enum", "const", "anyOf", "oneOf",
        "properties", "additionalProperties", "required", "items", "minItems", "maxItems", "minLength", "maxLength",
        "pattern", "minimum", "maximum", "exclusiveMinimum", "discriminator", "enumDescriptions", "examples",
    }  # fmt: skip

    def keywords(node: object) -> set[str]:
        if isinstance(node, list):
            return set().union(*map(keywords, node))
        if not isinstance(node, dict):
            return set()
        assert "$ref" not in node or len(node) == 1, f"$ref with siblings: {node}"
        found = set(node)
        for key, value in node.items():
            if key in ("properties", "$defs"):
                found |= set().union(*map(keywords, value.values()))
            elif key not in ("default", "enum", "const", "enumDescriptions", "discriminator"):
                found |= keywords(value)
        return found

    for validator in schemas.values():
        assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert keywords(validator.schema) <= same_in_draft_7


def test_editors_offer_every_kind_and_theme_with_help(schemas: Validators) -> None:
    lecture = schemas[LECTURE_SCHEMA].schema
    kind = lecture["$defs"]["Section"]["properties"]["slides"]["items"]["properties"]["kind"]
    assert kind["enum"] == list(NAMES)
    assert all(len(text) > 20 for text in kind["enumDescriptions"])
    specs = [d for d in lecture["$defs"].values() if "const" in d.get("properties", {}).get("kind", {})]
    assert sorted(d["properties"]["kind"]["const"] for d in specs) == sorted(NAMES)
    assert all(d.get("description") for d in specs), "each kind's keys come with the kind's explanation"
    course = schemas[COURSE_SCHEMA].schema["properties"]
    assert course["theme"]["examples"] == available_themes() and "enum" not in course["theme"]  # course themes too
    assert "BCP 47" in course["lang"]["description"]


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
@pytest.mark.parametrize("course", COURSES, ids=[str(c.relative_to(ROOT)) for c in COURSES])
def test_every_sample_outline_is_valid_for_the_loader_and_the_schemas(
    course: Path, reader: type[yaml.SafeLoader], schemas: Validators
) -> None:
    loaded = load_course(course)
    text = (course / "course.yaml").read_text(encoding="utf-8")
    assert schema_errors(schemas[COURSE_SCHEMA], text, reader) == []
    for lecture in loaded.lectures:
        problems = schema_errors(schemas[LECTURE_SCHEMA], lecture.path.read_text(encoding="utf-8"), reader)
        assert problems == [], f"{lecture.path}: {problems[:3]}"


COURSE = "title: Course\nlang: en\nlectures: [01.yaml]\n"
SHORT_FORMS = """\
title: 2024
objectives: [Read a table, 42]
sections:
  - title: Short forms
    slides:
      - kind: bullets
        title: A bullet is text, or text with items
        items:
          - plain text
          - 3.5
          - text: nested
            items: [one, 2, true]
      - kind: bullets
        title: Numbered from 4
        numbered: 4
        items: [a, b]
      - kind: text
        title: Paragraphs as one text
        paragraphs: |
          First paragraph.

          Second paragraph.
      - kind: table
        title: Numbers, yes and nothing in cells
        header: [Model, Year, Open]
        rows:
          - [GPT-2, 2019, yes]
          - [BERT, 2018.5, ~]
      - kind: timeline
        title: Years as numbers
        periods:
          - name: Early
            events:
              - {year: 1998, text: LeNet-5}
      - kind: model
        name: GPT-4
        year: 2023
      - kind: code
        title: Highlighted lines
        code: "a = 1\\nb = 2\\nc = 3\\nd = 4\\n"
        line_numbers: on
        highlight: [1, "2-3"]
      - kind: code
        title: One range
        code: "a = 1\\nb = 2\\n"
        highlight: "1-2"
      - kind: columns
        title: Yes and no
        comparison: No
        left: {heading: 1, items: [a]}
        right: {text: b}
"""


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_short_forms_are_valid_for_the_loader_and_the_schemas(
    reader: type[yaml.SafeLoader], schemas: Validators, tmp_path: Path
) -> None:
    assert loader_errors(tmp_path, COURSE, SHORT_FORMS) == ""
    assert schema_errors(schemas[LECTURE_SCHEMA], SHORT_FORMS, reader) == []


def _changed(old: str, new: str) -> str:
    assert old in SHORT_FORMS
    return SHORT_FORMS.replace(old, new, 1)


INVALID_LECTURES = {
    "unknown kind": _changed("kind: bullets", "kind: bulets"),
    "unknown key in a slide": _changed("        title: A bullet is text", "        titel: A bullet is text"),
    "unknown top-level key": _changed("objectives:", "objectivs:"),
    "items is not a list": _changed("items: [a]", "items: {a: b}"),
    "title is a list": _changed("title: 2024", "title: [a, b]"),
    "yes/no that is neither": _changed("comparison: No", "comparison: maybe"),
    "highlight that is not a line": _changed('highlight: "1-2"', "highlight: first"),
    "highlight line 0": _changed('highlight: "1-2"', "highlight: 0"),
    "missing slide title": _changed("        title: Paragraphs as one text\n", ""),
    "missing table header": _changed("        header: [Model, Year, Open]\n", ""),
    "no sections": SHORT_FORMS[: SHORT_FORMS.index("sections:")] + "sections: []\n",
    "empty text": _changed("title: 2024", 'title: ""'),
    "a mapping as a table cell": _changed("[GPT-2, 2019, yes]", "[GPT-2, {year: 2019}, yes]"),
    "an empty year on a timeline": _changed("year: 1998", "year: ~"),
    "numbered that is neither yes/no nor a number": _changed("numbered: 4", "numbered: first"),
    "numbered from 0": _changed("numbered: 4", "numbered: 0.5"),
}


@pytest.mark.parametrize("text", INVALID_LECTURES.values(), ids=INVALID_LECTURES.keys())
def test_invalid_lectures_are_rejected_by_the_loader_and_the_schemas(
    text: str, schemas: Validators, tmp_path: Path
) -> None:
    assert loader_errors(tmp_path, COURSE, text)
    for reader in READERS.values():
        assert schema_errors(schemas[LECTURE_SCHEMA], text, reader), reader.__name__


INVALID_COURSES = {
    "empty theme": "theme: ''\n",  # an unknown name may be a course's own theme: only the loader knows
    "lang that is not a tag": "lang: en_US\n",
    "unknown key": "autor: me\n",
    "lectures not a list": "lectures: 01.yaml\n",
}


@pytest.mark.parametrize("line", INVALID_COURSES.values(), ids=INVALID_COURSES.keys())
def test_invalid_courses_are_rejected_by_the_loader_and_the_schemas(
    line: str, schemas: Validators, tmp_path: Path
) -> None:
    key = line.split(":")[0] + ":"
    text = "".join(row for row in COURSE.splitlines(keepends=True) if not row.startswith(key)) + line
    assert loader_errors(tmp_path, text, SHORT_FORMS)
    for reader in READERS.values():
        assert schema_errors(schemas[COURSE_SCHEMA], text, reader), reader.__name__


# Property: one change to a valid lecture (a value of another type, a key misspelt or dropped, another
# kind) is accepted by the schema exactly when the loader accepts it. The slides avoid what a schema
# cannot know: files on disk (images), a listing's length (highlight), a table's width per row.
BASE = yaml.safe_load(
    """\
title: Lecture
subtitle: Sub
objectives: [One, Two]
sections:
  - title: Section
    notes: Said at the divider
    slides:
      - {kind: bullets, title: B, items: [a, {text: b, items: [c]}], notes: n}
      - {kind: text, title: T, paragraphs: [p, q]}
      - {kind: definition, title: D, term: t, definition: d, items: [x]}
      - {kind: quote, title: Q, quote: q, source: s}
      - {kind: columns, title: C, comparison: true, left: {heading: h, items: [a]}, right: {text: t}}
      - {kind: table, title: Tb, header: [h1, h2], rows: [[a, b], [c, d]]}
      - {kind: code, title: Co, language: python, code: "x = 1", line_numbers: false}
      - {kind: math, title: M, formula: "a^2 + b^2 = c^2", items: [right triangles]}
      - {kind: timeline, title: Tl, periods: [{name: p, span: s, events: [{year: "1998", text: e}]}]}
      - {kind: model, name: GPT, org: OpenAI, year: "2020", modalities: [text], highlights: [h]}
      - {kind: mindmap, title: Mm, root: r, items: [a, {text: b, items: [c]}]}
summary: [S]
"""
)
VALUES = st.sampled_from([3, 0.5, True, None, "", "x", "yes", "bullets", "model", ["a", "b"], {"text": "a"}])


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    return [step for key, value in children for step in ((*at, key), *_paths(value, (*at, key)))]


PATHS = _paths(BASE)


@st.composite
def changed_lectures(draw: st.DrawFn) -> dict[str, Any]:
    lecture = copy.deepcopy(BASE)
    path = draw(st.sampled_from(PATHS))
    parent = lecture
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    change = draw(st.sampled_from(["value", "misspell", "drop"]) if isinstance(last, str) else st.just("value"))
    if change == "value":
        parent[last] = draw(VALUES)
    elif change == "misspell":
        parent[last + draw(st.sampled_from(["s", "_", "x"]))] = parent.pop(last)
    else:
        del parent[last]
    return lecture


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lecture=changed_lectures())
def test_schema_and_loader_agree_on_changed_lectures(
    lecture: dict[str, Any], schemas: Validators, tmp_path: Path
) -> None:
    text = yaml.safe_dump(lecture, allow_unicode=True, sort_keys=False)
    loader = loader_errors(tmp_path, COURSE, text)
    for name, reader in READERS.items():
        schema = schema_errors(schemas[LECTURE_SCHEMA], text, reader)
        assert bool(schema) == bool(loader), f"{name}\n{text}\nloader: {loader or 'ok'}\nschema: {schema or 'ok'}"
