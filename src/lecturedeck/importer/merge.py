"""Hand-split slides merged back: consecutive slides with the same title whose text can run on (bullets,
text, a definition's bullets) become one outline slide; lecturedeck's fit splits it again where it must."""

from __future__ import annotations

from lecturedeck.importer.convert import UNSPACED_MARKER, Slide

RUNS_ON = frozenset(["bullets", "text", "definition"])


def merged(slides: list[Slide]) -> list[Slide]:
    out: list[Slide] = []
    for slide in slides:
        last = out[-1] if out else None
        if last is not None and last["title"] == slide["title"] and _joinable(last, slide):
            out[-1] = _join(last, slide)
        else:
            out.append(slide)
    return out


def _joinable(first: Slide, second: Slide) -> bool:
    return first["kind"] in RUNS_ON and second["kind"] in ("bullets", "text")


def _lines(slide: Slide) -> list[object]:
    if slide["kind"] == "text":  # paragraphs as items: "+item" without its space was meant as one
        return [UNSPACED_MARKER.sub("", str(p)) for p in slide["paragraphs"]]  # type: ignore[attr-defined]
    return list(slide.get("items") or [])  # type: ignore[call-overload]


def _join(first: Slide, second: Slide) -> Slide:
    if first["kind"] == "text" and second["kind"] == "text":
        joined: Slide = {**first, "paragraphs": [*first["paragraphs"], *second["paragraphs"]]}  # type: ignore[misc]
    elif first["kind"] == "definition":
        joined = {**first, "items": _lines(first) + _lines(second)}
    else:
        joined = {"kind": "bullets", "title": first["title"], "items": _lines(first) + _lines(second)}
    notes = "\n\n".join(str(s["notes"]) for s in (first, second) if s.get("notes"))
    if notes:
        joined["notes"] = notes
    return joined
