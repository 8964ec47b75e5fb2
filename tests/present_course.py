"""A small course with live questions, shared by the deck present tests: a quiz, a poll, a quiz with two right
choices, then a plain slide (slides 4–7 after the title, agenda and section slides)."""

from __future__ import annotations

from pathlib import Path

COURSE = "title: Live course\nlang: en\nlectures: [01-live.yaml]\n"
LECTURE = """title: Checking understanding
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
    folder = root / "live"
    folder.mkdir()
    (folder / "course.yaml").write_text(COURSE, encoding="utf-8")
    (folder / "01-live.yaml").write_text(LECTURE, encoding="utf-8")
    return folder
