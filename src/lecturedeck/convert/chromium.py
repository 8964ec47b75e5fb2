"""The system Chromium that printing (PDF, PNG, handouts) drives: where it is, and how to start it."""

from __future__ import annotations

import os
import shutil

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMIUM_VARIABLE = "LECTUREDECK_CHROMIUM"  # a browser to use instead; empty: none


def find_chromium() -> str | None:
    """The Chromium to use: $LECTUREDECK_CHROMIUM when set (empty: none), else the first one on PATH."""
    chosen = os.environ.get(CHROMIUM_VARIABLE)
    if chosen is not None:
        return shutil.which(chosen) if chosen else None
    return next((path for name in CHROMIUM if (path := shutil.which(name))), None)


def sandbox_args() -> list[str]:
    """Chromium's extra arguments for this user: root runs it with --no-sandbox (Chromium refuses root
    otherwise; it shows only our own pages)."""
    return ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
