"""The buyer's photos and videos sent with a card: an album (sendMediaGroup, at most 10 photos; one photo goes by
sendPhoto) just above the card, its caption saying how many there are and linking the videos.

Telegram fetches the photos from WB's links itself. When it cannot (a link gone, WB's CDN refusing it), the seller
gets the same links as a text message instead: the media are never lost, and never block the card.
Sent with the card: the caller sends them inside the card's claimed send (`bot.notify`), so a redelivered task
sends neither the card nor its album again; a card re-sent after a lost attempt brings its album again.
"""

from __future__ import annotations

import asyncio
import html
import weakref

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InputMediaPhoto

from bot.notifier import Notifier
from bot.text import clip
from core import chat_files
from core.attachments import Media
from core.i18n import Translator
from core.models import ChatFile, Interaction

ALBUM_MAX = 10  # Telegram's limit of items in one media group
LINKS_MAX = 20
_together: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()


def together(chat_id: int) -> asyncio.Lock:
    """Held while one item's album, files and card go to `chat_id`: at onboarding many cards go out at once, and
    another item's album between them would sit above the wrong card."""
    lock = _together.get(chat_id)
    if lock is None:
        lock = _together[chat_id] = asyncio.Lock()
    return lock


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{label}</a>'


def media_about(i: Interaction, t: Translator) -> str:
    """Whose photos these are: the item's channel, product and nmID (and the buyer, when WB names one)."""
    product = clip(i.product_name, 60, "…") or t("bot-card-no-product")
    about = t("sv-media-about", channel=t(f"bot-channel-{i.channel}"), product=product, nm_id=str(i.nm_id or "—"))
    return about + (f" · {clip(i.buyer_name, 40, '…')}" if i.buyer_name else "")


def caption(media: Media, t: Translator, about: str = "") -> str:
    """The album's caption (well under Telegram's 1024 characters: whose item, counts and short link labels)."""
    parts = [about] if about else []
    if media.photos:
        total = len(media.photos)
        parts.append(t("media-photos-first" if total > ALBUM_MAX else "media-photos", shown=ALBUM_MAX, total=total))
    videos = [_link(url, t("media-video", n=n)) for n, url in enumerate(media.videos[:LINKS_MAX], start=1)]
    if videos:
        parts.append(" · ".join(videos))
    return "\n".join(parts)


def links_text(media: Media, t: Translator) -> str:
    """Every photo and video as a link: what the seller gets when Telegram cannot fetch the photos."""
    photos = [_link(url, t("media-photo", n=n)) for n, url in enumerate(media.photos[:LINKS_MAX], start=1)]
    videos = [_link(url, t("media-video", n=n)) for n, url in enumerate(media.videos[:LINKS_MAX], start=1)]
    return "📎 " + " · ".join(photos + videos)


async def send_media(notifier: Notifier, chat_id: int, media: Media, t: Translator, about: str = "") -> None:
    """Send the item's media to one chat before its card, the caption naming the item (`about`); Telegram's refusal
    of a photo falls back to links. A member who blocked the bot raises TelegramForbiddenError, as the card's
    send would."""
    if not media:
        return
    text = caption(media, t, about)
    photos = media.photos[:ALBUM_MAX]
    try:
        if len(photos) > 1:
            album = [InputMediaPhoto(media=url) for url in photos]
            album[0] = InputMediaPhoto(media=photos[0], caption=text)
            await notifier.call(chat_id, notifier.bot.send_media_group, media=album)
        elif photos:
            await notifier.call(chat_id, notifier.bot.send_photo, photo=photos[0], caption=text)
        else:
            await notifier.send(chat_id, text)
    except TelegramBadRequest:
        await notifier.send(chat_id, links_text(media, t))


async def send_files(notifier: Notifier, chat_id: int, files: list[ChatFile]) -> None:
    """Send a chat's files WB cleared as documents (the buyer's original bytes): Telegram's copy of an earlier
    upload when there is one, else the bytes, whose Telegram copy is then remembered for the next member. A file
    Telegram refuses is skipped (the card still lists it)."""
    for item in files:
        if item.tg_file_id is None and not item.content:
            continue
        document = item.tg_file_id or BufferedInputFile(bytes(item.content or b""), filename=item.name or "file")
        try:
            sent = await notifier.call(chat_id, notifier.bot.send_document, document=document)
        except TelegramBadRequest:
            continue
        if item.tg_file_id is None and sent.document is not None:
            item.tg_file_id = sent.document.file_id
            await chat_files.remember_telegram_copy(item.id, sent.document.file_id)
