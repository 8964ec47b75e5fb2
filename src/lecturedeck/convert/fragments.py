"""Reveal steps that are not list items: Marp makes fragments of `*` list items only, so the paragraphs of a
reveal slide come out of marp-cli as `<div class="step">` (outline text can never produce that markup: it is
escaped) and become fragments here, which bespoke steps through with the list items in document order."""

from __future__ import annotations

STEP = '<div class="step">'
FRAGMENT = '<div class="step" data-marpit-fragment="">'


def mark_steps(html: str) -> str:
    """The converted page with every step div a fragment the presenter steps through."""
    return html.replace(STEP, FRAGMENT)
