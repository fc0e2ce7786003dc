"""A review card says what became of the buyer's order (`orderStatus`) and shows WB's buyer tags (`bables`),
localised and escaped."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from bot.render import render_card
from core.i18n import translator
from core.items.stage import ItemStage
from core.items.view import ItemView
from core.models import Channel, Interaction, Priority
from tests.bot.test_render_props import _stored


def _review(payload: dict) -> ItemView:
    interaction = Interaction(
        id=1,
        seller_id=1,
        channel=Channel.REVIEW,
        external_id="x",
        text="Хорошая вещь",
        rating=5,
        occurred_at=datetime(2026, 11, 30, 12, tzinfo=UTC),
        priority=Priority.URGENT,
        raw_payload=payload,
    )
    return ItemView(interaction=interaction, draft=None, reply=None, link_count=0, stage=ItemStage.NEW)


@pytest.mark.parametrize(
    ("language", "returned", "tags"),
    [("ru", "Покупатель вернул товар", "Метки покупателя"), ("en", "The buyer returned the item", "Buyer tags")],
)
def test_returned_order_and_buyer_tags_on_the_card(language: str, returned: str, tags: str) -> None:
    t = translator(language)
    card = render_card(_review({"orderStatus": "returned", "bables": ["цена", "<b>x</b> & y"]}), t)
    shown = _stored(card)
    assert returned in shown and f"{tags}: цена, <b>x</b> & y" in shown
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in card


def test_nothing_shown_without_the_fields_or_for_unknown_values() -> None:
    t = translator("en")
    plain = _stored(render_card(_review({}), t))
    odd = _stored(render_card(_review({"orderStatus": "<i>", "bables": [1, None, ""]}), t))
    assert "Order" not in plain and "returned" not in plain and "Buyer tags" not in plain
    assert plain == odd
    bought = _stored(render_card(_review({"orderStatus": "buyout"}), t))
    assert "The buyer kept the item" in bought


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_link_count_shows_only_when_something_is_linked(language: str) -> None:
    t = translator(language)
    alone = _stored(render_card(_review({}), t))
    linked = dataclasses.replace(_review({}), link_count=3)
    assert "🔗" not in alone
    assert "· 🔗 3" in _stored(render_card(linked, t))
