"""Quiz slides need a script; marp-cli runs without `--html`, so lecturedeck adds its own static one
(`kinds/quiz/quiz.js`, never built from outline text) inline to each converted deck that has a quiz:
no extra file, and it works from a file:// URL and in the presenter view."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

QUIZ_SLIDE = re.compile(r'<section[^>]*\sclass="[^"]*\bkind-quiz\b')  # our slide class, never outline text


@cache
def quiz_script() -> str:
    """The script element, as inserted."""
    source = files("lecturedeck.kinds.quiz").joinpath("quiz.js").read_text(encoding="utf-8")
    assert "</" not in source  # nothing in it may close the element early
    return f'<script data-lecturedeck="quiz">\n{source}</script>\n'


def with_quiz_script(html: str) -> str:
    """The page with the quiz script before `</body>` when it has a quiz slide; other pages unchanged."""
    if "</body>" not in html or not QUIZ_SLIDE.search(html):
        return html
    at = html.rindex("</body>")
    return html[:at] + quiz_script() + html[at:]
