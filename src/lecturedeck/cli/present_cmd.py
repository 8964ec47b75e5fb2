"""`deck present` (one lecture live: the presenter's page and the audience's phones) and `deck results`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

out = Console(soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def present_command(
    course: Annotated[Path, typer.Argument(help="The course folder (or its course.yaml).", show_default=False)],
    lecture: Annotated[
        str,
        typer.Argument(help="The lecture: its file stem (01-overview) or a unique prefix (01).", show_default=False),
    ],
    lan: Annotated[
        bool, typer.Option("--lan", help="Listen on this machine's network address, so phones on the network can join.")
    ] = False,
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            "-p",
            min=0,
            max=65535,
            help="Port; 0 picks a free one. Default: the port a resumed session was served on, else 8700.",
            show_default=False,
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            help="Session name: an existing one is resumed (same links on the port it was served on, every answer "
            "kept). Default: a new session COURSE-LECTURE-YYYYMMDD-HHMM.",
        ),
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder, as for build; the course goes to OUT/<course>/.")
    ] = Path("build"),
) -> None:
    """Present a lecture live: students answer its quiz and poll slides from their phones.

    Builds the course if needed, then serves the lecture on http://127.0.0.1:PORT/ (with --lan on the
    machine's network address instead) and prints two links: the presenter's (with a secret token: keep it
    to yourself) and the join link for the audience (show it, or its QR code on the join slide).
    Answers are stored in ~/.local/share/lecturedeck/sessions/SESSION.sqlite3 (or under $XDG_DATA_HOME)
    before they are acknowledged; see them with 'deck results SESSION'. Ctrl-C stops.
    """
    from lecturedeck.convert.marp import marp_command
    from lecturedeck.present.run import present

    marp_command()  # the lecture is presented as HTML: a missing Node tool is said before any work
    present(
        course,
        lecture,
        out_dir,
        port,
        lan,
        session,
        lambda line: out.print(line, markup=False),
        lambda line: err.print(line, markup=False),
    )


def results_command(
    session: Annotated[
        str, typer.Argument(help="A session name (as deck present printed it) or a .sqlite3 file.", show_default=False)
    ],
    csv: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            help="Write the counts (question, choice, count, …) to this CSV file, and the anonymous per-device "
            "answers beside it (NAME.devices.csv).",
        ),
    ] = None,
) -> None:
    """Print how a live session's questions were answered: the count of every choice."""
    from lecturedeck.present.results import read_results, write_csvs
    from lecturedeck.present.session import find_session

    counts, answers = read_results(find_session(session))
    table = Table(title=f"Session {escape(session)}", title_justify="left")
    for column in ("question", "slide", "kind", "status", "choice", "count", "share", ""):
        table.add_column(column, justify="right" if column in ("slide", "count", "share") else "left", overflow="fold")
    for n, c in enumerate(counts):
        q, first = c.question, c.choice == "A"
        share = f"{c.count / c.answers:.0%}" if c.answers else "–"
        table.add_row(
            escape(f"{q.q}: {q.question}") if first else "",
            *((str(q.slide), q.kind, q.status) if first else ("", "", "")),
            escape(f"{c.choice}. {c.text}"),
            str(c.count),
            share,
            "✓ correct" if c.correct else "",
            end_section=n + 1 == len(counts) or counts[n + 1].choice == "A",
        )
    out.print(table)
    devices = len({a.device for a in answers})
    out.print(f"{len(answers)} answers from {devices} devices.", markup=False)
    if csv is not None:
        written = write_csvs(counts, answers, csv)
        out.print(f"Wrote {written[0]} and {written[1]}.", markup=False)
