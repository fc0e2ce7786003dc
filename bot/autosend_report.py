"""The daily line of what auto-send published (core.autosend_report): one message per owner, a numbered line per
reply (rating, product, the start of the text that went out) and a button per line that opens its card."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.notifier import Notifier, send_to_member
from bot.quiet_digest import numbered_cards
from bot.render import clip
from core import autosend_report
from core.i18n import Translator, translator

LINES = 10


def render_report(items: list[autosend_report.AutoSent], t: Translator) -> str:
    """The line's text: how many replies went out, then one numbered line per reply (escaped, clipped)."""
    lines = [t("autosend-report-title", count=len(items))]
    for n, item in enumerate(items[:LINES], start=1):
        stars = f" {item.rating}★" if item.rating else ""
        product = f" · {clip(item.product_name, 40, '…')}" if item.product_name else ""
        lines.append(f"{n}.{stars}{product}: «{clip(item.text, 80, '…')}»")
    if len(items) > LINES:
        lines.append(t("autosend-report-more", count=len(items) - LINES))
    return "\n".join(lines)


async def send_autosend_reports(notifier: Notifier, now: datetime | None = None) -> int:
    """Send every due daily auto-send line once per seller and day; returns how many messages were sent."""
    now = now or datetime.now(UTC)
    sent = 0
    for report in await autosend_report.due(now):
        if not await autosend_report.claim(report.seller_id, report.day, len(report.items)):
            continue  # another run claimed it
        buttons = numbered_cards([item.interaction_id for item in report.items[:LINES]])
        for member in report.members:
            text = render_report(report.items, translator(member.language))
            if await send_to_member(notifier, member, text, buttons) is not None:
                sent += 1
    return sent
