"""Product spike messages: one to each owner when a topic jumps on a product (core.spikes), with buttons to open
the example items and to mute the product × topic; the mute button's handler lives in bot.routers.spikes."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardAction, CardCb, SpikeCb
from bot.notifier import Notifier
from bot.render import clip
from core import members, spikes
from core.i18n import Translator, translator
from core.models import Interaction, ProductSpike
from core.settings import SpikeSettings


def _rating(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}★"


def render_spike(spike: ProductSpike, items: list[Interaction], t: Translator, cfg: SpikeSettings) -> str:
    """Product, topic, counts against the baseline, the rating trend and example texts (escaped)."""
    topic_key = f"topic-{spike.topic}"
    lines = [
        t(
            "spike-title",
            product=clip(spike.product_name or "", 80, "…") or str(spike.nm_id),
            nm_id=spike.nm_id,
            topic=t(topic_key) if t.has(topic_key) else clip(spike.topic, 40),
        ),
        t("spike-counts", recent=spike.recent, days=cfg.recent_days, baseline=spike.baseline,
          weeks=cfg.baseline_weeks),
        t("spike-rating", recent=_rating(spike.rating_recent), baseline=_rating(spike.rating_baseline)),
    ]  # fmt: skip
    for n, item in enumerate(items, start=1):
        stars = f" {item.rating}★" if item.rating else ""
        lines.append(f"{n}.{stars} «{clip(item.text, 150, '…') or '—'}»")
    return "\n".join(lines)


def spike_keyboard(
    spike: ProductSpike, items: list[Interaction], t: Translator, cfg: SpikeSettings
) -> InlineKeyboardMarkup:
    """A numbered button opening each example item, then Mute for `mute_days`."""
    kb = InlineKeyboardBuilder()
    for n, item in enumerate(items, start=1):
        kb.button(text=str(n), callback_data=CardCb(action=CardAction.SHOW, interaction_id=item.id))
    kb.button(text=t("spike-btn-mute", days=cfg.mute_days), callback_data=SpikeCb(spike_id=spike.id))
    kb.adjust(len(items) or 1, 1)
    return kb.as_markup()


async def check_spikes(notifier: Notifier, cfg: SpikeSettings, now: datetime | None = None) -> int:
    """Evaluate spikes and deliver each new one to the seller's owners once; returns how many were delivered."""
    now = now or datetime.now(UTC)
    delivered = 0
    for open_spike in await spikes.evaluate(now, cfg):
        spike = await spikes.claim_delivery(open_spike.id, now)
        if spike is None:
            continue
        items = await spikes.examples(spike, now, cfg)
        for member in await spikes.owner_members(spike.seller_id):
            t = translator(member.language)
            try:
                await notifier.send(
                    member.tg_chat_id, render_spike(spike, items, t, cfg), spike_keyboard(spike, items, t, cfg)
                )
            except TelegramForbiddenError:
                await members.mark_blocked(member.id)
            except TelegramBadRequest:
                continue
        delivered += 1
    return delivered
