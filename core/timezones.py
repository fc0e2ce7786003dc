"""Time zones people read times in: the seller's (cards, /stats, business hours) and the admin viewer's.

Times are stored and compared in UTC; only what a person reads is shifted. A seller's zone is
`SellerSettings.business_hours.timezone` (default Europe/Moscow), so the SLA clock and every displayed time agree.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.i18n import Translator

DEFAULT_ZONE = "Europe/Moscow"
# The zones offered by the buttons and the admin's selector: Russia's eleven zones (where WB sellers mostly are),
# then the neighbours WB sells in, and UTC for ops.
ZONES: tuple[str, ...] = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
    "Europe/Minsk",
    "Asia/Almaty",
    "Asia/Tashkent",
    "UTC",
)


def valid_zone(name: str | None) -> str | None:
    """`name` if it is an IANA zone this machine knows, else None."""
    if not name:
        return None
    try:
        return ZoneInfo(name).key
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local(moment: datetime, zone: str) -> datetime:
    """`moment` (aware) in `zone`."""
    return moment.astimezone(ZoneInfo(zone))


def utc_offset_label(zone: str, at: datetime) -> str:
    """`UTC+3`, `UTC+5:30`, `UTC` for the zone at that moment."""
    offset = local(at, zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: str, t: Translator, at: datetime) -> str:
    """`Москва (UTC+3)`: the zone's localised city name (its IANA name when we have none) and its offset."""
    key = "tz-" + zone.lower().replace("/", "-").replace("_", "-")
    name = t(key) if t.has(key) else zone
    return t("tz-label", name=name, offset=utc_offset_label(zone, at))
