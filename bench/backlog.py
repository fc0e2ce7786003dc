"""Backlog in one evening (issue 31 item 3): a shop connects with R reviews + Q questions unanswered, everything is
answered through the WB sandbox with WB's real limits (reviews+questions share 3/s, burst 6).

    .venv/bin/python bench/backlog.py [--reviews 5000] [--questions 1000] [--senders 4]

The seller connects (all items are backlog), the first sync imports them, `core.backlog_bulk.draft_backlog` drafts
all of them, every cluster of happy reviews is approved with one tap + confirm (one batch is paused for 10 s and
resumed: two more taps), and every other item with an approvable draft is sent per item (one Send tap each, the
seller's work in /inbox); items whose draft needs the seller stay. The bulk batches are pumped like the worker's tick
(every second) and `senders` outbox workers send whatever is queued through `sync.outbox.send_reply` and the shared
WB gate. Prints: the send rate vs the bucket's rate, 429s seen on the wire, duplicate answers (sandbox
`answer_calls` > 1), read-backs per unknown outcome, taps, and the times. A throwaway SQLite database, in-memory
limiter (one process).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from collections import Counter

import httpx
import structlog
from cryptography.fernet import Fernet
from taskiq import InMemoryBroker
from wb_sandbox import _wait_up, sandbox_process  # bench/ is on sys.path when run as a script

from core import backlog, backlog_bulk
from core import db as core_db
from core.guardrails import GuardrailViolation
from core.models import BulkItem, Channel, Draft, Interaction, Reply, ReplyStatus, ReplyVia, Seller, SyncCursor
from core.replies import ReplyNotAllowed
from core.sending import send_draft
from core.settings import load_settings
from core.tasks import TaskName
from core.tokens import TokenCheck, set_token
from core.topics import Topic
from sync import outbox
from sync.context import open_context
from sync.engine import sync_channel

PAUSE_S = 10.0
# The share of the sandbox's seeded reviews / questions left unanswered (sandbox/wb/seed.py `populate`), measured.
OPEN_REVIEWS = 0.36
OPEN_QUESTIONS = 0.43


class Wire:
    """What went over HTTP to WB: 429s and answer POSTs/PATCHes (the sandbox counts duplicates too)."""

    def __init__(self) -> None:
        self.status: Counter[int] = Counter()
        self.writes = 0

    async def response(self, response: httpx.Response) -> None:
        self.status[response.status_code] += 1
        if response.request.method in ("POST", "PATCH"):
            self.writes += 1


def _why_not(item: Interaction) -> str:
    """Why an item is not in a bulk batch (the first rule it fails, `core.backlog_bulk.cluster_of`'s order)."""
    if item.channel != Channel.REVIEW:
        return "question"
    if (item.rating or 0) < 4:
        return "1-3★"
    if item.situations:
        return "situation"
    if any(not Topic(t).praise for t in item.topics or () if t in Topic._value2member_map_):
        return "complaint topic"
    return f"mood {item.mood}"


async def _ignored(*_: object) -> None:
    return None


def _quiet_broker() -> InMemoryBroker:
    """Every task a sync run kicks (cards, links) is a no-op here: the bench drives the sends itself."""
    broker = InMemoryBroker()
    for name in TaskName:
        broker.register_task(_ignored, task_name=name)
    return broker


async def _senders(ctx, queue: asyncio.Queue[int], n: int, sent_at: list[float]) -> list[asyncio.Task]:
    async def worker() -> None:
        while True:
            reply_id = await queue.get()
            status = await outbox.send_reply(ctx, reply_id)
            if status == ReplyStatus.SENT:
                sent_at.append(time.monotonic())
            elif status in (ReplyStatus.QUEUED, ReplyStatus.UNKNOWN, None):
                reply = await Reply.get(id=reply_id)
                if reply.status in (ReplyStatus.QUEUED, ReplyStatus.UNKNOWN):
                    # Held by a pause or waiting for a read-back: tried again in a second (the sweep's job in
                    # production), without keeping this worker from the other sends.
                    asyncio.get_running_loop().call_later(1, queue.put_nowait, reply_id)
            queue.task_done()

    return [asyncio.create_task(worker()) for _ in range(n)]


async def _run(args: argparse.Namespace) -> None:
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    wire = Wire()
    with (
        tempfile.TemporaryDirectory() as tmp,
        sandbox_process(seed=3, sellers=0, limits=True, moderation_rate=0.0) as url,
    ):
        await _wait_up(url)
        async with httpx.AsyncClient(base_url=url, timeout=60) as control:
            # The sandbox seeds 60 days of history, old items mostly answered: ask for enough that about the wanted
            # numbers are still open (the figures below print the real counts).
            spec = {"reviews": round(args.reviews / OPEN_REVIEWS), "questions": round(args.questions / OPEN_QUESTIONS)}
            made = (await control.post("/_sandbox/sellers", json={**spec, "chats": 0})).json()
        settings = load_settings(
            database_url=f"sqlite://{tmp}/bench.sqlite3",
            data_dir=tmp,
            encryption_keys=Fernet.generate_key().decode(),
            redis_url=None,
            llm={"base_url": None, "api_key": None},
            wb={"feedbacks_base_url": url, "chat_base_url": url, "returns_base_url": url, "timeout": 10},
        )
        await core_db.upgrade(settings)
        http = httpx.AsyncClient(timeout=10, event_hooks={"response": [wire.response]})
        ctx = await open_context(settings, _quiet_broker(), http=http)
        try:
            seller = await Seller.create(name="bench")
            check = TokenCheck(frozenset({Channel.REVIEW, Channel.QUESTION}), None)
            await set_token(seller_id=seller.id, token=made["token"], check=check, settings=settings)
            started = time.monotonic()
            for channel in (Channel.REVIEW, Channel.QUESTION):
                for _ in range(50):  # the first sync is the backfill; it may take more than one run
                    await sync_channel(ctx, seller.id, channel)
                    if await SyncCursor.filter(seller_id=seller.id, channel=channel, backfill_done=True).exists():
                        break
            synced = time.monotonic()
            opened = await backlog.open_backlog(seller.id)
            total = await opened.count()
            reviews = await opened.filter(channel=Channel.REVIEW).count()
            while await backlog_bulk.draft_backlog(seller.id, settings, limit=500):
                pass
            drafted = time.monotonic()

            queue: asyncio.Queue[int] = asyncio.Queue()
            enqueue = queue.put
            taps = 0
            batches = []
            for n, cluster in enumerate(await backlog_bulk.clusters(seller.id)):
                batch = await backlog_bulk.approve_cluster(seller_id=seller.id, cluster=cluster.key, token=f"b{n}")
                taps += 2  # the card's approve, the confirm
                batches.append(batch)
            in_bulk = sum(b.total for b in batches)
            per_item = left = 0
            why: Counter[str] = Counter()
            bulk_ids = set(await BulkItem.all().values_list("interaction_id", flat=True))
            for item in await (await backlog.open_backlog(seller.id)).exclude(id__in=list(bulk_ids)):
                why[_why_not(item)] += 1
                draft = await Draft.filter(interaction_id=item.id, void=False).order_by("-variant").first()
                if draft is None or not draft.ok or draft.asked:
                    left += 1  # «Нужен ваш ответ» or a draft the guardrails stop: the seller writes it
                    continue
                try:
                    await send_draft(
                        interaction_id=item.id, draft_id=draft.id, via=ReplyVia.TELEGRAM, settings=settings,
                        enqueue=enqueue,
                    )  # fmt: skip
                    per_item += 1
                    taps += 1
                except (GuardrailViolation, ReplyNotAllowed):
                    left += 1

            bucket = backlog_bulk.send_rate(settings)
            during = 0
            sent_at: list[float] = []
            workers = await _senders(ctx, queue, args.senders, sent_at)
            send_start = time.monotonic()
            paused_once = False
            while True:
                for batch in batches:
                    await backlog_bulk.pump(batch.id, settings, enqueue)
                shown = [await backlog_bulk.progress(b.id, settings) for b in batches]
                big = batches and batches[0].total >= 3 * backlog_bulk.AHEAD_SECONDS * bucket
                if not paused_once and big and shown[0].sent >= shown[0].total // 3:
                    await backlog_bulk.set_paused(batches[0].id, seller.id, True)
                    pause_sent = (await backlog_bulk.progress(batches[0].id, settings)).sent
                    await asyncio.sleep(PAUSE_S)
                    during = (await backlog_bulk.progress(batches[0].id, settings)).sent - pause_sent
                    await backlog_bulk.set_paused(batches[0].id, seller.id, False)
                    taps += 2
                    paused_once = True
                busy = await Reply.filter(status__in=(ReplyStatus.QUEUED, ReplyStatus.SENDING, ReplyStatus.UNKNOWN))
                if all(s.done for s in shown) and not busy:
                    break
                await asyncio.sleep(1)
            for w in workers:
                w.cancel()
            finished = time.monotonic()

            async with httpx.AsyncClient(base_url=url, timeout=60) as control:
                answers = (await control.get(f"/_sandbox/answers?seller_id={made['seller_id']}")).json()["answers"]
            calls = Counter(a["answer_calls"] for a in answers)
            sent = await Reply.filter(status=ReplyStatus.SENT).count()
            unknowns = await Reply.filter(checks__gt=0).count()
            checks = sum(await Reply.filter(checks__gt=0).values_list("checks", flat=True))
            refused = await BulkItem.filter(refused__isnull=False).values_list("refused", flat=True)
            # The rate between the first send and the last, pause included (the per-item sends use the bucket then).
            span = sent_at[-1] - sent_at[0] if len(sent_at) > 1 else 0
            rate = (len(sent_at) - 1) / span if span > 0 else 0.0
            print(f"backlog: {reviews} reviews + {total - reviews} questions open")
            print(f"  sync (backfill) {synced - started:.0f} s, drafts {drafted - synced:.0f} s")
            print(f"  bulk: {len(batches)} clusters, {in_bulk} reviews; per item: {per_item}")
            print(f"  left for the seller: {left} (needs the seller / guardrails)")
            print(f"  bulk items refused at send: {len(refused)} {dict(Counter(refused))}")
            print(f"  not bulk, why: {dict(why)}")
            print(f"  sent {sent} in {finished - send_start:.0f} s (pause {PAUSE_S:.0f} s, sent in it: {during})")
            print(f"  rate {rate:.2f}/s vs bucket {bucket:.2f}/s = {100 * rate / bucket:.1f} %")
            print(f"  429 on the wire: {wire.status[429]}; WB writes {wire.writes}; duplicates: "
                  f"{sum(n for k, n in calls.items() if k > 1)} (answer_calls {dict(calls)})")  # fmt: skip
            print(f"  unknown outcomes {unknowns}, read-backs {checks}")
            print(f"  taps: {taps} (bulk {2 * len(batches) + 2}, per item {per_item})")
            print(f"  total {finished - started:.0f} s; WB's ceiling for these {sent} sends at {bucket:g}/s: "
                  f"{sent / bucket / 60:.1f} min; projected for 6 000: {6000 / bucket / 60:.1f} min")  # fmt: skip
        finally:
            await ctx.aclose()
            await http.aclose()


def main() -> None:
    """Parse the sizes and run the bench."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=5000)
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=4)
    asyncio.run(_run(parser.parse_args()))


if __name__ == "__main__":
    main()
