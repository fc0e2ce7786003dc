"""Ops alerts reach the ops channel and the seller's owner in the Telegram sandbox, once per open alert."""

from __future__ import annotations

from bot.notify import Notifier, deliver_alert
from core.alerts import AlertKind, raise_alert
from core.models import AlertSeverity, MemberRole
from sync.ratelimit import RateLimiter
from tests.bot.conftest import make_member, make_seller


async def test_alert_goes_to_ops_and_owner_once_and_dedups(db, tg, bot, bot_settings) -> None:
    ops = (await tg.http.post("/_sandbox/chats", json={"type": "channel", "title": "Ops"})).json()["id"]
    owner_chat, operator_chat = await tg.user(), await tg.user()
    seller = await make_seller()
    await make_member(seller, owner_chat)
    await make_member(seller, operator_chat, role=MemberRole.OPERATOR)
    notifier = Notifier(bot, RateLimiter(None), bot_settings.telegram.model_copy(update={"ops_chat_id": ops}))

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
    assert "token_invalid" in posted["text"] and "Token <revoked> & gone" in posted["text"]
    assert len([m for m in await tg.messages(owner_chat) if m["from_bot"]]) == 1
    assert [m for m in await tg.messages(operator_chat) if m["from_bot"]] == []


async def test_global_alert_without_ops_chat_is_not_claimed_in_vain(db, tg, notifier) -> None:
    alert = await raise_alert(kind=AlertKind.LLM_FAILURES, seller_id=None, severity=AlertSeverity.WARNING, text="x")
    assert not await deliver_alert(alert.id, notifier)
