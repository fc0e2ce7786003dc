"""Any Telegram user may press /start and pick a language: that creates nothing in the database (no seller, no
member, no audit row), so the admin's GO/NO-GO and seller lists never see them. Only an accepted WB token (or a
taken invite) makes a seller. A token message with Cyrillic in it is answered "this is not a WB token"."""

from __future__ import annotations

from datetime import UTC, datetime

from core.analytics import readiness
from core.models import AuditEvent, MemberRole, Seller, SellerMember
from core.settings import OpsSettings
from tests.bot.conftest import eventually


async def _from_bot(tg, chat: int, contains: str) -> dict | None:
    for message in reversed(await tg.messages(chat)):
        if message["from_bot"] and contains in message["text"]:
            return message
    return None


async def _nothing_stored() -> None:
    assert await Seller.all().count() == 0
    assert await SellerMember.all().count() == 0
    assert await AuditEvent.all().count() == 0
    assert (await readiness(now=datetime.now(UTC), ops=OpsSettings())).sellers == []


async def test_start_and_language_create_nothing_until_a_token_is_accepted(stack, tg, wb) -> None:
    chat = await tg.user(language="en")
    menu = await eventually(lambda: _from_bot(tg, chat, "Choose"))
    await tg.press(chat, menu["message_id"], text="Русский")
    await eventually(lambda: _from_bot(tg, chat, "токен"))
    await _nothing_stored()
    await tg.send(chat, "/sellers")
    await eventually(lambda: _from_bot(tg, chat, "/start"))

    # Refused tokens (WB says no; not a token at all) keep it that way, answered in the chosen language.
    wb_seller = await wb.control("POST", "/sellers")
    invalid = await wb.control("POST", f"/sellers/{wb_seller['seller_id']}/tokens", kind="invalid")
    await tg.send(chat, invalid["token"])
    await eventually(lambda: _from_bot(tg, chat, "WB не принял"))
    await tg.send(chat, "мой токен eyJhbGciOiJFUzI1NiJ9.тест")
    await eventually(lambda: _from_bot(tg, chat, "не похоже на токен WB"))
    await _nothing_stored()

    # The accepted token makes the seller, owned by this user, in the chosen language.
    await tg.send(chat, wb_seller["token"])
    await eventually(lambda: _from_bot(tg, chat, "Токен подключён"))
    seller = await Seller.get()
    member = await SellerMember.get(seller=seller)
    assert seller.wb_token_enc and member.tg_user_id == chat and member.role == MemberRole.OWNER
    assert member.language == "ru" and seller.language == "ru"


async def test_a_cyrillic_token_is_answered_for_a_connected_owner_too(stack, tg, wb) -> None:
    chat = await tg.user(language="en")
    menu = await eventually(lambda: _from_bot(tg, chat, "Choose"))
    await tg.press(chat, menu["message_id"], text="English")
    await eventually(lambda: _from_bot(tg, chat, "WB API token"))
    wb_seller = await wb.control("POST", "/sellers")
    await tg.send(chat, wb_seller["token"])
    await eventually(lambda: _from_bot(tg, chat, "Token connected"))
    await tg.send(chat, "/connect")

    async def asked_twice() -> bool:
        return len([m for m in await tg.messages(chat) if "WB API token" in m["text"]]) >= 2

    await eventually(asked_twice)
    sent = await tg.send(chat, "токен")
    await eventually(lambda: _from_bot(tg, chat, "not a WB token"))
    pasted = next(m for m in await tg.messages(chat) if m["message_id"] == sent["message"]["message_id"])
    assert pasted["deleted"]
