"""Hand-split slides merged back: consecutive slides with the same title whose content can run on (bullets,
text and a definition's bullets; listings in one language; tables with one header) become one outline slide;
lecturedeck's fit splits it again where it must."""

from __future__ import annotations

from lecturedeck.importer.convert import UNSPACED_MARKER, Slide

RUNS_ON = frozenset(["bullets", "text", "definition"])


def merged(slides: list[Slide], cut_at_blank: bool = False) -> list[Slide]:
    """The slides with runs joined; `cut_at_blank`: lecturedeck's own continuation slides, whose listings were
    cut at a blank line where there was one (it is not shown), so parts are joined with one."""
    out: list[Slide] = []
    for slide in slides:
        last = out[-1] if out else None
        if last is not None and last["title"] == slide["title"] and _joinable(last, slide):
            out[-1] = _join(last, slide, "\n\n" if cut_at_blank else "\n")
        else:
            out.append(slide)
    return out


def _joinable(first: Slide, second: Slide) -> bool:
    if first["kind"] == second["kind"] == "code":
        return first["language"] == second["language"]
    if first["kind"] == second["kind"] == "table":
        return first["header"] == second["header"]
    return first["kind"] in RUNS_ON and second["kind"] in ("bullets", "text")


def _lines(slide: Slide) -> list[object]:
    if slide["kind"] == "text":  # paragraphs as items: "+item" without its space was meant as one
        return [UNSPACED_MARKER.sub("", str(p)) for p in slide["paragraphs"]]  # type: ignore[attr-defined]
    return list(slide.get("items") or [])  # type: ignore[call-overload]


def _join(first: Slide, second: Slide, line_break: str) -> Slide:
    if first["kind"] == "code":
        joined: Slide = {**first, "code": f"{first['code']}{line_break}{second['code']}"}
    elif first["kind"] == "table":
        joined = {**first, "rows": [*first["rows"], *second["rows"]]}  # type: ignore[misc]
    elif first["kind"] == "text" and second["kind"] == "text":
        joined = {**first, "paragraphs": [*first["paragraphs"], *second["paragraphs"]]}  # type: ignore[misc]
    elif first["kind"] == "definition":
        joined = {**first, "items": _lines(first) + _lines(second)}
    else:
        joined = {"kind": "bullets", "title": first["title"], "items": _lines(first) + _lines(second)}
        if first.get("reveal") or second.get("reveal"):
            joined["reveal"] = True
    notes = "\n\n".join(str(s["notes"]) for s in (first, second) if s.get("notes"))
    if notes:
        joined["notes"] = notes
    return joined
