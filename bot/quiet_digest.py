"""The quiet-hours digest: one message per member when the seller's night ends, listing the held cards
(counts per channel and priority, the urgent ones first) with a button to open each (core.quiet)."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardAction, CardCb
from bot.notifier import Notifier, send_to_member
from bot.render import clip
from core import quiet
from core.i18n import Translator, translator

PRIORITY_ICON = {"urgent": "🔴", "high": "🟠", "normal": "⚪", "low": "⚪"}


def render_digest(content: quiet.DigestContent, t: Translator) -> str:
    """The digest text: totals, then one numbered line per item (buyer text escaped and clipped)."""
    channels = ", ".join(f"{t(f'digest-channel-{c.value}')} {n}" for c, n in content.by_channel().items())
    priorities = ", ".join(f"{t(f'digest-priority-{p.value}')} {n}" for p, n in content.by_priority().items())
    lines = [t("digest-title", count=len(content.items)), channels, priorities, ""]
    for n, item in enumerate(content.items[: quiet.DIGEST_LINES], start=1):
        stars = f" {item.rating}★" if item.rating else ""
        product = f" · {clip(item.product_name, 40, '…')}" if item.product_name else ""
        # A chat is one buyer's conversation: the line says whose (WB gives chats the buyer's name).
        buyer = f" · {clip(item.buyer_name, 40, '…')}" if item.buyer_name else ""
        text = clip(item.text, 80, "…") or "—"
        lines.append(f"{n}. {PRIORITY_ICON.get(item.priority.value, '')}{stars}{product}{buyer}: {text}")
    if len(content.items) > quiet.DIGEST_LINES:
        lines.append(t("digest-more", count=len(content.items) - quiet.DIGEST_LINES))
    return "\n".join(lines)


def numbered_cards(interaction_ids: list[int]) -> InlineKeyboardMarkup:
    """A numbered button per listed item, in order: it opens the item's card (as /inbox does)."""
    kb = InlineKeyboardBuilder()
    for n, interaction_id in enumerate(interaction_ids, start=1):
        kb.button(text=str(n), callback_data=CardCb(action=CardAction.SHOW, interaction_id=interaction_id))
    kb.adjust(5)
    return kb.as_markup()


def digest_keyboard(content: quiet.DigestContent) -> InlineKeyboardMarkup:
    """A numbered button per listed item: it opens the item's card."""
    return numbered_cards([item.interaction_id for item in content.items[: quiet.DIGEST_LINES]])


async def send_digests(notifier: Notifier, now: datetime | None = None) -> int:
    """Send every due digest (members whose seller's quiet hours are over); returns how many were sent."""
    now = now or datetime.now(UTC)
    sent = 0
    for member_id in await quiet.members_due(now):
        content = await quiet.claim_digest(member_id)
        if content is None:  # another run claimed them
            continue
        t = translator(content.member.language)
        message = await send_to_member(notifier, content.member, render_digest(content, t), digest_keyboard(content))
        if message is None:
            continue
        await quiet.digest_sent(content.digest_id, message.message_id, now)
        sent += 1
    return sent
