"""`deck` and `python -m lecturedeck`: the command line (lecturedeck.cli), with marp-cli given a head start
(lecturedeck.convert.head_start) while the command line loads."""

import gc
import sys

# The cyclic garbage collector's thresholds for a `deck` process. Nearly everything a command allocates lives
# until it ends (modules, classes, the planned decks), yet at the default (700, 10, 10) the collector runs
# thousands of times while the command line loads alone: ~10% of a rebuild's start-up. Raised as mypy does.
GC_THRESHOLDS = (200_000, 30, 30)


def main() -> None:
    """Run the `deck` command line."""
    gc.set_threshold(*GC_THRESHOLDS)
    from lecturedeck.convert.head_start import marp_head_start

    with marp_head_start(sys.argv[1:]):
        from lecturedeck.cli import main as command_line  # typer, rich and the commands load while node starts

        command_line()


if __name__ == "__main__":
    main()
