"""Outline → Deck: generated title, agenda, section and summary slides around the content slides.

A lecture with one section and neither objectives nor agenda notes gets no agenda: it would list one item,
the title of the divider that follows it."""

from __future__ import annotations

from dataclasses import replace

from lecturedeck.errors import DeckError, Location, combined, each, problems_in, problems_of
from lecturedeck.inline import Inline, parse_inline, text_span
from lecturedeck.kinds import kinds
from lecturedeck.kinds.bullets import list_item
from lecturedeck.outline import schema as s
from lecturedeck.outline.fields import Revealable
from lecturedeck.outline.loader import LoadedCourse, LoadedLecture
from lecturedeck.outline.yaml_source import KeyPath
from lecturedeck.plan import model as m
from lecturedeck.plan.images import image_size
from lecturedeck.plan.labels import label
from lecturedeck.plan.mathcheck import check_math
from lecturedeck.plan.model import BulletsBlock
from lecturedeck.themes import load_theme


def plan_lecture(course: LoadedCourse, loaded: LoadedLecture, theme: str) -> m.Deck:
    """One lecture as a Deck (before fitting to slide boxes); every slide's problems raised together."""
    meta, lecture = course.course, loaded.lecture
    lang = lecture.lang or meta.lang  # a lecture may be in another language than its course
    where = loaded.source.locate
    slides: list[m.Slide] = [
        m.Slide(
            m.SlideRole.TITLE,
            "title",
            parse_inline(lecture.title),
            parse_inline(lecture.subtitle),
            notes=lecture.notes,
            source=where(()),
        ),
    ]
    if _has_agenda(lecture):
        slides.append(_agenda(lecture, lang, where(("sections",))))
    reveal = meta.reveal if lecture.reveal is None else lecture.reveal
    problems: list[DeckError] = check_math(lecture, where)  # every formula and inline $…$, at its value
    for si, section in enumerate(lecture.sections):
        section_title = parse_inline(section.title)
        slides.append(
            m.Slide(
                m.SlideRole.SECTION,
                "section",
                section_title,
                text_span(label(lang, "part", n=si + 1)),
                notes=section.notes,
                source=where(("sections", si)),
                section=section.title,
            )
        )
        for i, spec in enumerate(section.slides):
            at = ("sections", si, "slides", i)
            try:
                slide = _content_slide(spec, loaded, where(at), section.title, reveal)
            except DeckError as exc:  # this slide's problems; the other slides are still checked
                problems += problems_of(exc)
                continue
            kind_notes = kinds()[spec.kind].notes  # e.g. a quiz adds its answer
            slides.append(replace(slide, notes=kind_notes(spec, lang)) if kind_notes else slide)
            problems += _check_kind(spec, slide, theme, lang, loaded, at)
            problems += _check_images(slide, where((*at, "src")))
    if problems:
        raise combined(problems)
    if lecture.summary:
        slides.append(
            m.Slide(
                m.SlideRole.SUMMARY,
                "summary",
                text_span(label(lang, "summary")),
                blocks=(BulletsBlock(tuple(list_item(t) for t in lecture.summary)),),
                notes=lecture.summary_notes,
                source=where(("summary",)),
            )
        )
    return m.Deck(
        course_title=meta.title,
        lecture_title=lecture.title,
        stem=loaded.stem,
        lang=lang,
        theme=theme,
        slides=tuple(slides),
        author=meta.author,
        date=meta.date,
        source=loaded.path,
    )


def _check_kind(
    spec: s.SlideSpec, slide: m.Slide, theme: str, lang: str, loaded: LoadedLecture, at: KeyPath
) -> list[DeckError]:
    """The kind's own plan-time check: mermaid outside the subset or over its limits, a drawing or a table no
    slide of the theme can show (located DeckErrors)."""
    check = kinds()[spec.kind].check
    if check is None:
        return []
    return problems_in(lambda: check(spec, slide, load_theme(theme), lang, loaded.source, at))


def _check_images(slide: m.Slide, where: Location) -> list[DeckError]:
    """Every image is checked once, at plan time, whatever outputs are built."""
    images = [block for block in slide.blocks if isinstance(block, m.ImageBlock)]
    return problems_in(lambda: each(images, lambda block: image_size(block.path, where)))


def _has_agenda(lecture: s.Lecture) -> bool:
    """Whether the lecture gets an agenda slide: it has objectives, two sections or more to list, or agenda
    notes (the lecturer wrote something to say over it, so the slide stays to carry them)."""
    return bool(lecture.objectives) or len(lecture.sections) > 1 or bool(lecture.agenda_notes.strip())


def _agenda(lecture: s.Lecture, lang: str, where: Location) -> m.Slide:
    sections = BulletsBlock(tuple(list_item(sec.title) for sec in lecture.sections))
    if lecture.objectives:
        objectives = BulletsBlock(tuple(list_item(o) for o in lecture.objectives))
        block: m.Block = m.ColumnsBlock(
            m.Column(text_span(label(lang, "objectives")), (objectives,)),
            m.Column(text_span(label(lang, "contents")), (sections,)),
        )
    else:
        block = sections
    title = text_span(label(lang, "agenda"))
    return m.Slide(m.SlideRole.AGENDA, "agenda", title, blocks=(block,), notes=lecture.agenda_notes, source=where)


def _content_slide(spec: s.SlideSpec, loaded: LoadedLecture, where: Location, section: str, reveal: bool) -> m.Slide:
    """A slide from the outline; `reveal` is the lecture's default for the kinds that can reveal items."""
    title: Inline = parse_inline(spec.title or getattr(spec, "name", ""))
    if not isinstance(spec, Revealable):
        reveal = False
    elif spec.reveal is not None:
        reveal = spec.reveal
    return m.Slide(
        m.SlideRole.CONTENT,
        spec.kind,
        title,
        blocks=kinds()[spec.kind].plan(spec, loaded.path.parent),
        notes=spec.notes,
        source=where,
        section=section,
        reveal=reveal,
    )
