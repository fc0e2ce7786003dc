"""Files the seller sends into a buyer chat (WB, 2026): JPEG, PNG or PDF, at most 5 MiB each and 30 MiB together.

WB's limits are checked here, before anything is stored or POSTed: a file over the limits or of another type is
refused with the seller's words (`FileRefused.reason` → `chat-file-<reason>` in locales/*/wb2026.ftl). The type is
read from the file's first bytes, as WB checks it (the name and the declared type are not trusted).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.models import Card, ReplyFile

MAX_FILE = 5 * 1024 * 1024
MAX_TOTAL = 30 * 1024 * 1024
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"%PDF-", "application/pdf"))


class FileRefused(Exception):
    """A file WB would refuse: `reason` is too-big | too-much | type; `name` the file's."""

    def __init__(self, reason: str, name: str) -> None:
        super().__init__(f"{reason}: {name}")
        self.reason = reason
        self.name = name


@dataclass(frozen=True)
class OutgoingFile:
    """A file to send: its name, WB's type for it and its bytes."""

    name: str
    content_type: str
    content: bytes


def sniff(content: bytes) -> str | None:
    """JPEG, PNG or PDF by the first bytes; None for anything else."""
    return next((kind for magic, kind in _MAGIC if content.startswith(magic)), None)


def checked(files: list[tuple[str, bytes]]) -> list[OutgoingFile]:
    """`(name, bytes)` pairs as files WB takes, or FileRefused for the first one it would refuse."""
    out: list[OutgoingFile] = []
    total = 0
    for name, content in files:
        if len(content) > MAX_FILE:
            raise FileRefused("too-big", name)
        kind = sniff(content)
        if kind is None:
            raise FileRefused("type", name)
        total += len(content)
        if total > MAX_TOTAL:
            raise FileRefused("too-much", name)
        out.append(OutgoingFile(name=(name or "file")[:255], content_type=kind, content=content))
    return out


async def attach(reply_id: int, files: list[OutgoingFile]) -> None:
    """Store the reply's files (once: a reply that has files keeps them)."""
    if not files or await ReplyFile.filter(reply_id=reply_id).exists():
        return
    await ReplyFile.bulk_create(
        [ReplyFile(reply_id=reply_id, name=f.name, content_type=f.content_type, content=f.content) for f in files]
    )


async def of_reply(reply_id: int) -> list[OutgoingFile]:
    """The files a reply sends, in the order they were attached."""
    rows = await ReplyFile.filter(reply_id=reply_id).order_by("id")
    return [OutgoingFile(name=r.name, content_type=r.content_type, content=bytes(r.content)) for r in rows]


async def card_interaction(tg_chat_id: int, tg_message_id: int) -> int | None:
    """The interaction whose card is the Telegram message `tg_message_id` in that chat (a file sent as a reply to
    a card goes into that card's chat)."""
    card = await Card.get_or_none(tg_chat_id=tg_chat_id, tg_message_id=tg_message_id)
    return card.interaction_id if card else None
