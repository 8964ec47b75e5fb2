"""The kinds registry: every slide kind has all its pieces in its home (lecturedeck/kinds/<kind>/), and the
registry, the outline schema and the planned block types agree."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import pytest

from lecturedeck.build import load_and_plan
from lecturedeck.kinds import KINDS_DIR, NAMES, Kind, kind_of, kinds, whole_body
from lecturedeck.outline.schema import SLIDE_KINDS
from lecturedeck.plan import model as m
from tests.conftest import ROOT

COURSES = [
    ROOT / "slides" / "llm-course",
    ROOT / "slides" / "starter",
    ROOT / "tests" / "fixtures" / "rich" / "attention",
]


@pytest.fixture(params=NAMES)
def kind(request: pytest.FixtureRequest) -> Kind:
    return kinds()[request.param]


def test_the_registry_lists_every_home_and_nothing_else() -> None:
    homes = sorted(p.name for p in KINDS_DIR.iterdir() if (p / "__init__.py").is_file())
    assert homes == sorted(NAMES)
    assert SLIDE_KINDS == NAMES
    assert list(kinds()) == list(NAMES)


def test_a_kind_has_every_piece(kind: Kind) -> None:
    spec_kind = kind.spec.model_fields["kind"].annotation
    assert typing.get_args(spec_kind) == (kind.name,), "the spec's `kind:` literal is the kind's name"
    assert kind.block in typing.get_args(m.Block)
    for step in (kind.plan, kind.height, kind.split, kind.layout):
        assert step is None or callable(step)
    assert (kind.folder / "slide.md.j2").is_file(), f"{kind.name}: no Marp template"
    drawer = kind.drawer()
    assert callable(drawer)
    assert list(inspect.signature(drawer).parameters)[:3] == ["slide", "frame", "ts"]
    if kind.fills_box and kind.split is not None:  # timelines: split by events when one slide cannot show them
        assert kind.height is not whole_body, "a graphic filling the box splits only if its height says it does not fit"


def test_every_planned_block_type_belongs_to_exactly_one_kind() -> None:
    owners = [k.block for k in kinds().values()]
    assert sorted(t.__name__ for t in owners) == sorted(t.__name__ for t in typing.get_args(m.Block))
    assert len(set(owners)) == len(owners)


def test_every_kind_is_planned_into_its_block() -> None:
    """Each kind appears in the sample courses and plans into its own block type (first, or after the text
    leading into it: a formula's intro)."""
    seen: set[str] = set()
    for (planned,) in (load_and_plan([course]) for course in COURSES):
        for deck in planned.decks:
            for slide in deck.slides:
                if slide.role is m.SlideRole.CONTENT and slide.part == 1:
                    own = [b for b in slide.blocks if kind_of(b).name == slide.kind]
                    assert own and all(kind_of(b).name == "text" for b in slide.blocks[: slide.blocks.index(own[0])])
                    seen.add(slide.kind)
    assert seen == set(NAMES)


def test_stylesheets_are_in_the_homes_of_their_kinds() -> None:
    for path in Path(KINDS_DIR).glob("*/*.css.j2"):
        assert path.name == "style.css.j2" and path.parent.name in NAMES
