"""`lecturedeck doctor`: what the tool found on this machine and what it will use, with a fix for anything
missing. A finding is `fail` when the default build (md, html, pptx) cannot run without it, `warn` when only
an optional feature or the faithfulness of the fonts suffers."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

from lecturedeck.convert import node_tools
from lecturedeck.convert.chromium import find_chromium
from lecturedeck.convert.node_setup import node_found, version_of
from lecturedeck.plan.fonts import family_key, fc_match
from lecturedeck.themes.files import builtin_themes, course_themes

Status = Literal["ok", "warn", "fail"]
REINSTALL = "reinstall lecturedeck (pipx reinstall lecturedeck, or pip install --force-reinstall lecturedeck)"
PACKAGES = {  # distribution → what it is used for
    "python-pptx": "the PPTX",
    "matplotlib": "display formulas in the PPTX",
    "pydantic": "reading outlines and themes",
    "pillow": "images and text measuring",
    "playwright": "--to pdf and png (drives the system Chromium)",
    "pikepdf": "--to pdf (bookmarks, title and language, the course PDF)",
}
# Faces with the metrics of a family they stand in for, as fontconfig substitutes them on Linux.
METRIC_TWINS = {
    "Arial": ("Liberation Sans", "Arimo"),
    "Helvetica": ("Liberation Sans", "Arimo"),
    "Times New Roman": ("Liberation Serif", "Tinos"),
    "Courier New": ("Liberation Mono", "Cousine"),
}
DEBIAN_FONTS = {
    "Liberation Sans": "fonts-liberation",
    "Liberation Serif": "fonts-liberation",
    "Liberation Mono": "fonts-liberation",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Source Han Sans SC": "fonts-noto-cjk",
}
STACKS = (  # (label, Fonts field, fontconfig pattern suffix, what the stack sets)
    ("Latin", "latin", "", "body text"),
    ("CJK", "east_asian", ":lang=zh-cn", "Chinese text"),
    ("mono", "mono", ":spacing=mono", "code"),
)


@dataclass(frozen=True)
class Finding:
    component: str
    status: Status
    found: str  # version and path, or what is missing
    used_for: str
    fix: str = ""


def diagnose(courses: Iterable[Path] = ()) -> list[Finding]:
    """Every finding, in the order the table shows them; the fonts of the built-in themes and of the own themes
    of the given course folders."""
    return [*_python(), *_node(), *_clients(), *_fonts(courses)]


def ready(findings: list[Finding]) -> bool:
    """Everything the default build needs is present."""
    return all(f.status != "fail" for f in findings)


def _python() -> Iterator[Finding]:
    yield Finding("Python", "ok", f"{sys.version.split()[0]} ({sys.executable})", "everything")
    for name, used_for in PACKAGES.items():
        try:
            yield Finding(name, "ok", version(name), used_for)
        except PackageNotFoundError:
            yield Finding(name, "fail", "not installed", used_for, REINSTALL)
    yield _cairo()


def _cairo() -> Finding:
    used_for = "SVG images in the PPTX"
    try:
        import cairocffi  # what cairosvg draws with: loads the system's libcairo

        return Finding(
            "cairosvg", "ok", f"{version('cairosvg')}, libcairo {cairocffi.cairo_version_string()}", used_for
        )
    except (ImportError, OSError, PackageNotFoundError) as exc:
        fix = f"install the cairo library (Debian/Ubuntu: 'sudo apt install libcairo2'), or {REINSTALL}"
        return Finding("cairosvg", "fail", f"cannot load: {exc}", used_for, fix)


def _node() -> Iterator[Finding]:
    (node, node_version, recent), npm = node_found(), shutil.which("npm")
    install = f"install Node.js ≥ {node_tools.MIN_NODE} with npm ({node_tools.NODE_HINT})"
    if recent:
        yield Finding("Node.js", "ok", f"{node_version} ({node})", "running marp-cli and markmap-cli")
    else:
        found = (
            f"{node_version or 'unknown version'} ({node}), older than {node_tools.MIN_NODE}" if node else "not on PATH"
        )
        yield Finding("Node.js", "fail", found, "running marp-cli and markmap-cli (HTML)", install)
    npm_version = version_of(npm) if npm else None
    if npm and npm_version:
        yield Finding("npm", "ok", f"{npm_version} ({npm})", "'lecturedeck setup'")
    else:
        yield Finding("npm", "warn", "not on PATH", "'lecturedeck setup'", install)
    for tool in node_tools.TOOLS:
        yield _tool(tool)


def _tool(tool: node_tools.Tool) -> Finding:
    pin = node_tools.pins()[tool.package]
    found = node_tools.locate(tool)
    if found is None:
        looked = ", ".join(str(folder) for _, folder in node_tools.places())
        return Finding(tool.name, "fail", f"not found (looked in {looked})", tool.needed_for, node_tools.setup_hint())
    where = f"{found.version} (pinned {pin}), {found.source}: {found.folder}"
    problem = node_tools.mismatch(found)
    return Finding(tool.name, "fail" if problem else "ok", where, tool.needed_for, problem or "")


def _clients() -> Iterator[Finding]:
    chromium = find_chromium()
    used_for = "--to pdf, png and handout, screenshots (docs/, the real-client tests)"
    if chromium:
        yield Finding("Chromium", "ok", f"{version_of(chromium) or '?'} ({chromium})", used_for)
    else:
        yield Finding("Chromium", "warn", "not found", used_for, "Debian/Ubuntu: 'sudo apt install chromium'")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    used_for = "checking the PPTX as LibreOffice shows it (optional)"
    if soffice:
        yield Finding("LibreOffice", "ok", f"{version_of(soffice) or '?'} ({soffice})", used_for)
    else:
        yield Finding(
            "LibreOffice", "warn", "not found", used_for, "Debian/Ubuntu: 'sudo apt install libreoffice-impress'"
        )


def _fonts(courses: Iterable[Path]) -> Iterator[Finding]:
    themes = [(info.name, info.theme.fonts) for info in builtin_themes()]
    for course in courses:  # a course theme that cannot be read is reported by deck check and deck themes
        themes += [(f"{course.name}/{info.name}", info.theme.fonts) for info in course_themes(course)[0]]
    for theme, fonts in themes:
        for label, field, suffix, used_for in STACKS:
            yield font_finding(f"{theme} {label} font", getattr(fonts, field), suffix, used_for)


def font_finding(component: str, stack: tuple[str, ...], suffix: str, used_for: str) -> Finding:
    """The face fontconfig picks for the stack's first family (the one the PPTX names and both clients end on)."""
    twins = METRIC_TWINS.get(stack[0], ())
    packages = sorted({DEBIAN_FONTS[f] for f in (*stack, *twins) if f in DEBIAN_FONTS})
    fix = f"install {stack[0]}" + (f" or a metric twin ({', '.join(twins)})" if twins else "")
    fix += f" or {', '.join(stack[1:])}" if len(stack) > 1 else ""
    fix += f" (Debian/Ubuntu: 'sudo apt install {' '.join(packages)}')" if packages else ""
    face = fc_match(f"{stack[0]}{suffix}")
    if face is None:
        return Finding(component, "warn", "fontconfig not found: text is measured by a width model", used_for, fix)
    found = f"{face.families[0] if face.families else '?'} for {stack[0]} ({face.path})"
    good = {family_key(name) for name in (*stack, *twins)}
    if any(family_key(family) in good for family in face.families):
        return Finding(component, "ok", found, used_for)
    return Finding(component, "warn", f"{found}: not a face of {', '.join(stack)}", used_for, fix)
