"""On-click animations: python-pptx has no API for them, so the slide's `p:timing` tree is written here.

`appear_on_click(slide, steps)`: each step is a group of shapes that appear together ("Appear" entrance,
preset 1) on one click, steps in order. PowerPoint and LibreOffice both play it; a shape with an entrance
is hidden in the slide show until its click, and still drawn on the page when printed or exported."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import count

from lxml import etree
from pptx.oxml.ns import qn
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def appear_on_click(slide: Slide, steps: Sequence[Sequence[BaseShape]]) -> None:
    """One click per step; the shapes of a step appear together. Replaces any timing the slide had."""
    steps = [step for step in steps if step]
    if not steps:
        return
    ids = count(3)  # 1 and 2: the root and the main sequence
    clicks = "".join(_click(step, ids) for step in steps)
    built = "".join(f'<p:bldP spid="{shape.shape_id}" grpId="0" animBg="1"/>' for step in steps for shape in step)
    xml = (
        f'<p:timing xmlns:p="{P}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot">'
        '<p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq">'
        f"<p:childTnLst>{clicks}</p:childTnLst></p:cTn>"
        '<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>'
        '<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst>'
        f"</p:seq></p:childTnLst></p:cTn></p:par></p:tnLst><p:bldLst>{built}</p:bldLst></p:timing>"
    )
    sld = slide._element
    old = sld.find(qn("p:timing"))
    if old is not None:
        sld.remove(old)
    timing = etree.fromstring(xml)
    ext = sld.find(qn("p:extLst"))
    if ext is not None:
        ext.addprevious(timing)
    else:
        sld.append(timing)


def _click(shapes: Sequence[BaseShape], ids: Iterator[int]) -> str:
    """One click: a time node waiting for the click, the first shape's effect on it, the others with it
    (time node ids numbered in document order)."""
    outer, inner = next(ids), next(ids)
    effects = "".join(
        _appear(shape, next(ids), next(ids), "clickEffect" if n == 0 else "withEffect")
        for n, shape in enumerate(shapes)
    )
    return (
        f'<p:par><p:cTn id="{outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst><p:childTnLst>'
        f'<p:par><p:cTn id="{inner}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst>'
        f"<p:childTnLst>{effects}</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
    )


def _appear(shape: BaseShape, effect: int, behaviour: int, node: str) -> str:
    return (
        f'<p:par><p:cTn id="{effect}" presetID="1" presetClass="entr" presetSubtype="0" fill="hold" grpId="0" '
        f'nodeType="{node}"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst><p:set><p:cBhvr>'
        f'<p:cTn id="{behaviour}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn>'
        f'<p:tgtEl><p:spTgt spid="{shape.shape_id}"/></p:tgtEl><p:attrNameLst><p:attrName>style.visibility'
        '</p:attrName></p:attrNameLst></p:cBhvr><p:to><p:strVal val="visible"/></p:to></p:set></p:childTnLst>'
        "</p:cTn></p:par>"
    )
