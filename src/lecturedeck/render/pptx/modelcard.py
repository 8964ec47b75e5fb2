"""Model cards → grouped native shapes: a card panel, a header band, facts with modality chips, highlights.

The layout mirrors templates/css/model.css.j2 (header band; facts left, highlights right, 5 : 6).
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide

from lecturedeck.inline import text_span
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.labels import label as field_label
from lecturedeck.plan.measure import measurer
from lecturedeck.plan.model import BulletsBlock, ListItem, ModelCardBlock
from lecturedeck.render.pptx.bullets import add_text_blocks
from lecturedeck.render.pptx.shapes import add_lines, add_shape
from lecturedeck.render.pptx.text import RunStyle, Typesetter, setup_frame

RADIUS = 16  # card corner radius (CSS border-radius)
NAME_SCALE = 1.3  # the model's name: 1.3 × sizes.base (CSS .mc-name)
HEAD_PAD_Y, HEAD_PAD_X = 14, 28
BODY_PAD_Y, BODY_PAD_X = 20, 28
COLUMN_GAP = 32
FACT_GAP_X, FACT_GAP_Y = 16, 12
CHIP_PAD_X, CHIP_GAP, CHIP_LINE = 12, 8, 1.5
BAR, BAR_PAD = 4, 24


def add_model_card(slide: Slide, block: ModelCardBlock, box: Box, ts: Typesetter) -> None:
    c, z = ts.theme.colors, ts.theme.sizes
    ms = measurer(ts.theme)
    card = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, box, c.code_background, name="Model card")
    card.adjustments[0] = RADIUS / min(box.w, box.h)
    name_size = round(z.base * NAME_SCALE)
    head_h = name_size * 1.25 + 2 * HEAD_PAD_Y
    head_box = Box(box.x, box.y, box.w, head_h)
    head = add_shape(slide, MSO_SHAPE.ROUND_2_SAME_RECTANGLE, head_box, c.heading, name="Header")
    head.adjustments[0] = RADIUS / min(head_h, box.w)  # top corners follow the card's
    meta = " · ".join(part for part in (block.org, block.year) if part)
    meta_w = ms.text_width(text_span(meta), z.small) + 8 if meta else 0.0
    inner_w = box.w - 2 * HEAD_PAD_X
    name_box = Box(box.x + HEAD_PAD_X, box.y + HEAD_PAD_Y, inner_w - meta_w - 24, name_size * 1.25)
    add_lines(
        slide,
        name_box,
        [(block.name, RunStyle(size=name_size, color=c.background, bold=True))],
        ts,
        "Name",
        PP_ALIGN.LEFT,
    )
    if meta:
        meta_box = Box(box.x + box.w - HEAD_PAD_X - meta_w, box.y + HEAD_PAD_Y, meta_w, name_size * 1.25)
        add_lines(
            slide, meta_box, [(text_span(meta), RunStyle(size=z.small, color=c.background))], ts, "Meta", PP_ALIGN.RIGHT
        )
    body_w = box.w - 2 * BODY_PAD_X - COLUMN_GAP
    left_w, right_w = body_w * 5 / 11, body_w * 6 / 11
    x, y = box.x + BODY_PAD_X, box.y + head_h + BODY_PAD_Y
    facts = [(k, v) for k, v in (("architecture", block.architecture), ("params", text_span(block.params))) if v]
    labels = [text_span(field_label(ts.lang, k)) for k in ("architecture", "params", "modalities")]
    label_w = max(ms.text_width(lab, z.small, bold=True) for lab in labels) + 4
    value_x, value_w = x + label_w + FACT_GAP_X, left_w - label_w - FACT_GAP_X
    line = z.small * ts.theme.spacing.line_height
    muted = RunStyle(size=z.small, color=c.muted, bold=True)
    for key, value in facts:
        h = max(ms.text_height(value, value_w, size=z.small), line)
        add_lines(
            slide, Box(x, y, label_w, line), [(text_span(field_label(ts.lang, key)), muted)], ts, "Label", PP_ALIGN.LEFT
        )
        add_lines(
            slide,
            Box(value_x, y, value_w, h),
            [(value, RunStyle(size=z.small, color=c.text))],
            ts,
            "Value",
            PP_ALIGN.LEFT,
        )
        y += h + FACT_GAP_Y
    if block.modalities:
        label = text_span(field_label(ts.lang, "modalities"))
        add_lines(slide, Box(x, y, label_w, line), [(label, muted)], ts, "Label")
        _chips(slide, block.modalities, Box(value_x, y, value_w, line), ts)
    if block.highlights:
        right_x = x + left_w + COLUMN_GAP
        top = box.y + head_h + BODY_PAD_Y
        height = box.bottom - BODY_PAD_Y - top
        add_shape(slide, MSO_SHAPE.RECTANGLE, Box(right_x, top, BAR, height), c.accent, name="Highlights bar")
        items = BulletsBlock(tuple(ListItem(h) for h in block.highlights))
        add_text_blocks(slide, Box(right_x + BAR + BAR_PAD, top, right_w - BAR - BAR_PAD, height), (items,), ts)


def _chips(slide: Slide, modalities: tuple[str, ...], box: Box, ts: Typesetter) -> None:
    """Pills in the accent colour, wrapping onto new rows within the box's width."""
    c, size = ts.theme.colors, ts.theme.sizes.small
    ms = measurer(ts.theme)
    h = size * CHIP_LINE
    x, y = box.x, box.y + (size * ts.theme.spacing.line_height - h) / 2
    for modality in modalities:
        w = ms.text_width(text_span(modality), size) + 2 * CHIP_PAD_X
        if x > box.x and x + w > box.x + box.w:
            x, y = box.x, y + h + CHIP_GAP
        chip = add_shape(slide, MSO_SHAPE.ROUNDED_RECTANGLE, Box(x, y, w, h), c.accent, name="Chip")
        chip.adjustments[0] = 0.5
        p = setup_frame(chip.text_frame, anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.CENTER).next()
        ts.spacing(p, size, line_height=CHIP_LINE)
        ts.run(p, modality, RunStyle(size=size, color=c.background))
        x += w + CHIP_GAP
