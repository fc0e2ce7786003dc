"""The card of a buyer return (WB claim): the claim as WB shows it and one button per action WB allows now.

Every action has a confirm step (the card's buttons turn into "Confirm: …" / "Cancel"); `rejectcustom` first asks
for the comment. Labels come from `locales/*/returns.ftl`; an action WB adds later shows its own code.
"""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardAction, CardCb, ClaimCb, ClaimStep
from bot.text import DRAFT_BUDGET, TEXT_BUDGET, clip, product_url, when
from core.attachments import web_url
from core.i18n import Translator
from core.items.actions import Action
from core.items.claim import ClaimView
from core.items.stage import ItemStage
from core.items.view import ItemView
from core.models import WbSyncState
from core.returns import KNOWN_ACTIONS

# Long WB texts: WB's comment to the buyer, our own comment (links cost markup bytes only).
WB_COMMENT_BUDGET = 300
OUR_COMMENT_BUDGET = 600
# WB's ISO 4217 numeric currency codes.
CURRENCY = {"643": "₽", "933": "Br", "398": "₸", "051": "֏", "417": "сом", "860": "сўм"}
# Telegram shows at most this many links in a card without drowning the text.
MAX_MEDIA_LINKS = 10


def action_label(action: str, t: Translator) -> str:
    """A WB action's localised label (the code itself for an action we do not know yet)."""
    return t(f"claim-action-{action}") if action in KNOWN_ACTIONS else action


def _media(view: ClaimView, t: Translator) -> str | None:
    links = [(t("claim-photo", n=n), web_url(p)) for n, p in enumerate(view.photos, start=1)]
    links += [(t("claim-video"), web_url(p)) for p in view.videos]
    media = [(label, url) for label, url in links if url]
    if not media:
        return None
    shown = " · ".join(
        f'<a href="{html.escape(url, quote=True)}">{label}</a>' for label, url in media[:MAX_MEDIA_LINKS]
    )
    return "📎 " + shown


def render_claim(data: ItemView, t: Translator) -> str:
    """The claim card: product, the buyer's comment, price and order, WB's status, media, our decision's stage."""
    i = data.interaction
    view = ClaimView.of(i.raw_payload)
    head = [f"↩️ <b>{t('bot-channel-return')}</b> · {when(i.occurred_at, data.zone)}"]
    product = clip(data.product_name, 200, "…") or t("bot-card-no-product")
    head.append(t("bot-card-product", product=product, nm_id=str(data.nm_id or "—")))
    if view.from_chat:
        head.append(t("claim-from-chat"))
    body = [clip(i.text, TEXT_BUDGET, t("bot-card-truncated")) or t("bot-card-no-text")]
    price = f"{view.price:g}" if view.price is not None else "—"
    body.append(
        t(
            "claim-order",
            price=price,
            currency=CURRENCY.get(view.currency or "", clip(view.currency, 10)),
            order=clip(view.srid, 100, "…") or "—",
        )
    )
    status = t(f"claim-status-{view.status}") if view.status in (0, 1, 2) else str(view.status)
    item = t(f"claim-item-{view.status_ex}") if view.status_ex in (0, 1, 2, 5, 8, 10) else str(view.status_ex or "—")
    body.append(t("claim-status", status=status, item=item))
    if view.wb_comment:
        body.append(t("claim-wb-comment", text=clip(view.wb_comment, WB_COMMENT_BUDGET, "…")))
    media = _media(view, t)
    if media:
        body.append(media)
    meta = t("claim-meta", due=when(i.due_at, data.zone), links=data.link_count)
    parts = ["\n".join(head), "\n".join(body), meta]
    if data.reply is not None:
        decided = action_label(data.reply.action or "", t)
        parts.append(t("claim-decision", action=decided, stage=t(f"claim-stage-{_stage(data)}")))
        if data.reply.text:
            parts.append(t("claim-decision-comment", text=clip(data.reply.text, OUR_COMMENT_BUDGET, "…")))
    elif not view.actions:
        parts.append(t("claim-no-actions"))
    if data.stage == ItemStage.DRAFTED and data.draft is not None:
        parts.append(t("claim-draft-comment", text=clip(data.draft.text, DRAFT_BUDGET, "…")))
    return "\n\n".join(parts)


def _stage(data: ItemView) -> str:
    if data.stage in (ItemStage.SENDING, ItemStage.FAILED):
        return str(data.stage)
    return "confirmed" if data.interaction.wb_sync_state == WbSyncState.CONFIRMED else "sent"


def claim_keyboard(data: ItemView, t: Translator) -> InlineKeyboardMarkup:
    """One button per WB action the claim offers now (`Action.DECIDE`), then Timeline and the product page."""
    kb = InlineKeyboardBuilder()
    iid = data.interaction.id
    actions = data.claim_actions if Action.DECIDE in data.actions else ()
    for action in actions:
        cb = ClaimCb(step=ClaimStep.ASK, action=action, interaction_id=iid)
        kb.button(text=action_label(action, t), callback_data=cb)
    kb.button(text=t("bot-btn-timeline"), callback_data=CardCb(action=CardAction.TIMELINE, interaction_id=iid))
    if data.nm_id:
        kb.button(text=t("bot-btn-product"), url=product_url(data.nm_id))
    kb.adjust(*([1] * len(actions)), 2)
    return kb.as_markup()


def confirm_keyboard(
    interaction_id: int, action: str, t: Translator, *, draft_id: int = 0, card_id: int = 0
) -> InlineKeyboardMarkup:
    """The confirm step of one action: "Confirm: <action>" and "Cancel"."""
    kb = InlineKeyboardBuilder()
    ids = {"action": action, "interaction_id": interaction_id, "draft_id": draft_id, "card_id": card_id}
    kb.button(
        text=t("claim-confirm", action=action_label(action, t)), callback_data=ClaimCb(step=ClaimStep.CONFIRM, **ids)
    )
    kb.button(text=t("bot-btn-cancel"), callback_data=ClaimCb(step=ClaimStep.CANCEL, **ids))
    kb.adjust(1)
    return kb.as_markup()
