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
        Route("/chat/{chat_id:int}", page),
        Route("/_sandbox/static/{name}", asset),
    ]
