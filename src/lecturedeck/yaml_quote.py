"""Writing a text value into YAML that lecturedeck (or Marp) reads back as exactly that text."""

from __future__ import annotations

import math


def yaml_quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar on one line: backslashes, quotes, line breaks and every
    character YAML cannot hold as is are escaped, so `C:\\path`, `: `, `#`, a leading `-`, `*`, `&` or `!`
    and new lines load back unchanged and can never add a key, a comment or a directive."""
    import yaml  # loaded only to write: the command line (which imports this for `deck new`) starts sooner

    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=math.inf).rstrip("\n")
