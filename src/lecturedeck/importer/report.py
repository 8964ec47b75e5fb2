"""What an import could not carry over (warnings at file:line) and what it carried (the summary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ImportWarning:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


@dataclass
class DeckReport:
    """One deck's import: its warnings and counts."""

    path: Path
    warnings: list[ImportWarning] = field(default_factory=list)
    slides_in: int = 0  # the deck's own slides (Marp) or headed parts (Markdown notes)
    slides_out: int = 0  # outline slides written
    notes_in: int = 0  # speaker-note comments found
    notes_out: int = 0  # of those, carried into the outline

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ImportWarning(self.path, line, message))

    def summary(self) -> str:
        return (
            f"{self.path}: {self.slides_in} slides in, {self.slides_out} slides out, "
            f"{self.notes_out} of {self.notes_in} notes carried, {len(self.warnings)} warnings"
        )
