"""Join slide → a white square for the QR code on the left ("Join code", with "Join code hint" inside until the
code is drawn), and on the right the optional text, then "Join link" and "Join room" under their labels. The
built slide shows placeholders; presenter.js (deck present) draws the code and writes the link and room."""

from __future__ import annotations

from lecturedeck.inline import text_span
from lecturedeck.layout.model import DoesNotFit, Graphic, Primitive, ShapeBox, TextBox, TextStyle
from lecturedeck.layout.text import height
from lecturedeck.plan.geometry import Box
from lecturedeck.plan.labels import label
from lecturedeck.plan.measure import Measurer
from lecturedeck.plan.model import JoinBlock

GAP = 56  # between the code and the words
CODE_SHARE = 0.42  # of the body's width, at most, for the square
PLACEHOLDER = "—"
ROOM_EM = 2.4  # the room code, in ems of the base size
HINT_PAD = 24
WHITE = "#FFFFFF"  # the square is white on every theme: the QR code (dark modules, quiet zone) sits on it


def layout_join(block: JoinBlock, box: Box, ms: Measurer, lang: str) -> Graphic:
    t = ms.theme
    c, z, line = t.colors, t.sizes, t.spacing.line_height
    side = min(box.h, box.w * CODE_SHARE)
    code = Box(box.x, box.y, side, side)
    words_x = code.right + GAP
    words = Box(words_x, box.y, box.right - words_x, box.h)
    hint = ms.fit_words(text_span(label(lang, "join_later")), z.small, side - 2 * HINT_PAD, False, lang)
    hint_h = height(ms, hint, z.small, side - 2 * HINT_PAD, line)
    items: list[Primitive] = [
        ShapeBox(code, "rect", WHITE, "Join code", line=c.rule, line_width=1),
        TextBox(
            Box(code.x + HINT_PAD, code.y + (side - hint_h) / 2, side - 2 * HINT_PAD, hint_h),
            ((hint, TextStyle(z.small, c.muted, align="center", line_height=line)),),
            "Join code hint",
        ),
    ]
    y = words.y
    if block.text:
        text = ms.fit_words(block.text, z.base, words.w, False, lang)
        text_h = height(ms, text, z.base, words.w, line)
        items.append(
            TextBox(
                Box(words.x, y, words.w, text_h), ((text, TextStyle(z.base, c.text, line_height=line)),), "Join text"
            )
        )
        y += text_h + z.base
    room_size = round(z.base * ROOM_EM)
    for name, key, size, colour, lines in (
        ("Join link", "join_link", z.base, c.accent, 2),  # a LAN address and port may wrap once
        ("Join room", "join_room", room_size, c.heading, 1),
    ):
        caption = (text_span(label(lang, key)), TextStyle(z.small, c.muted, line_height=line))
        items.append(TextBox(Box(words.x, y, words.w, z.small * line), (caption,), f"{name} label"))
        y += z.small * line
        value = (text_span(PLACEHOLDER), TextStyle(size, colour, bold=True, line_height=line))
        items.append(TextBox(Box(words.x, y, words.w, lines * size * line), (value,), name))
        y += lines * size * line + z.small
    if y - z.small > box.bottom:
        raise DoesNotFit(
            "the join slide's text leaves no room for the join link and room code: shorten the text (details can "
            "go into the speaker notes)"
        )
    return Graphic(tuple(items))
