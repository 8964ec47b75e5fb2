"""marp-cli started before the command line loads, for a command that will convert markdown to HTML.

`deck build` (and `deck serve`) start marp-cli early anyway (convert.marp.early_marp), but only once the CLI,
typer and rich are loaded (~0.15 s). Started from the entry point instead, node loads and warms marp-cli up
during those imports too. The guess is made from the command line's words alone, before it is parsed: a
wrong guess only costs a node started for nothing (stopped when the command ends) or one started later.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress

from lecturedeck.convert.marp import StartedMarp, early_marp, offered
from lecturedeck.errors import DeckError
from lecturedeck.output.course_files import CONVERTED

COMMANDS = ("build", "serve")  # the commands that convert markdown with marp-cli
HELP = ("--help", "-h")


def converts(argv: list[str]) -> bool:
    """Whether `deck ARGV` looks like a build or serve making a format converted from HTML: its command is
    the first word that is not an option (the global options take no value), and a `--to` it gives (build's
    formats) names one of CONVERTED."""
    command = next((word for word in argv if not word.startswith("-")), None)
    if command not in COMMANDS or any(word in HELP for word in argv):
        return False
    chosen = None  # the last --to wins, as typer reads it
    for index, word in enumerate(argv):
        if word == "--to" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif word.startswith("--to="):
            chosen = word.removeprefix("--to=")
    return chosen is None or bool(CONVERTED & {name.strip().lower() for name in chosen.split(",")})


@contextmanager
def marp_head_start(argv: list[str]) -> Iterator[None]:
    """Run the block (the command line) with marp-cli started first when `argv` converts markdown: the
    block's first early_marp() takes it. It is stopped when the block ends if it still runs."""
    with ExitStack() as started:
        marp: StartedMarp | None = None
        if converts(argv):
            with suppress(DeckError):  # no Node or marp-cli: the command itself says so, at the right time
                marp = started.enter_context(early_marp())
        with offered(marp):
            yield
