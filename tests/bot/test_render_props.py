"""Property test: whatever a buyer (or WB, or a model) writes, every card and list the bot renders is HTML that
Telegram's parser accepts, that Telegram stores with the buyer's words intact, and that fits Telegram's limits.

The check is the Telegram sandbox's strict port of tdlib's parse_html and storing rules, called in-process on the
rendered markup: the bot must never depend on sandbox leniency.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.render import ASKED_BUDGET, DRAFT_BUDGET, TEXT_BUDGET, clip, render_card, render_line, render_timeline
from core.guardrails import GuardrailContext, check_text
from core.i18n import translator
from core.items.stage import ItemStage
from core.items.view import ItemView
from core.linking import TimelineItem
from core.models import Channel, ChatFile, Draft, FileState, Interaction, InteractionStatus, Reply, ReplyVia
from core.models.enums import DraftOrigin, Priority
from core.reading import Mood, Situation
from core.topics import Topic
from sandbox.telegram.formatted import normalise
from sandbox.telegram.html_parser import parse_html
from sandbox.telegram.validation import MAX_RAW_BYTES, MAX_TEXT

# Markup, references, bidi controls, invisible and astral characters, and words the guardrails flag.
HOSTILE = (
    "<b>",
    "</b>",
    "</>",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;",
    "&#xD800;",
    "&#65;",
    '"',
    "'",
    "<a href=x>",
    "<tg-emoji emoji-id=1>",
    "\u202e",
    "\u202a",
    "\u2028",
    "\u200b",
    "\u00a0",
    "\u2800",
    "\r",
    "\x00",
    "\x1b",
    "\ud800",
    "😀",
    "𝕏",
    " ",
    "\n",
    "нейросеть",
    "вернём деньги",
    "служба поддержки",
    "@shop_1",
    "wildberries.ru",
)
hostile = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), max_size=40).map("".join),
    # Long texts, to push every budget past its limit.
    st.builds(lambda piece, n: piece * n, st.sampled_from((*HOSTILE, "я", "x")), st.integers(0, 6000)),
    # Many separate flagged words: one guardrail reason each.
    st.builds(lambda piece, n: (piece + " ") * n, st.sampled_from(HOSTILE[-5:]), st.integers(0, 300)),
)
maybe = st.none() | hostile
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _stored(markup: str) -> str:
    """What Telegram would store for `markup` sent with parse_mode HTML; fails where Telegram would refuse it."""
    assert len(markup.encode()) <= MAX_RAW_BYTES, "markup over 32 768 bytes: text is too long"
    text, entities = parse_html(markup)  # raises on anything Telegram refuses to parse
    stored, _ = normalise(text, entities, allow_empty=False)  # raises on a text Telegram finds empty
    assert len(stored) <= MAX_TEXT, f"{len(stored)} code points: message is too long"
    return text


def _visible(raw: str | None, budget: int, marker: str = "") -> str:
    """The buyer's words as the card shows them: clipped, then unescaped by Telegram's parser."""
    return html.unescape(clip(raw, budget, marker))


def _card(
    channel: Channel,
    text: str,
    draft_text: str,
    stage: ItemStage,
    *,
    side: str | None = None,
    reason: str | None = None,
    via: ReplyVia = ReplyVia.TELEGRAM,
) -> ItemView:
    interaction = Interaction(
        id=1,
        seller_id=1,
        channel=channel,
        external_id="x",
        nm_id=10**12,
        product_name=side,
        buyer_name=side,
        text=text,
        pros=side,
        cons=side,
        rating=1,
        occurred_at=NOW,
        due_at=NOW,
        priority=Priority.URGENT,
        rejection_reason=reason,
    )
    verdict = check_text(draft_text, channel=channel, context=GuardrailContext(buyer_text=text))
    draft = Draft(
        id=2, interaction_id=1, text=draft_text, origin=DraftOrigin.LLM, verdict=verdict.to_dict(), ok=False, asked=side
    )
    reply = Reply(id=3, interaction_id=1, text=draft_text, idempotency_key="k", via=via, last_error=reason)
    return ItemView(interaction=interaction, draft=draft, reply=reply, link_count=10**6, stage=stage)


# Every part at its longest at once, in plain letters (one code point per budget unit); and a draft that trips
# the guardrails hundreds of times.
LONGEST = "я" * 6000
WORST_CARDS = [
    (_card(Channel.REVIEW, LONGEST, LONGEST, ItemStage.DRAFTED, side=LONGEST), "ru"),
    (_card(Channel.REVIEW, LONGEST, "нейросеть вернём деньги " * 300, ItemStage.DRAFTED, side=LONGEST), "ru"),
    (_card(Channel.REVIEW, LONGEST, "x", ItemStage.REJECTED, side=LONGEST, reason=LONGEST, via=ReplyVia.AUTO), "en"),
    # A final card keeps the sent text and its sender: at their longest with the longest reason.
    (
        replace(
            _card(Channel.REVIEW, LONGEST, LONGEST, ItemStage.REJECTED, side=LONGEST, reason=LONGEST),
            sent_by=LONGEST,
        ),
        "ru",
    ),
    (_card(Channel.CHAT, LONGEST, LONGEST, ItemStage.EXPIRED, side=LONGEST, reason=LONGEST), "ru"),
]
# The same with every topic stored (the card names what the draft answers, within its own budget).
WORST_CARDS.append(
    (_card(Channel.REVIEW, LONGEST, "нейросеть вернём деньги " * 300, ItemStage.DRAFTED, side=LONGEST), "ru")
)
WORST_CARDS[-1][0].interaction.topics = [topic.value for topic in Topic] * 3
WORST_CARDS[-1][0].interaction.situations = [situation.value for situation in Situation] * 3
WORST_CARDS[-1][0].interaction.mood = Mood.SARCASTIC.value
# WB's order status and buyer tags at their longest on the longest card, and both 🚨 lines (harm and legal).
for worst, _language in WORST_CARDS:
    worst.interaction.raw_payload = {"orderStatus": "rejected", "bables": [LONGEST] * 20, "isWarned": True}
    worst.interaction.situations = worst.interaction.situations or [Situation.HARM.value, Situation.LEGAL.value]


@st.composite
def cards(draw: st.DrawFn) -> tuple[ItemView, str]:
    channel = draw(st.sampled_from(list(Channel)))
    interaction = Interaction(
        id=1,
        seller_id=1,
        channel=channel,
        external_id="x",
        nm_id=draw(st.none() | st.integers(1, 10**12)),
        product_name=draw(maybe),
        buyer_name=draw(maybe),
        text=draw(hostile),
        pros=draw(maybe) if channel == Channel.REVIEW else None,
        cons=draw(maybe) if channel == Channel.REVIEW else None,
        rating=draw(st.integers(1, 5)) if channel == Channel.REVIEW else None,
        occurred_at=NOW,
        due_at=draw(st.none() | st.just(NOW + timedelta(hours=4))),
        priority=draw(st.sampled_from(list(Priority))),
        rejection_reason=draw(maybe),
        # Stored topics: known values, or anything a corrupted row might hold (shown escaped, within a budget).
        topics=draw(st.none() | st.lists(st.sampled_from([t.value for t in Topic]) | hostile, max_size=30)),
        situations=draw(st.none() | st.lists(st.sampled_from([s.value for s in Situation]) | hostile, max_size=30)),
        mood=draw(st.none() | st.sampled_from([m.value for m in Mood]) | hostile),
        # WB's fields as a (maybe corrupted) payload holds them: order status, buyer tags, the question flag.
        raw_payload=draw(
            st.none()
            | st.fixed_dictionaries(
                {
                    "orderStatus": st.sampled_from(["buyout", "rejected", "returned"]) | hostile,
                    "bables": st.lists(hostile, max_size=20) | hostile,
                    "isWarned": st.booleans(),
                }
            )
        ),
    )
    draft_text = draw(hostile)
    verdict = check_text(draft_text, channel=channel, context=GuardrailContext(buyer_text=interaction.text))
    draft = Draft(
        id=2,
        interaction_id=1,
        text=draft_text,
        origin=draw(st.sampled_from(list(DraftOrigin))),
        verdict=verdict.to_dict(),
        ok=verdict.ok,
    )
    reply = Reply(
        id=3,
        interaction_id=1,
        text=draft_text,
        idempotency_key="k",
        via=draw(st.sampled_from(list(ReplyVia))),
        last_error=draw(maybe),
    )
    data = ItemView(
        interaction=interaction,
        draft=draw(st.none() | st.just(draft)),
        reply=draw(st.none() | st.just(reply)),
        link_count=draw(st.integers(0, 10**6)),
        stage=draw(st.sampled_from(list(ItemStage))),
    )
    return data, draw(st.sampled_from(["ru", "en"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card=cards())
@example(card=WORST_CARDS[0])
@example(card=WORST_CARDS[1])
@example(card=WORST_CARDS[2])
@example(card=WORST_CARDS[3])
@example(card=WORST_CARDS[4])
@example(card=WORST_CARDS[5])
def test_cards_from_hostile_text_pass_telegram(card: tuple[ItemView, str]) -> None:
    data, language = card
    t = translator(language)
    shown = _stored(render_card(data, t))
    i = data.interaction
    assert _visible(i.text, TEXT_BUDGET, t("bot-card-truncated")) in shown
    if data.draft is not None and data.stage == ItemStage.DRAFTED:
        # A draft that needs the seller's answer shows the question out of the draft's budget.
        budget = DRAFT_BUDGET - (ASKED_BUDGET + 40 if data.draft.asked else 0)
        assert _visible(data.draft.text, budget, "…") in shown


def _timeline_item(n: int, text: str, name: str | None) -> TimelineItem:
    return TimelineItem(
        interaction_id=n,
        channel=list(Channel)[n % 3],
        occurred_at=NOW + timedelta(minutes=n),
        status=InteractionStatus.NEW,
        buyer_name=name,
        nm_id=n,
        product_name=name,
        rating=n % 5 + 1,
        text=text,
        answer=None,
        confidence=0.5,
        reason="name",
        kind=None,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(hostile, min_size=1, max_size=80),
    name=maybe,
    current=st.integers(0, 79),
    language=st.sampled_from(["ru", "en"]),
)
@example(texts=[LONGEST] * 80, name=LONGEST, current=40, language="ru")
@example(texts=["&" * 200] * 80, name="<" * 200, current=0, language="en")
def test_lists_and_timelines_from_hostile_text_pass_telegram(
    texts: list[str], name: str | None, current: int, language: str
) -> None:
    t = translator(language)
    thread = [_timeline_item(n, text, name) for n, text in enumerate(texts)]
    current_id = min(current, len(thread) - 1)
    shown = _stored(render_timeline(thread, current_id, t) if len(thread) > 1 else t("bot-timeline-empty"))
    if len(thread) > 1:
        # The item the seller asked about is always on the page.
        assert _visible(thread[current_id].text, 80, "…") in shown
    # The inbox shows at most 8 lines per page under its title.
    lines = [t("bot-inbox-title", total=len(thread))] + [
        f"{n}. {render_line(item, t)}" for n, item in enumerate(thread[:8], start=1)
    ]
    _stored("\n".join(lines))


def test_chat_cards_listing_many_long_file_names_fit() -> None:
    files = tuple(ChatFile(id=n, name=LONGEST, state=state) for n, state in enumerate(list(FileState) * 8))
    for stage in ItemStage:
        for via in ReplyVia:
            for draft in (LONGEST, "нейросеть вернём деньги " * 300):
                data = _card(Channel.CHAT, LONGEST, draft, stage, side=LONGEST, reason=LONGEST, via=via)
                data = replace(data, files=files, sent_by=LONGEST)
                for language in ("ru", "en"):
                    shown = _stored(render_card(data, translator(language)))
                    assert "… and" in shown or "… и ещё" in shown  # the list was cut, the card still fits
