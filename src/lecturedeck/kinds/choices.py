"""Lettered choices, shared by quizzes and polls: how many a question may have, and the layout: the
question on top, the lettered choices as boxes (one column, or two when that keeps the text larger), an
explanation panel at the bottom. The text steps down from sizes.base to sizes.min until everything fits
the body box; a question that does not fit even then raises `DoesNotFit` saying what to shorten.

Names carry the roles the scripts (quiz.js, the live classroom's presenter.js) and the PPTX animation
look for: the box "Choice B right" / "Choice B wrong" in a quiz, "Choice B box" in a poll; "Choice B
letter", "Choice B text", "Choice B mark" (the highlight over a correct choice), "Explanation panel",
"Explanation"."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lecturedeck.inline import Span, text_span
from lecturedeck.layout.model import DoesNotFit, Graphic, Primitive, ShapeBox, TextBox, TextStyle
from lecturedeck.layout.text import height
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.labels import label
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import Inline

LETTERS = "ABCDEFGH"
GAP = 20  # between the question, the choices and the explanation
ROW_GAP, COLUMN_GAP = 12, 24
PAD_X, PAD_Y = 18, 10  # inside a choice box and the explanation panel
LETTER_EM = 1.6  # the letter's column, in ems of the text size
RADIUS = 10
MARK_WIDTH = 4  # px, the outline that highlights a correct choice


@dataclass(frozen=True)
class Question:
    """What the layout draws: `correct` says which choices are right (a quiz), None for a poll; `several`: a
    student may pick several choices, and the question says so ("choose all that apply")."""

    kind: str  # "quiz" or "poll", for messages
    question: Inline
    choices: tuple[Inline, ...]
    correct: tuple[bool, ...] | None = None
    explanation: Inline = ()
    several: bool = False


def count_choices(choices: object, kind: str, kinds: str) -> object:
    """A `mode="before"` validator's check: 2 to 8 choices, or a message saying what to do (`kinds`: the
    plural of `kind`)."""
    if isinstance(choices, list) and not 2 <= len(choices) <= len(LETTERS):
        raise ValueError(
            f"a {kind} has 2 to {len(LETTERS)} choices (lettered A to {LETTERS[-1]}), this one has {len(choices)}: "
            + ("add another choice" if len(choices) < 2 else f"keep the best ones, or split it into two {kinds}")
        )
    return choices


def layout_choices(block: Question, box: Box, ms: Measurer, lang: str) -> Graphic:
    """The question filling `box` at the largest text size (and fewest columns) where it fits."""
    z = ms.theme.sizes
    for size in range(round(z.base), math.ceil(z.min) - 1, -1):
        for columns in (1, 2):
            items = _arrange(block, box, ms, lang, size, columns)
            if items is not None:
                return Graphic(tuple(items))
    parts = f"question, {len(block.choices)} choices" + (" and explanation" if block.explanation else "")
    shorten = "the question or the choices" if block.correct is None else "the question, the choices or the explanation"
    raise DoesNotFit(
        f"the {block.kind} ({parts}) does not fit one slide even at the minimum text size ({z.min} px): shorten "
        f"{shorten} (details can go into the speaker notes)"
    )


def _arrange(block: Question, box: Box, ms: Measurer, lang: str, size: int, columns: int) -> list[Primitive] | None:
    """The pieces at one text size and number of columns, or None when they do not fit the box."""
    c, line = ms.theme.colors, ms.theme.spacing.line_height
    asked = (*block.question, Span(label(lang, "choose_several"))) if block.several else block.question
    question = ms.fit_words(asked, size, box.w, True, lang)
    question_h = height(ms, question, size, box.w, line, bold=True)
    items: list[Primitive] = [
        TextBox(Box(box.x, box.y, box.w, question_h), ((question, _style(size, c.heading, line, True)),), "Question")
    ]
    explanation: list[Primitive] = []
    bottom = box.bottom
    if block.explanation:
        inner = box.w - 2 * PAD_X
        text = ms.fit_words(block.explanation, size, inner, False, lang)
        text_h = height(ms, text, size, inner, line)
        panel = Box(box.x, box.bottom - text_h - 2 * PAD_Y, box.w, text_h + 2 * PAD_Y)
        explanation = [
            ShapeBox(
                panel, "rounded", c.code_background, "Explanation panel", line=c.accent, line_width=2, radius=RADIUS
            ),
            TextBox(
                Box(panel.x + PAD_X, panel.y + PAD_Y, inner, text_h),
                ((text, _style(size, c.text, line)),),
                "Explanation",
            ),
        ]
        bottom = panel.y - GAP
    choices = _choices(
        block, Box(box.x, box.y + question_h + GAP, box.w, bottom - box.y - question_h - GAP), ms, lang, size, columns
    )
    if choices is None:
        return None
    return items + choices + explanation


def _choices(block: Question, box: Box, ms: Measurer, lang: str, size: int, columns: int) -> list[Primitive] | None:
    c, line = ms.theme.colors, ms.theme.spacing.line_height
    column_w = (box.w - (columns - 1) * COLUMN_GAP) / columns
    letter_w = size * LETTER_EM
    text_w = column_w - 2 * PAD_X - letter_w
    texts = [ms.fit_words(choice, size, text_w, False, lang) for choice in block.choices]
    if any(ms.longest_word(t, size) > text_w for t in texts):
        return None
    heights = [height(ms, t, size, text_w, line) for t in texts]
    rows = math.ceil(len(texts) / columns)
    row_h = [max(heights[r * columns : (r + 1) * columns]) + 2 * PAD_Y for r in range(rows)]
    if sum(row_h) + (rows - 1) * ROW_GAP > box.h:
        return None
    items: list[Primitive] = []
    y = box.y
    for r in range(rows):
        for k in range(columns):
            n = r * columns + k
            if n >= len(texts):
                break
            letter, correct = LETTERS[n], block.correct is not None and block.correct[n]
            cell = Box(box.x + k * (column_w + COLUMN_GAP), y, column_w, row_h[r])
            state = "box" if block.correct is None else "right" if correct else "wrong"
            items.append(
                ShapeBox(
                    cell,
                    "rounded",
                    c.code_background,
                    f"Choice {letter} {state}",
                    line=c.rule,
                    line_width=1,
                    radius=RADIUS,
                )
            )
            text_y = cell.y + PAD_Y
            items.append(
                TextBox(
                    Box(cell.x + PAD_X, text_y, letter_w, size * line),
                    ((text_span(letter), _style(size, c.accent, line, True)),),
                    f"Choice {letter} letter",
                )
            )
            items.append(
                TextBox(
                    Box(cell.x + PAD_X + letter_w, text_y, text_w, heights[n]),
                    ((texts[n], _style(size, c.text, line)),),
                    f"Choice {letter} text",
                )
            )
            if correct:
                items.append(
                    ShapeBox(
                        cell,
                        "rounded",
                        None,
                        f"Choice {letter} mark",
                        line=c.accent,
                        line_width=MARK_WIDTH,
                        radius=RADIUS,
                    )
                )
        y += row_h[r] + ROW_GAP
    return items


def _style(size: int, colour: str, line: float, bold: bool = False) -> TextStyle:
    return TextStyle(size, colour, bold=bold, line_height=line)
