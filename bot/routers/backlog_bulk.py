"""The backlog cluster buttons (bot.backlog_bulk): approve → confirm with the count → the progress message, with
pause and resume. Owners only; a forged or double confirm makes no second batch and no second answer."""

from __future__ import annotations

import secrets

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.backlog_bulk import cluster_name, render_progress
from bot.callbacks import BulkAction, BulkCb
from bot.editing import edit_in_place
from bot.keyboards import bulk_confirm_keyboard, bulk_progress_keyboard
from bot.tapped import shown_message, tapped_message
from core import access, backlog_bulk
from core.i18n import Translator
from core.models import SellerMember
from core.settings import Settings

router = Router(name="backlog_bulk")


@router.callback_query(BulkCb.filter())
async def bulk_button(
    query: CallbackQuery, callback_data: BulkCb, member: SellerMember | None, t: Translator, settings: Settings
) -> None:
    member = access.require_owner(member)
    action = callback_data.action
    if action in (BulkAction.PAUSE, BulkAction.RESUME):
        batch = await backlog_bulk.set_paused(callback_data.batch_id, member.seller_id, action == BulkAction.PAUSE)
        if batch is None:
            await query.answer(t("bulk-empty"))
            return
        shown = await backlog_bulk.progress(batch.id, settings)
        markup = None if shown.done else bulk_progress_keyboard(batch.id, shown.paused, t)
        await edit_in_place(shown_message(query).edit_text(render_progress(batch, shown, t), reply_markup=markup))
        await query.answer(t("bulk-paused" if shown.paused else "bulk-resumed"))
        return
    if callback_data.cluster >= len(backlog_bulk.CLUSTERS):
        await query.answer(t("bulk-empty"))
        return
    key = backlog_bulk.CLUSTERS[callback_data.cluster]
    if action == BulkAction.CANCEL:
        await edit_in_place(shown_message(query).edit_text(t("bulk-cancelled"), reply_markup=None))
        await query.answer()
        return
    if action == BulkAction.APPROVE:
        count = await backlog_bulk.pending(member.seller_id, key)
        if not count:
            await query.answer(t("bulk-empty"))
            return
        markup = bulk_confirm_keyboard(callback_data.cluster, secrets.token_hex(8), count, t)
        await tapped_message(query).answer(
            t("bulk-confirm", count=count, cluster=cluster_name(key, t)), reply_markup=markup
        )
        await query.answer()
        return
    if not callback_data.nonce:  # a confirm always carries the nonce it was rendered with
        await query.answer(t("bulk-empty"))
        return
    token = f"{member.seller_id}:{key}:{callback_data.nonce}"
    batch = await backlog_bulk.approve_cluster(
        seller_id=member.seller_id, cluster=key, token=token, member_id=member.id
    )
    if not batch.total:
        await edit_in_place(shown_message(query).edit_text(t("bulk-empty"), reply_markup=None))
        await query.answer(t("bulk-empty"))
        return
    await backlog_bulk.show_progress_in(batch.id, tapped_message(query).chat.id, tapped_message(query).message_id)
    shown = await backlog_bulk.progress(batch.id, settings)
    markup = bulk_progress_keyboard(batch.id, shown.paused, t)
    await edit_in_place(shown_message(query).edit_text(render_progress(batch, shown, t), reply_markup=markup))
    await query.answer()
