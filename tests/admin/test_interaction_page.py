"""The interaction page explains a blocked draft in the page's language, and durations read naturally."""

from datetime import UTC, datetime, timedelta

import httpx
from markupsafe import escape

from core.guardrails import check_text
from core.i18n import translator
from core.models import Channel, Draft, DraftOrigin, Interaction, Seller

BLOCKED = "Мы вернём деньги, если вы удалите отзыв"


async def test_blocked_draft_shows_localised_reasons(logged_in: httpx.AsyncClient) -> None:
    seller = await Seller.create(name="Shop")
    item = await Interaction.create(
        seller=seller, channel=Channel.REVIEW, external_id="f1", occurred_at=datetime.now(UTC), rating=1, text="Брак"
    )
    verdict = check_text(BLOCKED, channel=Channel.REVIEW)
    assert not verdict.ok
    await Draft.create(interaction=item, text=BLOCKED, origin=DraftOrigin.SELLER, verdict=verdict.to_dict(), ok=False)
    for lang in ("ru", "en"):
        page = (await logged_in.get(f"/interactions/{item.id}", params={"lang": lang})).text
        for reason in verdict.reasons(lang):
            assert str(escape(reason)) in page


def test_durations_are_localised() -> None:
    from admin.templating import templates

    template = templates.env.from_string("{{ seconds | duration }}")
    seconds = timedelta(hours=4, minutes=5).total_seconds()
    assert template.render(t=translator("ru"), seconds=seconds) == "4 ч 05 мин"
    assert template.render(t=translator("en"), seconds=seconds) == "4h 05m"
    assert template.render(t=translator("ru"), seconds=75) == "1 мин 15 с"


async def test_topics_are_shown_by_name(logged_in: httpx.AsyncClient) -> None:
    seller = await Seller.create(name="Shop")
    item = await Interaction.create(
        seller=seller,
        channel=Channel.REVIEW,
        external_id="f2",
        occurred_at=datetime.now(UTC),
        rating=2,
        text="Маломерит и пахнет",
        topics=["size_small", "smell"],
    )
    ru = (await logged_in.get(f"/interactions/{item.id}", params={"lang": "ru"})).text
    en = (await logged_in.get(f"/interactions/{item.id}", params={"lang": "en"})).text
    assert "маломерит, запах" in ru and "runs small, smell" in en
