"""`deck` and `python -m lecturedeck`: the command line (lecturedeck.cli), with marp-cli given a head start
(lecturedeck.convert.head_start) while the command line loads."""

import sys

from lecturedeck.convert.head_start import marp_head_start


def main() -> None:
    """Run the `deck` command line."""
    with marp_head_start(sys.argv[1:]):
        from lecturedeck.cli import main as command_line  # typer, rich and the commands load while node starts

        command_line()


if __name__ == "__main__":
    main()
