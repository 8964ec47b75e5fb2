"""Reveal steps that are not list items: Marp makes fragments of `*` list items only, so the paragraphs of a
reveal slide come out of marp-cli as `<div class="step">` (outline text can never produce that markup: it is
escaped) and become fragments here, which bespoke steps through with the list items in document order.

A list item without text of its own (a group of nested items continued from the previous slide) is no step:
it would be a click that shows nothing."""

from __future__ import annotations

import re

STEP = '<div class="step">'
FRAGMENT = '<div class="step" data-marpit-fragment="">'
HOLDER = re.compile(r'<li data-marpit-fragment="\d+">(?=\n<[uo]l>)')


def mark_steps(html: str) -> str:
    """The converted page with every step div a fragment the presenter steps through, and no step for an
    item that only holds continued nested items."""
    return HOLDER.sub("<li>", html.replace(STEP, FRAGMENT))
