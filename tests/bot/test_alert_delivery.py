"""Ops alerts reach the ops channel and the seller's owner in the Telegram sandbox, once per open alert."""

from __future__ import annotations

from bot.notifier import Notifier
from bot.notify import deliver_alert
from core.alerts import AlertKind, raise_alert
from core.models import AlertSeverity, MemberRole
from core.ratelimit import RateLimiter
from tests.bot.conftest import make_member, make_seller, shared_send_queue


async def test_alert_goes_to_ops_and_owner_once_and_dedups(db, tg, bot, bot_settings) -> None:
    ops = (await tg.http.post("/_sandbox/chats", json={"type": "channel", "title": "Ops"})).json()["id"]
    owner_chat, operator_chat = await tg.user(), await tg.user()
    seller = await make_seller()
    await make_member(seller, owner_chat)
    await make_member(seller, operator_chat, role=MemberRole.OPERATOR)
    notifier = Notifier(
        bot,
        RateLimiter(None),
        bot_settings.model_copy(update={"telegram": bot_settings.telegram.model_copy(update={"ops_chat_id": ops})}),
        enqueue=shared_send_queue(),
    )

    alert = await raise_alert(
        kind=AlertKind.TOKEN_INVALID,
        seller_id=seller.id,
        severity=AlertSeverity.CRITICAL,
        text="Token <revoked> & gone",
    )
    assert await deliver_alert(alert.id, notifier)
    assert not await deliver_alert(alert.id, notifier)  # a redelivered task
    again = await raise_alert(
        kind=AlertKind.TOKEN_INVALID, seller_id=seller.id, severity=AlertSeverity.CRITICAL, text="still gone"
    )
    assert again.id == alert.id and again.count == 2
    assert not await deliver_alert(again.id, notifier)  # the same open alert is not announced twice

    (posted,) = [m for m in await tg.messages(ops) if m["from_bot"]]
    # A localised title, never the raw kind; the ops text as raised.
    assert "token_invalid" not in posted["text"] and "Токен WB не работает" in posted["text"]
    assert "Token <revoked> & gone" in posted["text"]
    (told,) = [m for m in await tg.messages(owner_chat) if m["from_bot"]]
    # The owner reads it in their language, the shop named once, with the command that fixes it.
    assert told["text"].startswith("🚨 The WB token does not work")
    assert told["text"].count("“Shop”") == 1 and "/connect" in told["text"] and "Next step" in told["text"]
    assert [m for m in await tg.messages(operator_chat) if m["from_bot"]] == []


async def test_ops_only_alert_reaches_only_the_ops_channel(db, tg, bot, bot_settings) -> None:
    ops = (await tg.http.post("/_sandbox/chats", json={"type": "channel", "title": "Ops"})).json()["id"]
    owner_chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, owner_chat, language="ru")
    notifier = Notifier(
        bot,
        RateLimiter(None),
        bot_settings.model_copy(update={"telegram": bot_settings.telegram.model_copy(update={"ops_chat_id": ops})}),
        enqueue=shared_send_queue(),
    )
    stale = await raise_alert(
        kind=AlertKind.STALE_SYNC, seller_id=seller.id, severity=AlertSeverity.WARNING, text="sync 20 min behind"
    )
    assert await deliver_alert(stale.id, notifier)
    assert [m for m in await tg.messages(owner_chat) if m["from_bot"]] == []
    assert "Синхронизация отстаёт" in next(m for m in await tg.messages(ops) if m["from_bot"])["text"]
    breach = await raise_alert(
        kind=AlertKind.SLA_BREACH, seller_id=seller.id, severity=AlertSeverity.WARNING, text="Продавец Shop: 3"
    )
    assert await deliver_alert(breach.id, notifier)
    (told,) = [m for m in await tg.messages(owner_chat) if m["from_bot"]]
    assert "Магазин «Shop»" in told["text"] and "/inbox" in told["text"] and "Продавец" not in told["text"]


async def test_global_alert_without_ops_chat_is_not_claimed_in_vain(db, tg, notifier) -> None:
    alert = await raise_alert(kind=AlertKind.LLM_FAILURES, seller_id=None, severity=AlertSeverity.WARNING, text="x")
    assert not await deliver_alert(alert.id, notifier)
