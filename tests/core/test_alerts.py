"""Ops alerts: deduplicated per kind × seller with a count, raised by evaluate() and resolved when causes clear."""

from datetime import UTC, datetime, timedelta

from core.alerts import AlertKind, evaluate, raise_alert, resolve_alert
from core.models import (
    Alert,
    AlertSeverity,
    AnswerState,
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    Seller,
    SellerStatus,
    SyncCursor,
    WbSyncState,
)
from core.settings import Settings
from tests.factories import make_draft, make_reply, new_seller

NOW = datetime.now(UTC)


async def test_raise_is_deduplicated_and_resolve_closes(db: None) -> None:
    seller = await new_seller("s")
    first = await raise_alert(
        kind=AlertKind.STALE_SYNC, seller_id=seller.id, severity=AlertSeverity.WARNING, text="a", now=NOW
    )
    later = NOW + timedelta(minutes=1)
    again = await raise_alert(
        kind=AlertKind.STALE_SYNC, seller_id=seller.id, severity=AlertSeverity.CRITICAL, text="b", now=later
    )
    assert again.id == first.id
    assert (again.count, again.text, again.severity, again.first_seen, again.last_seen) == (
        2, "b", AlertSeverity.CRITICAL, NOW, later,
    )  # fmt: skip
    # Another seller and a global alert of the same kind are separate.
    global_alert = await raise_alert(kind=AlertKind.STALE_SYNC, seller_id=None, severity=AlertSeverity.INFO, text="g")
    assert global_alert.id != first.id and global_alert.open_key == "stale_sync:-"

    assert await resolve_alert(kind=AlertKind.STALE_SYNC, seller_id=seller.id, now=later)
    assert not await resolve_alert(kind=AlertKind.STALE_SYNC, seller_id=seller.id)
    closed = await Alert.get(id=first.id)
    assert (closed.open_key, closed.resolved_at) == (None, later)
    reopened = await raise_alert(
        kind=AlertKind.STALE_SYNC, seller_id=seller.id, severity=AlertSeverity.WARNING, text="c"
    )
    assert reopened.id != first.id and reopened.count == 1


async def _troubled_world() -> tuple[Seller, Seller]:
    """A seller with an invalid token, one with every other problem, and a paused one (ignored)."""
    invalid = await new_seller("invalid", status=SellerStatus.TOKEN_INVALID)
    s = await new_seller(
        "s", status=SellerStatus.ACTIVE, token_scopes=["chat"], token_expires_at=NOW + timedelta(days=3, hours=1)
    )
    await new_seller("paused", status=SellerStatus.PAUSED, token_expires_at=NOW)
    await SyncCursor.create(
        seller=s, channel=Channel.CHAT, last_success_at=NOW - timedelta(minutes=30), consecutive_429=5
    )

    # Connected a day ago: the items below arrived after the connection.
    await Seller.filter(id=s.id).update(created_at=NOW - timedelta(days=1))

    def item(key: str, **kw):
        return Interaction.create(seller=s, channel=Channel.REVIEW, external_id=key, occurred_at=NOW, **kw)

    overdue = await item("overdue", status=InteractionStatus.NEEDS_RESPONSE, due_at=NOW - timedelta(minutes=5))
    # Expired by the sync an hour ago; a window that ended a minute ago is still the sync's to decide.
    await item("pending", wb_sync_state=WbSyncState.EXPIRED, pending_until=NOW - timedelta(hours=1))
    await item("deciding", wb_sync_state=WbSyncState.PENDING, pending_until=NOW - timedelta(minutes=1))
    for n in range(3):
        await item(f"rej{n}", answer_state=AnswerState.REJECTED)
    await make_reply(overdue, "t", idempotency_key="k", status=ReplyStatus.FAILED)
    for n in range(5):
        origin = DraftOrigin.FALLBACK if n < 2 else DraftOrigin.LLM
        await make_draft(overdue, "d", origin=origin)
    return invalid, s


async def _clear_causes(invalid: Seller, s: Seller) -> None:
    await Seller.filter(id=invalid.id).update(status=SellerStatus.ACTIVE)
    await Seller.filter(id=s.id).update(token_expires_at=NOW + timedelta(days=90))
    await SyncCursor.filter(seller=s).update(last_success_at=NOW, consecutive_429=0)
    await Interaction.filter(external_id="overdue").update(status=InteractionStatus.ANSWERED, needs_response=False)
    await Interaction.filter(external_id="pending").update(wb_sync_state=WbSyncState.CONFIRMED)
    await Interaction.filter(answer_state=AnswerState.REJECTED).update(answer_state=AnswerState.PUBLISHED)
    await Reply.all().update(status=ReplyStatus.SENT)
    await Draft.filter(origin=DraftOrigin.FALLBACK).update(origin=DraftOrigin.TEMPLATE)


async def test_evaluate_raises_counts_and_resolves(db: None, settings: Settings) -> None:
    invalid, s = await _troubled_world()
    raised = await evaluate(NOW, settings)
    assert {(a.kind, a.seller_id) for a in raised} == {
        (AlertKind.TOKEN_INVALID, invalid.id),
        (AlertKind.TOKEN_EXPIRING, s.id),
        (AlertKind.STALE_SYNC, s.id),
        (AlertKind.RATE_LIMITED, s.id),
        (AlertKind.REPLY_FAILED, s.id),
        (AlertKind.LLM_FAILURES, None),
        (AlertKind.SLA_BREACH, s.id),
        (AlertKind.PENDING_EXPIRED, s.id),
        (AlertKind.MODERATION_SPIKE, s.id),
    }
    by_kind = {a.kind: a for a in raised}
    assert by_kind[AlertKind.TOKEN_INVALID].severity == AlertSeverity.CRITICAL
    assert by_kind[AlertKind.TOKEN_EXPIRING].text == "Продавец s: токен WB истекает через 3 дня"
    assert by_kind[AlertKind.STALE_SYNC].text == "Продавец s: синхронизация не обновлялась 30 мин. (каналы: chat)"
    assert by_kind[AlertKind.LLM_FAILURES].text == "LLM недоступна: 40% черновиков ушли в шаблон (2)"

    again = await evaluate(NOW + timedelta(minutes=1), settings)
    assert {a.id for a in again} == {a.id for a in raised}
    assert {a.count for a in again} == {2}
    assert await Alert.filter(open_key__isnull=False).count() == 9

    await _clear_causes(invalid, s)
    assert await evaluate(NOW + timedelta(minutes=2), settings) == []
    assert await Alert.filter(open_key__isnull=False).count() == 0
    assert await Alert.filter(resolved_at=NOW + timedelta(minutes=2)).count() == 9


async def test_below_thresholds_nothing_is_raised(db: None, settings: Settings) -> None:
    s = await new_seller("s", status=SellerStatus.ACTIVE, token_scopes=["review"])
    await SyncCursor.create(
        seller=s, channel=Channel.REVIEW, last_success_at=NOW - timedelta(minutes=14), consecutive_429=4
    )
    item = await Interaction.create(
        seller=s, channel=Channel.REVIEW, external_id="1", occurred_at=NOW, answer_state=AnswerState.REJECTED
    )
    for origin in (DraftOrigin.FALLBACK, DraftOrigin.LLM):  # 50% fallback, but too few drafts to judge
        await make_draft(item, "d", origin=origin)
    assert await evaluate(NOW, settings) == []


async def test_backlog_older_than_the_connection_raises_no_sla_alert(db: None, settings: Settings) -> None:
    s = await new_seller("new", status=SellerStatus.ACTIVE, token_scopes=["review"])
    await SyncCursor.create(seller=s, channel=Channel.REVIEW, last_success_at=NOW)
    connected = (await Seller.get(id=s.id)).created_at
    for n in range(50):  # the first sync finds a month of unanswered history
        await Interaction.create(
            seller=s, channel=Channel.REVIEW, external_id=f"old{n}", occurred_at=connected - timedelta(days=30),
            status=InteractionStatus.NEEDS_RESPONSE, due_at=connected - timedelta(days=29),
        )  # fmt: skip
    kinds = {(a.kind, a.seller_id) for a in await evaluate(connected + timedelta(minutes=1), settings)}
    assert (AlertKind.SLA_BREACH, s.id) not in kinds
    await Interaction.create(
        seller=s, channel=Channel.REVIEW, external_id="new", occurred_at=connected + timedelta(seconds=1),
        status=InteractionStatus.NEEDS_RESPONSE, due_at=connected + timedelta(seconds=30),
    )  # fmt: skip
    raised = [a for a in await evaluate(connected + timedelta(minutes=2), settings) if a.kind == AlertKind.SLA_BREACH]
    assert [(a.seller_id, a.text) for a in raised] == [(s.id, "Продавец new: просрочено по SLA: 1")]
