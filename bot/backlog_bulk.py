"""Backlog in one evening, the bot's side (core.backlog_bulk): the backlog drafted in the worker, then one card per
cluster of happy reviews to the owners, and each confirmed batch pumped into the outbox with its progress message
edited in place (at most every `core.backlog_bulk.PROGRESS_EVERY`)."""

from __future__ import annotations

import contextlib
from html import escape

from aiogram.exceptions import TelegramBadRequest

from bot.keyboards import bulk_cluster_keyboard, bulk_progress_keyboard
from bot.notifier import Notifier, send_to_member
from core import backlog, backlog_bulk
from core.i18n import Translator, translator
from core.models import BulkBatch
from core.spikes import owner_members

# How many backlog items one drafting task drafts before it hands on to the next (a task stays short).
DRAFT_BATCH = 200


def cluster_name(key: str, t: Translator) -> str:
    """The cluster's localised name."""
    return t(f"bulk-cluster-{key}")


def render_cluster(cluster: backlog_bulk.Cluster, t: Translator) -> str:
    """A cluster's card: its name and size, three sample drafts (escaped), and what the approval checks."""
    lines = [t("bulk-card", cluster=cluster_name(cluster.key, t), count=cluster.count)]
    lines += [t("bulk-sample", n=n, text=escape(text)) for n, text in enumerate(cluster.samples, start=1)]
    lines.append(t("bulk-card-note"))
    return "\n".join(lines)


def render_progress(batch: BulkBatch, shown: backlog_bulk.Progress, t: Translator) -> str:
    """«отправлено 1 240 из 4 100, осталось ~25 мин», paused or done, and how many were left for the seller."""
    name = cluster_name(batch.cluster, t)
    if shown.done:
        line = t("bulk-progress-done", cluster=name, sent=shown.sent, total=shown.total)
    elif shown.paused:
        line = t("bulk-progress-paused", cluster=name, sent=shown.sent, total=shown.total)
    else:
        line = t("bulk-progress", cluster=name, sent=shown.sent, total=shown.total, minutes=shown.minutes_left)
    if shown.refused:
        line += "\n" + t("bulk-progress-refused", refused=shown.refused)
    return line


async def offer_clusters(seller_id: int, notifier: Notifier) -> int:
    """Send the owners one intro and one card per cluster; returns the number of cards per owner."""
    found = await backlog_bulk.clusters(seller_id)
    total = await (await backlog.open_backlog(seller_id)).count()
    for member in await owner_members(seller_id):
        t = translator(member.language)
        await send_to_member(notifier, member, t("bulk-intro", total=total) if found else t("bulk-none"))
        for cluster in found:
            index = backlog_bulk.CLUSTERS.index(cluster.key)
            markup = bulk_cluster_keyboard(index, cluster.count, t)
            await send_to_member(notifier, member, render_cluster(cluster, t), markup)
    return len(found)


async def draft_step(seller_id: int, notifier: Notifier) -> bool:
    """Draft the next `DRAFT_BATCH` backlog items; once none is left, offer the clusters. True: more to draft (the
    task kicks itself again)."""
    if await backlog_bulk.draft_backlog(seller_id, notifier.settings, limit=DRAFT_BATCH):
        return True
    await offer_clusters(seller_id, notifier)
    return False


async def _edit_progress(batch: BulkBatch, shown: backlog_bulk.Progress, notifier: Notifier) -> None:
    member_language = notifier.settings.default_language
    for member in await owner_members(batch.seller_id):
        if member.tg_chat_id == batch.chat_id:
            member_language = member.language or member_language
    t = translator(member_language)
    markup = None if shown.done else bulk_progress_keyboard(batch.id, shown.paused, t)
    # Unchanged since the last edit, or the message is gone: the next edit tries again.
    with contextlib.suppress(TelegramBadRequest):
        await notifier.call(
            batch.chat_id,
            notifier.bot.edit_message_text,
            message_id=batch.message_id,
            text=render_progress(batch, shown, t),
            reply_markup=markup,
        )


async def bulk_tick(notifier: Notifier) -> int:
    """One round for every batch still in progress: queue its next items at the send pace and edit its progress
    message (rate-limited); returns how many items were queued."""
    queued = 0
    for batch in await backlog_bulk.active_batches():
        queued += await backlog_bulk.pump(batch.id, notifier.settings, notifier.enqueue)
        if batch.message_id is None or not await backlog_bulk.claim_progress_edit(batch.id):
            continue
        shown = await backlog_bulk.progress(batch.id, notifier.settings)
        await _edit_progress(batch, shown, notifier)
        if shown.done:
            await backlog_bulk.finish(batch.id)
    return queued
