"""Product spikes through the Telegram sandbox: a seeded jump of one topic on one product gives exactly one message
to the owners (product, topic, counts, rating trend, escaped examples) whose buttons open the items and mute the
product × topic; the mute holds; a spike resolves when the topic calms down; thresholds keep small counts quiet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.spikes import check_spikes
from core import spikes
from core.models import MemberRole, ProductSpike, SpikeMute
from core.settings import SpikeSettings
from tests.bot.conftest import make_interaction, make_member, make_seller

CFG = SpikeSettings()


async def _seed_spike(seller, now: datetime, nm_id: int = 555) -> None:
    """Six recent "packaging" reviews of one product against two in the four weeks before (a jump), and a product
    whose recent five are its usual rate (no jump)."""
    for days, rating in ((10, 5), (20, 4)):
        await make_interaction(
            seller, nm_id=nm_id, product_name="Teapot", topics=["packaging"], rating=rating,
            occurred_at=now - timedelta(days=days), text="box a bit dented",
        )  # fmt: skip
    for n in range(6):
        await make_interaction(
            seller, nm_id=nm_id, product_name="Teapot", topics=["packaging"], rating=1 + n % 2,
            occurred_at=now - timedelta(days=1, hours=n), text=f"Box crushed <script>x</script> #{n}",
        )  # fmt: skip
    for days in [*range(1, 6), *(8 + d for d in range(12))]:
        await make_interaction(seller, nm_id=777, topics=["size_small"], occurred_at=now - timedelta(days=days))


async def _from_bot(tg, chat: int) -> list[dict]:
    return [m for m in await tg.messages(chat) if m["from_bot"]]


async def test_spike_alert_buttons_mute_and_dedupe(db, tg, bot, notifier, feed) -> None:
    now = datetime.now(UTC)
    seller = await make_seller()
    owner, operator = await tg.user(), await tg.user()
    await make_member(seller, owner)
    await make_member(seller, operator, role=MemberRole.OPERATOR)
    await _seed_spike(seller, now)

    assert await check_spikes(notifier, CFG, now) == 1
    assert await check_spikes(notifier, CFG, now + timedelta(minutes=1)) == 0  # still open: not sent again
    messages = await _from_bot(tg, owner)
    assert len(messages) == 1 and await _from_bot(tg, operator) == []
    alert = messages[0]
    text = alert["text"]
    assert "Teapot" in text and "555" in text and "packaging" in text
    assert "6 in the last 7 days; 2 in the 4 weeks before" in text
    assert "Rating: 1.5★ now, 4.5★ before" in text
    assert "Box crushed <script>x</script> #0" in text and "<script>" not in alert["html"]
    assert [b["text"] for b in alert["buttons"][0]] == ["1", "2", "3"]
    spike = await ProductSpike.get(nm_id=555)
    assert (spike.topic, spike.recent, spike.baseline) == ("packaging", 6, 2) and spike.delivered_at is not None
    assert not await ProductSpike.filter(nm_id=777).exists()

    await tg.press(owner, alert["message_id"], text="1")
    await feed()
    assert "Box crushed" in (await _from_bot(tg, owner))[-1]["text"]

    forged = await tg.press(operator, alert["message_id"], data=alert["buttons"][1][0]["callback_data"])
    await feed()
    assert "Only the owner" in (await tg.callback(forged["callback_query_id"]))["text"]
    assert not await SpikeMute.exists()

    press = await tg.press(owner, alert["message_id"], text="🔕 Mute for 30 days")
    await feed()
    assert "Muted" in (await tg.callback(press["callback_query_id"]))["text"]
    mute = await SpikeMute.get(seller_id=seller.id, nm_id=555, topic="packaging")
    assert mute.until > now + timedelta(days=29)
    # The mute holds: the jump still holds but raises nothing, and the open spike is closed.
    assert await check_spikes(notifier, CFG, now + timedelta(minutes=2)) == 0
    assert await ProductSpike.filter(open_key__not_isnull=True).count() == 0
    assert [m["text"].startswith("📈") for m in await _from_bot(tg, owner)].count(True) == 1


async def test_spike_resolves_and_reopens_once(db, tg, bot, notifier) -> None:
    now = datetime.now(UTC)
    seller = await make_seller()
    owner = await tg.user()
    await make_member(seller, owner)
    await _seed_spike(seller, now)
    assert await check_spikes(notifier, CFG, now) == 1
    # A week later the six are baseline: the spike resolves.
    assert await spikes.evaluate(now + timedelta(days=8), CFG) == []
    spike = await ProductSpike.get(nm_id=555)
    assert spike.open_key is None and spike.resolved_at is not None
    assert len(await _from_bot(tg, owner)) == 1


async def test_thresholds_from_settings(db) -> None:
    now = datetime.now(UTC)
    seller = await make_seller()
    await _seed_spike(seller, now)
    assert [j.nm_id for j in await spikes.find_jumps(now, CFG)] == [555]
    assert await spikes.find_jumps(now, SpikeSettings(min_count=7)) == []
    assert {j.nm_id for j in await spikes.find_jumps(now, SpikeSettings(ratio=1.0))} == {555, 777}
