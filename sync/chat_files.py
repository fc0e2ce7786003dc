"""Buyers' chat files (WB's `downloadID`): registered when their message is stored, fetched through the chat bucket
(`GET /api/v1/seller/download/{id}`) and kept once per file id (`ChatFile`), so cards show them without asking WB
again. While WB moderates a file (202) it is asked again after WB's `retrySeconds`; a refused one (451) is never
asked again."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from core.models import ChatDirection, ChatFile, ChatMessage, FileState
from sync.wb import WBAuth, WBClient
from sync.wb.client import FILE_STATE_MODERATING, FILE_STATE_READY

# Files fetched per sync run (the chat bucket is 10 requests per 10 s, shared with the event feed and sends).
FILES_PER_RUN = 5
# Telegram takes uploads up to 50 MB; a bigger file stays listed on the card, not sent.
MAX_BYTES = 50 * 1024 * 1024


def _listed(attachments: Any) -> list[dict[str, Any]]:
    if not isinstance(attachments, dict):
        return []
    found = []
    for key in ("files", "images"):
        value = attachments.get(key)
        found += [f for f in value if isinstance(f, dict)] if isinstance(value, list) else []
    return [f for f in found if isinstance(f.get("downloadID"), str) and 0 < len(f["downloadID"]) <= 100]


async def register(seller_id: int, messages: list[ChatMessage]) -> None:
    """A row per file the buyer attached to these stored messages (once per file id: replays add nothing)."""
    rows = [
        ChatFile(
            seller_id=seller_id,
            interaction_id=m.interaction_id,
            download_id=f["downloadID"],
            name=str(f.get("name") or "")[:255],
            content_type=str(f["contentType"])[:100] if isinstance(f.get("contentType"), str) else None,
        )
        for m in messages
        if m.direction == ChatDirection.IN
        for f in _listed(m.attachments)
    ]
    if rows:
        await ChatFile.bulk_create(rows, ignore_conflicts=True)


async def fetch_due(wb: WBClient, seller_id: int, auth: WBAuth, now: datetime) -> list[int]:
    """Ask WB for the seller's files not fetched yet (or whose moderation wait is over), at most FILES_PER_RUN;
    returns the chats whose files changed state."""
    due = (
        await ChatFile.filter(seller_id=seller_id, state__in=(FileState.NEW, FileState.MODERATING))
        .filter(retry_at__isnull=True)
        .order_by("id")
        .limit(FILES_PER_RUN)
    )
    if len(due) < FILES_PER_RUN:
        due += (
            await ChatFile.filter(seller_id=seller_id, state=FileState.MODERATING, retry_at__lte=now)
            .order_by("retry_at")
            .limit(FILES_PER_RUN - len(due))
        )
    changed: list[int] = []
    for row in due:
        # The cap holds while reading: a hostile endless answer costs MAX_BYTES of memory, not all of it.
        got = await wb.download_chat_file(auth, row.download_id, max_bytes=MAX_BYTES)
        if got.state == FILE_STATE_READY:
            update: dict[str, Any] = {"state": FileState.READY, "content": got.content, "retry_at": None}
            if got.content_type:
                update["content_type"] = got.content_type[:100]
        elif got.state == FILE_STATE_MODERATING:
            update = {"state": FileState.MODERATING, "retry_at": now + timedelta(seconds=got.retry_s or 60)}
        else:  # refused by WB, or too large to keep (the card lists it, unsent)
            update = {"state": FileState.REFUSED, "retry_at": None}
        await ChatFile.filter(id=row.id).update(**update)
        if update["state"] != row.state:
            changed.append(row.interaction_id)
    return list(dict.fromkeys(changed))
