"""Inline spans → DrawingML runs, paragraphs and text frames, in the theme's fonts and the deck's language.

Every run names both its Latin and East Asian typeface (python-pptx's `font.name` writes only
`a:latin`) and carries `lang`, so PowerPoint and LibreOffice pick CJK fonts and break CJK lines
correctly. Text is copied as is: no character is ever substituted (inline `$…$` math is the one
exception: it is written as Unicode, `d_k` → dₖ).

Symbols the Latin face has (→ “ ” … — × ≤ √) go in runs that name the Latin typeface as their East Asian one
too, so PowerPoint and LibreOffice draw them in the face Chromium and the layout use (see slots). Inline math
names it for all its text (it has no CJK: the plan-time check refuses characters the math font lacks).
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Literal

from lxml import etree
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.simpletypes import ST_TextSpacingPoint
from pptx.oxml.xmlchemy import OxmlElement
from pptx.text.text import TextFrame, _Paragraph, _Run

from lecturedeck.inline import Inline, Span
from lecturedeck.mathtext import slants, to_unicode
from lecturedeck.plan.fonts import latin_has
from lecturedeck.render.pptx.slots import font_slots, script_stretches
from lecturedeck.render.pptx.units import emu, pt, rgb
from lecturedeck.themes import Theme

FontRole = Literal["body", "mono", "math"]
ALT_LANG = "en-US"  # alternate language of runs: that of code, links and most math
SUPERSCRIPT, SUBSCRIPT = "30000", "-25000"  # a:rPr baseline shifts (thousandths of a percent)
SPACINGS = ("a:lnSpc", "a:spcBef", "a:spcAft")  # line pitch, space before and after: the first children of a:pPr
PARAGRAPH, PROPERTIES, END = qn("a:p"), qn("a:pPr"), qn("a:endParaRPr")  # a:p: a:pPr?, (a:r|a:br|a:fld)*, a:endParaRPr?
CLEARED = {qn(tag) for tag in ("a:pPr", "a:r", "a:br", "a:fld")}  # what a reused first paragraph loses
AUTOFITS = {qn(tag) for tag in ("a:noAutofit", "a:normAutofit", "a:spAutoFit")}  # a:bodyPr's autofit choice
AFTER_AUTOFIT = {qn(tag) for tag in ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst")}  # a:bodyPr's later children
AFTER_BULLET = {qn(tag) for tag in ("a:tabLst", "a:defRPr", "a:extLst")}  # a:pPr's children after its bullet
# inline math never wraps inside (it is one word for the measurer, one SVG in the HTML): its spaces, no-break
NO_BREAK_MATH = str.maketrans({" ": "\u00a0", "\u2009": "\u202f", "\u2004": "\u202f", "\u2005": "\u202f"})
INSETS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))  # a:bodyPr insets, their defaults


def fonts(theme: Theme, role: FontRole = "body") -> tuple[str, str]:
    """(Latin, East Asian) typeface for a font role: the first name of each theme font list; math has the
    Latin one for both."""
    latin = theme.fonts.mono[0] if role == "mono" else theme.fonts.latin[0]
    return latin, latin if role == "math" else theme.fonts.east_asian[0]


@dataclass(frozen=True)
class RunStyle:
    """How runs look; None/False inherit from the placeholder or the master."""

    size: float | None = None  # px
    color: str | None = None
    bold: bool = False
    italic: bool = False
    font: FontRole = "body"

    def with_span(self, span: Span) -> RunStyle:
        """This style with a span's own emphasis (inline math: the math role, its letters in italics, see math)."""
        return replace(
            self,
            bold=self.bold or span.bold,
            italic=self.italic or span.italic,
            font="mono" if span.code else "math" if span.math else self.font,
        )


@dataclass(frozen=True)
class Typesetter:
    """Writes text into text frames for one deck (theme fonts and colours, deck language)."""

    theme: Theme
    lang: str
    _runs: dict[tuple[RunStyle, bool], etree._Element] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _spacings: dict[tuple[float, float], tuple[etree._Element, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # the items written since the slide began, as the clicks a reveal slide shows them with: per click, its
    # (shape id, paragraph index or None for the whole shape); see render.pptx.reveal
    steps: list[list[tuple[int, int | None]]] = field(default_factory=list, init=False, repr=False, compare=False)

    def spans(self, paragraph: _Paragraph, spans: Inline, style: RunStyle = RunStyle()) -> None:
        """Append spans as runs; links become clickable hyperlinks in the theme's link colour."""
        for span in spans:
            if span.math:
                self.math(paragraph, span.text, style.with_span(span))
                continue
            if not span.link:
                self.run(paragraph, span.text, style.with_span(span))
                continue
            runs = [
                run
                for piece in script_stretches(span.text)
                for run in self.run(paragraph, piece, style.with_span(span))
            ]
            for run in runs:
                run.font.color.rgb = rgb(self.theme.colors.link)
                run.font.underline = True
                if not span.link.startswith("#"):  # in-page anchors have no meaning in a PPTX
                    run.hyperlink.address = span.link

    def math(self, paragraph: _Paragraph, latex: str, style: RunStyle) -> None:
        """Inline LaTeX as readable Unicode (dₖ, x², √dₖ, QKᵀ); raised/lowered runs where Unicode has no form.
        Letters are set in italics and digits, operators and function names upright, as MathJax sets them;
        spaces are no-break (NO_BREAK_MATH)."""
        for piece in to_unicode(latex):
            for text, italic in slants(piece):
                no_break = text.translate(NO_BREAK_MATH)
                for run in self.run(paragraph, no_break, replace(style, italic=style.italic or italic)):
                    if piece.shift:
                        run._r.get_or_add_rPr().set("baseline", SUPERSCRIPT if piece.shift > 0 else SUBSCRIPT)

    def run(self, paragraph: _Paragraph, text: str, style: RunStyle = RunStyle()) -> list[_Run]:
        """Append literal text: one run, or one per stretch where symbols the Latin face has need it as their
        East Asian face too (see slots)."""
        latin, ea = fonts(self.theme, style.font)
        if text.isascii() or latin == ea:
            return [self._run(paragraph, text, style, False)]

        def has(ch: str) -> bool:
            return latin_has(self.theme.fonts, style.font == "mono", style.bold, ch)

        return [self._run(paragraph, piece, style, latin_ea) for piece, latin_ea in font_slots(text, has)]

    def _run(self, paragraph: _Paragraph, text: str, style: RunStyle, latin_ea: bool) -> _Run:
        """Append one run (`latin_ea`: the Latin typeface as its East Asian one). Runs after the first of a kind
        copy its XML (python-pptx's setters search the element for each property: ~10× slower, a third of
        `render_pptx`'s time)."""
        prototype = self._runs.get((style, latin_ea))
        if prototype is not None:
            r = copy.deepcopy(prototype)
            r.text = text  # escapes control characters, as `_Run.text` does
            end = paragraph._p.find(END)  # a run goes before it, as `add_run` puts it
            if end is None:
                paragraph._p.append(r)
            else:
                end.addprevious(r)
            return _Run(r, paragraph)
        run = paragraph.add_run()
        run.text = text
        font = run.font
        if style.size is not None:
            font.size = pt(style.size)
        if style.color:
            font.color.rgb = rgb(style.color)
        if style.bold:
            font.bold = True
        if style.italic:
            font.italic = True
        latin, ea = fonts(self.theme, style.font)
        rpr = run._r.get_or_add_rPr()
        rpr.set("lang", self.lang)
        rpr.set("altLang", ALT_LANG)
        latin_font = rpr.get_or_add_latin()
        latin_font.set("typeface", latin)
        latin_font.addnext(etree.Element(qn("a:ea"), typeface=latin if latin_ea else ea))
        self._runs[style, latin_ea] = copy.deepcopy(run._r)
        return run

    def spacing(
        self, paragraph: _Paragraph, size: float, *, line_height: float | None = None, after: float = 0
    ) -> None:
        """Exact line pitch (CSS line-height × size, independent of font metrics) and space after, in px:
        the XML python-pptx's line_spacing, space_before and space_after setters write, copied from the
        first made for the same pitch and space (their setters search the paragraph for each element, and
        making the elements anew took ~10% of `render_pptx`'s time)."""
        ppr = properties(paragraph)
        pitch = size * (line_height or self.theme.spacing.line_height)
        prototypes = self._spacings.get((pitch, after))
        if prototypes is None:
            prototypes = self._spacings[pitch, after] = _spacing_elements(pitch, after)
        for position, prototype in enumerate(prototypes):
            for old in ppr.findall(prototype.tag):
                ppr.remove(old)
            ppr.insert(position, copy.deepcopy(prototype))  # first in a:pPr, in this order


def _spacing_elements(pitch: float, after: float) -> tuple[etree._Element, ...]:
    """a:lnSpc, a:spcBef (none) and a:spcAft for a line pitch and a space after, in px."""
    elements = []
    for tag, px in zip(SPACINGS, (pitch, 0, after), strict=True):
        spacing, points = OxmlElement(tag), OxmlElement("a:spcPts")
        points.set("val", ST_TextSpacingPoint.convert_to_xml(pt(px)))
        spacing.append(points)
        elements.append(spacing)
    return tuple(elements)


def properties(paragraph: _Paragraph) -> etree._Element:
    """The paragraph's a:pPr, added if it has none: always its first child, so this needs none of the search for
    where to put it that python-pptx's `get_or_add_pPr` (behind every paragraph property it sets) makes."""
    p = paragraph._p
    if len(p) and p[0].tag == PROPERTIES:
        return p[0]
    ppr = p.makeelement(PROPERTIES, {})
    p.insert(0, ppr)
    return ppr


def align(paragraph: _Paragraph, alignment: PP_ALIGN) -> None:
    """`paragraph.alignment = alignment`, written directly."""
    properties(paragraph).set("algn", PP_ALIGN.to_xml(alignment))


def insert_before(parent: etree._Element, element: etree._Element, later: Collection[str]) -> None:
    """Put `element` into `parent` before its first child tagged one of `later` (the children its schema puts
    after it), or last."""
    successor = next((child for child in parent if child.tag in later), None)
    if successor is None:
        parent.append(element)
    else:
        successor.addprevious(element)


def no_bullet(paragraph: _Paragraph) -> None:
    """A plain paragraph in a bulleted placeholder: no bullet, no hanging indent."""
    ppr = properties(paragraph)
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    insert_before(ppr, ppr.makeelement(qn("a:buNone"), {}), AFTER_BULLET)


def setup_frame(
    frame: TextFrame, *, inset: float = 0, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP, align: PP_ALIGN | None = None
) -> Paragraphs:
    """Wrap, no autofit (the planner made the text fit), insets in px; returns a paragraph source. The
    a:bodyPr XML python-pptx's word_wrap, auto_size, margin and vertical_anchor setters write, made
    directly (they search the frame's XML for each)."""
    body_pr = frame._bodyPr
    body_pr.set("wrap", "square")
    for child in list(body_pr):
        if child.tag in AUTOFITS:
            body_pr.remove(child)
    insert_before(body_pr, body_pr.makeelement(qn("a:noAutofit"), {}), AFTER_AUTOFIT)
    margin = emu(inset)
    for name, default in INSETS:
        if margin != default:
            body_pr.set(name, str(margin))
        elif name in body_pr.attrib:  # python-pptx drops an inset equal to the default
            del body_pr.attrib[name]
    body_pr.set("anchor", MSO_ANCHOR.to_xml(anchor))
    return Paragraphs(frame, align)


class Paragraphs:
    """Hands out a frame's paragraphs in order: its (cleared) first paragraph, then new ones."""

    def __init__(self, frame: TextFrame, align: PP_ALIGN | None = None) -> None:
        body = frame._txBody
        first, *others = body.findall(PARAGRAPH)
        for p in others:
            body.remove(p)
        for child in list(first):  # its runs, breaks and fields, as `frame.clear()`, and its properties (e.g. the
            if child.tag in CLEARED:  # centring python-pptx gives new autoshapes)
                first.remove(child)
        self._frame = frame
        self._align = align
        self._paragraphs: list[_Paragraph] = []
        self._first = first

    @property
    def count(self) -> int:
        """Paragraphs handed out so far."""
        return len(self._paragraphs)

    def at(self, index: int) -> _Paragraph:
        return self._paragraphs[index]

    def next(self) -> _Paragraph:
        """The next paragraph: the first, then a new one appended to the frame (as `frame.add_paragraph()`)."""
        p = etree.SubElement(self._first.getparent(), PARAGRAPH) if self._paragraphs else self._first
        paragraph = _Paragraph(p, self._frame)
        self._paragraphs.append(paragraph)
        if self._align is not None:
            align(paragraph, self._align)
        return paragraph
