"""Which stretches of a run must name the Latin typeface as their East Asian one too.

PowerPoint and LibreOffice choose a run's font per character: `a:latin` for Latin text, `a:ea` for East Asian
text. PowerPoint goes by code point (Microsoft's DrawingML font-slot table, proposed to the ISO 29500
maintenance group: what it does not list as latin or cs is ea), so curly quotes, … — –, arrows, × ÷ ° ±, ≤ and
√ take `a:ea` in every run. LibreOffice gives characters of no script of their own (punctuation, symbols) the
script of the text before them: after Chinese text they take `a:ea` too. Either way the CJK font draws them,
whose “ is 1 em wide (0.33 em in Arial) and whose → is twice the size, while Chromium draws them in the first
face of the CSS stack that has them, the Latin one, as the layout measured them.

So a character that is neither Latin in every client nor wide (CJK), and that the Latin face has, goes in a run
whose `a:ea` names the Latin face too: whichever slot a client picks, it draws that face. Latin in every client
are U+0000–U+058F (Latin, Greek, Cyrillic: `latin` in PowerPoint's table, a script of their own in LibreOffice)
but for § ¨ ° ± ´ × ÷, which PowerPoint gives `a:ea`; they join the stretch before them, so runs split only
where the slot changes (· between Chinese words, as in a footer, needs no run of its own). Characters the Latin
face lacks (①, ⊃) keep the East Asian face, as Chromium falls back to it for them.
"""

from __future__ import annotations

from collections.abc import Callable

from lecturedeck.inline import is_wide

EA_BELOW_HEBREW = frozenset("§¨°±´×÷")  # the code points below U+0590 that PowerPoint puts in the `a:ea` slot


def _latin_everywhere(ch: str) -> bool:
    """Drawn with `a:latin` by PowerPoint and LibreOffice alike, whatever text comes before it."""
    return ch < "\u0590" and ch not in EA_BELOW_HEBREW


def font_slots(text: str, latin_has: Callable[[str], bool]) -> list[tuple[str, bool]]:
    """`text` cut into (stretch, whether its `a:ea` must name the Latin face), neighbours alternating; Latin
    text belongs to the stretch before it (at the start: after it). One stretch, False, when none needs it."""
    stretches: list[tuple[str, bool]] = []
    start, latin = 0, None
    for i, ch in enumerate(text):
        if _latin_everywhere(ch):
            continue
        needed = not is_wide(ch) and latin_has(ch)
        if latin is None:
            latin = needed
        elif needed != latin:
            stretches.append((text[start:i], latin))
            start, latin = i, needed
    stretches.append((text[start:], bool(latin)))
    return stretches


def script_stretches(text: str) -> list[str]:
    """`text` cut where it turns from CJK (full-width punctuation included) to Latin letters or digits or back;
    other characters (spaces, punctuation, symbols) stay with the stretch before them. LibreOffice draws a
    hyperlink run in one face, chosen by its text (a link holding Chinese would draw its Latin letters in the CJK
    face), so a link is written as one run per stretch, each with the link."""
    stretches: list[str] = []
    start, wide = 0, None
    for i, ch in enumerate(text):
        if not (is_wide(ch) or ch.isalnum()):
            continue
        if wide is not None and is_wide(ch) != wide:
            stretches.append(text[start:i])
            start = i
        wide = is_wide(ch)
    stretches.append(text[start:])
    return stretches
