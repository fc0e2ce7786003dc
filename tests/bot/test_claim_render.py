"""Return cards pass Telegram's strict parser and limits whatever WB or the buyer put into the claim."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.claim_card import claim_keyboard, render_claim
from core.i18n import translator
from core.items.stage import ItemStage
from core.items.view import ItemView
from core.models import Channel, Interaction, Reply, ReplyStatus
from tests.bot.test_render_props import _stored, hostile

paths = st.one_of(hostile, st.builds(lambda p: "//photos.wbstatic.net/claim/" + p, hostile))


@st.composite
def claims(draw: st.DrawFn) -> ItemView:
    payload = {
        "status": draw(st.integers(-1, 3)),
        "status_ex": draw(st.none() | st.integers(0, 11)),
        "claim_type": draw(st.sampled_from([1, 3])),
        "actions": draw(st.lists(st.sampled_from(["approve1", "rejectcustom", "x" * 40, "<b>"]), max_size=9)),
        "photos": draw(st.lists(paths, max_size=10)),
        "video_paths": draw(st.lists(paths, max_size=1)),
        "price": draw(st.none() | st.floats(0, 1e12, allow_nan=False)),
        "currency_code": draw(st.none() | hostile),
        "srid": draw(st.none() | hostile),
        "wb_comment": draw(st.none() | hostile),
    }
    interaction = Interaction(
        id=1,
        channel=Channel.RETURN,
        external_id="x",
        product_name=draw(st.none() | hostile),
        text=draw(hostile),
        occurred_at=datetime(2026, 11, 30, 12, tzinfo=UTC),
        raw_payload=payload,
    )
    reply = Reply(id=2, interaction_id=1, text=draw(hostile), action="rejectcustom", status=ReplyStatus.SENT)
    stage = draw(st.sampled_from(list(ItemStage)))
    return ItemView(interaction, None, draw(st.none() | st.just(reply)), draw(st.integers(0, 10**6)), stage)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=claims(), language=st.sampled_from(["ru", "en"]))
def test_claim_cards_from_hostile_claims_pass_telegram(data: ItemView, language: str) -> None:
    t = translator(language)
    _stored(render_claim(data, t))
    for row in claim_keyboard(data, t).inline_keyboard:
        for button in row:
            assert button.text and (button.callback_data is None or len(button.callback_data.encode()) <= 64)
