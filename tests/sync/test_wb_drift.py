"""The drift radar: the packaged contract is WB's 2026 spec; every answer's unknown fields, missing required fields
and undocumented statuses are counted per endpoint, the first sighting raises one ops alert (deduplicated), and
`agentiq wb check` lists them — proved against the sandbox adding and dropping fields on demand over HTTP."""

from __future__ import annotations

import asyncio
import json

import yaml
from click.testing import CliRunner

from cli.main import main
from core.models import Alert, Channel
from sync.drift import COUNTS_KEY, DriftRadar
from sync.engine import sync_channel
from sync.wb import WBAuth
from sync.wb.drift import CONTRACT_PATH, MISSING, STATUS, UNKNOWN, Drift, build_contract, endpoint_of, find_drift
from tests.sandbox.wb_contract import SPEC_PATH
from tests.sync.wbenv import connect, sync_context, sync_settings, wb_sandbox

EVENTS = "GET /api/v1/seller/events"


def test_the_packaged_contract_is_wbs_2026_spec() -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert json.loads(CONTRACT_PATH.read_text(encoding="utf-8")) == build_contract(spec)


def test_find_drift_names_unknown_missing_and_new_statuses() -> None:
    assert endpoint_of("GET", "/api/v1/seller/download/abc") == "GET /api/v1/seller/download/{id}"
    body = {"result": {"next": 1, "totalEvents": 1, "events": [{"chatID": "1:x", "clientID": "7", "message": {}}]}}
    assert find_drift(EVENTS, 200, body) == [Drift(EVENTS, UNKNOWN, "result.events[].clientID")]
    download = "GET /api/v1/seller/download/{id}"
    assert find_drift(download, 202, {"retrySeconds": 5}) == [Drift(download, MISSING, "moderationState")]
    assert find_drift(EVENTS, 418, None) == [Drift(EVENTS, STATUS, "418")]
    assert find_drift(EVENTS, 503, {"anything": 1}) == []  # outages are not drift


async def test_a_field_added_by_wb_is_counted_and_alerted_once(db, settings, redis_client, redis_url) -> None:
    async with wb_sandbox(limits=False) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        num = made["seller_id"]
        await wb.control("PUT", "/drift", route="/api/v1/seller/events", add={"result.events[].buyerRef": "b-1"})
        s = sync_settings(settings.model_copy(update={"redis_url": redis_url}), wb.url)
        seller = await connect(s, made["token"])
        async with sync_context(s) as (ctx, rec):
            opened = await wb.control(
                "POST",
                f"/sellers/{num}/chat-messages",
                text="Фото брака",
                files=[{"name": "a.jpg", "moderation_s": 60}],
            )
            for spec in ({"text": "Где заказ?"}, {"text": "Жду ответа", "chat_id": opened["chatID"]}):
                await wb.control("POST", f"/sellers/{num}/chat-messages", **spec)
                await sync_channel(ctx, seller.id, Channel.CHAT)
            counts = await redis_client.hgetall(COUNTS_KEY)
            field = f"{EVENTS}|{UNKNOWN}|result.events[].buyerRef".encode()
            assert int(counts[field]) == 2  # two packets carried it
            alerts = await Alert.filter(kind__startswith="wb_drift:", resolved_at=None)
            assert len(alerts) == 1 and rec.of("bot.deliver_alert") == [alerts[0].id]
            assert EVENTS in alerts[0].text and "result.events[].buyerRef" in alerts[0].text
            # WB drops a required field of the file-in-moderation answer: a second, separate alert.
            await wb.control("PUT", "/drift", route="/api/v1/seller/events")  # the events are WB's again
            path = f"/api/v1/seller/download/{opened['message']['attachments']['files'][0]['downloadID']}"
            await wb.control("PUT", "/drift", route=path, drop=["moderationState"])
            await ctx.wb.download_chat_file(
                WBAuth(made["token"], str(seller.id)), path.rsplit("/", 1)[1], max_bytes=5 * 1024 * 1024
            )
            sightings = await DriftRadar(redis_client).sightings()
            missing = [(d.field, n) for d, n in sightings if d.kind == MISSING]
            assert missing == [("moderationState", 1)]
            assert await Alert.filter(kind__startswith="wb_drift:", resolved_at=None).count() == 2


async def test_wb_check_lists_an_undocumented_status(db, settings) -> None:
    async with wb_sandbox(limits=False) as wb:
        made = await wb.new_seller(reviews=2, questions=0, chats=1)
        await wb.control("PUT", "/drift", route="/api/v1/seller/chats", status=418)
        args = ["wb", "check", "--token", made["token"], "--feedbacks-url", wb.url, "--chat-url", wb.url]
        result = await asyncio.to_thread(CliRunner().invoke, main, [*args, "--lang", "en"])
        assert "GET /api/v1/seller/chats · an undocumented status · 418 · 1" in result.output, result.output
