"""A reply never offers anything for changing a review (issue 31, "answers that win buyers back"): money, a bonus, a
gift or a discount for editing, updating or supplementing a review or its rating is blocked in Russian and English;
thanking a buyer for a supplement, or a plain answer about an update, stays clean."""

from __future__ import annotations

import pytest

from core.guardrails import GuardrailContext, check_text
from core.guardrails.verdict import Severity
from core.models.enums import Channel

NEGATIVE = GuardrailContext(rating=2)

OFFERS = (
    "Вернём деньги, если измените отзыв.",
    "Бонус за исправленный отзыв!",
    "Дадим бонус за исправленный отзыв.",
    "Если поменяете оценку, пришлём промокод.",
    "Сделаем скидку на следующий заказ, если обновите отзыв.",
    "Пришлём промокод, если дополните отзыв.",
    "Отправим подарок, если дополните отзыв пятью звёздами.",
    "We will refund you if you change your review.",
    "A bonus for an updated review!",
    "We'll send a gift if you edit your review.",
    "Get a discount when you revise your rating.",
    "A coupon if you amend your review.",
    "We'll give you a voucher once you revise your feedback.",
)
CLEAN = (
    "Спасибо, что дополнили отзыв!",
    "Рады, что замена подошла. Спасибо, что вернулись к нам.",
    "Thank you for updating us on the delivery.",
    "Спасибо за обновлённую информацию о заказе.",
)


@pytest.mark.parametrize("text", OFFERS)
@pytest.mark.parametrize("channel", [Channel.REVIEW, Channel.CHAT])
def test_an_offer_for_changing_a_review_is_blocked(text: str, channel: Channel) -> None:
    verdict = check_text(text, channel=channel, context=NEGATIVE)
    assert not verdict.ok
    assert any(v.rule_id.startswith("incentive.") and v.severity == Severity.BLOCK for v in verdict.violations)


@pytest.mark.parametrize("text", CLEAN)
def test_thanks_for_a_supplement_stays_clean(text: str) -> None:
    verdict = check_text(text, channel=Channel.REVIEW, context=GuardrailContext(rating=5))
    assert verdict.ok and not [v for v in verdict.violations if v.rule_id.startswith("incentive.")]
