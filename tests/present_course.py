"""A small course with live questions, shared by the deck present tests: a quiz, a poll, a quiz with two right
choices, then a plain slide (slides 4–7 after the title, agenda and section slides); and reading the links a
`deck present` subprocess prints."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.courses import write_course

LECTURE = """title: Checking understanding
objectives: [Check what stuck]
sections:
  - title: Questions
    slides:
      - kind: quiz
        title: Activations
        question: "Which of these is an **activation** function?"
        choices: [SGD, {text: ReLU, correct: true}, Mean squared error, Dropout]
        explanation: ReLU keeps the positive part of its input; the others train, measure or regularise.
      - kind: poll
        title: Pace
        question: How fast was this lecture?
        choices: [Too slow, Just right, Too fast]
        multiple: false
      - kind: quiz
        title: Two right
        question: Which are optimisers?
        choices: [{text: Adam, correct: true}, ReLU, {text: SGD, correct: true}]
      - kind: bullets
        title: After the questions
        items: [Next topic]
"""
QUIZ, POLL, TWO_RIGHT = "q4", "q5", "q6"


def live_course(root: Path) -> Path:
    return write_course(root / "live", {"01-live.yaml": LECTURE}, title="Live course")


def printed_until_join(process: subprocess.Popen[str]) -> list[str]:
    """The lines a `deck present` subprocess printed up to its join link, the last one (an AssertionError with what
    it said when it stopped first)."""
    assert process.stdout is not None
    printed: list[str] = []
    for line in process.stdout:
        printed.append(line)
        if line.startswith("Join: "):
            return printed
    said = "".join(printed) + (process.stderr.read() if process.stderr else "")
    raise AssertionError(f"deck present stopped (exit {process.wait(20)}): {said}")
