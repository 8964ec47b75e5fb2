"""One file written atomically: readers see the old file or the new one, never a part."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside `target` under a unique temporary name, then rename over it; the temporary file never stays
    behind (OSError from the write or the rename propagates)."""
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False) as file:
        try:
            file.write(data)
            file.close()
            os.replace(file.name, target)
        finally:
            Path(file.name).unlink(missing_ok=True)  # left only when the write or the rename failed
