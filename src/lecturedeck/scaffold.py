"""`deck new`: a small working course copied from templates/new-course/<lang>/."""

from __future__ import annotations

from pathlib import Path

from lecturedeck.errors import DeckError
from lecturedeck.paths import TEMPLATES_DIR
from lecturedeck.yaml_quote import yaml_quoted

SCAFFOLD_DIR = TEMPLATES_DIR / "new-course"
DEFAULT_LANG = "en"
TITLE = "{title}"  # in course.yaml, the whole value of `title:`; replaced by the title as a quoted YAML scalar


def scaffold_languages() -> list[str]:
    """The languages `deck new --lang` has an example course in (one folder each)."""
    return sorted(folder.name for folder in SCAFFOLD_DIR.iterdir() if folder.is_dir())


def scaffold_course(target: Path, title: str, lang: str = DEFAULT_LANG) -> list[Path]:
    """Create a course folder from the example course in `lang`; refuses to touch a folder that already
    exists. The title may be any text: it is written as a quoted YAML scalar that loads back unchanged."""
    source = _template(lang)
    files = {path.relative_to(source): _content(path, title) for path in sorted(source.rglob("*")) if path.is_file()}
    if target.exists():
        raise DeckError(f"{target} already exists: choose another name (nothing was changed)")
    created = []
    for name, content in files.items():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(content)
        created.append(destination)
    return created


def _template(lang: str) -> Path:
    """The template folder for `lang` (matched without regard to case: zh-cn is zh-CN)."""
    languages = scaffold_languages()
    match = next((name for name in languages if name.casefold() == lang.casefold()), None)
    if match is None:
        raise DeckError(f"no example course in language '{lang}': choose --lang {' or '.join(languages)}")
    return SCAFFOLD_DIR / match


def _content(path: Path, title: str) -> bytes:
    if path.suffix != ".yaml":
        return path.read_bytes()
    text = path.read_text(encoding="utf-8").replace(TITLE, yaml_quoted(title))
    return text.encode("utf-8")
