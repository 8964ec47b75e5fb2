"""The classroom's HTTP side (Starlette): the audience page and its answers, the presenter's actions (token),
the two event streams, and the built lecture's folder, read-only, for the presenter."""

from __future__ import annotations

import hmac
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from lecturedeck.present.broadcast import Broadcast, Subscriber, sse
from lecturedeck.present.classroom import Classroom, Refused
from lecturedeck.present.guard import Guard
from lecturedeck.present.per_address import PerAddress
from lecturedeck.present.qr import qr_svg
from lecturedeck.present.ratelimit import RateLimiter
from lecturedeck.serve.server import before_body_end, resolve

MAX_BODY = 1024  # bytes of JSON an answer or an action may have
DEVICE_COOKIE, PRESENTER_COOKIE = "ld_device", "ld_presenter"
# Devices one client address may join, and audience streams it may hold open. Phones on a classroom's Wi-Fi
# (deck present --lan) reach the server from addresses of their own, but a whole lecture hall can come through one
# address (a guest Wi-Fi NATed to the lecturer's network, or everyone on loopback behind a proxy): 500 lets the
# largest hall in, while one client can neither take the 2,000 streams nor make up devices without bound.
PER_ADDRESS = 500
KEEPALIVE = 15.0  # seconds between comments on an idle stream: proxies keep it open, a gone client is noticed
STATIC = "/present-static"
ACTIONS = {"open": "open", "close": "closed", "reveal": "revealed"}  # POST /api/q/<qid>/<action> → status
AUDIENCE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
LECTURE_CSP = (  # marp-cli's pages carry their scripts and styles inline; nothing may come from elsewhere
    "default-src 'self' 'unsafe-inline' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'"
)

TOO_MANY_DEVICES = f"""<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Cannot join</title>
<link rel="stylesheet" href="{STATIC}/audience.css">
<main><section class="card"><h1>This device cannot join</h1>
<p>{PER_ADDRESS} devices have already joined from your network address, the most one address may bring.
Join on mobile data instead, or tell your lecturer.</p>
<p lang="zh-CN">同一网络地址已有 {PER_ADDRESS} 台设备加入，已达上限。请改用移动数据加入，或告诉老师。</p>
</section></main>
"""


@dataclass(frozen=True)
class Site:
    """What the app serves besides the classroom."""

    lecture_dir: Path  # the built course folder (the lecture's HTML and what it links to)
    stem: str  # the lecture's file stem: <stem>.html gets the presenter script
    join_url: str
    hosts: set[str]  # the Host names the server answers to


def static_dir() -> Path:
    """present/static/: the audience page and the presenter script."""
    return Path(str(files("lecturedeck.present").joinpath("static")))


def create_app(room: Classroom, site: Site) -> Guard:
    session = room.session
    limiter = RateLimiter(rate=5, burst=10)
    devices, streams = PerAddress(PER_ADDRESS), PerAddress(PER_ADDRESS)
    lecture_dir = site.lecture_dir.resolve()
    join_qr = qr_svg(site.join_url)
    audience_page = (static_dir() / "audience.html").read_text(encoding="utf-8")  # read once, not per phone

    def is_token(given: str) -> bool:
        return hmac.compare_digest(given.encode(), session.token.encode())

    def presenter(request: Request, query: bool = False) -> None:
        given = request.headers.get("authorization", "").removeprefix("Bearer ")
        if query and not given:
            given = request.query_params.get("token", "")
        if not is_token(given):
            raise Refused(403, "presenter actions need the token of the presenter link")

    async def join(request: Request) -> Response:
        if request.path_params["room"].upper() != session.room:
            return HTMLResponse("<!doctype html><meta charset=utf-8><title>No such room</title><p>No such room.", 404)
        response = HTMLResponse(audience_page, headers={"Content-Security-Policy": AUDIENCE_CSP})
        if not session.issued(request.cookies.get(DEVICE_COOKIE, "")):  # a new device: counted, given a cookie
            if not devices.take(_address(request)):
                return HTMLResponse(TOO_MANY_DEVICES, 429, headers={"Content-Security-Policy": AUDIENCE_CSP})
            response.set_cookie(DEVICE_COOKIE, session.new_cookie(), max_age=7 * 86400, httponly=True, samesite="lax")
        return response

    async def answer(request: Request) -> Response:
        cookie = request.cookies.get(DEVICE_COOKIE, "")
        if not session.issued(cookie):
            raise Refused(403, "open the join link first (it gives this device its anonymous id)")
        device = session.device(cookie)
        if not limiter.allow(device):
            raise Refused(429, "too many answers from this device: wait a moment")
        body = await _json_body(request)
        if not (
            isinstance(body, dict)
            and body.keys() == {"q", "choices"}
            and isinstance(body["q"], str)
            and isinstance(body["choices"], list)
            and len(body["choices"]) <= 8
            and all(isinstance(c, str) for c in body["choices"])
        ):
            raise Refused(422, 'send {"q": "<question id>", "choices": ["A", …]}')
        await room.answer(device, body["q"], body["choices"])
        return JSONResponse({"ok": True})

    async def action(request: Request) -> Response:
        presenter(request)
        status = ACTIONS.get(request.path_params["action"])
        if status is None:
            raise Refused(404, f"the actions are {', '.join(ACTIONS)}")
        await room.set_status(request.path_params["qid"], status)
        return JSONResponse({"ok": True})

    async def slide(request: Request) -> Response:
        presenter(request)
        body = await _json_body(request)
        if not (isinstance(body, dict) and type(body.get("slide")) is int):
            raise Refused(422, 'send {"slide": <slide number>}')
        await room.go_to(body["slide"])
        return JSONResponse({"ok": True})

    async def info(request: Request) -> Response:
        presenter(request)
        return JSONResponse(
            {
                "room": session.room,
                "join": site.join_url,
                "qr": join_qr,
                "lecture": site.stem,
                "slide": room.slide,
                "questions": [{**q.answered(), "slide": q.slide} for q in room.questions.values()],
                "tallies": [room.tally(q) for q in room.questions],
            }
        )

    async def audience_events(request: Request) -> Response:
        address = _address(request)
        if not streams.take(address):
            raise Refused(429, f"at most {PER_ADDRESS} open streams from one network address")
        try:
            return _stream(room.audience, [sse("state", room.state())], lambda: streams.give_back(address))
        except Refused:
            streams.give_back(address)
            raise

    async def presenter_events(request: Request) -> Response:
        presenter(request, query=True)
        return _stream(
            room.presenters, [sse("state", room.state()), *(sse("tally", room.tally(q)) for q in room.questions)]
        )

    async def lecture_file(request: Request) -> Response:
        token = request.query_params.get("token")
        if token is not None:  # the printed link: a cookie for the folder, and the token out of the address bar
            presenter(request, query=True)
            rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
            response: Response = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), 303)
            response.set_cookie(PRESENTER_COOKIE, session.token, httponly=True, samesite="strict", path="/present/")
            return response
        if not is_token(request.cookies.get(PRESENTER_COOKIE, "")):
            raise Refused(403, "the lecture is for the presenter: open the presenter link printed by deck present")
        found = resolve(lecture_dir, request.path_params["path"])
        if found is None:
            return HTMLResponse("<!doctype html><meta charset=utf-8><title>Not found</title><p>Not found.", 404)
        if found.name == f"{site.stem}.html":
            html = _with_presenter_script(found.read_bytes(), session.token, session.room, site.join_url)
            return Response(html, media_type="text/html", headers={"Content-Security-Policy": LECTURE_CSP})
        return FileResponse(found, headers={"Content-Security-Policy": LECTURE_CSP})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        room.start()
        try:
            yield
        finally:
            await room.stop()

    app = Starlette(
        routes=[
            Route("/j/{room}", join),
            Route("/events", audience_events),
            Route("/api/answer", answer, methods=["POST"]),
            Route("/api/q/{qid}/{action:str}", action, methods=["POST"]),
            Route("/api/slide", slide, methods=["POST"]),
            Route("/api/present/info", info),
            Route("/api/present/events", presenter_events),
            Route("/present/{path:path}", lecture_file),
            Mount(STATIC, StaticFiles(directory=static_dir())),
        ],
        exception_handlers={Refused: _refused},
        lifespan=lifespan,
    )
    return Guard(app, site.hosts)


def _address(request: Request) -> str:
    """The client's address, as the connection shows it (uvicorn is told to trust no forwarding headers)."""
    return request.client.host if request.client else ""


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return JSONResponse({"error": str(exc)}, exc.status)


async def _json_body(request: Request) -> object:
    """The request's JSON: 415 unless it says it is JSON, 413 past MAX_BODY bytes (before any parsing), 400
    when it does not parse."""
    if request.headers.get("content-type", "").partition(";")[0].strip().lower() != "application/json":
        raise Refused(415, "send JSON (Content-Type: application/json)")
    length = request.headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > MAX_BODY):
        raise Refused(413, f"at most {MAX_BODY} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, f"at most {MAX_BODY} bytes")
    try:
        return json.loads(body)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError both are
        raise Refused(400, "the body is not valid JSON") from None


def _stream(channel: Broadcast, first: list[bytes], ended: Callable[[], None] = lambda: None) -> Response:
    """The event stream of `channel`, starting with `first`; `ended` is called once it is over."""
    subscriber = channel.subscribe()
    if subscriber is None:
        raise Refused(503, "too many open streams: try again later")
    return StreamingResponse(
        _events(channel, subscriber, first, ended),
        media_type="text/event-stream",
        headers={"X-Accel-Buffering": "no"},
    )


async def _events(
    channel: Broadcast, subscriber: Subscriber, first: list[bytes], ended: Callable[[], None]
) -> AsyncIterator[bytes]:
    try:
        yield b"retry: 2000\n\n" + b"".join(first)
        while (events := await subscriber.take(KEEPALIVE)) is not None:
            yield b"".join(events) or b": still here\n\n"
    finally:
        channel.unsubscribe(subscriber)
        ended()


def _with_presenter_script(html: bytes, token: str, room: str, join: str) -> bytes:
    """The lecture page with the presenter script (present/static/presenter.js), which reads the token, room and
    join link from its own data attributes."""
    data = {"token": token, "room": room, "join": join}
    attributes = " ".join(f'data-{k}="{escape(v)}"' for k, v in data.items())
    return before_body_end(html, f'<script src="{STATIC}/presenter.js" {attributes} defer></script>'.encode())
