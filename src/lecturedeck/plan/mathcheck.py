"""Plan-time LaTeX check: a formula either outputs can't show is an outline error at its slide."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from lecturedeck.errors import DeckError, Location
from lecturedeck.inline import Span
from lecturedeck.mathtext import math_error
from lecturedeck.plan.model import MathBlock, Slide


def _math_spans(value: object) -> Iterator[str]:
    """The LaTeX of every inline `$…$` span anywhere inside a slide or block."""
    if isinstance(value, Span):
        if value.math:
            yield value.text
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _math_spans(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _math_spans(getattr(value, f.name))


def check_math(slide: Slide, spec: object, locate: Callable[[str], Location]) -> list[DeckError]:
    """Errors for the display formula (located at `formula:`) and inline math (at the slide) of one slide."""
    errors: list[DeckError] = []
    for block in slide.blocks:
        if isinstance(block, MathBlock):
            problem = math_error(block.latex)
            if problem:
                errors.append(DeckError(problem, locate("formula") if hasattr(spec, "formula") else slide.source))
    for latex in dict.fromkeys(_math_spans((slide.title, *(b for b in slide.blocks if not isinstance(b, MathBlock))))):
        problem = math_error(latex)
        if problem:
            errors.append(DeckError(f"inline math ${latex}$: {problem}", slide.source))
    return errors
