"""JSON Schemas (draft 2020-12) of course.yaml and of a lecture file, for editors: generated from the
pydantic models at run time, so they accept what the loader accepts and cannot drift from it.

The loader reads every YAML scalar as the string written (outline/yaml_source.py) and the models
convert it; an editor's YAML parser gives numbers and booleans instead. So where the loader takes a
scalar as text, the schema accepts a string, a number or a boolean, and a yes/no field accepts the
words the loader reads as yes/no (`yes`, `off`, …) besides true and false. Numbers must be written
as numbers (the loader also takes `"0.5"` in quotes; the schema flags it). Short forms (a bullet as
a string, paragraphs as one string, a table cell left empty) come from each before-validator's
`json_schema_input_type`, declared next to the validator.
"""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from lecturedeck.errors import DeckError
from lecturedeck.kinds import kinds
from lecturedeck.outline.schema import LANGUAGE_TAG, Course, Lecture
from lecturedeck.output.atomic import write_atomically
from lecturedeck.themes import available_themes

DIALECT = "https://json-schema.org/draft/2020-12/schema"
COURSE_SCHEMA = "course.schema.json"
LECTURE_SCHEMA = "lecture.schema.json"
BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n")  # pydantic's, in any case; and 1, 0


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


def kind_summary(name: str) -> str:
    """The first sentence of a kind's module docstring: what the editor shows for `kind: name`."""
    doc = import_module(f"lecturedeck.kinds.{name}").__doc__ or name
    return " ".join(doc.split("\n\n")[0].split())


class OutlineJsonSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema, widened to the values an editor's YAML parser produces for what the loader accepts."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        text = super().str_schema(schema)
        return text if "pattern" in text else {"anyOf": [text, {"type": ["number", "boolean"]}]}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        words = "|".join(map(_any_case, BOOL_WORDS))
        return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "string", "pattern": f"^(?:{words}|1|0)$"}]}

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        """The slide union: pydantic's `oneOf` (each kind has `kind: {const}`), plus the tag as an enum with
        a description per kind, which editors offer when `kind:` is typed."""
        union = super().tagged_union_schema(schema)
        key = schema["discriminator"]
        if isinstance(key, str):
            tags = [str(tag) for tag in schema["choices"]]
            summaries = [kind_summary(tag) if tag in kinds() else "" for tag in tags]
            tag = {"enum": tags, "enumDescriptions": summaries, "description": "The slide kind"}
            union.update(type="object", required=[key], properties={key: tag})
        return union

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        model = super().model_schema(schema)
        spec_kinds = {k.spec: k.name for k in kinds().values()}
        if schema["cls"] in spec_kinds and "description" not in model:
            model["description"] = kind_summary(spec_kinds[schema["cls"]])
        return model


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    body = model.model_json_schema(schema_generator=OutlineJsonSchema, mode="validation")
    return {"$schema": DIALECT, **body, "title": title}


def course_schema() -> dict[str, Any]:
    """The schema of course.yaml; `theme` suggests the built-in themes (a course may have its own), `lang` has the
    loader's language-tag rule."""
    schema = _schema(Course, "lecturedeck course (course.yaml)")
    fields = schema["properties"]
    fields["theme"] = {
        "type": "string",
        "minLength": 1,
        "examples": available_themes(),
        "default": Course.model_fields["theme"].default,
        "description": "The theme: a built-in one, the course's own themes/NAME/theme.yaml by its NAME, or the path "
        "of a theme.yaml inside the course folder (see 'deck themes')",
    }
    fields["lang"] = _language("The course's language as a BCP 47 tag (zh-CN, en, en-US): labels, line breaking, PPTX")
    fields["lang"]["default"] = Course.model_fields["lang"].default
    return schema


def _language(description: str) -> dict[str, Any]:
    """A `lang` field: a language tag as the loader accepts it."""
    return {"type": "string", "pattern": f"^(?:{LANGUAGE_TAG.pattern})$", "description": description}


def lecture_schema() -> dict[str, Any]:
    """The schema of one lecture file."""
    schema = _schema(Lecture, "lecturedeck lecture")
    schema["properties"]["lang"] = _language(
        "This lecture's language as a BCP 47 tag, when it is not the course's: labels, line breaking, PPTX"
    )
    return schema


def write_schemas(folder: Path) -> list[Path]:
    """Write course.schema.json and lecture.schema.json into `folder` (created if missing), each replaced
    atomically; no other file is touched."""
    if folder.exists() and not folder.is_dir():
        raise DeckError(f"{folder} is a file, not a folder: pass the folder for the schema files, e.g. 'deck schema .'")
    written = []
    for name, schema in ((COURSE_SCHEMA, course_schema()), (LECTURE_SCHEMA, lecture_schema())):
        target = folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(target, (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as exc:
            raise DeckError(
                f"cannot write {target} ({exc.strerror or exc}): pass a folder you can write to, e.g. 'deck schema .'"
            ) from None
        written.append(target)
    return written
