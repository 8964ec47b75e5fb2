"""Deck → Marp markdown through the Jinja2 templates in templates/marp/."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jinja2

from lecturedeck.diagrams.render import TEMPLATE_GLOBALS as DIAGRAM_GLOBALS  # diagram/mindmap slides
from lecturedeck.inline import text_span
from lecturedeck.mathtext import marp_display
from lecturedeck.mathtext import rows as math_rows
from lecturedeck.paths import TEMPLATES_DIR
from lecturedeck.plan import model as m
from lecturedeck.plan.geometry import body_box
from lecturedeck.plan.labels import label
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.metrics import MATH_ROW_EM
from lecturedeck.render.code_tokens import code_lines, hljs_class
from lecturedeck.render.marp_escape import image_alt, notes_comment, to_markdown, yaml_string
from lecturedeck.themes import load_theme

AssetUrl = Callable[[Path], str]
BLOCK_TEMPLATES = {
    m.BulletsBlock: "bullets",
    m.ParagraphsBlock: "paragraphs",
    m.DefinitionBlock: "definition",
    m.QuoteBlock: "quote",
    m.ColumnsBlock: "columns",
    m.TableBlock: "table",
    m.ImageBlock: "image",
    m.CodeBlock: "code",
    m.MathBlock: "math",
    m.DiagramBlock: "diagram",
    m.MindmapBlock: "mindmap",
    m.TimelineBlock: "timeline",
    m.ModelCardBlock: "model",
}
SLIDE_TEMPLATES = {m.SlideRole.TITLE: "title", m.SlideRole.SECTION: "section"}


def _fence(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"^\s*(`{3,})", code, re.MULTILINE)), default=0)
    return "`" * max(3, longest + 1)


def _slide_classes(slide: m.Slide) -> str:
    classes = [slide.role.value, f"kind-{slide.kind}"]
    classes += [f"image-{b.placement}" for b in slide.blocks if isinstance(b, m.ImageBlock)]
    if slide.part > 1:
        classes.append("continued")
    return " ".join(classes)


@lru_cache(maxsize=1)
def template_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
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
        math_rows=lambda latex: len(math_rows(latex)),
        math_row_em=MATH_ROW_EM,
        code_lines=code_lines,
        hljs_class=hljs_class,
        slide_classes=_slide_classes,
        block_kind=lambda block: BLOCK_TEMPLATES[type(block)],
        slide_template=lambda slide: SLIDE_TEMPLATES.get(slide.role, "content"),
    )
    env.globals.update(DIAGRAM_GLOBALS)  # diagram and mind-map slides: lecturedeck.diagrams.render
    return env


def render_markdown(deck: m.Deck, asset_url: AssetUrl) -> str:
    """The lecture as one Marp markdown document. `asset_url` maps an image path to its URL."""
    theme = load_theme(deck.theme)
    width = body_box(theme).w
    template = template_environment().get_template("marp/deck.md.j2")
    return template.render(
        deck=deck,
        footer=to_markdown(text_span(deck.footer)),
        byline=text_span(deck.byline),
        asset_url=asset_url,
        image_width=lambda block: round(width * block.width),
        code_size=lambda block: measurer(theme).code_font_size(block, width),
    )
