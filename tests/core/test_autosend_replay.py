"""The auto-send replay (issue 31 item 6): the last 30 days of a shop's reviews judged by today's rules and template
drafts — what would have gone out, with samples, and why the rest were held back. On the real database (PostgreSQL
and SQLite), with WB's +03:00 offsets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from core.autosend import AutoSendReason, apology_sentences
from core.autosend_replay import SAMPLES, replay
from core.models import Channel, Interaction, InteractionStatus, Link, LinkKind, Seller
from core.settings import Settings

MSK = timezone(timedelta(hours=3))


async def _review(seller: Seller, n: int, text: str, rating: int, days: float, **extra) -> Interaction:
    return await Interaction.create(
        seller=seller,
        channel=Channel.REVIEW,
        external_id=f"r{n}",
        text=text,
        rating=rating,
        occurred_at=(datetime.now(UTC) - timedelta(days=days)).astimezone(MSK),
        status=InteractionStatus.ANSWERED,
        needs_response=False,
        **extra,
    )


async def test_replay_counts_what_would_go_out_and_why_the_rest_waited(db: None, settings: Settings) -> None:
    seller = await Seller.create(name="Shop", settings={"auto_send": False})
    positives = ["Отличное платье, рекомендую!", "Всё супер, спасибо", "Great quality, love it", "", "Шикарно"]
    for n, text in enumerate(positives):
        await _review(seller, n, text, 5, days=n + 1)
    await _review(seller, 10, "Маломерит, вернула", 2, days=3)  # rating
    await _review(seller, 11, "Хорошее, но маломерит", 5, days=4)  # text
    await _review(seller, 12, "Отлично, но после крема ожог на лице", 5, days=5)  # harm: text already not clear
    await _review(seller, 13, "Супер!", 5, days=31)  # outside the 30 days
    linked = await _review(seller, 14, "Класс, рекомендую", 5, days=6)
    chat = await Interaction.create(seller=seller, channel=Channel.CHAT, external_id="c", occurred_at=datetime.now(UTC))
    await Link.create(seller=seller, a=linked, b=chat, kind=LinkKind.PROBABILISTIC, confidence=0.6, reason="x")

    found = await replay(seller.id, settings)

    assert found.reviews == 9 and found.would_send == len(positives)
    assert found.held == {AutoSendReason.RATING: 1, AutoSendReason.TEXT: 2, AutoSendReason.LINK: 1}
    assert len(found.sent) == SAMPLES and all(s.draft and not apology_sentences(s.draft) for s in found.sent)
    assert found.held_samples[AutoSendReason.LINK][0].interaction_id == linked.id
    assert round(found.share, 3) == round(5 / 9, 3)
    # The replay changes nothing: no drafts stored, the seller's switch untouched.
    assert not await linked.drafts.all().exists()
    assert not (await Seller.get(id=seller.id)).settings["auto_send"]


async def test_an_empty_month_replays_to_nothing(db: None, settings: Settings) -> None:
    seller = await Seller.create(name="New shop")
    found = await replay(seller.id, settings)
    assert (found.reviews, found.would_send, found.share, dict(found.held)) == (0, 0, 0.0, {})
