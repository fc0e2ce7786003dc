"""Answers that win buyers back (core.analytics.recovery) and quality per way of answering (core.analytics.ways),
against a hand-built shop (times UTC, "now" 2026-11-30 12:00):

  n1 2★ nm 111 · Anna, LLM draft as is, day 1 12:00 · supplement 5★ day 3 12:00 → recovered after 2.0 days
  n2 1★ nm 111 · Boris, template draft edited · supplement 1★ → not recovered; WB rejected the answer
  n3 3★ nm 222 · Anna, her own text · supplement 4★ 4 days after → recovered after 4.0 days
  n4 2★ nm 222 · no answer on the review; a chat linked to it, answered by Boris from an LLM draft after the review
     · supplement 4★ a day later → recovered after 1.0 day (way llm, member Boris)
  n5 1★ nm 111 · Anna, template as is · supplement 5★ written BEFORE our answer → not won by the answer
  n8 2★ nm 222 · Boris, his own preview replacing an LLM draft (edited) → way llm; no supplement
  n6 1★ unanswered, supplement 5★ → not counted; n7 5★ answered by auto-send, supplement → not a negative
  Seller B: one answered recovered negative → never counted for A.
So A: recovered 3 of 6 (50 %), median 2.0 days.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core import exports
from core.analytics import ItemFilters, Period, interactions_query
from core.analytics.recovery import recovery, recovery_rows
from core.analytics.ways import answer_ways
from core.models import (
    AnswerState,
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    Link,
    LinkKind,
    MemberRole,
    Reply,
    ReplyQuality,
    ReplyStatus,
    ReplyVia,
    Seller,
    SellerMember,
)

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
PERIOD = Period(datetime(2026, 11, 1, tzinfo=UTC), NOW)


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


async def _review(seller: Seller, key: str, rating: int, when: datetime, nm_id: int = 111, **kw) -> Interaction:
    return await Interaction.create(
        seller=seller, channel=Channel.REVIEW, external_id=key, rating=rating, occurred_at=when, nm_id=nm_id,
        product_name=f"Товар {nm_id}", text="...", **kw,
    )  # fmt: skip


async def _reply(
    item: Interaction,
    when: datetime,
    *,
    member: SellerMember | None,
    origin: DraftOrigin | None,
    quality: ReplyQuality,
    via: ReplyVia = ReplyVia.TELEGRAM,
    action: str | None = None,
) -> Reply:
    draft = None
    if origin is not None:
        draft = await Draft.create(interaction=item, text="draft", origin=origin)
    return await Reply.create(
        interaction=item, draft=draft, text="answer", status=ReplyStatus.SENT, quality=quality, via=via,
        approved_by=member, idempotency_key=f"{item.id}:{origin}:{when.isoformat()}:{action}", sent_at=when,
        created_at=when, action=action,
    )  # fmt: skip


async def _supplement(parent: Interaction, key: str, rating: int, when: datetime) -> Interaction:
    return await _review(
        await parent.seller, key, rating, when, nm_id=parent.nm_id, parent_external_id=parent.external_id
    )


@pytest.fixture
async def shop(db: None) -> dict:
    a, b = await Seller.create(name="A"), await Seller.create(name="B")
    anna = await SellerMember.create(seller=a, tg_user_id=1, tg_chat_id=1, name="Anna", role=MemberRole.OWNER)
    boris = await SellerMember.create(seller=a, tg_user_id=2, tg_chat_id=2, name="Boris", role=MemberRole.OPERATOR)
    n = {}
    n[1] = await _review(a, "n1", 2, at(1, 10), topics=["size_small"])
    await _reply(n[1], at(1), member=anna, origin=DraftOrigin.LLM, quality=ReplyQuality.AS_IS)
    await _supplement(n[1], "s1", 5, at(3))
    n[2] = await _review(a, "n2", 1, at(2, 10), topics=["size_small", "defect"], answer_state=AnswerState.REJECTED)
    await _reply(n[2], at(2), member=boris, origin=DraftOrigin.TEMPLATE, quality=ReplyQuality.EDITED)
    await _supplement(n[2], "s2", 1, at(4))
    n[3] = await _review(a, "n3", 3, at(5, 10), nm_id=222, topics=["defect"])
    await _reply(n[3], at(5), member=anna, origin=None, quality=ReplyQuality.MANUAL)
    await _supplement(n[3], "s3", 4, at(9))
    n[4] = await _review(a, "n4", 2, at(10, 8), nm_id=222)
    chat = await Interaction.create(seller=a, channel=Channel.CHAT, external_id="c4", occurred_at=at(10, 9), nm_id=222)
    await Link.create(seller=a, a_id=chat.id, b_id=n[4].id, kind=LinkKind.PROBABILISTIC, confidence=0.7, reason="x")
    await _reply(chat, at(10), member=boris, origin=DraftOrigin.LLM, quality=ReplyQuality.AS_IS)
    await _supplement(n[4], "s4", 4, at(11))
    # A chat answered before the review was written does not answer it.
    early = await Interaction.create(seller=a, channel=Channel.CHAT, external_id="c0", occurred_at=at(1), nm_id=222)
    await Link.create(seller=a, a_id=n[4].id, b_id=early.id, kind=LinkKind.PROBABILISTIC, confidence=0.7, reason="x")
    await _reply(early, at(1, 13), member=anna, origin=None, quality=ReplyQuality.MANUAL)
    n[5] = await _review(a, "n5", 1, at(12, 8))
    await _supplement(n[5], "s5", 5, at(12, 9))
    await _reply(n[5], at(12, 10), member=anna, origin=DraftOrigin.TEMPLATE, quality=ReplyQuality.AS_IS)
    n[8] = await _review(a, "n8", 2, at(13, 8), nm_id=222)
    await Draft.create(interaction=n[8], text="llm", origin=DraftOrigin.LLM)
    await _reply(n[8], at(13), member=boris, origin=DraftOrigin.SELLER, quality=ReplyQuality.EDITED)
    # A return decision is not a text answer.
    await _reply(n[8], at(13, 14), member=boris, origin=None, quality=ReplyQuality.MANUAL, action="approve1")
    n[6] = await _review(a, "n6", 1, at(14, 8))
    await _supplement(n[6], "s6", 5, at(15))
    n[7] = await _review(a, "n7", 5, at(14, 9))
    await _reply(
        n[7], at(14, 10), member=None, origin=DraftOrigin.TEMPLATE, quality=ReplyQuality.AUTO, via=ReplyVia.AUTO
    )
    await _supplement(n[7], "s7", 5, at(16))
    other = await _review(b, "b1", 1, at(3, 8))
    await _reply(other, at(3), member=None, origin=None, quality=ReplyQuality.MANUAL)
    await _supplement(other, "bs1", 5, at(4))
    return {"a": a, "b": b, "anna": anna, "boris": boris, "n": n}


async def _listed(**filters) -> set[int]:
    page = await interactions_query(ItemFilters(page_size=500, **filters))
    assert page.total == len(page.items)
    return {i.id for i in page.items}


async def test_recovered_n_of_m_with_median_days_and_breakdowns(shop: dict) -> None:
    a, n = shop["a"], shop["n"]
    stats = await recovery(seller_id=a.id, period=PERIOD)
    assert (stats.total.recovered, stats.total.answered, stats.total.pct) == (3, 6, 50.0)
    assert stats.total.median_days == 2.0
    assert stats.total.supplemented == 4  # n1, n2, n3, n4 (n5's came before our answer)
    by_way = {g.way: (g.recovered, g.answered) for g in stats.ways}
    assert by_way == {"llm": (2, 3), "template": (0, 2), "seller": (1, 1)}
    by_member = {g.label: (g.recovered, g.answered) for g in stats.members}
    assert by_member == {"Anna": (2, 3), "Boris": (1, 3)}
    by_product = {g.nm_id: (g.recovered, g.answered, g.median_days) for g in stats.products}
    assert by_product == {111: (1, 3, 2.0), 222: (2, 3, 2.5)}
    rows = {r.id: r for r in await recovery_rows(seller_id=a.id, period=PERIOD)}
    assert rows[n[4].id].way == "llm" and rows[n[4].id].member_id == shop["boris"].id
    assert rows[n[4].id].days == pytest.approx(1.0)
    # All sellers: B's recovered review joins.
    everyone = await recovery(seller_id=None, period=PERIOD)
    assert (everyone.total.recovered, everyone.total.answered) == (4, 7)


async def test_drill_down_lists_exactly_the_counted_items(shop: dict) -> None:
    a, n = shop["a"], shop["n"]
    assert await _listed(seller_id=a.id, recovery="recovered") == {n[1].id, n[3].id, n[4].id}
    assert await _listed(seller_id=a.id, recovery="answered") == {n[i].id for i in (1, 2, 3, 4, 5, 8)}
    assert await _listed(seller_id=a.id, recovery="recovered", answer_way="llm") == {n[1].id, n[4].id}
    assert await _listed(seller_id=a.id, recovery="recovered", answered_by=shop["boris"].id) == {n[4].id}
    assert await _listed(seller_id=a.id, recovery="answered", nm_id=111) == {n[1].id, n[2].id, n[5].id}
    with pytest.raises(ValueError):
        await _listed(seller_id=a.id, recovery="everything")


async def test_quality_per_way_and_topic(shop: dict) -> None:
    trust = await answer_ways(seller_id=shop["a"].id, period=PERIOD)
    ways = {w.key: (w.sent, w.acceptance_pct, w.edit_pct, w.rejection_pct) for w in trust.ways}
    assert ways["llm"] == (3, 66.7, 33.3, 0.0)  # n1 and the chat as is, n8 edited by its seller preview
    assert ways["template"] == (2, 50.0, 50.0, 50.0)  # n5 as is, n2 edited and rejected by WB
    assert ways["seller"] == (2, 0.0, 0.0, 0.0)  # n3 and the early chat
    assert ways["auto"] == (1, 0.0, 0.0, 0.0)
    assert ways["fallback"] == (0, None, None, None)
    topics = {w.key: (w.sent, w.as_is, w.edited, w.rejected) for w in trust.topics}
    assert topics == {"size_small": (2, 1, 1, 1), "defect": (2, 0, 1, 1)}
    # Outside the period nothing counts.
    empty = await answer_ways(seller_id=shop["a"].id, period=Period(at(20), NOW))
    assert sum(w.sent for w in empty.ways) == 0


async def test_csv_export_carries_the_way_the_supplement_and_the_outcome(shop: dict) -> None:
    n = shop["n"]
    rows = {}
    async for page in exports.export_pages(ItemFilters(seller_id=shop["a"].id), fmt=exports.CsvFormat("en")):
        for row in page:
            cells = dict(zip(exports.COLUMNS, row, strict=True))
            rows[cells["id"]] = (cells["answer_way"], cells["supplement_rating"], cells["recovered"])
    assert rows[n[1].id] == ("LLM draft", 5, "yes")
    assert rows[n[2].id] == ("template", 1, "no")
    assert rows[n[5].id] == ("template", "", "no")  # its supplement came before our answer
    assert rows[n[6].id] == ("", "", "")  # never answered
