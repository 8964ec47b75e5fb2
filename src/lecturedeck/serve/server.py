"""The preview's HTTP server: the output folder's files on 127.0.0.1, HTML with the reload script added to
the response (never to the files), the script itself, and a stream of build news (Server-Sent Events)."""

from __future__ import annotations

import errno
import json
import mimetypes
import re
import shutil
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lecturedeck.errors import DeckError
from lecturedeck.serve.state import PreviewState, Snapshot

HOST = "127.0.0.1"
PREFIX = "/__lecturedeck/"  # the server's own URLs; no file of a build starts with a dot or underscores
EVENTS = PREFIX + "events"
SCRIPT = PREFIX + "reload.js"
KEEPALIVE = 10.0  # seconds between comments on an idle event stream: a closed tab is noticed and its thread ends
BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
NOT_FOUND = b"<!doctype html><meta charset=utf-8><title>Not found</title><body><p>Not found.</p></body>"


class PreviewServer(ThreadingHTTPServer):
    """Serves `root` (the output folder) and the news of `state`."""

    daemon_threads = True  # an open event stream never holds the program up when it stops

    def __init__(self, root: Path, state: PreviewState, port: int) -> None:
        self.root = root.resolve()
        self.state = state
        self.script = files("lecturedeck.serve").joinpath("reload.js").read_bytes()
        try:
            super().__init__((HOST, port), PreviewHandler)
        except OSError as exc:
            raise DeckError(bind_problem(exc, HOST, port)) from None

    @property
    def port(self) -> int:
        """The port listened on (the one the system chose for --port 0)."""
        return int(self.server_address[1])

    def __enter__(self) -> PreviewServer:
        """Serve in a background thread until the block ends."""
        threading.Thread(target=self.serve_forever, name="deck-serve-http", daemon=True).start()
        return self

    def handle_error(self, request: object, client_address: object) -> None:
        """A tab that went away mid-answer (a reload cancels its requests) is normal: said nowhere."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    def __exit__(self, *_: object) -> None:
        """Stop taking requests, end the event streams and close the socket."""
        self.state.close()
        self.shutdown()
        self.server_close()


def bind_problem(exc: OSError, host: str, port: int) -> str:
    """What to tell when listening on `host`:`port` failed, with the fix (deck serve and deck present)."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another deck serve or deck present, or another server): "
            f"stop that one, or choose another port, e.g. --port {port + 1 if port < 65535 else 8000}, "
            "or --port 0 for any free port"
        )
    if exc.errno == errno.EACCES:
        return (
            f"port {port} on {host} needs administrator rights: choose a port above 1023, or --port 0 for any free port"
        )
    return f"cannot listen on {host} port {port} ({exc.strerror}): choose another port, or --port 0 for any free port"


def resolve(root: Path, url_path: str) -> Path | None:
    """The file under `root` a URL path names (a folder names its index.html), or None: nothing there, or a
    path that would leave `root` (`..`, encoded or not, links pointing out), or a hidden entry (staging
    folders, the lock, the manifest)."""
    path = unquote(url_path)  # bytes that are not UTF-8 become U+FFFD: no such file
    parts = [part for part in path.split("/") if part]
    if "\x00" in path or "\\" in path or any(part.startswith(".") for part in parts):
        return None
    target = root.joinpath(*parts)
    target = (target / "index.html" if target.is_dir() else target).resolve()
    return target if target.is_relative_to(root) and target.is_file() else None


def before_body_end(html: bytes, tag: bytes) -> bytes:
    """`html` with `tag` added before its last </body> (at the end when it has none)."""
    ends = list(BODY_END.finditer(html))
    at = ends[-1].start() if ends else len(html)
    return html[:at] + tag + html[at:]


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD only; every answer is uncached, so a reload always fetches the new build."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal is for build news."""

    def _answer(self, body: bool) -> None:
        if not self._host_allowed():
            self._send(
                HTTPStatus.FORBIDDEN,
                "text/plain; charset=utf-8",
                b"deck serve answers only 127.0.0.1 and localhost\n",
                body,
            )
            return
        path = urlsplit(self.path).path
        if path == EVENTS and body:
            self._events()
        elif path == SCRIPT:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", self.server.script, body)
        elif path == "/":
            self._redirect()
        else:
            self._file(path, body)

    def _host_allowed(self) -> bool:
        """Only requests that name this machine: a web page elsewhere cannot read the decks by pointing one
        of its own host names at 127.0.0.1 (DNS rebinding)."""
        host = self.headers.get("Host", "")
        return (host.rpartition(":")[0] or host) in (HOST, "localhost")  # with or without a port

    def _redirect(self) -> None:
        root = self.server.root
        found = root.iterdir() if root.is_dir() else iter(())
        courses = sorted(p.name for p in found if (p / "index.html").is_file() and p.name[0] != ".")
        if not courses:
            self._not_found(True)
            return
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", f"/{courses[0]}/index.html")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _file(self, path: str, body: bool) -> None:
        found = resolve(self.server.root, path)
        if found is None:
            self._not_found(body)
            return
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if kind == "text/html":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._with_script(found.read_bytes()), body)
            return
        with found.open("rb") as stream:
            self._start(HTTPStatus.OK, kind, found.stat().st_size)
            if body:
                shutil.copyfileobj(stream, self.wfile)

    def _not_found(self, body: bool) -> None:
        """404, as a page with the reload script: it shows build problems and reloads once a build made the file."""
        self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", self._with_script(NOT_FOUND), body)

    def _with_script(self, html: bytes) -> bytes:
        tag = f'<script src="{SCRIPT}" data-generation="{self.server.state.now.generation}"></script>'.encode()
        return before_body_end(html, tag)

    def _send(self, status: HTTPStatus, kind: str, content: bytes, body: bool) -> None:
        self._start(status, kind, len(content))
        if body:
            self.wfile.write(content)

    def _start(self, status: HTTPStatus, kind: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _events(self) -> None:
        """The build news: the state now, then every change, until the tab goes or the preview stops."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state = self.server.state
        now: Snapshot | None = state.now
        version = -1
        try:
            while not state.closed:
                if now is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    news = json.dumps({"generation": now.generation, "errors": list(now.errors)})
                    self.wfile.write(f"event: state\ndata: {news}\n\n".encode())
                    version = now.version
                self.wfile.flush()
                now = state.wait_after(version, KEEPALIVE)
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed or reloaded
