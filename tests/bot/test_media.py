"""The buyer's photos and videos reach the seller with the card, through the real aiogram client against the
Telegram sandbox: an album of at most 10 photos above the card (its caption counts them and links the videos),
one photo by sendPhoto, WB's links as text when Telegram cannot fetch them, and nothing twice on redelivery."""

from __future__ import annotations

from bot.notify import notify_interaction
from core.models import Channel
from tests.bot.conftest import make_interaction, make_member, make_seller

BASKET = "https://feedback04.wbbasket.ru/vol1/part1/abc/photos"
VIDEO = "https://videofeedback01.wbbasket.ru/abc/index.m3u8"


def _review_payload(photos: int, host: str = BASKET) -> dict:
    return {
        "photoLinks": [{"fullSize": f"{host}/{n}/fs.jpg", "miniSize": f"{host}/{n}/ms.jpg"} for n in range(photos)],
        "video": {"link": VIDEO, "previewImage": "https://videofeedback01.wbbasket.ru/abc/preview.webp"},
    }


async def test_review_photos_come_as_one_album_above_the_card_once(db, tg, notifier) -> None:
    chat_a, chat_b = await tg.user(), await tg.user()
    seller = await make_seller()
    await make_member(seller, chat_a)
    await make_member(seller, chat_b, language="ru")
    review = await make_interaction(seller, raw_payload=_review_payload(12))
    assert await notify_interaction(review.id, notifier) == 2
    assert await notify_interaction(review.id, notifier) == 0  # redelivered: no second album, no second card
    for chat, caption in ((chat_a, "Buyer's photos: the first 10 of 12"), (chat_b, "Фото покупателя: первые 10 из 12")):
        sent = [m for m in await tg.messages(chat) if m["from_bot"]]
        album, card = sent[:-1], sent[-1]
        assert len(album) == 10 and len({m["media_group_id"] for m in album}) == 1 and album[0]["media_group_id"]
        assert [m["photo"]["url"] for m in album] == [f"{BASKET}/{n}/fs.jpg" for n in range(10)]
        assert caption in album[0]["text"] and f'href="{VIDEO}"' in album[0]["html"]
        assert card["buttons"] and "Great shoes" in card["text"]


async def test_a_claim_photo_and_a_single_review_photo_go_by_send_photo(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    claim = await make_interaction(
        seller,
        channel=Channel.RETURN,
        raw_payload={"status": 0, "actions": ["approve1"], "photos": ["//photos.wbstatic.net/claim/1/1.jpg"]},
    )
    review = await make_interaction(seller, raw_payload={"photoLinks": [{"fullSize": f"{BASKET}/0/fs.jpg"}]})
    plain = await make_interaction(seller)
    for item in (claim, review, plain):
        assert await notify_interaction(item.id, notifier) == 1
    sent = [m for m in await tg.messages(chat) if m["from_bot"]]
    assert [bool(m["photo"]) for m in sent] == [True, False, True, False, False]
    assert sent[0]["photo"]["url"] == "https://photos.wbstatic.net/claim/1/1.jpg" and not sent[0]["media_group_id"]
    assert "Buyer's photos: 1" in sent[2]["text"]


async def test_photos_telegram_cannot_fetch_come_as_links(db, tg, notifier) -> None:
    chat = await tg.user()
    seller = await make_seller()
    await make_member(seller, chat)
    # A host that never resolves (RFC 2606): Telegram's servers cannot download from it.
    review = await make_interaction(seller, raw_payload=_review_payload(3, host="https://gone.invalid/p"))
    assert await notify_interaction(review.id, notifier) == 1
    links, card = [m for m in await tg.messages(chat) if m["from_bot"]]
    assert not links["photo"] and 'href="https://gone.invalid/p/2/fs.jpg"' in links["html"]
    assert f'href="{VIDEO}"' in links["html"] and card["buttons"]
