"""`deck serve`: build, serve the output folder, rebuild the courses a save touched, tell the open tabs."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack, closing
from pathlib import Path

from lecturedeck.convert.marp import StartedMarp, early_marp
from lecturedeck.errors import DeckError, problems_of
from lecturedeck.incremental import build_courses
from lecturedeck.outline.discover import find_course_file
from lecturedeck.parallel import default_jobs
from lecturedeck.serve.server import HOST, PreviewServer
from lecturedeck.serve.state import PreviewState
from lecturedeck.serve.watch import watching

Say = Callable[[str], None]


class Rebuilder:
    """Builds courses one by one, so a broken course never holds back the others, and remembers the
    problems of each course until a save fixes them. Within a course only the lectures whose inputs
    changed are rebuilt (lecturedeck.incremental), on every core as `deck build` does."""

    def __init__(self, out_dir: Path, state: PreviewState) -> None:
        self.out_dir = out_dir
        self.state = state
        self.problems: dict[Path, tuple[str, ...]] = {}
        self._marp: StartedMarp | None = None
        self._spare = ExitStack()  # holds self._marp

    def close(self) -> None:
        self._spare.close()

    def _ready_marp(self) -> StartedMarp | None:
        """marp-cli started and waiting for the next build's markdown: node loads it while nothing is saved.
        None when it cannot start (the build then says why)."""
        if self._marp is None or self._marp.given:
            self._spare.close()
            self._marp = None
            try:
                self._marp = self._spare.enter_context(early_marp())
            except DeckError:
                return None
        return self._marp

    def rebuild(self, folders: Sequence[Path], say: Say, warn: Say) -> None:
        """Build `folders` (course folders); a course that fails keeps its last good build in OUT. Tabs
        reload when a lecture was rebuilt; problems fixed by going back to the built text just go away."""
        built = False
        for folder in folders:
            started = time.perf_counter()
            try:
                results = build_courses([folder], self.out_dir, jobs=default_jobs(), marp=self._ready_marp())
            except DeckError as exc:
                self.problems[folder] = tuple(str(problem) for problem in problems_of(exc))
                warn("\n".join(self.problems[folder]))
                kept = (self.out_dir / folder.name).is_dir()
                served = "its last good build is still served" if kept else "nothing is served for it yet"
                warn(f"{folder.name}: not built, {served}; fix the above and save")
                continue
            self.problems.pop(folder, None)
            rebuilt = [result.stem for result in results if result.rebuilt]
            built = built or bool(rebuilt)
            seconds = time.perf_counter() - started
            say(
                f"{folder.name}: rebuilt {', '.join(rebuilt)} in {seconds:.1f} s"
                if rebuilt
                else f"{folder.name}: up to date"
            )
        self.state.publish(built, tuple(line for lines in self.problems.values() for line in lines))
        self._ready_marp()  # for the next save


def serve(paths: Sequence[Path], out_dir: Path, port: int, say: Say, warn: Say) -> None:
    """Build the courses at `paths` (every format, as `deck build`) into `out_dir`, serve it on
    127.0.0.1:`port` (0: any free port) and rebuild on every save, until a stop signal raises `Interrupted`."""
    folders = [find_course_file(path).parent for path in paths]
    state = PreviewState()
    # a busy port is said before any work; saves during the first build are not missed
    with (
        PreviewServer(out_dir, state, port) as server,
        watching(folders, out_dir) as watcher,
        closing(Rebuilder(out_dir, state)) as rebuilder,
    ):
        rebuilder.rebuild(folders, say, warn)
        for folder in folders:
            say(f"Serving http://{HOST}:{server.port}/{folder.name}/index.html — Ctrl-C to stop")
        while True:
            rebuilder.rebuild([folder for folder in folders if folder.resolve() in watcher.next()], say, warn)
