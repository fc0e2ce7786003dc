"""The safety pager end to end (issue 24): a buyer's burn and legal threat arrive from the WB sandbox at night, and
the owner's card arrives in the Telegram sandbox at once, opening with the 🚨 line, its 🏷 line naming the
situations and mood, urgent; auto-send (on) leaves it alone, while an ordinary review of the same night is held for
the digest. And the 🏷 line of an ordinary card, localised."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.notify import notify_interaction, refresh_cards
from bot.render import render_line
from core.i18n import translator
from core.models import Card, Channel, DeliveryState, Interaction, Priority, Reply, ReplyVia, Seller
from core.seller_settings import SellerSettings
from core.tokens import TokenCheck, set_token
from sync.engine import sync_channel
from tests.bot.conftest import eventually, make_interaction, make_member, make_seller

BURN = "после крема ожог на лице, иду в Роспотребнадзор"


def _night(now: datetime) -> dict:
    base = SellerSettings().model_dump(mode="json")
    base["business_hours"]["timezone"] = "UTC"
    base["auto_send"] = True
    base["quiet"] = {
        **base["quiet"],
        "enabled": True,
        "start": f"{(now.hour - 1) % 24:02d}:00",
        "end": f"{(now.hour + 2) % 24:02d}:00",
    }
    return base


async def _night_seller(stack, tg, wb) -> tuple[Seller, int, int]:
    """A seller in quiet hours (auto-send on), connected to an empty WB sandbox cabinet and backfilled."""
    chat = await tg.user(language="ru")
    cabinet = await wb.control("POST", "/sellers", reviews=0, questions=0, chats=0)
    seller = await make_seller(settings=_night(datetime.now(UTC)))
    await make_member(seller, chat, language="ru")
    check = TokenCheck(channels=frozenset(Channel), expires_at=None)
    await set_token(seller_id=seller.id, token=cabinet["token"], check=check, settings=stack.settings)
    for channel in Channel:  # the first sync backfills: nothing is announced
        await sync_channel(stack, seller.id, channel)
    return seller, chat, cabinet["seller_id"]


async def test_a_burn_pages_the_owner_during_quiet_hours(stack, tg, wb) -> None:
    seller, chat, cabinet_id = await _night_seller(stack, tg, wb)

    await wb.control("POST", f"/sellers/{cabinet_id}/reviews", text=BURN, rating=5)
    await wb.control("POST", f"/sellers/{cabinet_id}/reviews", text="Отличный крем, спасибо", rating=5)
    await sync_channel(stack, seller.id, Channel.REVIEW)

    async def page() -> dict | None:
        found = [m for m in await tg.messages(chat) if m["from_bot"] and BURN in (m["text"] or "")]
        return found[0] if found else None

    card = await eventually(page)
    lines = card["text"].splitlines()
    assert lines[0] == "🚨 вред здоровью, юридическая угроза: ответьте лично и как можно скорее, автоответ отключён."
    assert "🏷 вред здоровью, юридическая угроза" in card["text"]
    burn = await Interaction.get(seller_id=seller.id, text=BURN)
    assert burn.priority == Priority.URGENT and burn.situations == ["harm", "legal"]
    # The night holds the ordinary 5★ review for the morning digest and auto-sends it; the burn waits for a person.
    plain = await Interaction.get(seller_id=seller.id, text="Отличный крем, спасибо")
    assert await eventually(lambda: Card.filter(interaction_id=plain.id, state=DeliveryState.HELD).exists())
    assert await eventually(lambda: Reply.filter(interaction_id=plain.id, via=ReplyVia.AUTO).exists())
    assert not await Reply.filter(interaction_id=burn.id).exists()


async def test_a_chat_that_turns_harmful_at_night_pages_once(stack, tg, wb, notifier) -> None:
    seller, chat, cabinet = await _night_seller(stack, tg, wb)
    first = await wb.control("POST", f"/sellers/{cabinet}/chat-messages", text="Когда придёт заказ?")
    await sync_channel(stack, seller.id, Channel.CHAT)
    item = await Interaction.get(seller_id=seller.id, channel=Channel.CHAT)
    assert await eventually(lambda: Card.filter(interaction_id=item.id, state=DeliveryState.HELD).exists())
    # An ordinary question waits for the morning digest.
    assert not [m for m in await tg.messages(chat) if m["from_bot"] and "Когда придёт заказ?" in (m["text"] or "")]

    line = "Ребёнок обжёгся об эту лампу, иду в суд"
    await wb.control("POST", f"/sellers/{cabinet}/chat-messages", chat_id=first["chatID"], text=line)
    await sync_channel(stack, seller.id, Channel.CHAT)

    async def paged() -> list[dict]:
        return [m for m in await tg.messages(chat) if m["from_bot"] and "🚨" in (m["text"] or "")]

    page = (await eventually(paged))[0]
    assert line in page["text"] and page["buttons"]
    # Later refreshes edit this card; the page is never sent twice.
    await refresh_cards(item.id, notifier)  # a redelivered refresh
    assert len(await paged()) == 1
    card = await Card.get(interaction_id=item.id)
    assert card.state == DeliveryState.SENT and card.tg_message_id == page["message_id"]


def test_list_lines_mark_a_safety_item() -> None:
    burn = Interaction(id=1, seller_id=1, channel=Channel.REVIEW, external_id="b", rating=5, text=BURN,
                       product_name="Крем", situations=["harm"])  # fmt: skip
    plain = Interaction(id=2, seller_id=1, channel=Channel.REVIEW, external_id="p", rating=5, text="Ок",
                        product_name="Крем", situations=[])  # fmt: skip
    t = translator("ru")
    assert render_line(burn, t).startswith("🚨 ⭐ 5★ Крем: после крема")
    assert render_line(plain, t).startswith("⭐ 5★ Крем")


async def test_the_reading_line_of_an_ordinary_card(db, tg, notifier) -> None:
    seller = await make_seller()
    chat = await tg.user()
    await make_member(seller, chat)
    item = await make_interaction(seller, rating=1, text="Runs small, the seams came apart after one wash")
    await notify_interaction(item.id, notifier)
    card = [m for m in await tg.messages(chat) if m["from_bot"]][-1]
    assert "🚨" not in card["text"]
    reading = next(line for line in card["text"].splitlines() if line.startswith("🏷 "))
    assert "runs small" in reading and reading.endswith("🙁 unhappy")
