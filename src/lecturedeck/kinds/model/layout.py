"""Model cards → shapes and text boxes: a card panel, a header band (name; organisation · year), facts with
modality chips on the left and highlights on the right (5 : 6). Highlights step their size down from
sizes.base (never below sizes.min) until they fit the card. Words too long for their line (in the name,
the values, the highlights) get break opportunities (hyphens) as body text does; a card whose parts still do
not fit (organisation and year wider than half the card, a modality wider than its column, facts or
highlights taller than the card) raises `DoesNotFit` saying which."""

from __future__ import annotations

from lecturedeck.errors import excerpt
from lecturedeck.inline import Inline, text_span
from lecturedeck.layout.model import DoesNotFit, Graphic, Primitive, ShapeBox, TextBox, TextStyle
from lecturedeck.layout.text import height
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.labels import label as field_label
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import ModelCardBlock

RADIUS = 16  # card corner radius
NAME_SCALE = 1.3  # the model's name: 1.3 × sizes.base
NAME_LINE = 1.25
HEAD_PAD_Y, HEAD_PAD_X = 14, 28
META_GAP = 24  # between the name and organisation · year
BODY_PAD_Y, BODY_PAD_X = 20, 28
COLUMN_GAP = 32
FACT_GAP_X, FACT_GAP_Y = 16, 12
FACT_LINE = 1.35
CHIP_PAD_X, CHIP_GAP, CHIP_LINE = 12, 8, 1.5
BAR, BAR_PAD = 4, 24
EPSILON_PX = 0.5
NOTES_HINT = "(details can go into the speaker notes)"


def layout_model_card(block: ModelCardBlock, box: Box, ms: Measurer, lang: str) -> Graphic:
    """The card filling `box`."""
    theme = ms.theme
    c, z = theme.colors, theme.sizes
    items: list[Primitive] = [ShapeBox(box, "rounded", c.code_background, "Model card", radius=RADIUS)]
    name_size = round(z.base * NAME_SCALE)
    meta = " · ".join(part for part in (block.org, block.year) if part)
    meta_w = ms.text_width(text_span(meta), z.small) + 8 if meta else 0.0
    inner_w = box.w - 2 * HEAD_PAD_X
    if meta_w > inner_w / 2:
        raise DoesNotFit(
            f"the model card's organisation and year ('{excerpt(meta)}') take more than half its width: shorten them"
        )
    name_w = inner_w - meta_w - (META_GAP if meta else 0.0)
    name = ms.fit_words(block.name, name_size, name_w, True, lang)
    name_h = max(height(ms, name, name_size, name_w, NAME_LINE, bold=True), name_size * NAME_LINE)
    head = Box(box.x, box.y, box.w, name_h + 2 * HEAD_PAD_Y)
    items.append(ShapeBox(head, "round-top", c.heading, "Header", radius=RADIUS))
    name_style = TextStyle(name_size, c.background, bold=True, line_height=NAME_LINE)
    items.append(TextBox(Box(box.x + HEAD_PAD_X, box.y + HEAD_PAD_Y, name_w, name_h), ((name, name_style),), "Name"))
    if meta:
        meta_box = Box(box.x + box.w - HEAD_PAD_X - meta_w, box.y + HEAD_PAD_Y, meta_w, name_size * NAME_LINE)
        meta_style = TextStyle(z.small, c.background, align="right", line_height=NAME_LINE)
        items.append(TextBox(meta_box, ((text_span(meta), meta_style),), "Meta", anchor="middle"))
    body_w = box.w - 2 * BODY_PAD_X - COLUMN_GAP
    left_w, right_w = body_w * 5 / 11, body_w * 6 / 11
    top = head.bottom + BODY_PAD_Y
    room = box.bottom - BODY_PAD_Y - top
    if room < z.small * FACT_LINE:
        raise DoesNotFit("the model card's name is too long to leave room for its facts: shorten it")
    items += _facts(block, Box(box.x + BODY_PAD_X, top, left_w, room), ms, lang)
    if block.highlights:
        right = Box(box.x + BODY_PAD_X + left_w + COLUMN_GAP, top, right_w, room)
        items += _highlights(block, right, ms, lang)
    return Graphic(tuple(items))


def _facts(block: ModelCardBlock, box: Box, ms: Measurer, lang: str) -> list[Primitive]:
    """Label : value rows (architecture, parameters), then the modalities as chips."""
    c, z = ms.theme.colors, ms.theme.sizes
    size = z.small
    labels = {k: text_span(field_label(lang, k)) for k in ("architecture", "params", "modalities")}
    label_w = max(ms.text_width(lab, size, bold=True) for lab in labels.values()) + 4
    value_x, value_w = box.x + label_w + FACT_GAP_X, box.w - label_w - FACT_GAP_X
    line = size * FACT_LINE
    label_style = TextStyle(size, c.muted, bold=True, line_height=FACT_LINE)
    value_style = TextStyle(size, c.text, line_height=FACT_LINE)
    items: list[Primitive] = []
    y = box.y
    for key, value in (("architecture", block.architecture), ("params", text_span(block.params))):
        if not value:
            continue
        value = ms.fit_words(value, size, value_w, False, lang)
        h = max(height(ms, value, size, value_w, FACT_LINE), line)
        items.append(TextBox(Box(box.x, y, label_w, line), ((labels[key], label_style),), "Label"))
        items.append(TextBox(Box(value_x, y, value_w, h), ((value, value_style),), "Value"))
        y += h + FACT_GAP_Y
    if block.modalities:
        items.append(TextBox(Box(box.x, y, label_w, line), ((labels["modalities"], label_style),), "Label"))
        items += _chips(block.modalities, Box(value_x, y, value_w, line), ms)
    bottom = max(item.box.bottom for item in items) if items else box.y
    if bottom > box.bottom + EPSILON_PX:
        raise DoesNotFit(
            f"the model card's facts (architecture, parameters, modalities) need {bottom - box.y:.0f} px of height "
            f"and the card has {box.h:.0f} px: shorten them or list fewer modalities {NOTES_HINT}"
        )
    return items


def _chips(modalities: tuple[str, ...], box: Box, ms: Measurer) -> list[Primitive]:
    """Pills in the accent colour, wrapping onto new rows within the box's width."""
    c, size = ms.theme.colors, ms.theme.sizes.small
    h = size * CHIP_LINE
    x, y = box.x, box.y + (size * FACT_LINE - h) / 2
    items: list[Primitive] = []
    for modality in modalities:
        w = ms.text_width(text_span(modality), size) + 2 * CHIP_PAD_X
        if w > box.w + EPSILON_PX:
            raise DoesNotFit(f"the modality '{excerpt(modality)}' is wider than the model card's column: shorten it")
        if x > box.x and x + w > box.x + box.w:
            x, y = box.x, y + h + CHIP_GAP
        chip = Box(x, y, w, h)
        items.append(ShapeBox(chip, "rounded", c.accent, "Chip", radius=h / 2))
        style = TextStyle(size, c.background, align="center", line_height=CHIP_LINE)
        items.append(TextBox(chip, ((text_span(modality), style),), "Chip text", anchor="middle"))
        x += w + CHIP_GAP
    return items


def _highlights(block: ModelCardBlock, box: Box, ms: Measurer, lang: str) -> list[Primitive]:
    """An accent bar, then the highlights as a bulleted list, as large as fits (sizes.base … sizes.min); words too
    long for a line get break opportunities (hyphens) as in body text."""
    theme = ms.theme
    c, z, s = theme.colors, theme.sizes, theme.spacing
    text_x = box.x + BAR + BAR_PAD
    text_w = box.x + box.w - text_x - s.indent

    def fitted(size: float) -> tuple[Inline, ...]:
        return tuple(ms.fit_words(h, size, text_w, False, lang) for h in block.highlights)

    def total(size: float) -> float:
        texts = fitted(size)
        return sum(height(ms, h, size, text_w, s.line_height) for h in texts) + s.paragraph_gap * (len(texts) - 1)

    size = z.base
    while size > z.min and total(size) > box.h:
        size -= 1
    if total(size) > box.h + EPSILON_PX:
        raise DoesNotFit(
            f"the model card's highlights ({len(block.highlights)}) need {total(size):.0f} px of height at the minimum "
            f"text size ({z.min} px) and the card has {box.h:.0f} px: keep fewer or shorter highlights {NOTES_HINT}"
        )
    style = TextStyle(size, c.text, line_height=s.line_height, bullet=c.accent)
    text = TextBox(
        Box(text_x, box.y, box.x + box.w - text_x, box.h),
        tuple((h, style) for h in fitted(size)),
        "Highlights",
        gap=s.paragraph_gap,
        steps=True,
    )
    return [ShapeBox(Box(box.x, box.y, BAR, box.h), "rect", c.accent, "Highlights bar"), text]
