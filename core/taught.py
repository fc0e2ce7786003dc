"""Teach once: a buyer's question the drafter could not answer from the product's facts is answered by the seller;
the bot then offers to keep that answer for the product (`save`), and the next buyer asking the same about the same
product (`answer_for`: key-word overlap with the saved question) gets a one-tap draft from it.

Kept in a table of its own (`ProductAnswer`: question, its key words, the seller's answer per nmId), so it depends
on no fact kind. Key words are crude stems (the word's first letters, stop words dropped): enough to tell «Подойдёт
ли чехол к iPhone 15?» and «К айфону 15 чехол подойдет?» from «Какой состав ткани?».
"""

from __future__ import annotations

import re

from tortoise.exceptions import IntegrityError

from core import audit
from core.drafting.language import fits_reply
from core.models import Channel, Draft, DraftOrigin, Interaction, ProductAnswer, Reply, ReplyStatus

# Share of the saved question's key words the new question must have (and at least two, or all of a shorter one).
MIN_OVERLAP = 0.6
STEM = 5
TEACHABLE = frozenset({Channel.QUESTION, Channel.CHAT})
_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS = """
а и или но ли же бы не нет да в во на с со к ко у о об от до по за из для при про как какой какая какие каком
каков что это этот эта эти тот та то там тут так есть будет было был была можно нужно ваш ваша ваше ваши вас
вам вы мы я мне меня он она они его её ее их ли подскажите скажите пожалуйста здравствуйте добрый день привет
товар товара товаре спасибо the a an is are do does can will it this that to of for in on with you your please
hello hi what which how
"""
_STOP = frozenset(_STOP_WORDS.split())
# The seller's greeting, thanks and farewell around the answer: the next draft brings its own.
_FRAME = re.compile(
    r"^(здравствуй|добр(ый|ого|ое)|привет|спасибо|благодар|hello|hi\b|good (morning|day|afternoon)|thank)|"
    r"(всего доброго|хорошего дня|будем рады|ждём вас|ждем вас|обращайтесь|have a nice|best regards)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")


def keywords(text: str) -> list[str]:
    """The question's key words: stems of the words that carry meaning, in order, once each."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    return list(dict.fromkeys(w[:STEM] for w in words if w not in _STOP and (len(w) > 2 or w.isdigit())))


def same_question(asked: list[str], saved: list[str]) -> bool:
    """Whether a question with key words `asked` asks what the saved one (`saved`) asked."""
    if not saved:
        return False
    common = len(set(asked) & set(saved))
    return common >= min(2, len(saved)) and common / len(saved) >= MIN_OVERLAP


def answer_core(text: str) -> str:
    """The seller's answer without its greeting, thanks and farewell sentences (kept whole if nothing else is left)."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
    core = [s for s in sentences if not _FRAME.search(s)]
    return " ".join(core) if core else text.strip()


async def _asked(interaction_id: int) -> str | None:
    """What the buyer asked that the drafter could not answer (the latest draft that says so)."""
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return await (  # type: ignore[return-value]
        Draft.filter(interaction_id=interaction_id, asked__not_isnull=True)
        .order_by("-id")
        .first()
        .values_list("asked", flat=True)
    )


async def _seller_answer(interaction_id: int) -> Reply | None:
    """The item's latest reply, when it is the seller's own words on its way or sent."""
    reply = await Reply.filter(interaction_id=interaction_id, action__isnull=True).order_by("-id").first()
    if reply is None or reply.status == ReplyStatus.FAILED:
        return None
    draft = await Draft.get_or_none(id=reply.draft_id) if reply.draft_id else None
    return reply if draft is None or draft.origin == DraftOrigin.SELLER else None


async def offer(interaction_id: int) -> str | None:
    """The question to offer saving the seller's answer for (`save`), or None: the item is a question about a known
    product that the drafter could not answer, the seller typed the answer, and it is not saved yet."""
    item = await Interaction.get(id=interaction_id)
    if item.channel not in TEACHABLE or item.nm_id is None:
        return None
    if await ProductAnswer.filter(interaction_id=interaction_id).exists():
        return None
    asked = await _asked(interaction_id)
    if asked is None or await _seller_answer(interaction_id) is None:
        return None
    return asked


async def save(interaction_id: int, member_id: int | None) -> ProductAnswer | None:
    """Keep the seller's answer to this item's question for its product (once; audited). None: nothing to save."""
    asked = await offer(interaction_id)
    reply = await _seller_answer(interaction_id)
    if asked is None or reply is None:
        return None
    item = await Interaction.get(id=interaction_id)
    try:
        saved = await ProductAnswer.create(
            seller_id=item.seller_id,
            nm_id=item.nm_id,
            question=asked,
            keywords=keywords(asked),
            answer=answer_core(reply.text),
            interaction_id=interaction_id,
            created_by_id=member_id,
        )
    except IntegrityError:  # a double tap: the first one saved it
        return None
    await audit.record(
        "product_answer.saved",
        seller_id=item.seller_id,
        interaction_id=interaction_id,
        member_id=member_id,
        object_type="product_answer",
        object_id=saved.id,
        after=saved.answer,
    )
    return saved


async def answer_for(seller_id: int, nm_id: int | None, question: str, language: str = "ru") -> ProductAnswer | None:
    """The saved answer about this product whose question the buyer's `question` asks again (most overlap) and
    that may go into a reply in `language` (a Russian answer never goes into an English reply)."""
    if nm_id is None or not question.strip():
        return None
    asked = keywords(question)
    best, best_common = None, 0
    for saved in await ProductAnswer.filter(seller_id=seller_id, nm_id=nm_id).order_by("-id"):
        if not fits_reply(saved.answer, language):
            continue
        common = len(set(asked) & set(saved.keywords))
        if same_question(asked, saved.keywords) and common > best_common:
            best, best_common = saved, common
    return best
