"""Cards and alerts at least once, one message each, through the Telegram sandbox's injected faults: connection
resets on a share of calls, Telegram down for a while (the sweep re-sends when the claim's lease is over), an item
announced whose notify task was lost (its owed cards were committed with the announcement), alerts marked delivered
only after Telegram accepted them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.notifier import Notifier
from bot.notify import deliver_alert, notify_interaction
from core import cards
from core.alerts import AlertKind, raise_alert
from core.models import Alert, AlertSeverity, Card, DeliveryState, Interaction
from core.ratelimit import RateLimiter
from core.settings import Settings
from core.tasks import TaskName
from sync.engine.stats import RunStats
from tests.bot.conftest import TelegramSandbox, make_interaction, make_member, make_seller, shared_send_queue
from tests.brokers import recording_broker


def quick(settings: Settings, **telegram: Any) -> Settings:
    """Settings whose sends give up fast (the tests drive the sweep's clock by backdating claims)."""
    tg = settings.telegram.model_copy(update={"send_retry_s": 0.5, "request_timeout_s": 2, **telegram})
    return settings.model_copy(update={"telegram": tg})


def notifier_for(bot, settings: Settings) -> Notifier:
    return Notifier(bot, RateLimiter(None), settings, enqueue=shared_send_queue())


async def faults(tg: TelegramSandbox, **rule: Any) -> None:
    (await tg.http.post("/_sandbox/faults", json=rule)).raise_for_status()


async def card_messages(tg: TelegramSandbox, chat: int) -> list[dict]:
    return [m for m in await tg.messages(chat) if m["from_bot"]]


async def lease_runs_out() -> None:
    """Move every live claim back past its lease, as if the sweep's minutes had passed."""
    past = datetime.now(UTC) - timedelta(hours=1)
    await Card.filter(state=DeliveryState.CLAIMED).update(claimed_at=past, created_at=past)
    await Alert.filter(delivered_at=None).update(claimed_at=past)


async def sweep(notifier: Notifier) -> int:
    """What `sync.check_pending` does for cards: notify again every item with a stale claim."""
    telegram = notifier.settings.telegram
    stale = await cards.stale_claims(datetime.now(UTC), telegram.card_lease_s, telegram.redeliver_max_age_h)
    return sum([await notify_interaction(i, notifier) for i in stale])


async def test_connection_resets_on_a_share_of_calls_lose_and_double_no_card(db, tg, bot, bot_settings) -> None:
    notifier = notifier_for(bot, quick(bot_settings, send_retry_s=10))
    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    items = [await make_interaction(seller, text=f"item {n}") for n in range(20)]
    await faults(tg, error="reset", share=0.4, seed=5, methods=["sendMessage"])
    sent = [await notify_interaction(i.id, notifier) for i in items]
    resets = (await tg.http.get("/_sandbox/faults")).json()["taken_total"]
    await faults(tg, error=None)
    assert resets >= 5 and notifier.errors == resets
    assert sent == [1] * 20
    texts = [m["text"] for m in await card_messages(tg, chat)]
    assert len(texts) == 20 and all(any(f"item {n}" in t for t in texts) for n in range(20))
    assert await Card.filter(state=DeliveryState.SENT).count() == 20


async def test_telegram_down_then_the_sweep_sends_each_card_once(db, tg, bot, bot_settings) -> None:
    notifier = notifier_for(bot, quick(bot_settings))
    chat_a, chat_b = await tg.user(), await tg.user()
    seller = await make_seller()
    await make_member(seller, chat_a)
    await make_member(seller, chat_b)
    items = [await make_interaction(seller, text=f"item {n}") for n in range(5)]
    await faults(tg, error="5xx", methods=["sendMessage"])
    assert [await notify_interaction(i.id, notifier) for i in items] == [0] * 5
    await faults(tg, error=None)
    # Each notify gave up at its first card (the outage would fail the others too). A redelivered task sends the
    # cards nobody tried; the tried ones' claims are live and cover their send: not re-sent.
    assert [await notify_interaction(i.id, notifier) for i in items] == [1] * 5
    assert len(await card_messages(tg, chat_a)) == 0 and len(await card_messages(tg, chat_b)) == 5
    assert await sweep(notifier) == 0
    await lease_runs_out()
    assert await sweep(notifier) == 5
    assert await sweep(notifier) == 0
    assert [await notify_interaction(i.id, notifier) for i in items] == [0] * 5
    for chat in (chat_a, chat_b):
        assert len(await card_messages(tg, chat)) == 5
    assert await Card.filter(state=DeliveryState.SENT).count() == 10


async def test_an_announced_item_whose_notify_was_lost_still_gets_its_cards(db, tg, bot, bot_settings) -> None:
    notifier = notifier_for(bot, quick(bot_settings))
    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    item = await make_interaction(seller)
    broker, rec = recording_broker()  # the kick lands, the task never runs (a worker lost it)
    stats = RunStats(notify_ids=[item.id])
    await stats.flush_notifications(broker)
    assert rec.of(TaskName.NOTIFY_INTERACTION) == [item.id]
    assert (await Interaction.get(id=item.id)).notified_at is not None
    owed = await Card.get(interaction_id=item.id)
    assert owed.state == DeliveryState.CLAIMED and owed.claimed_at is None
    assert await sweep(notifier) == 0  # within the lease the notify task may still come
    await lease_runs_out()
    assert await sweep(notifier) == 1
    assert len(await card_messages(tg, chat)) == 1


async def test_owed_card_of_a_member_gone_since_fails_instead_of_waiting(db, tg, bot, bot_settings) -> None:
    notifier = notifier_for(bot, quick(bot_settings))
    chat, gone_chat = await tg.user(), await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    gone = await make_member(seller, gone_chat)
    item = await make_interaction(seller)
    await cards.owe_cards([item.id])
    gone.active = False
    await gone.save()
    assert await notify_interaction(item.id, notifier) == 1
    assert (await Card.get(interaction_id=item.id, member_id=gone.id)).state == DeliveryState.FAILED
    await lease_runs_out()
    assert await sweep(notifier) == 0


async def test_alert_is_delivered_only_after_telegram_accepted_it(db, tg, bot, bot_settings) -> None:
    ops = (await tg.http.post("/_sandbox/chats", json={"type": "channel", "title": "Ops"})).json()["id"]
    owner_chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, owner_chat)
    notifier = notifier_for(bot, quick(bot_settings, ops_chat_id=ops))
    alert = await raise_alert(
        kind=AlertKind.TOKEN_INVALID, seller_id=seller.id, severity=AlertSeverity.CRITICAL, text="gone"
    )
    # The ops message goes through, then Telegram fails the owner's.
    await faults(tg, error="5xx", methods=["sendMessage"], after=1)
    assert not await deliver_alert(alert.id, notifier)
    stored = await Alert.get(id=alert.id)
    assert stored.delivered_at is None and stored.delivered_chats == [ops]
    await faults(tg, error=None)
    assert not await deliver_alert(alert.id, notifier)  # the claim is live: a redelivery does not double it
    await lease_runs_out()
    assert await deliver_alert(alert.id, notifier)
    assert not await deliver_alert(alert.id, notifier)
    assert (await Alert.get(id=alert.id)).delivered_at is not None
    # Each chat has the alert once: the repeated attempt skipped the ops chat that had it.
    assert len([m for m in await tg.messages(ops) if m["from_bot"]]) == 1
    assert len(await card_messages(tg, owner_chat)) == 1
