"""Reply quality, LLM usage, sync health and the pilot GO/NO-GO checklist with values and thresholds."""

from datetime import UTC, datetime, timedelta

from core.analytics import Criterion, Period, llm_usage, readiness, reply_quality, sync_health
from core.analytics.quality import TokenUsage
from core.models import (
    Alert,
    AlertSeverity,
    AnswerState,
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    Reply,
    ReplyQuality,
    ReplyStatus,
    Seller,
    SyncCursor,
    SyncRun,
    SyncRunStatus,
)
from core.settings import OpsSettings
from tests.factories import new_seller

NOW = datetime.now(UTC)
# Rows stamped with auto_now_add are created when the test runs, minutes after this module was imported.
PERIOD = Period(NOW - timedelta(days=1), NOW + timedelta(days=1))


async def _item(seller: Seller, key: str, **kw) -> Interaction:
    return await Interaction.create(seller=seller, channel=Channel.REVIEW, external_id=key, occurred_at=NOW, **kw)


async def _reply(item: Interaction, key: str, status: ReplyStatus, quality: ReplyQuality = ReplyQuality.MANUAL):
    sent = NOW if status == ReplyStatus.SENT else None
    return await Reply.create(
        interaction=item, text="t", idempotency_key=key, status=status, quality=quality, sent_at=sent
    )


async def _draft(item: Interaction, origin: DraftOrigin, *, ok: bool = True, tokens: tuple[int, int] = (0, 0)):
    return await Draft.create(
        interaction=item, text="d", origin=origin, ok=ok, prompt_tokens=tokens[0], completion_tokens=tokens[1]
    )


async def test_reply_quality_and_llm_usage(db: None) -> None:
    a, b = await new_seller("A"), await new_seller("B")
    i1 = await _item(a, "1", first_response_at=NOW, answer_state=AnswerState.PUBLISHED)
    i2 = await _item(a, "2", first_response_at=NOW, answer_state=AnswerState.REJECTED)
    i3 = await _item(a, "3", first_response_at=NOW)
    i4 = await _item(a, "4")
    await _reply(i1, "k1", ReplyStatus.SENT, ReplyQuality.AS_IS)
    await _reply(i2, "k2", ReplyStatus.SENT, ReplyQuality.EDITED)
    await _reply(i3, "k3", ReplyStatus.SENT, ReplyQuality.AUTO)
    await _reply(i4, "k4", ReplyStatus.FAILED)
    await _draft(i1, DraftOrigin.LLM, tokens=(100, 20))
    await _draft(i2, DraftOrigin.FALLBACK)
    await _draft(i3, DraftOrigin.TEMPLATE)
    await _draft(i4, DraftOrigin.LLM, ok=False, tokens=(50, 10))
    await _draft(await _item(b, "b1"), DraftOrigin.LLM, tokens=(10, 5))

    q = await reply_quality(seller_id=a.id, period=PERIOD)
    assert q.replies == {ReplyQuality.AS_IS: 1, ReplyQuality.EDITED: 1, ReplyQuality.AUTO: 1}
    assert (q.sent, q.reply_pct(ReplyQuality.AS_IS), q.reply_pct(ReplyQuality.MANUAL)) == (3, 33.3, 0.0)
    assert q.drafts == {DraftOrigin.LLM: 2, DraftOrigin.FALLBACK: 1, DraftOrigin.TEMPLATE: 1}
    assert (q.blocked_drafts, q.llm_fallback_pct) == (1, 33.3)
    assert (q.moderation_rejected, q.answered, q.rejection_pct) == (1, 3, 33.3)
    assert await llm_usage(seller_id=None, period=PERIOD) == [TokenUsage(a.id, 2, 150, 30), TokenUsage(b.id, 1, 10, 5)]
    assert await llm_usage(seller_id=b.id, period=Period(NOW - timedelta(days=9), NOW - timedelta(days=8))) == []


async def _cursor(seller: Seller, channel: Channel, minutes_ago: float, **kw) -> None:
    await SyncCursor.create(seller=seller, channel=channel, last_success_at=NOW - timedelta(minutes=minutes_ago), **kw)


async def test_sync_health_per_seller_and_channel(db: None) -> None:
    seller = await new_seller("A")
    await _cursor(seller, Channel.REVIEW, 2)
    await _cursor(seller, Channel.CHAT, 30, consecutive_failures=2, consecutive_429=6, last_error="429")
    for status, limited in ((SyncRunStatus.OK, 1), (SyncRunStatus.FAILED, 3), (SyncRunStatus.OK, 0)):
        await SyncRun.create(seller=seller, channel=Channel.CHAT, status=status, rate_limited=limited, started_at=NOW)
    chat, review = await sync_health(seller_id=seller.id, period=PERIOD, now=NOW)
    assert (chat.channel, round(chat.lag_s), chat.consecutive_failures, chat.consecutive_429) == (
        Channel.CHAT, 1800, 2, 6,
    )  # fmt: skip
    assert (chat.runs, chat.runs_failed, chat.rate_limited, chat.last_error) == (3, 1, 4, "429")
    assert (review.channel, round(review.lag_s), review.runs) == (Channel.REVIEW, 120, 0)


async def test_readiness_go_and_no_go_with_values_and_thresholds(db: None) -> None:
    ops = OpsSettings(stale_sync_min=15, backlog_cap=1, reply_failure_rate_pct=5.0, guardrail_rise_floor=5)
    # A: the token covers reviews and questions only, so its stale chat cursor does not count.
    good = await new_seller("good", token_scopes=["review", "question"])
    await _cursor(good, Channel.REVIEW, 2)
    await _cursor(good, Channel.QUESTION, 3)
    await _cursor(good, Channel.CHAT, 300)
    await _reply(await _item(good, "g1"), "g1", ReplyStatus.SENT)
    # B: stale chat, a critical alert, backlog over the cap, half the sends failed, guardrail blocks up.
    bad = await new_seller("bad", token_scopes=["review", "question", "chat"])
    await _cursor(bad, Channel.REVIEW, 1)
    await _cursor(bad, Channel.QUESTION, 1)
    await _cursor(bad, Channel.CHAT, 30)
    await Alert.create(
        kind="token_invalid", seller=bad, severity=AlertSeverity.CRITICAL, text="x", open_key=f"token_invalid:{bad.id}",
        first_seen=NOW, last_seen=NOW,
    )  # fmt: skip
    items = [await _item(bad, f"b{n}") for n in range(2)]
    await _reply(items[0], "b-ok", ReplyStatus.SENT)
    await _reply(items[1], "b-fail", ReplyStatus.FAILED)
    for _ in range(6):
        await _draft(items[0], DraftOrigin.TEMPLATE, ok=False)
    old = await _draft(items[0], DraftOrigin.TEMPLATE, ok=False)
    await Draft.filter(id=old.id).update(created_at=NOW - timedelta(days=3))

    result = await readiness(now=NOW, ops=ops)
    by_name = {s.seller_name: s for s in result.sellers}
    assert by_name["good"].go and not by_name["bad"].go and not result.go
    good_values = {c.key: (c.ok, c.value, c.threshold) for c in by_name["good"].criteria}
    assert good_values["sync_fresh"][0] and 2.9 < good_values["sync_fresh"][1] < 3.1
    assert good_values["backlog"] == (True, 1, 1)
    crit = {c.key: c for c in by_name["bad"].criteria}
    assert (crit["sync_fresh"].ok, round(crit["sync_fresh"].value), crit["sync_fresh"].threshold) == (False, 30, 15)
    assert (crit["no_critical_alerts"].ok, crit["no_critical_alerts"].value) == (False, 1)
    assert (crit["backlog"].ok, crit["backlog"].value, crit["backlog"].threshold) == (False, 2, 1)
    assert (crit["reply_failures"].ok, crit["reply_failures"].value, crit["reply_failures"].threshold) == (
        False,
        50.0,
        5.0,
    )
    # 6 blocks today against 1 in the prior week: allowed max(5, 1/7 × 1.5) = 5.
    assert (crit["guardrail_blocks"].ok, crit["guardrail_blocks"].value, crit["guardrail_blocks"].threshold) == (
        False,
        6,
        5.0,
    )
    assert result.criteria[-1] == Criterion("sellers_go", False, 1, 0, "count")
    assert crit["sync_fresh"].name("en") == "Sync fresh on every channel of the token (min)"

    only_good = await readiness(now=NOW, ops=ops, seller_id=good.id)
    assert only_good.go and [s.seller_name for s in only_good.sellers] == ["good"]


async def test_readiness_missing_cursor_is_no_go(db: None) -> None:
    seller = await new_seller("new", token_scopes=["chat"])
    result = await readiness(now=NOW, ops=OpsSettings(), seller_id=seller.id)
    fresh = result.sellers[0].criteria[0]
    assert (fresh.key, fresh.ok, fresh.value) == ("sync_fresh", False, None)
    assert not result.go


async def test_manual_replies_are_texts_only(db: None) -> None:
    """Issue 29: a return decision and a hidden question are not hand-written replies."""
    seller = await new_seller("A")
    typed = await _item(seller, "m1", first_response_at=NOW)
    claim = await Interaction.create(seller=seller, channel=Channel.RETURN, external_id="c1", occurred_at=NOW)
    spam = await Interaction.create(seller=seller, channel=Channel.QUESTION, external_id="q1", occurred_at=NOW)
    await _reply(typed, "m1", ReplyStatus.SENT)
    for item, action in ((claim, "approve2"), (spam, "hide")):
        await Reply.create(
            interaction=item, text="", action=action, idempotency_key=f"a:{action}", status=ReplyStatus.SENT,
            quality=ReplyQuality.MANUAL, sent_at=NOW,
        )  # fmt: skip
    assert (await reply_quality(seller_id=seller.id, period=PERIOD)).replies == {ReplyQuality.MANUAL: 1}
