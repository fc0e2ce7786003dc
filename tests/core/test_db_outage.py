"""`core.db.write_through_outage`: the record of what Telegram already did lands through a database that is briefly
unreachable and through the caller's cancellation (a task timeout), never silently."""

from __future__ import annotations

import asyncio

import pytest

from core.db import write_through_outage
from core.models import Seller


async def test_the_record_lands_even_when_its_caller_is_cancelled(db: None) -> None:
    seller = await Seller.create(name="Shop")

    async def record() -> None:
        await asyncio.sleep(0.05)  # the write is under way when the task's timeout cancels the caller
        await Seller.filter(id=seller.id).update(name="recorded")

    caller = asyncio.create_task(write_through_outage(record, within_s=1, what="test"))
    await asyncio.sleep(0.01)
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller
    await asyncio.sleep(0.3)
    assert (await Seller.get(id=seller.id)).name == "recorded"


async def test_an_unreachable_database_is_retried_until_it_answers(db: None) -> None:
    seller = await Seller.create(name="Shop")
    refused = []

    async def record() -> int:
        if len(refused) < 2:  # PostgreSQL restarting: the first two attempts find no server
            refused.append(1)
            raise ConnectionRefusedError(111, "Connection refused")
        return await Seller.filter(id=seller.id).update(name="recorded")

    assert await write_through_outage(record, within_s=5, what="test") == 1
    assert len(refused) == 2 and (await Seller.get(id=seller.id)).name == "recorded"


async def test_an_outage_longer_than_the_budget_raises(db: None) -> None:
    async def record() -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    with pytest.raises(ConnectionRefusedError):
        await write_through_outage(record, within_s=0.3, what="test")
