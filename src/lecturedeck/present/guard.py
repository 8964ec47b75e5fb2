"""What every response of the classroom server goes through: the Host check (a web page elsewhere cannot reach
the server by pointing one of its own names at it: DNS rebinding), the Origin check of requests that change
something, and the security headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # the presenter's token never leaves in a Referer
    (b"x-frame-options", b"SAMEORIGIN"),  # the lecture's presenter view shows its slides in frames
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
DEFAULT_CSP = b"default-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"


class Guard:
    """ASGI middleware: requests naming another host (or, when they change something, coming from another
    origin) get 403; every response gets the headers above, `Cache-Control: no-store` and a
    Content-Security-Policy unless the route set its own."""

    def __init__(self, app: ASGIApp, hosts: set[str]) -> None:
        self.app = app
        self.hosts = hosts  # host names and addresses the server answers to, without the port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        origin = headers.get(b"origin")
        if (host.rpartition(":")[0] or host) not in self.hosts or (
            scope["method"] not in ("GET", "HEAD") and origin is not None and urlsplit(origin.decode()).netloc != host
        ):
            await _forbidden(send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in HEADERS if n not in present]
                if b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", DEFAULT_CSP))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _forbidden(send: Send) -> None:
    body = b"this classroom server answers only its own addresses\n"
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
