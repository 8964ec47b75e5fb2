"""theme.yaml files → Theme: built-in and course themes, `extends`, located errors, readable colour pairs.

A course may carry its own themes, `themes/<name>/theme.yaml` beside course.yaml; in that course they win over
built-in themes of the same name. A theme file may start with `extends: <name>` (a theme of the same course, or
a built-in one) and give only the tokens it changes: the parent's tokens are merged with the file's, mapping by
mapping (lists and single values are replaced), and the result is validated as a whole. Every problem is a
DeckError at the theme file's line and column, as for outlines; a colour pair that text is drawn with below
WCAG AA (theme_contrast) is one too.

A course theme's key (`Theme.name`: what decks, the Marp CSS and the PPTX call it) is its folder name and a
digest of its tokens, so two courses with different themes of the same name never collide in one build.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError

from lecturedeck.errors import DeckError, Location, combined, problems_of
from lecturedeck.outline.confine import confined_file
from lecturedeck.outline.messages import schema_errors
from lecturedeck.outline.yaml_source import SourceMap, load_yaml
from lecturedeck.themes import (
    DEFAULT_THEME,
    Colors,
    Theme,
    ThemeTokens,
    builtin_theme_files,
    remember,
    unknown_theme_message,
)
from lecturedeck.themes.contrast import AA, BAND, Pair, colour, unreadable

COURSE_THEMES = "themes"  # <course folder>/themes/<name>/theme.yaml
THEME_FILE = "theme.yaml"
NAME = re.compile(r"[^./\\][^/\\]*")  # a theme's name: its folder's name (one path step, not hidden)


class ThemeFile(ThemeTokens):
    """What a theme.yaml holds: the tokens, and the theme it builds on (then only the tokens it changes)."""

    extends: str | None = None


@dataclass(frozen=True)
class ThemeInfo:
    """A theme read from its file, with where it comes from and what it extends."""

    name: str  # as its author calls it: its folder's name
    path: Path  # its theme.yaml
    builtin: bool
    parent: ThemeInfo | None
    theme: Theme


@dataclass(frozen=True)
class ThemeScope:
    """Where theme names are looked up: a course's own themes first, then the built-in ones."""

    course_dir: Path | None = None  # None: built-in themes only

    def names(self) -> list[str]:
        """The course's own themes (folders of themes/ with a theme.yaml)."""
        if self.course_dir is None:
            return []
        return sorted(p.parent.name for p in (self.course_dir / COURSE_THEMES).glob(f"*/{THEME_FILE}"))

    def confined(self, name: str, where: Location | None) -> Path:
        """A theme file named relative to the course folder, which it must lie in (like every file a course reads);
        the path as written (messages name it so)."""
        assert self.course_dir is not None
        if (self.course_dir / name).is_dir():
            name = str(PurePath(name) / THEME_FILE)
        where = where or Location(self.course_dir / name)
        confined_file(name, self.course_dir, self.course_dir.resolve(), "theme file", where)
        return self.course_dir / name

    def find(self, name: str, where: Location | None, extending: Path | None = None) -> tuple[Path, bool]:
        """The file of the theme called `name` and whether it is built in. `extending`: the theme file that names
        it in `extends:`; a course theme extending its own name builds on the built-in theme it replaces."""
        if NAME.fullmatch(name):
            builtin = builtin_theme_files().get(name)
            own = f"{COURSE_THEMES}/{name}/{THEME_FILE}"
            if self.course_dir is not None and os.path.lexists(self.course_dir / own):
                path = self.confined(own, where)
                if extending is None or path.resolve() != extending.resolve():
                    return path, False
                if builtin is None:
                    raise DeckError(
                        f"theme '{name}' extends itself: name the theme it builds on, e.g. 'extends: {DEFAULT_THEME}'",
                        where,
                    )
            if builtin is not None:
                return builtin, True
        raise DeckError(unknown_theme_message(name, self.names()), where)


def is_path(ref: str) -> bool:
    """Whether a theme reference is a path (it has a / or ends in .yaml) rather than a name."""
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def resolve_theme(ref: str, course_dir: Path, where: Location | None = None, *, command_line: bool = False) -> Theme:
    """The theme a course uses, read and made known to `load_theme`: `ref` is a name (the course's own theme, else
    a built-in one) or the path of a theme.yaml or of its folder — relative to the course folder and inside it
    for course.yaml's `theme:` (`where`), relative to the current folder for `--theme` (`command_line`)."""
    scope = ThemeScope(course_dir)
    if not is_path(ref):
        path, builtin = scope.find(ref, where)
        return remember(read_theme_file(path, builtin, scope, where).theme)
    if command_line:
        path = Path(ref) / THEME_FILE if Path(ref).is_dir() else Path(ref)
        if not path.is_file():
            raise DeckError(
                f"--theme {ref}: no theme file at {path}; pass a theme.yaml, its folder, or a theme's name "
                "(see 'deck themes')"
            )
    else:
        path = scope.confined(ref, where)
    return remember(read_theme_file(path, False, scope, where).theme)


def read_builtin_theme(name: str) -> Theme:
    """A built-in theme by name; an unknown name raises DeckError with suggestions."""
    scope = ThemeScope()
    path, _ = scope.find(name, None)
    return read_theme_file(path, True, scope).theme


def read_theme_file(
    path: Path, builtin: bool, scope: ThemeScope, referenced_from: Location | None = None, chain: tuple[Path, ...] = ()
) -> ThemeInfo:
    """Read, merge with what it extends, and check one theme file (`chain`: the files extending it)."""
    doc = load_yaml(path, referenced_from)
    data = doc.data
    if not isinstance(data, dict):
        raise DeckError(
            "expected a mapping of theme tokens (colors:, fonts:, …) at the top of the file", Location(path, 1, 1)
        )
    parent = _parent(data, path, scope, doc.source, chain)
    merged = _merged(parent.theme.model_dump(exclude={"name"}), data) if parent else data
    tokens = _validated(merged, doc.source)
    problems = [_unreadable(pair, found, tokens.colors, data, doc.source) for pair, found in unreadable(tokens.colors)]
    if problems:
        raise combined(problems)
    name = path.parent.name
    values = tokens.model_dump(exclude={"extends"})
    theme = Theme(name=name if builtin else _course_key(name, tokens), **values)
    return ThemeInfo(name, path, builtin, parent, theme)


def _parent(
    data: dict[str, Any], path: Path, scope: ThemeScope, source: SourceMap, chain: tuple[Path, ...]
) -> ThemeInfo | None:
    """The theme a file's `extends:` names, read (a circle of themes extending each other is an error)."""
    if "extends" not in data:
        return None
    where = source.locate(("extends",))
    name = data["extends"]
    if not isinstance(name, str):
        raise DeckError(f"'extends' must name one theme, e.g. 'extends: {DEFAULT_THEME}'", where)
    parent, builtin = scope.find(name, where, extending=path)
    here = (*chain, path.resolve())
    if parent.resolve() in here:
        circle = [p.parent.name for p in here[here.index(parent.resolve()) :]] + [parent.parent.name]
        raise DeckError(
            f"themes extend each other in a circle ({' → '.join(circle)}): one of them must extend another theme, "
            f"e.g. 'extends: {DEFAULT_THEME}'",
            where,
        )
    return read_theme_file(parent, builtin, scope, where, here)


def _validated(data: dict[str, Any], source: SourceMap) -> ThemeFile:
    """The tokens, or every problem located. Tokens left out are said once (only a theme that extends
    none can leave any out: it must give them all)."""
    try:
        return ThemeFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        missing = [".".join(map(str, e["loc"])) for e in errors if e["type"] == "missing"]
        if not missing:
            raise schema_errors(errors, ThemeFile, data, source) from None
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        problems = [
            DeckError(
                f"the theme leaves out {len(missing)} token(s) ({shown}): start the file with 'extends: "
                f"{DEFAULT_THEME}' (or another theme, see 'deck themes') to take the tokens it leaves out from "
                "there, or give them all",
                Location(source.path, 1, 1),
            )
        ]
        rest = [e for e in errors if e["type"] != "missing"]
        if rest:
            problems += problems_of(schema_errors(rest, ThemeFile, data, source))
        raise combined(problems) from None


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` laid on `base`: mappings merged key by key, anything else replaced."""
    out = dict(base)
    for key, value in over.items():
        below = out.get(key)
        out[key] = _merged(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return out


def _course_key(name: str, tokens: ThemeFile) -> str:
    """A course theme's key: its name (as a CSS-safe word) and a digest of its tokens."""
    word = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "theme"
    digest = hashlib.sha256(tokens.model_dump_json(exclude={"extends"}).encode()).hexdigest()[:10]
    return f"{word}-{digest}"


def _unreadable(pair: Pair, found: float, colors: Colors, data: dict[str, Any], source: SourceMap) -> DeckError:
    """An unreadable pair, located at the colour this file sets (the first of the pair's if it sets both)."""
    own = data.get("colors")
    token = next((t for t in pair.tokens if isinstance(own, dict) and t in own), pair.tokens[0])

    def named(t: str) -> str:
        if t == BAND:
            return f"the highlighted code line ({colour(colors, t)}: accent over code_background)"
        return f"{t} ({colour(colors, t)})"

    return DeckError(
        f"{named(pair.fg)} on {named(pair.bg)} has a contrast of {found:.2f}:1, less than the {AA:g}:1 "
        f"WCAG AA asks for ({pair.where}): make '{token}' darker or lighter",
        source.locate(("colors", token)),
    )


def course_themes(course_dir: Path) -> tuple[list[ThemeInfo], list[DeckError]]:
    """Every theme of a course's themes/ folder, and the problems of those that cannot be used."""
    scope = ThemeScope(course_dir)
    found: list[ThemeInfo] = []
    problems: list[DeckError] = []
    for name in scope.names():
        try:
            path, builtin = scope.find(name, None)
            found.append(read_theme_file(path, builtin, scope))
        except DeckError as exc:
            problems += problems_of(exc)
    return found, problems


def builtin_themes() -> list[ThemeInfo]:
    """Every built-in theme."""
    return [read_theme_file(path, True, ThemeScope()) for path in builtin_theme_files().values()]
