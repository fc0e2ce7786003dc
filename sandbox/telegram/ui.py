"""The chat web page: `GET /_sandbox/ui` (chats and users) and `GET /chat/<chat_id>` (one chat, like a client).

Static HTML + JS + CSS from `static/`, no CDN; the page talks to the `/_sandbox/` API only.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

STATIC = Path(__file__).parent / "static"
_TYPES = {"chat.js": "text/javascript", "chat.css": "text/css"}


async def page(request: Request) -> Response:
    """The single page; its script decides between the chat list and one chat from the URL."""
    return FileResponse(STATIC / "chat.html", media_type="text/html")


async def chat_page(request: Request) -> Response:
    """One chat's page. Chat ids are signed (groups and channels are negative), which Starlette's `int` path
    convertor does not match, so the id is checked here."""
    try:
        int(request.path_params["chat_id"])
    except ValueError:
        return Response("Not Found", status_code=404)
    return await page(request)


async def asset(request: Request) -> Response:
    """The page's script and stylesheet."""
    name = request.path_params["name"]
    if name not in _TYPES:
        return Response("Not Found", status_code=404)
    return FileResponse(STATIC / name, media_type=_TYPES[name])


def routes() -> list[Route]:
    """The page routes."""
    return [
        Route("/_sandbox/ui", page),
        Route("/chat/{chat_id}", chat_page),
        Route("/_sandbox/static/{name}", asset),
    ]
