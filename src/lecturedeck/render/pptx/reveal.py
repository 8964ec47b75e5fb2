"""Step-by-step reveal in the PPTX: one on-click "Appear" entrance per paragraph, written as the slide's
`p:timing` tree (python-pptx has no animation API). PowerPoint and LibreOffice step through the clicks;
a PDF export ignores animations and shows every paragraph."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from pptx.oxml.ns import qn
from pptx.slide import Slide

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
Step = tuple[int, int]  # (shape id, paragraph index): one item that appears on a click
AFTER_TIMING = ("p:extLst",)  # p:sld's children that follow p:timing (p:clrMapOvr, p:transition precede it)

ROOT = f"""<p:timing xmlns:p="{P}"><p:tnLst><p:par>
<p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"><p:childTnLst>
<p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst/></p:cTn>
<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst>
<p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst>
</p:seq></p:childTnLst></p:cTn></p:par></p:tnLst><p:bldLst/></p:timing>"""

CLICK = """<p:par xmlns:p="{p}"><p:cTn id="{a}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/></p:stCondLst>
<p:childTnLst><p:par><p:cTn id="{b}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
<p:par><p:cTn id="{c}" presetID="1" presetClass="entr" presetSubtype="0" fill="hold" grpId="0"
 nodeType="clickEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>
<p:set><p:cBhvr><p:cTn id="{d}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst></p:cTn>
<p:tgtEl><p:spTgt spid="{shape}"><p:txEl><p:pRg st="{para}" end="{para}"/></p:txEl></p:spTgt></p:tgtEl>
<p:attrNameLst><p:attrName>style.visibility</p:attrName></p:attrNameLst></p:cBhvr>
<p:to><p:strVal val="visible"/></p:to></p:set>
</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>"""


def _xml(text: str) -> etree._Element:
    return etree.fromstring(" ".join(line.strip() for line in text.splitlines()))


def add_steps(slide: Slide, steps: Iterable[Step]) -> None:
    """Make each (shape, paragraph) appear on its own click, in the order given; every animated shape is
    built by paragraph (`p:bldP build="p"`), so the paragraphs are hidden until their click."""
    steps = list(steps)
    if not steps:
        return
    timing = _xml(ROOT)
    sequence = timing.find(f".//{qn('p:cTn')}[@nodeType='mainSeq']/{qn('p:childTnLst')}")
    assert sequence is not None  # ROOT has it
    for n, (shape, para) in enumerate(steps):
        a = 3 + 4 * n
        sequence.append(_xml(CLICK.format(p=P, a=a, b=a + 1, c=a + 2, d=a + 3, shape=shape, para=para)))
    builds = timing.find(qn("p:bldLst"))
    for shape in dict.fromkeys(shape for shape, _ in steps):
        etree.SubElement(builds, qn("p:bldP"), spid=str(shape), grpId="0", build="p")
    sld = slide._element
    follower = next((sld.find(qn(tag)) for tag in AFTER_TIMING if sld.find(qn(tag)) is not None), None)
    if follower is None:
        sld.append(timing)
    else:
        follower.addprevious(timing)
