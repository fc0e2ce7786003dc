"""WB as it is in 2026, through the sandbox over HTTP: an empty WB balance (402) holds syncs and sends and the reply
goes out once after it clears; a token without a category (403) is named; a rotated chat sign is survived with
exactly one accepted message; a Base token is told apart and held to WB's hourly Base budgets."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from cli.main import main
from core import alerts, outgoing_files, sending, tokens
from core.alerts import AlertKind
from core.i18n import translator
from core.models import (
    Alert,
    Channel,
    ChatDirection,
    ChatMessage,
    Interaction,
    Reply,
    ReplyStatus,
    ReplyVia,
    Seller,
    SellerStatus,
    SyncCursor,
    SyncRunStatus,
)
from core.ratelimit import BudgetExhausted, RateLimiter, WBRateGate
from core.settings import WB_SANDBOX_FEEDBACKS_URL, WBSettings
from core.tokens import TokenType
from sync import outbox
from sync.broker import send_queue
from sync.engine import sync_channel
from sync.token_probe import make_probe
from sync.wb import WBClient
from tests.sync.wbenv import approve, connect, sync_context, sync_settings, wb_sandbox

TEXT = "Спасибо за отзыв! Подберём другой размер, напишите, какой нужен."
CHAT_TEXT = "Здравствуйте! Отправили замену, трек-номер пришлём сегодня."


async def _open(kind: AlertKind, seller_id: int) -> Alert | None:
    return await Alert.get_or_none(kind=kind, seller_id=seller_id, resolved_at=None)


async def test_empty_balance_holds_syncs_and_sends_then_the_reply_goes_out_once(db, settings, redis_client) -> None:
    async with wb_sandbox(moderation_rate=0.0) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num = made["seller_id"]
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            fb = await wb.control("POST", f"/sellers/{num}/reviews", text="Маломерит", rating=3)
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            item = await Interaction.get(seller_id=seller.id, external_id=fb["id"])
            await wb.control("PUT", f"/sellers/{num}/refusal", status=402)
            reply = await approve(ctx, item.id, TEXT)
            # The POST meets 402: the reply stays queued (not failed, no attempt spent) and the seller is held.
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.QUEUED
            held = await Reply.get(id=reply.id)
            assert held.attempts == 0 and "insufficient funds" in (held.last_error or "")
            alert = await _open(AlertKind.WB_BALANCE_EMPTY, seller.id)
            assert alert is not None and "insufficient funds" in alert.text  # WB's problem+json detail is quoted
            assert alert.id in rec.of("bot.deliver_alert")
            # While held, a send does not even POST; a sync run fails with WB's detail and stays held.
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.QUEUED
            run = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert run.status == SyncRunStatus.FAILED and "payment required: wb solution" in (run.error or "")
            assert (await Seller.get(id=seller.id)).status == SellerStatus.ACTIVE  # no reconnect is needed
            await alerts.evaluate(datetime.now(UTC), s)  # the periodic alerts round leaves the hold alone
            assert await _open(AlertKind.WB_BALANCE_EMPTY, seller.id) is not None
            assert (await wb.answer_calls(num)) == {}
            # The balance is topped up: the next run clears the hold and kicks the queued reply, sent once.
            await wb.control("PUT", f"/sellers/{num}/refusal", status=None)
            run = await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert run.status == SyncRunStatus.OK and await _open(AlertKind.WB_BALANCE_EMPTY, seller.id) is None
            assert reply.id in rec.of("sync.send_reply")
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.SENT
            assert await outbox.send_reply(ctx, reply.id) is None
            assert (await wb.answer_calls(num)) == {fb["id"]: 1}


async def test_wrong_category_names_the_category_and_the_other_channels_go_on(db, settings, redis_client) -> None:
    async with wb_sandbox(moderation_rate=0.0) as wb:
        made = await wb.new_seller(reviews=3, questions=0, chats=2, scopes=["review", "question"])
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"], name="Ромашка")
        async with sync_context(s) as (ctx, _):
            run = await sync_channel(ctx, seller.id, Channel.CHAT)
            assert run.status == SyncRunStatus.FAILED and "scope is not allowed" in (run.error or "")
            alert = await _open(AlertKind.TOKEN_CATEGORY_CHAT, seller.id)
            assert alert is not None and "«Чат с покупателями»" in alert.text
            assert (await Seller.get(id=seller.id)).status == SellerStatus.ACTIVE
            assert (await sync_channel(ctx, seller.id, Channel.REVIEW)).status == SyncRunStatus.OK


async def test_a_rotated_chat_sign_is_refreshed_once_and_one_message_is_accepted(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num = made["seller_id"]
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _):
            opened = [await wb.control("POST", f"/sellers/{num}/chat-messages", text=t) for t in ("Где заказ?", "Брак")]
            await sync_channel(ctx, seller.id, Channel.CHAT)
            first, second = [await Interaction.get(seller_id=seller.id, external_id=e["chatID"]) for e in opened]
            old = first.reply_sign
            rotated = await wb.control("POST", f"/sellers/{num}/chats/{first.external_id}/rotate-sign")
            reply = await approve(ctx, first.id, CHAT_TEXT)
            # WB refuses the cached sign; the outbox reads the chat list once and sends again: one message accepted.
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.SENT
            assert (await wb.answer_calls(num)) == {first.external_id: 1}
            assert (await Interaction.get(id=first.id)).reply_sign == rotated["replySign"] != old
            # WB refuses every sign of the other chat, the listed one too: the second refusal fails with WB's words.
            await wb.control("POST", f"/sellers/{num}/chats/{second.external_id}/rotate-sign", refuse_all=True)
            refused = await approve(ctx, second.id, CHAT_TEXT)
            assert await outbox.send_reply(ctx, refused.id) == ReplyStatus.FAILED
            assert (await Reply.get(id=refused.id)).last_error == "Invalid signature"
            assert (await wb.answer_calls(num)) == {first.external_id: 1}


async def test_a_base_token_is_told_apart_and_held_to_its_hourly_budget(db, settings, redis_client) -> None:
    async with wb_sandbox() as wb:  # WB's limits on: a Base token's answers carry burst 1
        made = await wb.new_seller(reviews=5, questions=0, chats=0)
        base = (await wb.control("POST", f"/sellers/{made['seller_id']}/tokens", type="base"))["token"]
        s = sync_settings(settings, wb.url)
        async with contextlib.aclosing(WBClient(s.wb)) as client:
            probe = make_probe(client)
            assert (await probe(base)).token_type == TokenType.BASE
            assert (await probe(made["token"])).token_type == TokenType.STANDARD
        told = tokens.token_type_note(TokenType.BASE, translator("ru"))
        assert "5 запросов в час" in told and "несколько часов" in told and "«Персональный» токен" in told

        fresh = await wb.new_seller(reviews=5, questions=0, chats=0)
        token = (await wb.control("POST", f"/sellers/{fresh['seller_id']}/tokens", type="base"))["token"]
        seller = await connect(s, token)
        await Seller.filter(id=seller.id).update(token_type=TokenType.BASE)  # what the probe found at connect
        calls = wb.app.state.store.sellers[fresh["seller_id"]].script.calls
        async with sync_context(s) as (ctx, _):
            started = datetime.now(UTC)
            run = await sync_channel(ctx, seller.id, Channel.REVIEW)
            # One request reached WB (its burst); the next ones were held back by our Base budget, never sent.
            assert run.status == SyncRunStatus.FAILED and "budget is spent" in (run.error or "")
            assert len(calls) == 1
            cursor = await SyncCursor.get(seller_id=seller.id, channel=Channel.REVIEW)
            assert cursor.next_due_at >= started + timedelta(minutes=11) and cursor.consecutive_429 == 0
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            assert len(calls) == 1  # within the hour's budget: nothing more was sent


async def test_the_gate_keeps_to_each_token_types_budget() -> None:
    gate = WBRateGate(RateLimiter(None), WBSettings())
    for _ in range(6):  # a Personal/Service token: WB's burst of 6 at once
        await gate.acquire("s1", "feedbacks")
    await gate.acquire("s2", "feedbacks:base")
    for bucket, wait in (("feedbacks:base", 720), ("chat:base", 0), ("returns:base", 0)):
        if wait == 0:
            await gate.acquire("s2", bucket)  # the first request of each Base bucket
        with pytest.raises(BudgetExhausted) as spent:
            await gate.acquire("s2", bucket)
        assert spent.value.retry_after > (wait or 3590) - 5


async def test_wbs_own_sandbox_takes_a_test_token_for_reviews_and_questions(db, settings) -> None:
    assert WBSettings(feedbacks_base_url=WB_SANDBOX_FEEDBACKS_URL + "/").feedbacks_sandbox
    assert not WBSettings().feedbacks_sandbox
    async with wb_sandbox(limits=False) as wb:  # stands in for feedbacks-api-sandbox.wildberries.ru
        made = await wb.new_seller(reviews=3, questions=2, chats=1)
        test = (await wb.control("POST", f"/sellers/{made['seller_id']}/tokens", test=True))["token"]
        s = sync_settings(settings, wb.url)
        async with contextlib.aclosing(WBClient(s.wb)) as client:
            with pytest.raises(tokens.TokenRejected) as refused:
                await make_probe(client)(test)  # a test token against the real WB: refused before any call
            assert refused.value.reason == "test-token"
            with pytest.raises(tokens.TokenRejected) as refused:
                await make_probe(client, wb_sandbox=True)(made["token"])
            assert refused.value.reason == "not-test-token"
            check = await make_probe(client, wb_sandbox=True)(test)
            assert check.channels == {Channel.REVIEW, Channel.QUESTION} and check.token_type == TokenType.TEST
        args = ["wb", "check", "--wb-sandbox", "--token", test, "--feedbacks-url", wb.url, "--lang", "en"]
        result = await asyncio.to_thread(CliRunner().invoke, main, args)
        assert result.exit_code == 0, result.output
        assert "“Test scope” token" in result.output and "✓ questions:" in result.output
        assert "chats" not in result.output and "claims" not in result.output


PNG = b"\x89PNG\r\n\x1a\n" + bytes(2048)
PDF = b"%PDF-1.7\n" + bytes(1024)


async def test_files_go_into_a_chat_once_and_wbs_limits_are_checked_before_the_post(db, settings, redis_client) -> None:
    async with wb_sandbox(moderation_rate=0.0, fault_hold_s=0.6) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num = made["seller_id"]
        s = sync_settings(settings, wb.url)
        s = s.model_copy(update={"wb": s.wb.model_copy(update={"timeout": 0.3, "max_retries": 0})})
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, _):
            opened = await wb.control("POST", f"/sellers/{num}/chat-messages", text="Какой размер взять?")
            await sync_channel(ctx, seller.id, Channel.CHAT)
            chat = await Interaction.get(seller_id=seller.id, external_id=opened["chatID"])

            async def send(files: list[tuple[str, bytes]], text: str = "Таблица размеров во вложении") -> Reply:
                return await sending.submit_files(
                    interaction_id=chat.id, text=text, files=files, via=ReplyVia.TELEGRAM,
                    settings=ctx.settings, enqueue=send_queue(ctx.broker),
                )  # fmt: skip

            # Over WB's limits: refused before anything is stored or POSTed.
            for files, reason in (
                ([("big.png", PNG + bytes(5 * 1024 * 1024))], "too-big"),
                ([("clip.mp4", b"\x00\x00\x00\x18ftypmp42")], "type"),
                ([(f"p{n}.pdf", PDF + bytes(4 * 1024 * 1024)) for n in range(8)], "too-much"),
            ):
                with pytest.raises(outgoing_files.FileRefused) as refused:
                    await send(files)
                assert refused.value.reason == reason
            assert await Reply.filter(interaction_id=chat.id).count() == 0
            # The POST's answer is lost (WB applied it): the outbox reads the events feed back and finds it, once.
            await wb.control("PUT", f"/sellers/{num}/script", send=["timeout_after"])
            reply = await send([("size.png", PNG), ("guide.pdf", PDF)])
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.UNKNOWN
            await Reply.filter(id=reply.id).update(sending_at=datetime.now(UTC) - timedelta(hours=1))
            assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.SENT
            room = wb.app.state.store.sellers[num].chats[chat.external_id]
            assert [(m["text"], m["files"]) for m in room.sent] == [
                ("Таблица размеров во вложении", ["size.png", "guide.pdf"])
            ]
            # The chat sync reads our message back from the feed with its files.
            await sync_channel(ctx, seller.id, Channel.CHAT)
            ours = await ChatMessage.get(interaction_id=chat.id, direction=ChatDirection.OUT)
            assert [f["name"] for f in ours.attachments["files"]] == ["size.png", "guide.pdf"]
