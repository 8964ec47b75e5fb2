"""Step-by-step reveal in the PPTX: on-click "Appear" entrances written as the slide's `p:timing` tree
(python-pptx has no animation API). Each click shows its targets together: paragraphs of a text shape
(bullets, paragraphs, highlights) or whole shapes (a timeline period's band, labels and markers).
PowerPoint and LibreOffice step through the clicks; a PDF export ignores animations and shows everything."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import count

from lxml import etree
from pptx.oxml.ns import qn
from pptx.slide import Slide

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
Target = tuple[int, int | None]  # (shape id, paragraph index; None: the whole shape)
Click = Sequence[Target]  # what one click shows

ROOT = (
    f'<p:timing xmlns:p="{P}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot">'
    '<p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq">'
    "<p:childTnLst>{clicks}</p:childTnLst></p:cTn>"
    '<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>'
    '<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst>'
    "</p:seq></p:childTnLst></p:cTn></p:par></p:tnLst><p:bldLst>{builds}</p:bldLst></p:timing>"
)
CLICK = (
    '<p:par><p:cTn id="{outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst><p:childTnLst>'
    '<p:par><p:cTn id="{inner}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst>'
    "<p:childTnLst>{effects}</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
)
APPEAR = (
    '<p:par><p:cTn id="{effect}" presetID="1" presetClass="entr" presetSubtype="0" fill="hold" grpId="0" '
    'nodeType="{node}"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst><p:set><p:cBhvr>'
    '<p:cTn id="{behaviour}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn>'
    '<p:tgtEl><p:spTgt spid="{shape}">{paragraph}</p:spTgt></p:tgtEl><p:attrNameLst><p:attrName>style.visibility'
    '</p:attrName></p:attrNameLst></p:cBhvr><p:to><p:strVal val="visible"/></p:to></p:set></p:childTnLst>'
    "</p:cTn></p:par>"
)


def add_steps(slide: Slide, clicks: Sequence[Click]) -> None:
    """One click per entry, in order, showing its targets together. A shape with animated paragraphs is
    built by paragraph (`p:bldP build="p"`), so each paragraph stays hidden until its click."""
    clicks = [click for click in clicks if click]
    if not clicks:
        return
    ids = count(3)
    xml = "".join(CLICK.format(outer=next(ids), inner=next(ids), effects=_effects(click, ids)) for click in clicks)
    by_paragraph = {shape for click in clicks for shape, paragraph in click if paragraph is not None}
    shapes = dict.fromkeys(shape for click in clicks for shape, _ in click)
    builds = "".join(
        f'<p:bldP spid="{shape}" grpId="0" build="p"/>'
        if shape in by_paragraph
        else f'<p:bldP spid="{shape}" grpId="0"/>'
        for shape in shapes
    )
    timing = etree.fromstring(ROOT.format(clicks=xml, builds=builds))
    sld = slide._element
    ext = sld.find(qn("p:extLst"))  # the one child of p:sld that follows p:timing
    if ext is not None:
        ext.addprevious(timing)
    else:
        sld.append(timing)


def _effects(click: Click, ids: Iterator[int]) -> str:
    """The click's first target starts on the click, the others with it."""
    return "".join(
        APPEAR.format(
            effect=next(ids),
            behaviour=next(ids),
            node="withEffect" if n else "clickEffect",
            shape=shape,
            paragraph="" if paragraph is None else f'<p:txEl><p:pRg st="{paragraph}" end="{paragraph}"/></p:txEl>',
        )
        for n, (shape, paragraph) in enumerate(click)
    )
