"""Linking on constructed threads: supplements, one buyer across channels (no buyer id: by order and by a rare name),
and near-misses that must not link (common names, WB's placeholder names)."""

from datetime import UTC, datetime, timedelta
from itertools import count

from core.linking import AUTO_ACTION_MIN_CONFIDENCE, auto_action_allowed, link_new, timeline
from core.models import Channel, Interaction, Link, LinkKind, Seller
from tests.factories import new_seller

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
_ids = count(1)


async def _item(seller: Seller, channel: Channel, *, at: timedelta = timedelta(0), **fields) -> Interaction:
    return await Interaction.create(
        seller=seller, channel=channel, external_id=f"x{next(_ids)}", occurred_at=T0 + at, **fields
    )


async def _links() -> dict[tuple[int, int], tuple[str, float, str]]:
    rows = await Link.all().values("a_id", "b_id", "kind", "confidence", "reason")
    return {(r["a_id"], r["b_id"]): (r["kind"], r["confidence"], r["reason"]) for r in rows}


async def test_review_supplement_links_in_either_arrival_order(db: None) -> None:
    seller = await new_seller("s")
    parent = await _item(seller, Channel.REVIEW, rating=2, text="Порвалось")
    child = await _item(seller, Channel.REVIEW, at=timedelta(days=3), parent_external_id=parent.external_id, text="Ещё")
    assert await link_new([child.id]) == 1
    # A child synced before its parent is linked when the parent arrives.
    late_child = await _item(seller, Channel.REVIEW, parent_external_id="p-late", text="Дополнение")
    late_parent = await Interaction.create(
        seller=seller, channel=Channel.REVIEW, external_id="p-late", occurred_at=T0 - timedelta(days=1)
    )
    assert await link_new([late_parent.id]) == 1
    links = await _links()
    assert links[(parent.id, child.id)] == (LinkKind.DETERMINISTIC, 1.0, "supplement")
    assert links[(late_child.id, late_parent.id)][2] == "supplement"


async def _crowd(seller: Seller, n: int = 60) -> None:
    """The seller's other buyers, on other products: what makes a name rare or common among its items."""
    names = ("Анна", "Елена", "Ольга", "Наталья", "Ирина", "Сергей", "Дмитрий", "Мария", "Юлия", "Иван")
    for i in range(n):
        await _item(seller, Channel.REVIEW, at=timedelta(days=-i), nm_id=900000 + i, buyer_name=names[i % len(names)])


async def test_same_buyer_across_channels_forms_one_timeline(db: None) -> None:
    seller = await new_seller("s")
    await _crowd(seller)
    review = await _item(seller, Channel.REVIEW, nm_id=111111, buyer_name="Ярослава", rating=1, text="Брак")
    # The chat's good card has no product, but the buyer writes the nmId in the message: a rare name, a day later.
    chat = await _item(
        seller, Channel.CHAT, at=timedelta(days=1), buyer_name="ярослава", order_ref="rid-7", text="Заказ 111111 брак"
    )
    # The return is filed for the chat's order (claim `srid` = the chat's goodCard `rid`): exact.
    claim = await _item(seller, Channel.RETURN, at=timedelta(days=2), order_ref="rid-7", text="Брак")
    found = await link_new([review.id, chat.id, claim.id])
    links = await _links()
    assert found == len(links) == 2
    kind, confidence, reason = links[(review.id, chat.id)]
    assert (kind, reason) == (LinkKind.PROBABILISTIC, "chat_names_product") and confidence >= AUTO_ACTION_MIN_CONFIDENCE
    assert links[(chat.id, claim.id)] == (LinkKind.DETERMINISTIC, 0.95, "same_order")

    thread = await timeline(review.id)
    assert [t.interaction_id for t in thread] == [review.id, chat.id, claim.id]
    assert [t.reason for t in thread] == ["self", "chat_names_product", "same_order"]
    assert thread[0].confidence == 1.0 and thread[0].kind is None
    assert await auto_action_allowed(review.id)


async def test_placeholder_names_never_link(db: None) -> None:
    seller = await new_seller("s")
    await _crowd(seller)
    hidden = [
        await _item(seller, Channel.REVIEW, at=timedelta(hours=n), nm_id=121212, buyer_name=name, text="Маломерит")
        for n, name in enumerate(("Покупатель Wildberries", "покупатель wildberries", "Покупатель", "Клиент"))
    ]
    assert await link_new([h.id for h in hidden]) == 0


async def test_near_misses_do_not_link(db: None) -> None:
    seller, other_seller = await new_seller("s"), await new_seller("t")
    anna = await _item(seller, Channel.REVIEW, nm_id=222222, buyer_name="Анна", text="Маломерит", rating=3)
    near = [
        # Same product, same day, same text, different buyer.
        await _item(seller, Channel.REVIEW, at=timedelta(hours=2), nm_id=222222, buyer_name="Иван", text="Маломерит"),
        # Same product and text, no buyer name at all (questions are anonymous).
        await _item(seller, Channel.QUESTION, at=timedelta(hours=1), nm_id=222222, text="Маломерит?"),
        # Same buyer name, another product.
        await _item(seller, Channel.REVIEW, at=timedelta(days=1), nm_id=333333, buyer_name="Анна"),
        # Same buyer name and product, outside the 45-day thread window.
        await _item(seller, Channel.REVIEW, at=timedelta(days=46), nm_id=222222, buyer_name="Анна"),
        # Same buyer name and product at another seller.
        await _item(other_seller, Channel.REVIEW, nm_id=222222, buyer_name="Анна"),
    ]
    assert await link_new([anna.id, *(n.id for n in near)]) == 0
    assert await Link.all().count() == 0
    assert [t.interaction_id for t in await timeline(anna.id)] == [anna.id]


async def test_similar_name_links_probabilistically_and_blocks_auto_actions(db: None) -> None:
    seller = await new_seller("s")
    await _crowd(seller)
    review = await _item(seller, Channel.REVIEW, nm_id=444444, buyer_name="Екатерина", text="Цвет не тот", rating=2)
    chat = await _item(
        seller, Channel.CHAT, at=timedelta(days=2), nm_id=444444, buyer_name="Екатерина В.", text="Цвет не тот"
    )
    assert await link_new([chat.id]) == 1
    kind, confidence, reason = (await _links())[(review.id, chat.id)]
    assert (kind, reason) == (LinkKind.PROBABILISTIC, "similar_buyer")
    assert 0.55 <= confidence < AUTO_ACTION_MIN_CONFIDENCE
    assert not await auto_action_allowed(chat.id)


async def test_relinking_is_idempotent(db: None) -> None:
    seller = await new_seller("s")
    a = await _item(seller, Channel.CHAT, order_ref="o-1")
    b = await _item(seller, Channel.CHAT, at=timedelta(hours=1), order_ref="o-1")
    assert await link_new([b.id]) == 1
    assert await link_new([a.id, b.id]) == 1
    assert await link_new([]) == 0
    assert await _links() == {(a.id, b.id): (LinkKind.DETERMINISTIC, 0.95, "same_order")}


async def test_a_common_name_is_never_sure(db: None) -> None:
    seller = await new_seller("s")
    annas = [
        await _item(seller, Channel.REVIEW, at=timedelta(days=n), nm_id=555555, buyer_name="Анна") for n in range(6)
    ]
    # Six Annas on one product: the name identifies nobody.
    assert await link_new([a.id for a in annas]) == 0
    # With one namesake left on the product, the same name is a guess, never sure: Анна is most of this shop's names.
    await Interaction.filter(id__in=[a.id for a in annas[2:]]).update(nm_id=666666)
    assert await link_new([annas[0].id]) == 1
    kind, confidence, reason = (await _links())[(annas[0].id, annas[1].id)]
    assert (kind, reason) == (LinkKind.PROBABILISTIC, "same_name_product") and confidence < AUTO_ACTION_MIN_CONFIDENCE


async def test_anonymous_buyers_never_link_by_product(db: None) -> None:
    """WB shows a placeholder for a hidden name ("Покупатель Wildberries"): such items are anonymous and never link
    by product (README, Linking), whatever the placeholder's spelling."""
    seller = await new_seller("s")
    anonymous = [
        await _item(seller, Channel.REVIEW, at=timedelta(hours=n), nm_id=444444, buyer_name=name, text="Маломерит")
        for n, name in enumerate(("Покупатель Wildberries", "покупатель wildberries", "Покупатель", "", "  ", None))
    ]
    chat = await _item(seller, Channel.CHAT, at=timedelta(hours=9), nm_id=444444, buyer_name="Покупатель", text="?")
    assert await link_new([*(a.id for a in anonymous), chat.id]) == 0
    assert await Link.all().count() == 0
