"""Putting a reply on its way to WB: a person's approval, a claim decision, a hidden question, an answer edit, a
re-check.

Each service applies core's rules (guardrails with the caller's settings, one outbox row per decision, who may
answer what) and then hands the queued reply to `enqueue`, the send step its caller injects: the bot, the admin and
auto-send pass a kick of sync's send task (`sync.broker.send_queue`), tests pass their own. The send itself, and
everything about talking to WB, is sync's (`sync.outbox`). The send task is idempotent, so a reply still queued is
handed on again on a double tap (a kick lost the first time is not waited for until the sweep).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from core import answer_edits, audit, outgoing_files, question_actions, replies, returns
from core.items.view import current_draft
from core.models import Channel, Interaction, Reply, ReplyStatus, ReplyVia
from core.settings import Settings

# The send step: start sending the queued reply with this id.
Enqueue = Callable[[int], Awaitable[object]]


async def _hand_on(reply: Reply, enqueue: Enqueue) -> Reply:
    if reply.status == ReplyStatus.QUEUED:
        await enqueue(reply.id)
    return reply


async def submit_reply(
    *,
    interaction_id: int,
    text: str,
    draft_id: int | None,
    via: ReplyVia,
    settings: Settings,
    enqueue: Enqueue,
    member_id: int | None = None,
    admin_id: int | None = None,
) -> Reply:
    """Approve `text` (guardrails; raises GuardrailViolation / ReplyNotAllowed) and start its send."""
    reply, _ = await replies.approve(
        interaction_id=interaction_id,
        text=text,
        draft_id=draft_id,
        member_id=member_id,
        admin_id=admin_id,
        via=via,
        extra_phrases=tuple(settings.banned_phrases_extra),
    )
    return await _hand_on(reply, enqueue)


async def submit_files(
    *,
    interaction_id: int,
    text: str,
    files: list[tuple[str, bytes]],
    via: ReplyVia,
    settings: Settings,
    enqueue: Enqueue,
    member_id: int | None = None,
) -> Reply:
    """Files (a photo, a PDF) with a text into a buyer chat: WB's limits checked before anything is stored
    (`core.outgoing_files.FileRefused`), then one outbox reply that POSTs text and files together, once."""
    item = await Interaction.get(id=interaction_id)
    if item.channel != Channel.CHAT:
        raise replies.ReplyNotAllowed("files-chat-only")
    checked = outgoing_files.checked(files)
    reply, created = await replies.approve(
        interaction_id=interaction_id,
        text=text,
        member_id=member_id,
        via=via,
        extra_phrases=tuple(settings.banned_phrases_extra),
    )
    if not created:
        # The same text is already on its way (a double tap of this send: its files are attached; another send
        # of that text without files: these files would ride along unasked).
        if not await outgoing_files.of_reply(reply.id):
            raise replies.ReplyNotAllowed("in-flight")
        return await _hand_on(reply, enqueue)
    await outgoing_files.attach(reply.id, checked)
    return await _hand_on(reply, enqueue)


async def send_draft(
    *,
    interaction_id: int,
    draft_id: int,
    via: ReplyVia,
    settings: Settings,
    enqueue: Enqueue,
    member_id: int | None = None,
) -> Reply:
    """Approve the draft a button was rendered with (a superseded one is refused as stale) and start its send.

    The same tap again — Telegram replays a tap whose confirmation a killed bot never sent, or a double tap — finds
    the draft already on its way (no longer current) and gets that reply back instead of "out of date": it did
    take effect, once. A failed reply is not returned: approving its draft again is a new attempt."""
    taken = (
        await Reply.filter(interaction_id=interaction_id, draft_id=draft_id)
        .exclude(status=ReplyStatus.FAILED)
        .order_by("-id")
        .first()
    )
    if taken is not None:
        return await _hand_on(taken, enqueue)
    draft = await current_draft(interaction_id, draft_id)
    return await submit_reply(
        interaction_id=interaction_id,
        text=draft.text,
        draft_id=draft.id,
        via=via,
        settings=settings,
        enqueue=enqueue,
        member_id=member_id,
    )


async def submit_decision(
    *,
    interaction_id: int,
    action: str,
    settings: Settings,
    enqueue: Enqueue,
    comment: str | None = None,
    member_id: int | None = None,
    admin_id: int | None = None,
    via: ReplyVia = ReplyVia.TELEGRAM,
) -> Reply:
    """A person's decision on a claim (`core.returns.decide`: allowed action, comment rules, guardrails) → the send."""
    reply, _ = await returns.decide(
        interaction_id=interaction_id,
        action=action,
        comment=comment,
        member_id=member_id,
        admin_id=admin_id,
        via=via,
        extra_phrases=tuple(settings.banned_phrases_extra),
    )
    return await _hand_on(reply, enqueue)


async def submit_hide(*, interaction_id: int, via: ReplyVia, enqueue: Enqueue, member_id: int | None = None) -> Reply:
    """A person's "hide this question" (`core.question_actions.hide`) → the send."""
    reply, _ = await question_actions.hide(interaction_id=interaction_id, member_id=member_id, via=via)
    return await _hand_on(reply, enqueue)


async def submit_edit(
    *,
    interaction_id: int,
    draft_id: int,
    settings: Settings,
    enqueue: Enqueue,
    member_id: int | None = None,
    via: ReplyVia = ReplyVia.TELEGRAM,
) -> Reply:
    """A person's confirmed edit of a published answer (`core.answer_edits.request`: once, 60 days) → the send."""
    reply, _ = await answer_edits.request(
        interaction_id=interaction_id,
        draft_id=draft_id,
        member_id=member_id,
        via=via,
        extra_phrases=tuple(settings.banned_phrases_extra),
    )
    return await _hand_on(reply, enqueue)


async def recheck(
    interaction_id: int, *, enqueue: Enqueue, member_id: int | None = None, admin_id: int | None = None
) -> bool:
    """The seller's "check WB again": the item's unknown reply is read back now (audited with who asked).
    False: nothing unknown."""
    reply = await replies.request_recheck(interaction_id)
    if reply is None:
        return False
    item = await Interaction.get(id=interaction_id)
    await audit.record(
        "reply.recheck",
        seller_id=item.seller_id,
        interaction_id=interaction_id,
        member_id=member_id,
        admin_id=admin_id,
        object_type="reply",
        object_id=reply.id,
    )
    await enqueue(reply.id)
    return True
