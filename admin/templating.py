"""Jinja2 for the pages: autoescaped templates with `t` (the request's translator), `lang` and `csrf_token`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.datastructures import URL

from admin.deps import csrf_token, request_language, request_zone
from core.alerts import alert_title
from core.guardrails import Verdict
from core.humanize import number
from core.i18n import translator
from core.timezones import ZONES, local, zone_label

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def page_url(request: Request) -> URL:
    """The address of the page shown: a POST that re-renders a page (a refused reply, refused facts) names its GET
    page in `request.state.page_url`, so the header's language and zone links reload the page, never the POST."""
    if request.method == "GET":
        return request.url
    return URL(str(getattr(request.state, "page_url", None) or request.url))


def _request_context(request: Request) -> dict[str, Any]:
    lang = request_language(request)
    zone = request_zone(request)
    t = translator(lang)
    now = datetime.now(UTC)
    return {
        "t": t,
        "lang": lang,
        "csrf_token": csrf_token(request),
        "zone": zone,
        "here": page_url(request),
        "here_params": request.query_params.multi_items() if request.method == "GET" else [],
        # The offered zones, plus the viewer's own when it came as another IANA name through `?tz=`.
        "zones": [(z, zone_label(z, t, now)) for z in (*ZONES, *(() if zone in ZONES else (zone,)))],
    }


@pass_context
def _datetime(ctx: Context, value: datetime | None) -> str:
    """In the viewer's zone (chosen at the top of every page, UTC for comparing with logs), to the minute."""
    return local(value, ctx["zone"]).strftime("%Y-%m-%d %H:%M") if value else "—"


@pass_context
def _enum(ctx: Context, value: object, group: str) -> str:
    """An enum value (or audit action) in the page's language: `enum-<group>-<value>` in locales/*/enums.ftl."""
    key = f"enum-{group}-" + str(value).replace(".", "-").replace("_", "-")
    t = ctx["t"]
    return t(key) if t.has(key) else str(value)


@pass_context
def _coded(ctx: Context, key: str, fallback: object) -> str:
    """A WB code's label (`claim-status-2`, `claim-action-approve2`, `sv-currency-643`) when the locales know the
    key, else `fallback` (a code WB added since: shown as it is rather than hidden)."""
    t = ctx["t"]
    return t(key) if t.has(key) else str(fallback)


@pass_context
def _zone_name(ctx: Context, zone: str) -> str:
    """`Москва (UTC+3)` in the page's language."""
    return zone_label(zone, ctx["t"], datetime.now(UTC))


@pass_context
def _duration(ctx: Context, seconds: float | None) -> str:
    """A response time in the page's language: "4 ч 05 мин" / "4h 05m"."""
    if seconds is None:
        return "—"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    t = ctx["t"]
    if hours:
        return t("admin-duration-hm", hours=hours, minutes=f"{minutes:02d}")
    return t("admin-duration-ms", minutes=minutes, seconds=f"{secs:02d}")


@pass_context
def _reasons(ctx: Context, verdict: dict[str, Any] | None) -> list[str]:
    """A stored guardrail verdict's violations as localised reasons."""
    return Verdict.from_dict(verdict).reasons(ctx["lang"]) if verdict else []


templates = Jinja2Templates(directory=TEMPLATES_DIR, context_processors=[_request_context])
templates.env.filters["dt"] = _datetime
templates.env.filters["enum"] = _enum
templates.env.filters["coded"] = _coded
templates.env.filters["num"] = pass_context(lambda ctx, value: number(value, ctx["lang"]))
templates.env.globals["zone_name"] = _zone_name
templates.env.globals["alert_title"] = pass_context(lambda ctx, kind: alert_title(kind, ctx["t"]))
templates.env.filters["duration"] = _duration
templates.env.filters["reasons"] = _reasons
