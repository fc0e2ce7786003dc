"""The repetition guard (issue 25 item 7): signatures, the refusal of a repeating text at approval (localised reason),
the 30-day window, a failed reply forgotten, and drafts re-rolled before they are shown — PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core import repetition
from core.drafting.service import create_draft
from core.guardrails import GuardrailViolation
from core.models import AnswerSignature, Channel, Draft, Interaction, InteractionStatus, Reply, ReplyVia, Seller
from core.replies import approve, claim_send, mark_failed
from core.settings import Settings
from tests.factories import new_seller

A = "Здравствуйте! Спасибо за отзыв и высокую оценку. Будем рады видеть вас снова среди наших покупателей!"


def test_same_beginning_or_almost_the_same_text_repeats() -> None:
    base = repetition.signature(A)
    # Punctuation, case and «ё» do not make a text new.
    assert base.repeats(repetition.signature(A.upper().replace("!", ".")))
    # The same first 120 characters, a different ending.
    long = (
        "Здравствуйте! "
        + "Спасибо, что выбрали наш магазин и нашли время написать такой подробный отзыв о покупке. " * 2
    )
    assert repetition.signature(long + "Ждём вас.").repeats(repetition.signature(long + "Всего доброго!"))
    # One word changed in a long text: shingles nearly all shared.
    words = ("Мы очень рады что платье подошло по размеру и цвету и понравилось вам и вашей семье " * 3).split()
    changed = [*words[:-1], "подруге"]
    assert repetition.signature(" ".join(words)).repeats(repetition.signature("Добрый день! " + " ".join(changed)))
    # A different answer.
    other = "Добрый день! Рады, что кроссовки подошли. Носите с удовольствием, ждём вас снова!"
    assert not base.repeats(repetition.signature(other))


async def _item(seller: Seller, n: int, channel: Channel = Channel.REVIEW) -> Interaction:
    return await Interaction.create(
        seller=seller,
        channel=channel,
        external_id=f"x-{n}",
        rating=5 if channel == Channel.REVIEW else None,
        text="Отличное платье",
        occurred_at=datetime.now(UTC),
        status=InteractionStatus.NEEDS_RESPONSE,
    )


async def test_a_repeating_answer_is_refused_with_a_reason(db: None) -> None:
    seller = await new_seller("S")
    first, second, chat = await _item(seller, 1), await _item(seller, 2), await _item(seller, 3, Channel.CHAT)
    reply, _ = await approve(interaction_id=first.id, text=A, via=ReplyVia.TELEGRAM)
    assert await AnswerSignature.filter(reply_id=reply.id).exists()
    with pytest.raises(GuardrailViolation) as refused:
        await approve(interaction_id=second.id, text=A.replace("!", "."), via=ReplyVia.TELEGRAM)
    assert refused.value.verdict.blocking[0].rule_id == "format.repetition"
    assert "30" in refused.value.verdict.reasons("ru")[0] and "повтор" in refused.value.verdict.reasons("ru")[0].lower()
    assert "30 days" in refused.value.verdict.reasons("en")[0]
    assert not await Reply.filter(interaction_id=second.id).exists()
    # A chat is no public answer; the same item may be answered again with the same words.
    await approve(interaction_id=chat.id, text=A, via=ReplyVia.TELEGRAM)
    assert (await approve(interaction_id=first.id, text=A, via=ReplyVia.TELEGRAM))[0].id == reply.id


async def test_the_window_is_thirty_days_and_a_failed_reply_is_forgotten(db: None) -> None:
    seller = await new_seller("S")
    items = [await _item(seller, n) for n in range(4)]
    old, _ = await approve(interaction_id=items[0].id, text=A, via=ReplyVia.TELEGRAM)
    await AnswerSignature.filter(reply_id=old.id).update(created_at=datetime.now(UTC) - timedelta(days=31))
    failed, _ = await approve(interaction_id=items[1].id, text=A, via=ReplyVia.TELEGRAM)
    assert await claim_send(failed.id, datetime.now(UTC))
    await mark_failed(failed, "WB: 400")
    assert not await AnswerSignature.filter(reply_id=failed.id).exists()
    await approve(interaction_id=items[2].id, text=A, via=ReplyVia.TELEGRAM)
    with pytest.raises(GuardrailViolation):
        await approve(interaction_id=items[3].id, text=A, via=ReplyVia.TELEGRAM)


async def test_a_repeating_draft_is_re_rolled_before_it_is_shown(db: None, settings: Settings) -> None:
    seller = await new_seller("S")
    first, second = await _item(seller, 1), await _item(seller, 2)
    plain = await create_draft(interaction_id=second.id, settings=settings)
    await Draft.filter(interaction_id=second.id).delete()
    # The seller already published exactly what the second item's first draft would say.
    await approve(interaction_id=first.id, text=plain.text, via=ReplyVia.TELEGRAM)
    fresh = await create_draft(interaction_id=second.id, settings=settings)
    assert fresh.ok and fresh.variant > 0
    assert not repetition.signature(fresh.text).repeats(repetition.signature(plain.text))
    await approve(interaction_id=second.id, text=fresh.text, draft_id=fresh.id, via=ReplyVia.TELEGRAM)


async def test_regenerate_changes_the_wording(db: None, settings: Settings) -> None:
    seller = await new_seller("S")
    item = await _item(seller, 1)
    # Draft, then Regenerate four times (Regenerate is offered on a drafted item only).
    texts = [(await create_draft(interaction_id=item.id, settings=settings, regenerate=n > 0)).text for n in range(5)]
    signatures = [repetition.signature(text) for text in texts]
    assert not any(a.repeats(b) for n, a in enumerate(signatures) for b in signatures[n + 1 :])


async def test_more_happy_reviews_than_template_variants_never_repeat(db: None, settings: Settings) -> None:
    # 5★ reviews with no text all ask for the same answer: past the template variants, other openings are used.
    seller = await new_seller("S")
    texts = []
    for n in range(150):
        item = await _item(seller, n)
        await Interaction.filter(id=item.id).update(text="")
        draft = await create_draft(interaction_id=item.id, settings=settings)
        assert draft.ok, draft.verdict
        await approve(interaction_id=item.id, text=draft.text, draft_id=draft.id, via=ReplyVia.TELEGRAM)
        texts.append(draft.text)
    assert len(set(texts)) == 150
