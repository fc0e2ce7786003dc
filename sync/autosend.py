"""Auto-send: a seller who opted in gets clearly positive 4–5★ reviews answered without pressing Approve.

The rules live in `core.autosend` (reviews only, 4–5★, no text or clearly positive text, guardrails pass, every
link sure enough). This module runs them for one new interaction: a cheap pre-check on the interaction alone (so
an ineligible item costs no draft), then a draft, then the full check on the draft's verdict, then the outbox.

Every outcome is audited once per interaction: `reply.auto_sent` (with the reply) or `reply.auto_send_skipped`
(with the reason, so a seller can see why an item waited for a person). Redelivery is a no-op: an item that
already has a reply returns it, the draft comes from `create_draft`'s double-tap guard and the reply from the
outbox's idempotency key. Two fully concurrent runs could at worst write a duplicate audit row, never a second
answer.
"""

from __future__ import annotations

from taskiq import AsyncBroker

from core import audit
from core.autosend import AutoSendReason, check
from core.drafting.service import create_draft
from core.guardrails import GuardrailViolation, Verdict
from core.models import AuditEvent, Channel, Interaction, Reply, ReplyVia, Seller
from core.replies import ReplyNotAllowed
from core.seller_settings import SellerSettings
from core.settings import Settings
from sync.outbox import submit_reply

SENT = "reply.auto_sent"
SKIPPED = "reply.auto_send_skipped"


async def _record_once(action: str, item: Interaction, **fields) -> None:
    if not await AuditEvent.filter(action=action, interaction_id=item.id).exists():
        await audit.record(action, seller_id=item.seller_id, interaction_id=item.id, **fields)


async def _skip(item: Interaction, reason: AutoSendReason) -> None:
    await _record_once(SKIPPED, item, meta={"reason": str(reason)})


async def autosend(*, interaction_id: int, settings: Settings, broker: AsyncBroker | None = None) -> Reply | None:
    """Auto-answer a new review when the seller opted in and it qualifies; returns its reply, else None.

    Questions and chats are never auto-sent. Raises nothing on a refusal: the item simply stays for a person.
    """
    item = await Interaction.get(id=interaction_id)
    seller = await Seller.get(id=item.seller_id)
    seller_settings = SellerSettings.of(seller.settings)
    if not seller_settings.auto_send or item.channel != Channel.REVIEW:
        return None
    existing = await Reply.filter(interaction_id=interaction_id).order_by("-id").first()
    if existing is not None:
        return existing if existing.via == ReplyVia.AUTO else None
    if not item.needs_response:
        return None
    # Judged as if the draft passed: rating, text and links decide before any draft is generated.
    ok, reason = await check(item, seller_settings, Verdict())
    if not ok:
        await _skip(item, reason)
        return None
    draft = await create_draft(interaction_id=interaction_id, settings=settings)
    ok, reason = await check(item, seller_settings, Verdict.from_dict(draft.verdict))
    if not ok:
        await _skip(item, reason)
        return None
    try:
        reply = await submit_reply(
            interaction_id=interaction_id, text=draft.text, draft_id=draft.id, via=ReplyVia.AUTO, broker=broker
        )
    except GuardrailViolation:  # the approval re-checks with the seller's current phrases
        await _skip(item, AutoSendReason.GUARDRAILS)
        return None
    except ReplyNotAllowed:  # answered meanwhile (in the WB cabinet or by a person)
        return None
    await _record_once(SENT, item, object_type="reply", object_id=reply.id, after=reply.text)
    return reply
