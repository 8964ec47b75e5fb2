"""The generated agenda: a lecture with one section and neither objectives nor agenda notes has none (it would
list one item, the divider that follows it), in the planned deck, the Marp markdown and the PPTX; with two
sections, objectives or agenda notes it stays. The one section's divider always stays (its notes, "Part 1")."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from lecturedeck.build import load_and_plan
from lecturedeck.plan.model import SlideRole
from lecturedeck.render.markdown import render_markdown
from lecturedeck.render.pptx import render_pptx
from lecturedeck.themes import load_theme
from tests.courses import write_course

SECTION = """  - title: {title}
    notes: Notes of {title}.
    slides:
      - kind: bullets
        title: Inside {title}
        items: [a point]
"""


def lecture(*sections: str, extra: str = "") -> str:
    return "title: The lecture\n" + extra + "sections:\n" + "".join(SECTION.format(title=t) for t in sections)


def built(tmp_path: Path, text: str) -> tuple[list[tuple[SlideRole, str, str]], str, list[str]]:
    """The planned slides (role, title, notes), the Marp markdown and the PPTX slide titles of a one-lecture
    course."""
    [course] = load_and_plan([write_course(tmp_path / "c", {"01.yaml": text})])
    [laid] = course.laid
    planned = [(s.role, "".join(t.text for t in s.title), s.notes) for s in laid.deck.slides]
    markdown = render_markdown(laid, lambda p: p.name)
    pptx = Presentation(io.BytesIO(render_pptx(laid, load_theme(laid.deck.theme))))
    return planned, markdown, [slide.shapes.title.text for slide in pptx.slides]


def test_one_section_without_objectives_has_no_agenda_in_any_output(tmp_path: Path) -> None:
    planned, markdown, pptx_titles = built(tmp_path, lecture("Only part"))
    assert planned == [
        (SlideRole.TITLE, "The lecture", ""),
        (SlideRole.SECTION, "Only part", "Notes of Only part."),  # the divider stays, with its notes
        (SlideRole.CONTENT, "Inside Only part", ""),
    ]
    assert "Agenda" not in markdown and "kind-agenda" not in markdown and "Part 1" in markdown
    assert markdown.count("\n---\n") == 3  # the front matter's end and two slide breaks: three slides
    assert pptx_titles == ["The lecture", "Only part", "Inside Only part"]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (lecture("First", "Second"), ["First", "Second"]),
        (lecture("Only part", extra="objectives: [Say why]\n"), ["Say why", "Only part"]),
    ],
    ids=["two sections", "one section and objectives"],
)
def test_two_sections_or_objectives_keep_the_agenda(tmp_path: Path, text: str, items: list[str]) -> None:
    planned, markdown, pptx_titles = built(tmp_path, text)
    assert [role for role, _, _ in planned[:3]] == [SlideRole.TITLE, SlideRole.AGENDA, SlideRole.SECTION]
    assert pptx_titles[:3] == ["The lecture", "Agenda", planned[2][1]]
    agenda = markdown.split("kind-agenda", 1)[1].split("\n---\n", 1)[0]
    assert all(f"- {item}" in agenda for item in items), agenda


def test_agenda_notes_keep_the_agenda_to_say_them_over(tmp_path: Path) -> None:
    """Notes are written for a moment of the talk: the agenda they were written for stays (moved to the title
    slide they would merge two moments, and an import of the deck could not tell them apart again)."""
    planned, markdown, pptx_titles = built(tmp_path, lecture("Only part", extra="agenda_notes: Say what comes.\n"))
    assert planned[1] == (SlideRole.AGENDA, "Agenda", "Say what comes.")
    assert "Say what comes." in markdown.split("kind-agenda", 1)[1].split("\n---\n", 1)[0]
    assert pptx_titles == ["The lecture", "Agenda", "Only part", "Inside Only part"]
