"""The stored reading (issue 24) through the real paths: an item's arrival and its draft store topics, situations,
mood, reply language and product kind; a harm or legal item becomes urgent with the short safety SLA, is never
auto-sent, gets its card past the notification switches and pages during quiet hours; the LLM's re-triage keeps it
urgent. Runs on PostgreSQL and (AGENTIQ_TEST_DB=sqlite) SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core import arrival
from core.autosend import SKIPPED
from core.drafting.service import create_draft
from core.models import (
    AuditEvent,
    Channel,
    Interaction,
    InteractionStatus,
    MemberRole,
    Priority,
    Reply,
    Seller,
    SellerMember,
)
from core.reading import product_kind
from core.readings import reading_of
from core.seller_settings import SellerSettings
from core.settings import Settings
from core.sla import SAFETY_BUDGET
from tests.core.fixtures import Queue

# The demo's example (issue 24): a burn and a legal threat in one line.
BURN = "после крема ожог на лице, иду в Роспотребнадзор"


def _settings(**overrides: object) -> dict:
    base = SellerSettings().model_dump(mode="json")
    # Around the clock in UTC: the SLA arithmetic is plain time.
    base["business_hours"] = {"timezone": "UTC", "start": "00:00", "end": "00:00", "weekdays": [1, 2, 3, 4, 5, 6, 7]}
    base["auto_draft"] = False
    return {**base, **overrides}


async def _item(seller_settings: dict | None = None, **fields: object) -> Interaction:
    seller = await Seller.create(name="Shop", settings=seller_settings or _settings())
    now = datetime.now(UTC).replace(microsecond=0)
    values = {
        "channel": Channel.REVIEW,
        "rating": 5,
        "text": "Отличный крем",
        "occurred_at": now - timedelta(minutes=5),
        "status": InteractionStatus.NEEDS_RESPONSE,
        "priority": Priority.NORMAL,
        "priority_rank": 2,
        "due_at": now + timedelta(hours=16),
        "product_name": "Крем для лица",
    } | fields
    return await Interaction.create(seller=seller, external_id=f"x-{now.timestamp()}", **values)


async def test_arrival_stores_the_whole_reading(db: None, settings: Settings) -> None:
    item = await _item(rating=2, text="Маломерит, верните деньги", product_name="Платье летнее")
    await arrival.prepare(item.id, settings=settings, enqueue=Queue(), llm_client=None)
    row = await Interaction.get(id=item.id)
    assert "size_small" in row.topics and row.situations == []
    assert (row.mood, row.reply_language) == ("negative", "ru")
    assert row.product_kind == product_kind("Платье летнее").value  # whatever the reader makes of the name
    # Stored once: a second look reads the row, not the text again.
    again = await reading_of(row)
    assert [t.value for t in again.topics] == row.topics and again.mood == "negative"


async def test_a_draft_stores_the_reading_of_an_english_question(db: None, settings: Settings) -> None:
    item = await _item(channel=Channel.QUESTION, rating=None, text="Does it run small? Which size for 170 cm?")
    await create_draft(interaction_id=item.id, settings=settings)
    row = await Interaction.get(id=item.id)
    assert row.reply_language == "en" and row.situations == [] and row.mood is not None and row.topics


async def test_a_safety_item_is_urgent_with_the_short_sla(db: None, settings: Settings) -> None:
    item = await _item(text=BURN)
    ready = await arrival.prepare(item.id, settings=settings, enqueue=Queue(), llm_client=None)
    row = await Interaction.get(id=item.id)
    assert row.situations == ["harm", "legal"]
    assert (row.priority, row.priority_rank) == (Priority.URGENT, 0)
    assert row.due_at == item.occurred_at + SAFETY_BUDGET
    assert ready.data.interaction.priority == Priority.URGENT  # what the card shows


async def test_a_safety_item_is_never_auto_sent(db: None, settings: Settings) -> None:
    # Clearly positive by the auto-send words (praise, no negation), 5★: only the reading stops it.
    item = await _item(_settings(auto_send=True), text="Крем отличный, спасибо! Ребёнок проглотил крышку от тюбика")
    ready = await arrival.prepare(item.id, settings=settings, enqueue=Queue(), llm_client=None)
    assert not ready.auto_sent and not await Reply.filter(interaction_id=item.id).exists()
    skipped = await AuditEvent.get(action=SKIPPED, interaction_id=item.id)
    assert skipped.meta == {"reason": "safety"}
    # The same seller's plain praise is still auto-sent (the switch works; safety is what stopped the first).
    plain = await Interaction.create(
        seller_id=item.seller_id, channel=Channel.REVIEW, external_id="plain", rating=5, text="Крем отличный, спасибо!",
        occurred_at=item.occurred_at, status=InteractionStatus.NEEDS_RESPONSE,
    )  # fmt: skip
    assert (await arrival.prepare(plain.id, settings=settings, enqueue=Queue(), llm_client=None)).auto_sent


async def test_a_safety_item_pages_at_night_and_past_the_switches(db: None, settings: Settings) -> None:
    now = datetime.now(UTC)
    quiet = {"enabled": True, "start": f"{(now.hour - 1) % 24:02d}:00", "end": f"{(now.hour + 2) % 24:02d}:00"}
    # Night now, and 5★ reviews are switched off for cards: a burn still reaches the owner at once.
    defaults = SellerSettings().model_dump(mode="json")
    notify = {**defaults["notify"], "max_review_rating": 3}
    seller_settings = _settings(quiet={**defaults["quiet"], **quiet}, notify=notify)
    item = await _item(seller_settings, text=BURN)
    owner = await SellerMember.create(seller_id=item.seller_id, tg_user_id=5, tg_chat_id=5, role=MemberRole.OWNER)
    ready = await arrival.prepare(item.id, settings=settings, enqueue=Queue(), llm_client=None)
    assert [m.id for m in await arrival.recipients_now(ready, now)] == [owner.id]
    calm = await Interaction.create(
        seller_id=item.seller_id, channel=Channel.QUESTION, external_id="calm", text="Есть объём 100 мл?",
        occurred_at=item.occurred_at, status=InteractionStatus.NEEDS_RESPONSE,
    )  # fmt: skip
    calm_ready = await arrival.prepare(calm.id, settings=settings, enqueue=Queue(), llm_client=None)
    assert await arrival.recipients_now(calm_ready, now) == []  # an ordinary question is held for the digest


async def test_a_new_intent_keeps_a_safety_item_urgent(db: None, settings: Settings) -> None:
    from core.priority import triage
    from core.readings import is_safety

    item = await _item(channel=Channel.QUESTION, rating=None, text="Ребёнок подавился деталью, что делать?")
    await reading_of(item)
    assert is_safety(item)
    t = triage(
        channel=Channel.QUESTION, rating=None, intent="other", text=item.text, occurred_at=item.occurred_at,
        business_hours=SellerSettings.of(_settings()).business_hours, safety=is_safety(item),
    )  # fmt: skip
    assert t.priority == Priority.URGENT and t.due_at == item.occurred_at + SAFETY_BUDGET


async def test_wb_subject_tells_the_product_kind(db: None, settings: Settings) -> None:
    """WB's `subjectName` (kept in a review's raw payload) is handed to the reader, preferred to the product name.
    Passes once the `reader` branch's `product_kind` is merged (the interim one answers `other` for everything)."""
    item = await _item(product_name="Футболка", raw_payload={"subjectName": "Кроссовки"}, text="Удобные")
    await arrival.prepare(item.id, settings=settings, enqueue=Queue(), llm_client=None)
    assert (await Interaction.get(id=item.id)).product_kind == "shoes"


async def test_the_inbox_lists_a_safety_item_before_low_ratings(db: None, settings: Settings) -> None:
    """A 5★ burn is urgent like a 1★ review, but the 1★ reviews sorted first (they are "on top" by stars, and an
    older due time wins among urgent items): harm/legal must come first, in both orders of the inbox."""
    from core.inbox import list_inbox

    burn = await _item(text=BURN, occurred_at=datetime.now(UTC) - timedelta(minutes=1))
    await arrival.prepare(burn.id, settings=settings, enqueue=Queue(), llm_client=None)
    early = burn.occurred_at - timedelta(hours=2)
    angry = []
    for n, rating in enumerate((1, 2, 3)):
        low = await Interaction.create(
            seller_id=burn.seller_id, channel=Channel.REVIEW, external_id=f"low-{n}", rating=rating,
            text="Брак, молния сломалась", occurred_at=early, status=InteractionStatus.NEEDS_RESPONSE,
            priority=Priority.URGENT, priority_rank=0, due_at=early + timedelta(hours=1),
        )  # fmt: skip
        await arrival.prepare(low.id, settings=settings, enqueue=Queue(), llm_client=None)
        angry.append(low.id)
    for oldest in (False, True):
        listed = [i.id for i in (await list_inbox(seller_id=burn.seller_id, oldest=oldest)).items]
        assert listed[0] == burn.id and sorted(listed[1:]) == sorted(angry)
