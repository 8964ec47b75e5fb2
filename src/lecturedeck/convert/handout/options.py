"""How handouts are printed: the options of `deck build --to handout` (light: the command line reads it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from lecturedeck.convert.handout.geometry import LAYOUTS

PER_PAGE = tuple(LAYOUTS)  # slides a page: 1, 2, 3, 4, 6
DEFAULT_PER_PAGE = 3


class Paper(str, Enum):
    A4 = "a4"
    LETTER = "letter"


PAPERS = {Paper.A4: (210.0, 297.0), Paper.LETTER: (215.9, 279.4)}  # mm, portrait


@dataclass(frozen=True)
class HandoutOptions:
    """Slides a page (one of PER_PAGE), the paper (None: by the course's language) and whether quizzes'
    answers are printed in the notes."""

    per_page: int = DEFAULT_PER_PAGE
    paper: Paper | None = None
    answers: bool = False

    def paper_for(self, lang: str) -> Paper:
        """The paper: as given, else Letter for an en-US course and A4 for any other."""
        return self.paper or (Paper.LETTER if lang.lower() == "en-us" else Paper.A4)

    def key(self) -> dict[str, object]:
        """What the options change in a handout, for the build's options key."""
        return {"per_page": self.per_page, "paper": self.paper and self.paper.value, "answers": self.answers}
