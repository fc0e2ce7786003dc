"""The reply form on the interaction page: admins answer through the outbox (as the API does), viewers only read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from markupsafe import escape

from admin.app import create_app
from core.guardrails import check_text
from core.i18n import translator
from core.items.stage import UNSURE_AFTER
from core.models import (
    AdminRole,
    AdminUser,
    AuditEvent,
    Channel,
    Draft,
    DraftOrigin,
    Interaction,
    InteractionStatus,
    Reply,
    ReplyStatus,
    ReplyVia,
)
from core.settings import Settings
from tests.admin.conftest import log_in, page_csrf, password_hash
from tests.admin.seed import seed
from tests.brokers import recording_broker

BLOCKED = "Спасибо! Пишите нам в телеграм @shop_help или звоните +7 999 123-45-67"
GOOD = "Анна, спасибо за обращение! Деньги за чайник вернём в течение трёх дней."
OTHER = "Анна, здравствуйте! Возврат уже оформлен, деньги придут на карту."


@pytest.fixture
def app(settings: Settings, db: None) -> FastAPI:
    """The admin app with a broker without tasks: the Reply row is the outcome under test, not the send."""
    return create_app(settings, broker=recording_broker()[0])


async def test_blocked_text_rerenders_the_page_with_every_reason(logged_in: httpx.AsyncClient) -> None:
    seeded = await seed()
    path = f"/interactions/{seeded.chat.id}"
    token = await page_csrf(logged_in, path)
    response = await logged_in.post(f"{path}/reply?lang=en", data={"text": BLOCKED, "csrf_token": token})
    assert response.status_code == 422
    reasons = check_text(BLOCKED, channel=Channel.CHAT).reasons("en")
    assert len(reasons) >= 2
    for reason in reasons:
        assert str(escape(reason)) in response.text
    assert translator("en")("admin-reply-blocked") in response.text
    assert f">{escape(BLOCKED)}</textarea>" in response.text  # the admin's text is kept for editing
    assert await Reply.filter(interaction_id=seeded.chat.id).count() == 0


async def test_clean_text_is_queued_as_the_admins_web_reply(
    logged_in: httpx.AsyncClient, admin_user: AdminUser
) -> None:
    seeded = await seed()
    draft = await Draft.create(interaction=seeded.chat, text=GOOD, origin=DraftOrigin.LLM)
    await Draft.create(interaction=seeded.chat, text="старый", origin=DraftOrigin.LLM, void=True)
    path = f"/interactions/{seeded.chat.id}"
    page = (await logged_in.get(path)).text
    # The newest non-void draft prefills the form.
    assert f">{escape(GOOD)}</textarea>" in page and f'name="draft_id" value="{draft.id}"' in page
    token = await page_csrf(logged_in, path)
    response = await logged_in.post(
        f"{path}/reply", data={"text": GOOD, "draft_id": str(draft.id), "csrf_token": token}
    )
    assert response.status_code == 303 and response.headers["location"].endswith(f"{path}#replies")
    reply = await Reply.get(interaction_id=seeded.chat.id)
    assert (reply.status, reply.via, reply.approved_by_admin_id, reply.draft_id) == (
        ReplyStatus.QUEUED,
        ReplyVia.WEB,
        admin_user.id,
        draft.id,
    )
    assert f"в очереди ({reply.attempts})" in (await logged_in.get(f"{path}?lang=ru")).text

    # A different text while the first is in flight: 409 with the localised message, nothing new queued.
    conflict = await logged_in.post(f"{path}/reply?lang=ru", data={"text": OTHER, "csrf_token": token})
    assert conflict.status_code == 409
    assert str(escape(translator("ru")("admin-reply-in-flight"))) in conflict.text
    assert await Reply.filter(interaction_id=seeded.chat.id).count() == 1


async def test_post_without_csrf_is_refused(logged_in: httpx.AsyncClient) -> None:
    seeded = await seed()
    response = await logged_in.post(f"/interactions/{seeded.chat.id}/reply", data={"text": GOOD})
    assert response.status_code == 403
    assert await Reply.filter(interaction_id=seeded.chat.id).count() == 0


async def test_viewer_sees_no_form_and_cannot_post(client: httpx.AsyncClient) -> None:
    await AdminUser.create(email="viewer@example.com", password_hash=password_hash(), role=AdminRole.VIEWER)
    assert (await log_in(client, email="viewer@example.com")).status_code == 303
    seeded = await seed()
    path = f"/interactions/{seeded.chat.id}"
    page = await client.get(path)
    assert page.status_code == 200 and f'action="{path}/reply"' not in page.text
    token = await page_csrf(client, "/")
    response = await client.post(f"{path}/reply", data={"text": GOOD, "csrf_token": token})
    assert response.status_code == 403
    assert await Reply.filter(interaction_id=seeded.chat.id).count() == 0


async def test_a_reply_unknown_past_the_deadline_is_flagged_with_a_recheck(
    logged_in: httpx.AsyncClient, admin_user: AdminUser
) -> None:
    seeded = await seed()
    since = datetime.now(UTC) - UNSURE_AFTER - timedelta(minutes=1)
    reply = await Reply.create(
        interaction=seeded.chat,
        text=GOOD,
        idempotency_key="unsure-1",
        status=ReplyStatus.UNKNOWN,
        via=ReplyVia.WEB,
        posted_at=since,
        unknown_since=since,
        sending_at=datetime.now(UTC),
        checks=4,
        last_error="read-back failed: WB error 503",
    )
    path = f"/interactions/{seeded.chat.id}"
    page = (await logged_in.get(f"{path}?lang=en")).text
    assert 'id="reply-unsure"' in page and f"Not sure reply #{reply.id} was sent" in page
    assert translator("en")("admin-recheck") in page and "read-back failed: WB error 503" in page
    token = await page_csrf(logged_in, path)
    response = await logged_in.post(f"{path}/recheck", data={"csrf_token": token})
    assert response.status_code == 303
    due = await Reply.get(id=reply.id)
    assert due.status == ReplyStatus.UNKNOWN and due.checks == 0 and due.sending_at < since
    assert await AuditEvent.exists(action="reply.recheck", object_id=reply.id, actor_admin_id=admin_user.id)
    # Without the CSRF token nothing happens.
    assert (await logged_in.post(f"{path}/recheck", data={})).status_code == 403


async def test_a_skipped_item_offers_unskip_not_the_form_and_refuses_a_reply(logged_in: httpx.AsyncClient) -> None:
    seeded = await seed()
    skipped_at = datetime.now(UTC) - timedelta(days=2)  # long past the Undo window cards used to have
    await Interaction.filter(id=seeded.chat.id).update(
        status=InteractionStatus.SKIPPED, needs_response=False, skipped_at=skipped_at
    )
    path = f"/interactions/{seeded.chat.id}"
    page = (await logged_in.get(f"{path}?lang=ru")).text
    assert 'id="reply-form"' not in page and 'id="unskip-form"' in page
    token = await page_csrf(logged_in, path)
    refused = await logged_in.post(f"{path}/reply?lang=ru", data={"text": GOOD, "csrf_token": token})
    assert refused.status_code == 409 and translator("ru")("admin-reply-skipped") in refused.text
    assert await Reply.filter(interaction_id=seeded.chat.id).count() == 0
    returned = await logged_in.post(f"{path}/unskip", data={"csrf_token": token})
    assert returned.status_code == 303
    page = (await logged_in.get(path)).text
    assert 'id="reply-form"' in page and 'id="unskip-form"' not in page
    assert await AuditEvent.filter(action="interaction.unskipped", interaction_id=seeded.chat.id).exists()
    response = await logged_in.post(f"{path}/reply", data={"text": GOOD, "csrf_token": token})
    assert response.status_code == 303 and await Reply.filter(interaction_id=seeded.chat.id).count() == 1
