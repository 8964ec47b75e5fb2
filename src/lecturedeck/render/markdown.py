"""Laid-out deck → Marp markdown through the Jinja2 templates in templates/marp/.

Each slide is its title, its frames (one `<div class="frame fN">` per block, holding the block's
markdown) and the pieces of its graphics (`<div class="g gN">`), all placed by the slide's scoped
CSS (render/marp_layout.py) at the boxes the layout stage computed: the HTML draws the same geometry
as the PPTX. Nothing is measured here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from lecturedeck.inline import Inline, text_span
from lecturedeck.kinds import KINDS_DIR, kind_of
from lecturedeck.layout.model import CodeGeometry, Frame, Graphic, LaidOutDeck, LaidOutSlide
from lecturedeck.mathtext import height_steps, marp_display
from lecturedeck.paths import TEMPLATES_DIR
from lecturedeck.plan import model as m
from lecturedeck.plan.labels import label
from lecturedeck.plan.metrics import MATH_ROW_EM
from lecturedeck.render.drawings import TEMPLATE_GLOBALS as DRAWING_GLOBALS
from lecturedeck.render.jinja_env import cached_environment
from lecturedeck.render.marp_escape import image_alt, notes_comment, to_markdown, yaml_string
from lecturedeck.render.marp_layout import SlideStyle, frame_rules, graphic_items, palette_rules, title_rules
from lecturedeck.themes import load_theme

AssetUrl = Callable[[Path], str]
SLIDE_TEMPLATES = {m.SlideRole.TITLE: "title", m.SlideRole.SECTION: "section"}


@dataclass(frozen=True)
class Paragraph:
    css_class: str
    spans: Inline
    bullet: bool


@dataclass(frozen=True)
class Piece:
    """One primitive of a graphic: a shape (no paragraphs) or a text box; `role` names what it is
    ("event", "chip", "timeline-axis" …, from the primitive's name) for stylesheets and tests."""

    css_class: str
    role: str
    paragraphs: tuple[Paragraph, ...] | None
    steps: bool = False  # each paragraph is a reveal item (see layout.model.TextBox)
    step: int = 0  # the reveal item it belongs to (a timeline period); 0: none


@dataclass(frozen=True)
class FrameView:
    number: int
    frame: Frame
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class Page:
    """What a slide template needs: the laid-out slide, its scoped CSS and its frames in order."""

    laid: LaidOutSlide
    template: str
    css: str
    frames: tuple[FrameView, ...]
    lines: tuple[Paragraph, ...] = ()

    @property
    def slide(self) -> m.Slide:
        return self.laid.slide

    @property
    def title(self) -> Inline:
        return self.laid.title.paragraphs[0][0]


def _page(laid: LaidOutSlide) -> Page:
    style = SlideStyle()
    template = SLIDE_TEMPLATES.get(laid.slide.role, "content")
    title_rules(laid, style, "h2" if template == "content" else "h1")
    lines: tuple[Paragraph, ...] = ()
    if laid.lines is not None:
        lines = tuple(Paragraph(style.text_class(st), spans, False) for spans, st in laid.lines.paragraphs)
    frames: list[FrameView] = []
    next_piece = 1
    for n, frame in enumerate(laid.frames, start=1):
        if isinstance(frame.detail, Graphic):
            items = graphic_items(frame.detail, next_piece, style)
            next_piece += len(items)
            pieces = tuple(
                Piece(
                    cls,
                    _role(item.name),
                    None if text is None else _paragraphs(text.paragraphs, style),
                    text is not None and text.steps,
                    item.step,
                )
                for (cls, text), item in zip(items, frame.detail.items, strict=True)
            )
            frames.append(FrameView(n, frame, pieces))
        else:
            frame_rules(n, frame, style)
            frames.append(FrameView(n, frame))
    palette_rules(laid, style)
    return Page(laid, template, style.css(), tuple(frames), lines)


def _role(name: str) -> str:
    """A primitive's name as a CSS class: "Period 2 name" → "period-name"."""
    return re.sub(r"[^a-z]+", "-", re.sub(r"\d+", "", name.lower())).strip("-")


def _paragraphs(paragraphs: tuple, style: SlideStyle) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(style.text_class(st), spans, st.bullet is not None) for spans, st in paragraphs)


def _fence(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"^\s*(`{3,})", code, re.MULTILINE)), default=0)
    return "`" * max(3, longest + 1)


def _slide_classes(page: Page) -> str:
    slide = page.slide
    classes = [slide.role.value, f"kind-{slide.kind}", "laid"]
    classes += [f"image-{b.placement}" for b in slide.blocks if isinstance(b, m.ImageBlock)]
    if slide.part > 1:
        classes.append("continued")
    if page.laid.palette is not None and page.laid.palette.inverted:
        classes.append("on-dark")
    return " ".join(classes)


@lru_cache(maxsize=1)
def template_environment() -> jinja2.Environment:
    env = cached_environment(
        jinja2.FileSystemLoader([TEMPLATES_DIR, KINDS_DIR]),  # each kind's slide.md.j2 in its home
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # markdown, not HTML: escaping is done per span by the `md` filters
    )
    env.filters.update(
        md=to_markdown,
        md_cell=lambda spans: to_markdown(spans, in_table=True),
        image_alt=image_alt,
        notes_comment=notes_comment,
        yaml_string=yaml_string,
        code_language=lambda lang: re.sub(r"[^\w+#.-]", "", lang),
        math_display=marp_display,
        md_plain=lambda text: to_markdown(text_span(text)),
    )
    env.globals.update(
        fence=_fence,
        label=label,
        math_height_steps=lambda deck, block: height_steps(block.latex, load_theme(deck.theme).sizes.base, MATH_ROW_EM),
        slide_classes=_slide_classes,
        kind_template=lambda block: kind_of(block).template,
        kind_name=lambda block: kind_of(block).name,
    )
    env.globals.update(DRAWING_GLOBALS)  # diagram and mind-map slides: render/drawings.py
    return env


def render_markdown(laid: LaidOutDeck, asset_url: AssetUrl) -> str:
    """The lecture as one Marp markdown document. `asset_url` maps an image path to its URL."""
    deck = laid.deck
    listings = {id(f.block): f.detail for s in laid.slides for f in s.frames if isinstance(f.detail, CodeGeometry)}
    template = template_environment().get_template("marp/deck.md.j2")
    front_matter = {"title": deck.lecture_title, "author": deck.author, "theme": deck.theme, "lang": deck.lang}
    front_matter["footer"] = to_markdown(text_span(laid.footer_text))
    return template.render(
        deck=deck,
        front_matter={k: v for k, v in front_matter.items() if v},
        pages=[_page(s) for s in laid.slides],
        byline=text_span(deck.byline),
        asset_url=asset_url,
        listing=lambda block: listings[id(block)],
    )
