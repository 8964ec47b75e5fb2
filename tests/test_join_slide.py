"""`kind: join`: the built slide (PPTX and HTML) holds the white square for the QR code, the labels and
placeholders that deck present fills in (tests/test_present_pages.py); a text too long is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import deck
from tests.courses import write_course


def course(tmp: Path, text: str) -> Path:
    lecture = f"title: L\nsections:\n  - title: S\n    slides:\n      - kind: join\n        title: 扫码参与\n{text}"
    return write_course(tmp / "c", {"01-j.yaml": lecture}, title="Join course", lang="zh-CN")


def test_the_built_slide_has_the_square_labels_and_placeholders(tmp_path: Path) -> None:
    code, _, err = deck(
        "build", course(tmp_path, "        text: 用手机作答。\n"), "--to", "pptx", "--out", tmp_path / "o"
    )
    assert code == 0, err
    slide = Presentation(str(tmp_path / "o" / "c" / "01-j.pptx")).slides[2]  # after the title and the divider
    texts = {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
    assert texts["Join text"] == "用手机作答。"
    assert texts["Join link label"] == "用手机打开" and texts["Join room label"] == "房间号"
    assert texts["Join link"] == texts["Join room"] == "—"
    assert "deck present" in texts["Join code hint"]
    (square,) = [s for s in slide.shapes if s.name == "Join code"]
    assert square.width == square.height


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("        url: x\n", "01-j.yaml:7:9:", "unknown key 'url'"),
        ("        text: '" + "很长的说明。" * 120 + "'\n", "01-j.yaml:5:9:", "shorten the text"),
    ],
)
def test_mistakes_are_located(tmp_path: Path, text: str, where: str, message: str) -> None:
    code, _, err = deck("check", course(tmp_path, text))
    assert code == 2
    assert where in err and message in err, err
