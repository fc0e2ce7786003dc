"""Jinja2 for the pages: autoescaped templates with `t` (the request's translator), `lang` and `csrf_token`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from admin.deps import csrf_token, request_language
from core.i18n import translator

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def _request_context(request: Request) -> dict[str, Any]:
    lang = request_language(request)
    return {"t": translator(lang), "lang": lang, "csrf_token": csrf_token(request)}


def _datetime(value: datetime | None) -> str:
    """UTC, to the minute: the admin is an ops tool, every row is compared against logs in UTC."""
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m {secs:02d}s"


templates = Jinja2Templates(directory=TEMPLATES_DIR, context_processors=[_request_context])
templates.env.filters["dt"] = _datetime
templates.env.filters["duration"] = _duration
