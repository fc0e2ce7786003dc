"""Voice and product facts from Telegram, through the Telegram sandbox: /settings → Voice and drafts (LLM switch,
tone, signature, banned words), and a card's Product facts used by the next draft (a blocked fact is refused)."""

from __future__ import annotations

from core.models import AuditEvent, Channel, ProductFacts, Seller
from core.seller_settings import SellerSettings
from sync.engine import sync_channel
from tests.bot.conftest import eventually
from tests.bot.test_cards import _buttons, _card, _connected, _shows


async def _last_bot(tg, chat: int, contains: str) -> dict | None:
    mine = [m for m in await tg.messages(chat) if m["from_bot"] and contains in m["text"]]
    return mine[-1] if mine else None


async def test_voice_screen_switches_and_texts(stack, tg, wb) -> None:
    seller, chat, _ = await _connected(stack, tg, wb)
    await tg.send(chat, "/settings")
    screen = await eventually(lambda: _last_bot(tg, chat, "Settings"))
    await tg.press(chat, screen["message_id"], text="🗣 Voice and drafts")
    voice = await eventually(lambda: _shows(tg, chat, screen["message_id"], "Voice and drafts"))
    assert "AI (LLM) drafts: off" in voice["text"] and "Tone: formal" in voice["text"]

    await tg.press(chat, screen["message_id"], text="🤖 AI on/off")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "AI (LLM) drafts: on"))
    assert (await Seller.get(id=seller.id)).llm_enabled
    await tg.press(chat, screen["message_id"], text="⚡ AI on arrival")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "AI draft on arrival: on"))
    await tg.press(chat, screen["message_id"], text="🎭 Switch tone")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "Tone: friendly"))

    await tg.press(chat, screen["message_id"], text="✍️ Signature")
    await eventually(lambda: _last_bot(tg, chat, "Send the signature"))
    await tg.send(chat, "Команда <Лето>")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "Signature: Команда <Лето>"))
    await tg.press(chat, screen["message_id"], text="🚫 Banned words")
    await eventually(lambda: _last_bot(tg, chat, "must not contain"))
    await tg.send(chat, "дешёвка, скидка\nакция")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "дешёвка, скидка, акция"))

    stored = SellerSettings.of((await Seller.get(id=seller.id)).settings)
    assert stored.voice.tone == "friendly" and stored.voice.signature == "Команда <Лето>" and stored.auto_draft_llm
    assert stored.banned_phrases == ["дешёвка", "скидка", "акция"]
    assert await AuditEvent.filter(action="settings.llm", seller_id=seller.id).count() == 1


async def test_product_facts_from_a_card_feed_the_next_draft(stack, tg, wb) -> None:
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await wb.control("POST", f"/sellers/{cabinet}/reviews", text="Маломерит сильно", rating=3, pros="", cons="")
    await sync_channel(stack, seller.id, Channel.REVIEW)
    card = await eventually(lambda: _card(tg, chat, "Маломерит сильно"))
    await tg.press(chat, card["message_id"], text="📋 Product facts")
    facts = await eventually(lambda: _last_bot(tg, chat, "Product facts"))
    await tg.press(chat, facts["message_id"], text="Size and fit")
    await eventually(lambda: _last_bot(tg, chat, 'text for "Size and fit"'))

    await tg.send(chat, "Пишите нам в телеграм @shop")  # a contact: refused, the state stays
    await eventually(lambda: _last_bot(tg, chat, "would not pass"))
    assert not await ProductFacts.exists()
    await tg.send(chat, "Берите на размер больше, модель узкая в плечах.")
    await eventually(lambda: _last_bot(tg, chat, "модель узкая в плечах"))
    row = await ProductFacts.get(seller_id=seller.id)
    assert row.sizing == "Берите на размер больше, модель узкая в плечах."

    await tg.press(chat, card["message_id"], text="✍️ Draft")
    drafted = await eventually(lambda: _shows(tg, chat, card["message_id"], "модель узкая в плечах"))
    # The seller's sizing fact answers the size complaint instead of the generic size-chart advice (issue 25).
    assert "✅ Approve" in _buttons(drafted) and "таблиц" not in drafted["text"]
    assert "🏷 runs small" in drafted["text"]  # the card names the topic the draft answers


async def test_english_signature_brand_and_fact_from_telegram(stack, tg, wb) -> None:
    """Issue 25 item 5 through the Telegram sandbox: the voice screen's English signature and brand, and a fact's
    English text (one with Russian letters refused); the stored values are what English replies carry."""
    seller, chat, cabinet = await _connected(stack, tg, wb)
    await tg.send(chat, "/settings")
    screen = await eventually(lambda: _last_bot(tg, chat, "Settings"))
    await tg.press(chat, screen["message_id"], text="🗣 Voice and drafts")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "Signature for English replies: —"))
    await tg.press(chat, screen["message_id"], text="✍️ Signature (EN)")
    await eventually(lambda: _last_bot(tg, chat, "signature for English replies"))
    await tg.send(chat, "Best regards, <Leto> team")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "Signature for English replies: Best regards"))
    await tg.press(chat, screen["message_id"], text="🏷 Brand (EN)")
    await eventually(lambda: _last_bot(tg, chat, "brand name for English replies"))
    await tg.send(chat, "Leto")
    await eventually(lambda: _shows(tg, chat, screen["message_id"], "Brand for English replies: Leto"))
    stored = SellerSettings.of((await Seller.get(id=seller.id)).settings)
    assert stored.voice.signature_en == "Best regards, <Leto> team" and stored.voice.brand_en == "Leto"

    await wb.control("POST", f"/sellers/{cabinet}/reviews", text="Маломерит сильно", rating=3, pros="", cons="")
    await sync_channel(stack, seller.id, Channel.REVIEW)
    card = await eventually(lambda: _card(tg, chat, "Маломерит сильно"))
    await tg.press(chat, card["message_id"], text="📋 Product facts")
    facts = await eventually(lambda: _last_bot(tg, chat, "Product facts"))
    await tg.press(chat, facts["message_id"], text="🇬🇧 English texts")
    english = await eventually(lambda: _last_bot(tg, chat, "Product facts in English"))
    await tg.press(chat, english["message_id"], text="Size and fit")
    await eventually(lambda: _last_bot(tg, chat, 'English text for "Size and fit"'))
    await tg.send(chat, "Runs small: order one size up, берите больше")
    await eventually(lambda: _last_bot(tg, chat, "has Russian letters"))
    await tg.send(chat, "Runs small: order one size up.")
    await eventually(lambda: _last_bot(tg, chat, "order one size up."))
    row = await ProductFacts.get(seller_id=seller.id)
    assert row.english == {"sizing": "Runs small: order one size up."} and row.sizing == ""
