"""The visible text pieces of a planned (fitted) deck, for checking that outputs lose nothing.

The fit step's own tests prove that splitting keeps every outline character in order; these pieces
are what each slide must then show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from lecturedeck.inline import Span, plain_text
from lecturedeck.plan.model import CodeBlock, Deck, DiagramBlock, MathBlock, MindmapBlock


def _inlines(value: object) -> Iterator[tuple[Span, ...]]:
    if isinstance(value, tuple) and value and all(isinstance(v, Span) for v in value):
        yield value
    elif isinstance(value, CodeBlock | MathBlock | DiagramBlock | MindmapBlock):
        return  # drawn as code, formulas or pictures: checked by their own tests
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name not in ("notes", "title"):
                yield from _inlines(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _inlines(item)


def body_texts(deck: Deck) -> list[str]:
    """Plain text of every body text piece (titles and notes excluded; pieces with math skipped)."""
    return [
        plain_text(spans)
        for slide in deck.slides
        for spans in _inlines(slide.blocks)
        if plain_text(spans).strip() and not any(s.math for s in spans)
    ]
