"""/export through the Telegram sandbox: the document the bot sends is a CSV whose rows are the database's rows;
operators are refused, a bad period gets the usage, an empty period says so."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from core import exports
from core.models import Channel, Interaction, MemberRole, Reply, ReplyStatus
from tests.bot.conftest import make_interaction, make_member, make_seller


async def _bot_messages(tg, chat: int) -> list[dict]:
    return [m for m in await tg.messages(chat) if m["from_bot"]]


async def test_export_document_matches_database(db, tg, bot, feed) -> None:
    seller = await make_seller()
    chat = await tg.user()
    await make_member(seller, chat)
    now = datetime.now(UTC)
    review = await make_interaction(seller, text='=HYPERLINK("http://evil")', rating=1)
    await make_interaction(seller, channel=Channel.QUESTION, text="Размер XL?", rating=None)
    await make_interaction(seller, occurred_at=now - timedelta(days=20), text="older")
    await make_interaction(seller, occurred_at=now - timedelta(days=40), text="too old for 30 days")
    await make_interaction(await make_seller(), text="someone else's")
    await Reply.create(interaction=review, text="Sorry!", idempotency_key="k1", status=ReplyStatus.SENT, sent_at=now)

    await tg.send(chat, "/export")
    await feed()
    sent = (await _bot_messages(tg, chat))[-1]
    assert sent["document"]["file_name"].endswith(".csv") and "3" in sent["text"]
    content = (await tg.http.get(f"/_sandbox/files/{sent['document']['file_id']}")).content.decode("utf-8-sig")
    lines = csv.reader(io.StringIO(content))
    assert next(lines)[:3] == ["ID", "Seller ID", "Channel"]  # the member's language (English), `,`
    rows = [dict(zip(exports.COLUMNS, row, strict=True)) for row in lines]

    expected = await Interaction.filter(seller_id=seller.id, occurred_at__gte=now - timedelta(days=29)).order_by("id")
    assert [int(r["id"]) for r in rows] == [i.id for i in expected]
    for row, item in zip(rows, expected, strict=True):
        assert (
            row["external_id"] == item.external_id
            and row["channel"] == {"review": "Review", "question": "Question"}[item.channel]
        )
        assert row["text"] == exports.safe_cell(item.text) and int(row["nm_id"]) == item.nm_id
        assert datetime.fromisoformat(row["occurred_at"]) == item.occurred_at.replace(microsecond=0)
    assert rows[0]["text"].startswith("'=") and rows[0]["reply_text"] == "Sorry!" and rows[0]["reply_status"] == "sent"
    assert rows[1]["text"] == "Размер XL?"


async def test_export_period_refusals_and_empty(db, tg, bot, feed) -> None:
    seller = await make_seller()
    owner, operator = await tg.user(), await tg.user()
    await make_member(seller, owner)
    await make_member(seller, operator, role=MemberRole.OPERATOR)
    await make_interaction(seller, occurred_at=datetime.now(UTC) - timedelta(days=10))

    await tg.send(owner, "/export 7")
    await tg.send(owner, "/export lots")
    await tg.send(operator, "/export")
    await feed()
    empty, usage = (await _bot_messages(tg, owner))[-2:]
    assert "7 days" in empty["text"] and empty["document"] is None
    assert "Usage" in usage["text"]
    assert "Only the owner" in (await _bot_messages(tg, operator))[-1]["text"]

    await tg.send(owner, "/export 11")
    await feed()
    assert (await _bot_messages(tg, owner))[-1]["document"] is not None


async def test_export_picks_by_the_reading(db, tg, bot, feed) -> None:
    """/export 7 harm: only the items whose reading holds that situation (also a mood or a topic; issue 24)."""
    seller = await make_seller()
    chat = await tg.user()
    await make_member(seller, chat)
    burn = await make_interaction(seller, text="burn", situations=["harm"], mood="negative", topics=[])
    await make_interaction(seller, text="fine", situations=[], mood="positive", topics=["praise_quality"])

    for command in ("/export 7 harm", "/export positive", "/export 7 praise_quality", "/export 7 nonsense"):
        await tg.send(chat, command)
    await feed()
    harm, positive, praise, usage = (await _bot_messages(tg, chat))[-4:]

    async def texts(message: dict) -> list[str]:
        content = (await tg.http.get(f"/_sandbox/files/{message['document']['file_id']}")).content
        lines = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        next(lines)  # the titles, in the member's language
        return [dict(zip(exports.COLUMNS, row, strict=True))["text"] for row in lines]

    assert await texts(harm) == ["burn"] and await texts(positive) == ["fine"] and await texts(praise) == ["fine"]
    assert (await Interaction.get(id=burn.id)).situations == ["harm"]
    assert usage["document"] is None and "harm" in usage["text"]
