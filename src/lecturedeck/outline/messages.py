"""Schema errors (pydantic) → one located, actionable message per problem."""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from lecturedeck.errors import DeckError, combined
from lecturedeck.outline.schema import SLIDE_KINDS
from lecturedeck.outline.yaml_source import KeyPath, SourceMap

TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "literal_error": "one of the listed values",
}
Candidates = dict[Any, type[BaseModel]]  # union tag (or None) → model


def _models_in(annotation: Any) -> Candidates:
    """The models an annotation can hold, keyed by their `kind` tag for discriminated unions."""
    origin = get_origin(annotation)
    if origin in (Annotated, list):
        return _models_in(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        found: Candidates = {}
        for arg in get_args(annotation):
            for model in _models_in(arg).values():
                tag = model.model_fields.get("kind")
                found[get_args(tag.annotation)[0] if tag else None] = model
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {None: annotation}
    return {}


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow a pydantic error location (with its union tags) to the model it points into."""
    candidates: Candidates = {None: root}
    for step in loc:
        if isinstance(step, int):
            continue
        if step in candidates:
            candidates = {None: candidates[step]}
            continue
        model = candidates.get(None)
        if model is None or step not in model.model_fields:
            return None
        candidates = _models_in(model.model_fields[step].annotation)
    return candidates.get(None)


def _has_step(data: Any, step: Any) -> bool:
    if isinstance(data, dict):
        return step in data
    return isinstance(data, list) and isinstance(step, int) and step < len(data)


def _data_path(loc: tuple[Any, ...], data: Any) -> KeyPath:
    """Drop pydantic's union-tag steps from an error location, keeping real keys and indices."""
    path: list[str | int] = []
    for i, step in enumerate(loc):
        if isinstance(data, dict) and step == data.get("kind") and i and isinstance(loc[i - 1], int):
            continue  # the union tag pydantic puts after a slide's index (a code slide also has a `code` key)
        data = data[step] if _has_step(data, step) else None
        path.append(step)
    return tuple(path)


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...], what: str) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"{what}: {', '.join(choices)}"


def describe(error: ErrorDetails, model: type[BaseModel], data: Any) -> tuple[KeyPath, bool, str]:
    """(data path, whether it points at the key rather than the value, message) for one error."""
    loc = error["loc"]
    path = _data_path(loc, data)
    kind = error["type"]
    name = next((step for step in reversed(path) if isinstance(step, str)), "value")  # a list entry: its list
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = [f for f in (parent.model_fields if parent else {}) if f != "kind"]
        return path, True, f"unknown key '{name}': {_did_you_mean(name, allowed, 'allowed keys')}"
    if kind == "missing":
        return path[:-1], False, f"missing required key '{name}'"
    if kind == "union_tag_invalid":
        tag = str(error["ctx"]["tag"])
        hint = _did_you_mean(tag, SLIDE_KINDS, "known kinds")
        return (*path, "kind"), False, f"unknown slide kind '{tag}': {hint}"
    if kind == "union_tag_not_found":
        return path, False, f"slide needs 'kind:', one of: {', '.join(SLIDE_KINDS)}"
    if kind == "literal_error":
        return path, False, f"'{name}' must be one of {error['ctx']['expected']}"
    if kind in TYPE_WORDS:
        return path, False, f"'{name}' must be {TYPE_WORDS[kind]}"
    if kind in ("too_short", "string_too_short"):
        return path, False, f"'{name}' must not be empty"
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return path, False, f"'{name}' is too long (at most {limit} characters); move the rest into another field"
    message = error["msg"].removeprefix("Value error, ")
    return path, False, f"'{name}': {message}"


def _explained_by_typo(error: ErrorDetails, data: Any, misspelt: set[tuple[KeyPath, str]]) -> bool:
    parent, name = _data_path(error["loc"][:-1], data), str(error["loc"][-1])
    return any(p == parent and difflib.get_close_matches(typo, [name], cutoff=0.6) for p, typo in misspelt)


def _value_at(data: Any, path: KeyPath) -> Any:
    for step in path:
        data = data[step] if _has_step(data, step) else None
    return data


def _colon_mistakes(raw: list[ErrorDetails], model: type[BaseModel], data: Any) -> dict[tuple[KeyPath, str], str]:
    """Text that YAML read as a one-entry mapping because it holds ': ' (`- Risks: bias and privacy`):
    an unknown key, alone in its mapping, with a plain value, where a required key is missing.
    (data path of the mapping, its key) → the message that shows the quoted form."""
    missing = {_data_path(e["loc"], data)[:-1] for e in raw if e["type"] == "missing"}
    found: dict[tuple[KeyPath, str], str] = {}
    for error in raw:
        if error["type"] != "extra_forbidden":
            continue
        parent = _data_path(error["loc"][:-1], data)
        mapping, allowed = _value_at(data, parent), _model_at(model, error["loc"][:-1])
        if parent not in missing or not isinstance(mapping, dict) or len(mapping) != 1:
            continue
        key, value = next(iter(mapping.items()))
        if isinstance(value, dict | list) or difflib.get_close_matches(
            str(key), list(allowed.model_fields if allowed else [])
        ):
            continue
        text = f"{key}: {value}" if value is not None else f"{key}:"
        quoted = "'" + text.replace("'", "''") + "'"
        found[parent, str(key)] = (
            f"YAML read '{text}' as a key and a value, because a colon followed by a space (or ending the line) "
            f"starts a mapping; put the whole text in quotes: {quoted}"
        )
    return found


def schema_errors(raw: list[ErrorDetails], model: type[BaseModel], data: Any, source: SourceMap) -> DeckError:
    """All problems of one file (pydantic's `ValidationError.errors()`, or some of them) as a DeckError (one
    located line each, in file order)."""
    misspelt = {(_data_path(e["loc"][:-1], data), str(e["loc"][-1])) for e in raw if e["type"] == "extra_forbidden"}
    colons = _colon_mistakes(raw, model, data)
    errors = [DeckError(message, source.locate((*path, key), key=True)) for (path, key), message in colons.items()]
    for error in raw:
        if error["type"] == "missing" and _explained_by_typo(error, data, misspelt):
            continue  # "unknown key 'itmes': did you mean 'items'?" already says it
        path, is_key, message = describe(error, model, data)
        if any(path[: len(mapping)] == mapping for mapping, _ in colons):
            continue  # said once, as a colon mistake
        errors.append(DeckError(message, source.locate(path, key=is_key)))
    return combined(errors)
