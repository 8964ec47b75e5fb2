"""The outline format: what a lecturer writes in course.yaml and one YAML file per lecture.

Text fields take inline markdown only (bold, italic, code, links, $math$); block structure comes
from the YAML. Every slide may carry `notes:` (speaker notes).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

MAX_BULLET_DEPTH = 3
MAX_MINDMAP_DEPTH = 4
MAX_TERM_LENGTH = 120  # a term is a heading, not a paragraph: longer text belongs in `definition`


class Strict(BaseModel):
    """Unknown keys are errors (with a did-you-mean), so typos never vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Text = Annotated[str, Field(min_length=1)]
OptionalText = str


def _item_from_text(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Item(Strict):
    """A bullet: plain text, or `{text, items}` with nested bullets."""

    text: Text
    items: list[BulletItem] = []


BulletItem = Annotated[Item, BeforeValidator(_item_from_text)]


class SlideBase(Strict):
    title: Text
    notes: OptionalText = ""


def _depth(items: list[Item]) -> int:
    return 1 + max((_depth(i.items) for i in items if i.items), default=0)


class BulletsSlide(SlideBase):
    kind: Literal["bullets"]
    items: list[BulletItem] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _max_depth(cls, items: list[Item]) -> list[Item]:
        if _depth(items) > MAX_BULLET_DEPTH:
            raise ValueError(f"bullets nest at most {MAX_BULLET_DEPTH} levels deep; move deeper points into notes")
        return items


def _paragraphs_from_text(value: object) -> object:
    if isinstance(value, str):
        return [p for p in (part.strip() for part in value.split("\n\n")) if p]
    return value


class TextSlide(SlideBase):
    kind: Literal["text"]
    paragraphs: Annotated[list[Text], BeforeValidator(_paragraphs_from_text), Field(min_length=1)]


class DefinitionSlide(SlideBase):
    kind: Literal["definition"]
    term: Annotated[str, Field(min_length=1, max_length=MAX_TERM_LENGTH)]
    definition: Text
    items: list[BulletItem] = []


class QuoteSlide(SlideBase):
    kind: Literal["quote"]
    quote: Text
    source: OptionalText = ""


class ColumnSpec(Strict):
    heading: OptionalText = ""
    items: list[BulletItem] = []
    text: OptionalText = ""


class ColumnsSlide(SlideBase):
    kind: Literal["columns"]
    left: ColumnSpec
    right: ColumnSpec
    comparison: bool = False


class TableSlide(SlideBase):
    kind: Literal["table"]
    header: list[Annotated[str, BeforeValidator(str)]] = Field(min_length=1)
    rows: list[list[Annotated[str, BeforeValidator(str)]]] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _same_width(cls, rows: list[list[str]], info: ValidationInfo) -> list[list[str]]:
        width = len(info.data.get("header", []))
        for number, row in enumerate(rows, start=1):
            if width and len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells but the header has {width}")
        return rows


class ImageSlide(SlideBase):
    kind: Literal["image"]
    src: Text
    alt: Text
    placement: Literal["full", "left", "right", "background"] = "full"
    width: float = Field(default=1.0, gt=0, le=1)
    caption: OptionalText = ""
    credit: OptionalText = ""
    overlay: Literal["auto", "dark", "light", "none"] = "auto"  # background images: how text stays readable
    items: list[BulletItem] = []


class CodeSlide(SlideBase):
    kind: Literal["code"]
    language: str = "text"
    code: Text
    line_numbers: bool = False
    highlight: list[Annotated[int, Field(ge=1)]] = []


class MathSlide(SlideBase):
    """A display formula (LaTeX) with optional explanations below it."""

    kind: Literal["math"]
    formula: Text
    items: list[BulletItem] = []


class DiagramSlide(SlideBase):
    """A mermaid flowchart (`graph LR` / `graph TD`), drawn without a browser."""

    kind: Literal["diagram"]
    mermaid: Text
    caption: OptionalText = ""


class MindmapSlide(SlideBase):
    """A tree: the root topic and nested branches (like a markmap outline)."""

    kind: Literal["mindmap"]
    root: Text
    items: list[BulletItem] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _max_depth(cls, items: list[Item]) -> list[Item]:
        if _depth(items) > MAX_MINDMAP_DEPTH:
            raise ValueError(f"mind map branches nest at most {MAX_MINDMAP_DEPTH} levels below the root")
        return items


class TimelineEvent(Strict):
    year: Annotated[str, BeforeValidator(str), Field(min_length=1)]
    text: Text


class TimelinePeriod(Strict):
    name: Text
    span: OptionalText = ""
    summary: OptionalText = ""
    events: list[TimelineEvent] = []


class TimelineSlide(SlideBase):
    kind: Literal["timeline"]
    periods: list[TimelinePeriod] = Field(min_length=1)


class ModelSlide(Strict):
    """A model card; the slide title defaults to the model's name."""

    kind: Literal["model"]
    title: OptionalText = ""
    notes: OptionalText = ""
    name: Text
    org: OptionalText = ""
    year: Annotated[str, BeforeValidator(str)] = ""
    architecture: OptionalText = ""
    params: OptionalText = ""
    modalities: list[Text] = []
    highlights: list[Text] = []


SlideSpec = Annotated[
    BulletsSlide
    | TextSlide
    | DefinitionSlide
    | QuoteSlide
    | ColumnsSlide
    | TableSlide
    | ImageSlide
    | CodeSlide
    | MathSlide
    | DiagramSlide
    | MindmapSlide
    | TimelineSlide
    | ModelSlide,
    Field(discriminator="kind"),
]
SLIDE_KINDS = (
    "bullets", "text", "definition", "quote", "columns", "table", "image", "code",
    "math", "diagram", "mindmap", "timeline", "model",
)  # fmt: skip


class Section(Strict):
    title: Text
    slides: list[SlideSpec] = Field(min_length=1)


class Lecture(Strict):
    """One lecture file: its sections become section dividers, the objectives an agenda."""

    title: Text
    subtitle: OptionalText = ""
    objectives: list[Text] = []
    sections: list[Section] = Field(min_length=1)
    summary: list[Text] = []
    notes: OptionalText = ""


class Course(Strict):
    """course.yaml: metadata shared by every lecture, and the lecture files in order."""

    title: Text
    subtitle: OptionalText = ""
    author: OptionalText = ""
    date: OptionalText = ""
    lang: str = "zh-CN"
    theme: str = "lecture"
    lectures: list[Text] = Field(min_length=1)
