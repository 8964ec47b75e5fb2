"""New slides, notes pages and repeated shapes stamped from prototypes instead of built one by one.

python-pptx builds every new slide by cloning its layout's placeholders one at a time
(`clone_layout_placeholders`: several XPath searches per placeholder), every notes page by cloning
the notes master's placeholders the same way, finds a placeholder by building a shape object for
every shape of the slide, and relates each new part after scanning all of the source part's
relationships. On the 64-slide stress lecture that was about half of `render_pptx`'s time
(≈ 1.5 ms per slide for the slide and its notes page, ≈ 0.5 ms for the footer).

A new slide's XML only depends on its layout, a new notes page's XML is always the same, and a
footer only differs in its slide number. So `Pages` lets python-pptx build the first of each and
deep-copies that XML for the rest, finds placeholders with plain lxml, and numbers relationships,
slide ids and notes pages as python-pptx would (a brand-new part cannot already be related, and we
only ever append notes pages, so counting replaces python-pptx's scan of every part name for the
next free one, which is O(n²) over a deck). The file's XML is the same as without prototypes.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Iterator

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import namespaces, qn
from pptx.oxml.slide import CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.presentation import Presentation
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import NotesSlidePlaceholder, SlidePlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.text.text import TextFrame

from lecturedeck.render.pptx import master

NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"  # python-pptx's name pattern for notes pages
_PLACEHOLDERS = etree.XPath("./p:sp/p:nvSpPr/p:nvPr/p:ph", namespaces=namespaces("p"))  # compiled once


class Pages:
    """Adds slides (by Pandoc layout name) and notes pages to one presentation we build from scratch."""

    def __init__(self, prs: Presentation) -> None:
        self.prs = prs
        self._sld_ids = prs.slides._sldIdLst
        self._next_slide_id = self._sld_ids._next_id  # python-pptx's rule: 1 + the largest id
        self._layouts: dict[str, SlideLayout] = {}
        self._slides: dict[str, etree._Element] = {}  # layout name → a new slide's p:sld
        self._notes: etree._Element | None = None  # a new notes page's p:notes
        self._last_notes = 0  # number in the part name of the last notes page added
        self._shapes: dict[Hashable, etree._Element] = {}

    def add_slide(self, layout_name: str) -> Slide:
        """A new last slide on this layout, with the layout's placeholders (as `prs.slides.add_slide`)."""
        if layout_name not in self._layouts:
            self._layouts[layout_name] = master.layout(self.prs, layout_name)
        slide_layout = self._layouts[layout_name]
        prototype = self._slides.get(layout_name)
        prs_part = self.prs.part
        element = CT_Slide.new() if prototype is None else copy.deepcopy(prototype)
        part = SlidePart(prs_part._next_slide_partname, CT.PML_SLIDE, prs_part.package, element)
        _relate_new(part, slide_layout.part, RT.SLIDE_LAYOUT)
        self._sld_ids._add_sldId(id=self._next_slide_id, rId=_relate_new(prs_part, part, RT.SLIDE))
        self._next_slide_id += 1
        slide = part.slide
        if prototype is None:
            slide.shapes.clone_layout_placeholders(slide_layout)
            self._slides[layout_name] = copy.deepcopy(element)
        return slide

    def notes_frame(self, slide: Slide) -> TextFrame:
        """The (empty) text frame of a new notes page for a slide that has none yet."""
        if self._notes is None:
            notes = slide.notes_slide  # python-pptx clones the notes master's placeholders and names the part
            self._notes = copy.deepcopy(notes._element)
            self._last_notes = notes.part.partname.idx or 0
            frame = notes.notes_text_frame
            assert frame is not None  # the notes master python-pptx uses has a body placeholder
            return frame
        slide_part, package = slide.part, slide.part.package
        element = copy.deepcopy(self._notes)
        self._last_notes += 1
        partname = PackURI(NOTES_PARTNAME % self._last_notes)
        part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, element)
        _relate_new(part, package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        _relate_new(part, slide_part, RT.SLIDE)
        _relate_new(slide_part, part, RT.NOTES_SLIDE)
        body = next(sp for sp, ph in placeholders(element.cSld.spTree) if ph.get("type") == "body")
        return NotesSlidePlaceholder(body, part.notes_slide.shapes).text_frame

    def stamp(self, slide: Slide, key: Hashable) -> etree._Element | None:
        """A copy of the shape remembered under `key`, added on top of the slide with a new id; None
        until a shape is remembered (build it, then `remember` it)."""
        prototype = self._shapes.get(key)
        if prototype is None:
            return None
        shapes = slide.shapes
        element = copy.deepcopy(prototype)
        element.find(f".//{qn('p:cNvPr')}").set("id", str(shapes._next_shape_id))
        shapes._spTree.insert_element_before(element, "p:extLst")
        return element

    def remember(self, key: Hashable, shape: BaseShape) -> None:
        """Keep a copy of a finished shape for `stamp`."""
        self._shapes[key] = copy.deepcopy(shape._element)


def placeholders(tree: etree._Element) -> Iterator[tuple[etree._Element, etree._Element]]:
    """(p:sp, its p:ph) for each text placeholder in a shape tree."""
    for ph in _PLACEHOLDERS(tree):
        yield ph.getparent().getparent().getparent(), ph


def placeholder(slide: Slide, idx: int) -> SlidePlaceholder:
    """The slide's text placeholder with this idx (0: the title), as `slide.placeholders[idx]`."""
    shapes = slide.shapes
    for sp, ph in placeholders(shapes._spTree):
        if int(ph.get("idx", "0")) == idx:
            return SlidePlaceholder(sp, shapes)
    raise KeyError(idx)


def _relate_new(source: Part, target: Part, reltype: str) -> str:
    """`source.relate_to(target, reltype)` for a target that is new (so not related yet): the same
    rId without scanning the source's relationships for a match."""
    return source.rels._add_relationship(reltype, target)
