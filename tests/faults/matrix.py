"""The fault matrix's schedules, driver and invariant, shared by the in-process run and the kill -9 run.

A schedule is one approved reply of one seller facing a scripted WB (`sandbox.wb.faults`): a queue of outcomes for
its sends and one for its reads, plus (in-process) a crash of the sending worker at one step boundary of one run.
Everything is drawn from `random.Random(f"{seed}:{channel}:{index}")`, so a failing schedule is reproduced from the
printed seed alone.

The invariant, for every approved reply: WB holds it at most once (the sandbox counts every send that reached it,
refused duplicates included); it ends confirmed in WB, or failed / unknown with a reason the card and the admin
show; nothing stays `queued` or `sending`.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from core.items.stage import ItemStage, item_stage
from core.models import Channel, Interaction, InteractionStatus, Reply, ReplyStatus, ReplyVia, Seller
from core.sending import submit_reply
from core.settings import Settings
from sandbox.wb.faults import OUTCOMES
from sync import outbox
from sync.broker import send_queue

CRASH_POINTS = ("claimed", "checked", "posted", "committing")
# Texts approved in the matrix: clean for the guardrails, with spacing WB would trim (compared normalised).
TEXTS = {
    Channel.REVIEW: "Спасибо за отзыв!  Рады, что размер подошёл.",
    Channel.QUESTION: "Да, размер M есть в наличии,  подойдёт на рост 170.",
    Channel.CHAT: "Здравствуйте! Заказ уже в пути,  привезём завтра.",
}
INJECT = {Channel.REVIEW: "reviews", Channel.QUESTION: "questions", Channel.CHAT: "chat-messages"}
VISIBLE = {
    ItemStage.SENT,
    ItemStage.DELIVERED,
    ItemStage.PUBLISHED,
    ItemStage.MODERATION,
    ItemStage.FAILED,
    ItemStage.UNKNOWN,
}


class WorkerKilled(BaseException):
    """The sending worker dies here: nothing after this point runs (a BaseException passes every `except`)."""


@dataclass(frozen=True)
class Schedule:
    """One reply's WB script and the crash of its sender."""

    channel: Channel
    index: int
    send: tuple[str, ...]
    read: tuple[str, ...]
    crash_at: str | None
    crash_run: int
    # Runs after which the same task is delivered a second time at once (at-least-once delivery).
    redelivered: frozenset[int] = frozenset()

    @classmethod
    def draw(cls, seed: int, channel: Channel, index: int, *, crashes: bool = True) -> Schedule:
        """The schedule number `index` of `channel` under `seed`."""
        rng = random.Random(f"{seed}:{channel}:{index}")
        send = tuple(rng.choice(OUTCOMES) for _ in range(rng.randint(0, 3)))
        read = tuple(rng.choice(OUTCOMES) for _ in range(rng.randint(0, 4)))
        crash_at = rng.choice(CRASH_POINTS) if crashes and rng.random() < 0.7 else None
        redelivered = frozenset(run for run in range(4) if rng.random() < 0.25)
        return cls(channel, index, send, read, crash_at, rng.randint(0, 2), redelivered)

    def script(self) -> dict[str, list[str]]:
        """The sandbox script (`PUT /_sandbox/sellers/{n}/script`)."""
        return {"send": list(self.send), "read": list(self.read)}


@dataclass
class Tally:
    """What a run of schedules exercised and how the replies ended."""

    schedules: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: Counter[str] = field(default_factory=Counter)
    ends: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    lost: int = 0

    def summary(self) -> str:
        """One printable paragraph: size, outcomes per class, crash points, ends."""
        size = " + ".join(f"{n} {channel}" for channel, n in sorted(self.schedules.items()))
        return (
            f"schedules: {size} = {sum(self.schedules.values())}\n"
            f"outcomes taken (kind:outcome): {dict(sorted(self.outcomes.items()))}\n"
            f"sender crashes by step: {dict(sorted(self.crashes.items()))}\n"
            f"ends: {dict(sorted(self.ends.items()))}; duplicates in WB: {self.duplicates}; silent losses: {self.lost}"
        )


async def make_item(
    wb: Any,
    seller: Seller,
    num: int,
    channel: Channel,
    *,
    text: str = "Есть размер M? Когда привезут?",
    rating: int | None = None,
) -> Interaction:
    """A buyer item in the sandbox cabinet `num` and its row in our database, as the sync would store it."""
    made = await wb.control("POST", f"/sellers/{num}/{INJECT[channel]}", text=text)
    chat = channel == Channel.CHAT
    return await Interaction.create(
        seller=seller,
        channel=channel,
        external_id=made["chatID"] if chat else made["id"],
        reply_sign=made.get("replySign") if chat else None,
        text=text,
        rating=rating,
        occurred_at=datetime.now(UTC) - timedelta(minutes=1),
        status=InteractionStatus.NEEDS_RESPONSE,
        needs_response=True,
    )


async def approve(item: Interaction, broker: Any, settings: Settings) -> Reply:
    """The seller approves the schedule's text (the real outbox path: guardrails, idempotency key)."""
    return await submit_reply(
        interaction_id=item.id,
        text=TEXTS[Channel(item.channel)],
        draft_id=None,
        via=ReplyVia.TELEGRAM,
        settings=settings,
        enqueue=send_queue(broker),
    )


async def check(wb: Any, num: int, item: Interaction, reply_id: int, now: datetime, tally: Tally) -> str | None:
    """The invariant for one reply; returns what is wrong (None: all good) and counts its end."""
    reply = await Reply.get(id=reply_id)
    rows = [row for row in (await wb.control("GET", f"/answers?seller_id={num}"))["answers"]]
    calls = sum(row["answer_calls"] for row in rows)
    held = [row["answer"] for row in rows if row["answer"] is not None]
    ours = [text for text in held if outbox.same_text(text, reply.text)]
    tally.ends[reply.status.value] += 1
    if calls > 1:
        tally.duplicates += 1
        return f"WB got {calls} sends of one reply"
    if reply.status in (ReplyStatus.QUEUED, ReplyStatus.SENDING):
        tally.lost += 1
        return f"the reply stayed {reply.status}"
    if reply.status == ReplyStatus.SENT and len(ours) != 1:
        tally.lost += 1
        return "marked sent, but WB does not hold it"
    if reply.status == ReplyStatus.FAILED and (ours or not reply.last_error):
        return "failed while WB holds it, or without a reason"
    stage = item_stage(await Interaction.get(id=item.id), None, reply, now)
    if reply.status == ReplyStatus.UNKNOWN and (stage != ItemStage.UNKNOWN or not reply.last_error):
        return f"unknown without the card saying so ({stage})"
    if stage not in VISIBLE:
        return f"the card shows {stage}"
    return None
