"""`deck results`: a session's answers counted per question and choice, and the CSV files."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from lecturedeck.kinds.choices import LETTERS
from lecturedeck.output.atomic import write_atomically
from lecturedeck.present.store import Answer, Store, StoredQuestion


@dataclass(frozen=True)
class Count:
    question: StoredQuestion
    choice: str  # its id, "A"…
    text: str
    count: int
    answers: int  # devices that answered the question

    @property
    def correct(self) -> bool:
        return self.choice in self.question.correct


def read_results(path: Path) -> tuple[list[Count], list[Answer]]:
    """Every choice of every question with its count, and every device's answer (oldest first); the file is only
    read. Raises DeckError when it is not a session."""
    store = Store.read_only(path)
    try:
        questions, answers = store.questions(), store.answers()
    finally:
        store.close()
    counts: list[Count] = []
    for question in questions:
        picks = [a.choices for a in answers if a.q == question.q]
        for letter, text in zip(LETTERS, question.choices, strict=False):
            counts.append(Count(question, letter, text, sum(letter in p for p in picks), len(picks)))
    return counts, answers


def devices_csv_path(counts_csv: Path) -> Path:
    """Where the per-device rows go beside the counts: results.csv → results.devices.csv."""
    return counts_csv.with_name(f"{counts_csv.stem}.devices{counts_csv.suffix or '.csv'}")


def write_csvs(counts: list[Count], answers: list[Answer], target: Path) -> tuple[Path, Path]:
    """The counts (question, choice, count, …) at `target` and the anonymous per-device rows beside it."""
    rows = [
        ("question", "choice", "count", "slide", "kind", "correct", "text"),
        *((c.question.q, c.choice, c.count, c.question.slide, c.question.kind, int(c.correct), c.text) for c in counts),
    ]
    devices = devices_csv_path(target)
    device_rows = [
        ("device", "question", "choices", "time"),
        *((a.device, a.q, a.choices, datetime.fromtimestamp(a.at, timezone.utc).isoformat()) for a in answers),
    ]
    write_atomically(target, _csv(rows))
    write_atomically(devices, _csv(device_rows))
    return target, devices


def _csv(rows: Sequence[Sequence[object]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")
