"""Where the package finds its data: inside the installed package (`lecturedeck/resources/`, read with
importlib.resources), so a wheel works from any folder with no checkout anywhere."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_folder(package: str) -> Path:
    """The folder of an installed package. Jinja2, node and npm need real files, and pip, pipx and uv always
    install a wheel as files (never imported from a zip archive)."""
    folder = files(package)
    if not isinstance(folder, Path):
        raise ImportError(f"{package} must be installed as files (pip, pipx or uv), not imported from an archive")
    return folder


RESOURCES = package_folder("lecturedeck.resources")
TEMPLATES_DIR = RESOURCES / "templates"
THEMES_DIR = RESOURCES / "themes"
NODE_DIR = RESOURCES / "node"  # package.json + package-lock.json: the pinned Node tools


def checkout() -> Path | None:
    """The repository root when lecturedeck runs from its checkout (an editable install: pyproject.toml and
    package-lock.json two levels above the package), else None."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "package-lock.json").is_file() else None
