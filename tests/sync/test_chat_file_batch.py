"""More chat files due than one run fetches (FILES_PER_RUN): a run fetches the first batch and the next run the
rest, instead of failing while it looks for moderated files to add to a batch that is already full."""

from __future__ import annotations

from datetime import UTC, datetime

from cli.serving import serve_app
from core.models import Channel, ChatFile, FileState, Interaction, Seller
from core.settings import WBSettings
from sandbox.wb.server import create_app
from sync import chat_files
from sync.wb import WBAuth, WBClient


async def test_a_full_batch_is_fetched_and_the_rest_next_run(db) -> None:
    app = create_app(seed=5, limits=False, moderation_rate=0.0)
    store = app.state.store
    count = chat_files.FILES_PER_RUN + 1
    files = [{"name": f"photo{i}.jpg"} for i in range(count)]
    event = store.inject_message(store.sellers[1], {"files": files})
    ids = [f["downloadID"] for f in event["message"]["attachments"]["files"]]
    seller = await Seller.create(name="Shop")
    chat = await Interaction.create(
        seller=seller, channel=Channel.CHAT, external_id="1:chat", occurred_at=datetime.now(UTC)
    )
    for download_id in ids:
        await ChatFile.create(seller=seller, interaction=chat, download_id=download_id)
    auth = WBAuth(next(iter(store.tokens)), "1")
    async with serve_app(app) as url:
        client = WBClient(WBSettings(chat_base_url=url, timeout=10))
        try:
            first = await chat_files.fetch_due(client, seller.id, auth, datetime.now(UTC))
            ready = await ChatFile.filter(seller=seller, state=FileState.READY).count()
            second = await chat_files.fetch_due(client, seller.id, auth, datetime.now(UTC))
        finally:
            await client.aclose()
    assert first == [chat.id] and ready == chat_files.FILES_PER_RUN
    assert second == [chat.id]
    assert await ChatFile.filter(seller=seller, state=FileState.READY).count() == count
