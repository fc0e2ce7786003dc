"""Auto-send eligibility: the pure rules and the link check against the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.autosend import RULES_VERSION, AutoSendReason, check, clearly_positive, eligible, reason_text
from core.guardrails import check_text
from core.models import Channel, Interaction, Link, LinkKind
from core.seller_settings import SellerSettings
from tests.factories import new_seller

ON = SellerSettings(auto_send=True)
OK = check_text("Здравствуйте! Спасибо за отзыв и высокую оценку. Будем рады видеть вас снова!", channel=Channel.REVIEW)
BLOCKED = check_text("Я бот. Вернём деньги, если измените отзыв: https://x.ru", channel=Channel.REVIEW)


def _review(rating: int | None = 5, text: str = "", channel: Channel = Channel.REVIEW, **extra: str) -> Interaction:
    return Interaction(id=1, seller_id=1, channel=channel, external_id="x", rating=rating, text=text, **extra)


@pytest.mark.parametrize(
    ("interaction", "settings", "verdict", "expected"),
    [
        (_review(5, ""), ON, OK, AutoSendReason.OK),
        (_review(4, "Отличное платье, рекомендую!"), ON, OK, AutoSendReason.OK),
        (_review(5, "Great quality, love it"), ON, OK, AutoSendReason.OK),
        (_review(5, ""), SellerSettings(), OK, AutoSendReason.DISABLED),
        (_review(3, ""), ON, OK, AutoSendReason.RATING),
        (_review(2, "Отлично"), ON, OK, AutoSendReason.RATING),
        (_review(None, ""), ON, OK, AutoSendReason.RATING),
        (_review(None, "Какой размер?", channel=Channel.QUESTION), ON, OK, AutoSendReason.CHANNEL),
        (_review(None, "Спасибо!", channel=Channel.CHAT), ON, OK, AutoSendReason.CHANNEL),
        (_review(5, "Хорошее, но маломерит"), ON, OK, AutoSendReason.TEXT),
        (_review(5, "Не понравилось"), ON, OK, AutoSendReason.TEXT),
        (_review(5, "Нормально"), ON, OK, AutoSendReason.TEXT),
        (_review(5, "Отлично", cons="Запах сильный"), ON, OK, AutoSendReason.TEXT),
        (_review(5, "Отлично", cons="нет"), ON, OK, AutoSendReason.OK),
        (_review(5, "Супер, а будет другой цвет?"), ON, OK, AutoSendReason.TEXT),
        (_review(5, ""), ON, BLOCKED, AutoSendReason.GUARDRAILS),
        # Switched on under older rules: held until the seller has seen the new 30-day replay.
        (_review(5, ""), SellerSettings(auto_send=True, auto_send_rules=RULES_VERSION - 1), OK, AutoSendReason.RULES),
    ],
)
def test_rules(interaction: Interaction, settings: SellerSettings, verdict, expected: AutoSendReason) -> None:
    assert eligible(interaction, settings, verdict) == (expected == AutoSendReason.OK, expected)


def test_a_weak_link_blocks_and_a_sure_one_does_not() -> None:
    assert eligible(_review(), ON, OK, link_confidences=[0.95, 0.6]) == (False, AutoSendReason.LINK)
    assert eligible(_review(), ON, OK, link_confidences=[0.85, 1.0]) == (True, AutoSendReason.OK)


def test_clearly_positive_is_strict() -> None:
    assert clearly_positive("")
    # A reservation said softly is a reservation (issue 25's blind set: three 4★ "mixed" reviews went out).
    assert not clearly_positive("Платье красивое, ткань плотная. Талия высоковата для моего роста")
    assert not clearly_positive("Отличная куртка, рукава длинноватые")
    assert not clearly_positive("Great headphones. Only the app is in chinese")
    assert not clearly_positive("Nice sound, case feels a bit cheap")
    assert not clearly_positive("Супер, только шнурки короткие")
    assert clearly_positive("Рекомендовать могу однозначно, отличная вещь")
    assert not clearly_positive("Товар пришёл")  # no praise: a person decides
    assert not clearly_positive("Отлично, хотя доставка долго")


def test_reasons_are_localised() -> None:
    for reason in AutoSendReason:
        assert reason_text(reason, "ru") != f"draft-autosend-{reason}"
        assert reason_text(reason, "en") != reason_text(reason, "ru")


async def test_check_loads_links_from_the_database(db: None) -> None:
    seller = await new_seller("S")
    now = datetime.now(UTC)
    review = await Interaction.create(seller=seller, channel=Channel.REVIEW, external_id="r", rating=5, occurred_at=now)
    chat = await Interaction.create(seller=seller, channel=Channel.CHAT, external_id="c", occurred_at=now)
    assert await check(review, ON, OK) == (True, AutoSendReason.OK)
    await Link.create(seller=seller, a=review, b=chat, kind=LinkKind.PROBABILISTIC, confidence=0.7, reason="same buyer")
    assert await check(review, ON, OK) == (False, AutoSendReason.LINK)
    assert await check(chat, ON, OK) == (False, AutoSendReason.CHANNEL)
