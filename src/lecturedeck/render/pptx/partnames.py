"""Linear-time part naming for a presentation we build from scratch.

python-pptx names each new slide and notes part by scanning every part of the package
(`OpcPackage.next_partname`), which makes a deck with notes O(n²) in its slide count. We only
ever append parts to a presentation we created, so a counter per name pattern gives the same
names in constant time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI


def use_counting_partnames(package: OpcPackage) -> None:
    """Replace `package.next_partname` (on this instance only) with a counter per pattern."""
    scan: Callable[[str], PackURI] = package.next_partname
    issued: Counter[str] = Counter()

    def next_partname(tmpl: str) -> PackURI:
        if tmpl not in issued:
            issued[tmpl] = int(scan(tmpl).removeprefix(tmpl.split("%d")[0]).split(".")[0]) - 1
        issued[tmpl] += 1
        return PackURI(tmpl % issued[tmpl])

    package.next_partname = next_partname  # type: ignore[method-assign]
