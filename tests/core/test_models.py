"""Database constraints the product relies on hold in the database itself."""

from datetime import UTC, datetime

import pytest
from tortoise.exceptions import IntegrityError

from core.models import Alert, AlertSeverity, Channel, ChatDirection, ChatMessage, Interaction, Reply, Seller
from tests.factories import new_seller


async def _interaction(seller: Seller, external_id: str = "f1") -> Interaction:
    return await Interaction.create(
        seller=seller,
        channel=Channel.REVIEW,
        external_id=external_id,
        occurred_at=datetime.now(UTC),
        text="ok",
    )


async def test_interaction_unique_per_seller_channel_external_id(db: None) -> None:
    seller = await new_seller("s")
    await _interaction(seller)
    with pytest.raises(IntegrityError):
        await _interaction(seller)
    other = await new_seller("t")
    assert (await _interaction(other)).id


async def test_chat_event_id_unique(db: None) -> None:
    seller = await new_seller("s")
    item = await _interaction(seller)
    kwargs = dict(seller=seller, interaction=item, direction=ChatDirection.IN, occurred_at=datetime.now(UTC))
    await ChatMessage.create(event_id="e1", **kwargs)
    with pytest.raises(IntegrityError):
        await ChatMessage.create(event_id="e1", **kwargs)


async def test_reply_idempotency_key_unique(db: None) -> None:
    seller = await new_seller("s")
    item = await _interaction(seller)
    await Reply.create(interaction=item, text="a", idempotency_key="k")
    with pytest.raises(IntegrityError):
        await Reply.create(interaction=item, text="a", idempotency_key="k")


async def test_one_open_alert_per_key(db: None) -> None:
    now = datetime.now(UTC)
    kwargs = dict(kind="stale_sync", severity=AlertSeverity.WARNING, text="x", first_seen=now, last_seen=now)
    first = await Alert.create(open_key="stale_sync:1", **kwargs)
    with pytest.raises(IntegrityError):
        await Alert.create(open_key="stale_sync:1", **kwargs)
    first.open_key = None
    await first.save()
    await Alert.create(open_key=None, **kwargs)
    await Alert.create(open_key="stale_sync:1", **kwargs)
    assert await Alert.filter(kind="stale_sync").count() == 3


async def test_seller_repr_hides_token(db: None) -> None:
    seller = await new_seller("s", wb_token_enc="gAAAA-secret-ciphertext")
    assert "secret" not in repr(seller)
    assert "secret" not in str(seller)
