"""Onboarding end to end: the real bot polling the Telegram sandbox, the WB sandbox validating the token."""

from __future__ import annotations

from core.models import AuditEvent, Channel, MemberRole, Seller, SellerMember, SyncCursor
from tests.bot.conftest import eventually


async def _last_from_bot(tg, chat: int, contains: str) -> dict | None:
    for message in reversed(await tg.messages(chat)):
        if message["from_bot"] and contains in message["text"]:
            return message
    return None


async def test_start_language_token_backfill(stack, tg, wb) -> None:
    chat = await tg.user(language="ru")
    menu = await eventually(lambda: _last_from_bot(tg, chat, "Choose"))
    await tg.press(chat, menu["message_id"], text="English")
    await eventually(lambda: _last_from_bot(tg, chat, "WB API token"))

    wb_seller = await wb.control("POST", "/sellers", reviews=3, questions=2, chats=1)
    sent = await tg.send(chat, wb_seller["token"])
    ok = await eventually(lambda: _last_from_bot(tg, chat, "Token connected"))
    assert "Chat, Question, Return, Review" in ok["text"]
    assert wb_seller["token"] not in ok["text"] and wb_seller["token"][:4] + "…" in ok["text"]
    token_message = next(m for m in await tg.messages(chat) if m["message_id"] == sent["message"]["message_id"])
    assert token_message["deleted"]

    seller = await Seller.get()
    assert seller.wb_token_enc and wb_seller["token"] not in seller.wb_token_enc
    assert sorted(seller.token_scopes) == sorted(Channel)
    member = await SellerMember.get(seller=seller)
    assert member.role == MemberRole.OWNER and member.language == "en"
    # The first sync runs for every channel and the chat shows it finishing.
    await eventually(lambda: _last_from_bot(tg, chat, "All caught up"), within=20)
    assert await SyncCursor.filter(seller=seller, backfill_done=True).count() == len(Channel)


async def test_bad_tokens_are_refused_and_deleted(stack, tg, wb) -> None:
    chat = await tg.user()
    menu = await eventually(lambda: _last_from_bot(tg, chat, "Choose"))
    await tg.press(chat, menu["message_id"], text="English")
    await eventually(lambda: _last_from_bot(tg, chat, "WB API token"))
    wb_seller = await wb.control("POST", "/sellers")
    invalid = await wb.control("POST", f"/sellers/{wb_seller['seller_id']}/tokens", kind="invalid")
    await tg.send(chat, invalid["token"])
    await eventually(lambda: _last_from_bot(tg, chat, "WB refused"))
    expired = await wb.control("POST", f"/sellers/{wb_seller['seller_id']}/tokens", expires_in_s=-60)
    await tg.send(chat, expired["token"])
    await eventually(lambda: _last_from_bot(tg, chat, "expired"))
    assert all(m["deleted"] for m in await tg.messages(chat) if not m["from_bot"] and m["text"].startswith("eyJ"))
    assert not await Seller.exists()  # a refused token makes no seller


async def test_invite_join_list_remove(stack, tg, wb) -> None:
    owner_chat = await tg.user()
    menu = await eventually(lambda: _last_from_bot(tg, owner_chat, "Choose"))
    await tg.press(owner_chat, menu["message_id"], text="English")
    await eventually(lambda: _last_from_bot(tg, owner_chat, "WB API token"))
    await tg.send(owner_chat, (await wb.control("POST", "/sellers"))["token"])
    await eventually(lambda: _last_from_bot(tg, owner_chat, "Token connected"))
    await tg.send(owner_chat, "/invite")
    invite = await eventually(lambda: _last_from_bot(tg, owner_chat, "operator"))
    code = invite["text"].rsplit(" ", 1)[-1]
    assert f"?start={code}" in invite["text"]

    operator_chat = await tg.user(start=False)
    await tg.send(operator_chat, f"/start {code}")
    await eventually(lambda: _last_from_bot(tg, operator_chat, "You joined"))
    # The code works once.
    intruder = await tg.user(start=False)
    await tg.send(intruder, f"/start {code}")
    await eventually(lambda: _last_from_bot(tg, intruder, "unknown, used or expired"))
    # Operators cannot invite.
    await tg.send(operator_chat, "/invite")
    await eventually(lambda: _last_from_bot(tg, operator_chat, "Only the owner"))

    await tg.send(owner_chat, "/members")
    team = await eventually(lambda: _last_from_bot(tg, owner_chat, "Team"))
    assert "owner" in team["text"] and "operator" in team["text"]
    await tg.press(owner_chat, team["message_id"], text=f"Remove User {operator_chat}")
    await eventually(lambda: SellerMember.filter(tg_user_id=operator_chat, active=False).exists())
    await tg.send(operator_chat, "/inbox")
    await eventually(lambda: _last_from_bot(tg, operator_chat, "not a member"))
    assert await AuditEvent.filter(action="access.denied").exists()


async def test_backlog_is_one_summary_and_cards_start_after_the_connection(stack, tg, wb, notifier) -> None:
    from datetime import UTC, datetime

    from bot.backlog import send_backlog_summary
    from bot.callbacks import CardCb
    from core import alerts
    from core.models import Alert, Interaction
    from sync.engine import sync_channel

    ops = (await tg.http.post("/_sandbox/chats", json={"type": "channel", "title": "Ops"})).json()["id"]
    telegram = notifier.settings.telegram.model_copy(update={"ops_chat_id": ops})
    notifier.settings = notifier.settings.model_copy(update={"telegram": telegram})
    chat = await tg.user(language="en")
    menu = await eventually(lambda: _last_from_bot(tg, chat, "Choose"))
    await tg.press(chat, menu["message_id"], text="English")
    await eventually(lambda: _last_from_bot(tg, chat, "WB API token"))
    cabinet = await wb.control("POST", "/sellers", reviews=30, questions=10, chats=3, claims=0)
    await tg.send(chat, cabinet["token"])
    summary = await eventually(lambda: _last_from_bot(tg, chat, "Unanswered from before you connected"), within=30)
    seller = await Seller.get()
    waiting = await Interaction.filter(seller=seller, needs_response=True)
    assert {i.channel for i in waiting} == {Channel.REVIEW, Channel.QUESTION, Channel.CHAT}
    assert f"connected: {len(waiting)}," in summary["text"]
    reviews = sum(1 for i in waiting if i.channel == Channel.REVIEW)
    assert f"Reviews: {reviews} (" in summary["text"] and "Chats: " in summary["text"]
    assert [b["text"] for row in summary["buttons"] for b in row] == ["🔥 Urgent first", "⏳ Oldest first"]
    # Not one card for the history, and nothing of it waits to be announced.
    assert not [m for m in await tg.messages(chat) if m["from_bot"] and "'c:" in str(m["buttons"])]
    assert not await Interaction.filter(seller=seller, notified_at__not_isnull=True).exists()
    # One ops notice for the backlog, and no SLA alert for items older than the connection.
    notices = [m for m in await tg.messages(ops) if m["from_bot"]]
    assert len(notices) == 1 and "Подключение с историей" in notices[0]["text"]
    await alerts.evaluate(datetime.now(UTC), stack.settings)
    assert not await Alert.filter(seller_id=seller.id, kind=alerts.AlertKind.SLA_BREACH).exists()
    # A redelivered summary task sends nothing.
    assert not await send_backlog_summary(seller.id, notifier)
    assert len([m for m in await tg.messages(chat) if "Unanswered from before" in m["text"]]) == 1

    # The oldest-first button pages the backlog in /inbox, oldest first.
    await tg.press(chat, summary["message_id"], text="⏳ Oldest first")
    listing = await eventually(lambda: _last_from_bot(tg, chat, "Inbox"))
    oldest = min(waiting, key=lambda i: i.occurred_at)
    # The list is a new message: the summary stays readable, buttons and all (issue 29).
    assert listing["message_id"] != summary["message_id"]
    kept = next(m for m in await tg.messages(chat) if m["message_id"] == summary["message_id"])
    assert kept["text"] == summary["text"] and kept["buttons"] == summary["buttons"]
    assert CardCb.unpack(listing["buttons"][0][0]["callback_data"]).interaction_id == oldest.id

    # What arrives after the connection comes as a card.
    await wb.control("POST", f"/sellers/{cabinet['seller_id']}/reviews", text="Подошва отклеилась", rating=2)
    await sync_channel(stack, seller.id, Channel.REVIEW)
    card = await eventually(lambda: _last_from_bot(tg, chat, "Подошва отклеилась"))
    assert "Approve" in str(card["buttons"])  # auto-drafted on arrival


async def test_seller_is_named_after_the_shop_once_asked_after_the_first_token(stack, tg, wb, notifier) -> None:
    from bot.notify import deliver_alert
    from core.alerts import AlertKind, raise_alert
    from core.models import AlertSeverity

    chat = await tg.user(language="ru")
    menu = await eventually(lambda: _last_from_bot(tg, chat, "Choose"))
    await tg.press(chat, menu["message_id"], text="Русский")
    await eventually(lambda: _last_from_bot(tg, chat, "токен API WB"))
    cabinet = await wb.control("POST", "/sellers", reviews=0, questions=0, chats=0, claims=0)
    await tg.send(chat, cabinet["token"])
    await eventually(lambda: _last_from_bot(tg, chat, "Как называется ваш магазин"))
    assert (await Seller.get()).name == f"User {chat}"  # the owner's Telegram name until the shop is named
    await tg.send(chat, "  \u200b ! ")
    await eventually(lambda: _last_from_bot(tg, chat, "Название должно быть"))
    await tg.send(chat, "ИП <Ромашка>  & Co")
    await eventually(lambda: _last_from_bot(tg, chat, "✅ Магазин: ИП <Ромашка> & Co"))
    seller = await Seller.get()
    assert seller.name == "ИП <Ромашка> & Co"
    assert await AuditEvent.filter(seller=seller, action="seller.named", before=f"User {chat}").exists()

    # Alerts name the shop, once.
    alert = await raise_alert(
        kind=AlertKind.TOKEN_INVALID, seller_id=seller.id, severity=AlertSeverity.CRITICAL, text="token revoked"
    )
    await deliver_alert(alert.id, notifier)
    told = await eventually(lambda: _last_from_bot(tg, chat, "Токен WB"))
    assert told["text"].count("ИП <Ромашка> & Co") == 1 and f"User {chat}" not in told["text"]

    # A reconnect keeps the name and does not ask again; the next text is not taken as a name.
    async def shown(text: str, times: int) -> bool:
        return len([m for m in await tg.messages(chat) if m["from_bot"] and text in m["text"]]) == times

    await tg.send(chat, "/connect")
    await eventually(lambda: shown("токен API WB", 2))
    await tg.send(chat, cabinet["token"])
    await eventually(lambda: shown("Токен подключён", 2))
    await tg.send(chat, "Другое имя")
    await eventually(lambda: shown("Не понял", 1))
    assert (await Seller.get()).name == "ИП <Ромашка> & Co"
    assert await shown("Как называется ваш магазин", 1)


async def test_a_base_token_is_told_plainly_at_connect_and_in_settings(stack, tg, wb) -> None:
    await wb.control("PATCH", "/config", limits=True)  # WB's answers carry the burst only with WB's limits on
    chat = await tg.user()
    menu = await eventually(lambda: _last_from_bot(tg, chat, "Choose"))
    await tg.press(chat, menu["message_id"], text="English")
    await eventually(lambda: _last_from_bot(tg, chat, "WB API token"))
    wb_seller = await wb.control("POST", "/sellers", reviews=1, questions=0, chats=0)
    base = await wb.control("POST", f"/sellers/{wb_seller['seller_id']}/tokens", type="base")
    await tg.send(chat, base["token"])
    ok = await eventually(lambda: _last_from_bot(tg, chat, "Token connected"))
    # WB's answers to the token check named a Base token's burst: the seller reads what it means at once.
    assert "“Base” token" in ok["text"] and "hours late" in ok["text"] and "“Personal” token" in ok["text"]
    assert (await Seller.get()).token_type == "base"
    await tg.send(chat, "/settings")
    shown = await eventually(lambda: _last_from_bot(tg, chat, "“Base” token"))
    assert "5 requests an hour" in shown["text"]
