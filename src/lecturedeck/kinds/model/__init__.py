"""Model card: a model's name, organisation and year in a header band, facts (architecture,
parameters, modality chips) on the left and highlights on the right; the slide title defaults to
the name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lecturedeck.inline import parse_inline
from lecturedeck.kinds import Kind, whole_body
from lecturedeck.kinds.model.layout import layout_model_card
from lecturedeck.outline.fields import Label, Notes, OptionalText, Revealable, Text
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.model import Block, ModelCardBlock

if TYPE_CHECKING:
    from lecturedeck.layout.model import Detail
    from lecturedeck.plan.measure import Measurer


class ModelSlide(Revealable):
    """A model card; the slide title defaults to the model's name."""

    kind: Literal["model"]
    title: OptionalText = ""
    notes: Notes = ""
    name: Text
    org: OptionalText = ""
    year: Label = ""
    architecture: OptionalText = ""
    params: OptionalText = ""
    modalities: list[Text] = []
    highlights: list[Text] = []


def plan(spec: ModelSlide, folder: Path) -> tuple[Block, ...]:
    card = ModelCardBlock(
        parse_inline(spec.name),
        spec.org,
        spec.year,
        parse_inline(spec.architecture),
        spec.params,
        tuple(spec.modalities),
        tuple(parse_inline(h) for h in spec.highlights),
    )
    return (card,)


def layout(block: ModelCardBlock, box: Box, region: Box, ms: Measurer, lang: str) -> Detail:
    return layout_model_card(block, box, ms, lang)


KIND = Kind(
    name="model",
    spec=ModelSlide,
    block=ModelCardBlock,
    plan=plan,
    height=whole_body,
    split=None,
    layout=layout,
    pptx="lecturedeck.render.pptx.graphic:add_graphic",
    fills_box=True,
)
