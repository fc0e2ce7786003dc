"""Buyer return applications ("claims") as WB's returns API keeps them: action sets, decisions, status over time.

A claim under review offers WB's actions (`approve1`, `approve2`, `autorefund1`, `reject1..3`, `rejectcustom`; In-Store
Pickup claims `approvecc1` instead of the approvals with return to WB). A decision changes `status`/`status_ex`,
`wb_comment` and `dt_update` at once and moves the claim to the archive, except `approvecc1`, after which the claim
waits for `confirmreturngoodcc1` (or `rejectcustom`). Approvals that send the item back settle later: after
`claim_settle_s` the item status moves on (to "returned to sale" or "returned to seller"), with a new `dt_update`.
A rejected claim can be reconsidered (its approvals stay offered). Dates are served as WB does: UTC+3 without an
offset, microseconds included.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sandbox.wb.records import Product

MSK = timedelta(hours=3)
COMMENT_MIN, COMMENT_MAX = 10, 1000
APPROVALS = ("approve1", "approve2", "autorefund1")
PICKUP_APPROVALS = ("approvecc1", "autorefund1")
REJECTIONS = ("reject1", "reject2", "reject3", "rejectcustom")
WITH_COMMENT = ("rejectcustom", "approvecc1")
# WB's texts for the template rejections (what the buyer reads as `wb_comment`).
TEMPLATES = {
    "reject1": "Пришлось отклонить заявку — подтвердить производственный брак не получилось.",
    "reject2": "Пришлось отклонить заявку — нужно чуть больше информации. Добавьте фото и видео.",
    "reject3": "Пришлось отклонить заявку — отнесите товар в сервисный центр за заключением.",
    "approve1": "Продавец одобрил вашу заявку. Товар проверят на складе.",
    "approve2": "Продавец одобрил вашу заявку. Для возврата средств необходимо вернуть товар продавцу.",
    "autorefund1": "Продавец одобрил возврат средств, товар остаётся у вас.",
    "approvecc1": "Продавец одобрил возврат в магазин продавца.",
    "confirmreturngoodcc1": "Продавец получил товар, деньги вернутся в ближайшее время.",
}
COMPLAINTS = (
    "Длина провода не соответствует описанию",
    "Пришёл с браком: шов разошёлся после первой носки",
    "Не тот цвет, что на фото",
    "Размер не соответствует размерной сетке",
    "Товар не включается",
    "Упаковка была вскрыта, не хватает комплектующих",
)


def wb_time(moment: datetime) -> str:
    """WB's claim timestamp: Moscow time, no offset, microseconds."""
    return (moment.astimezone(UTC) + MSK).replace(tzinfo=None).isoformat(timespec="microseconds")


class ClaimError(Exception):
    """WB refuses the answer (400 with its validation body)."""


@dataclass
class Claim:
    """One buyer's return application."""

    id: str
    product: Product
    user_comment: str
    created: datetime
    order_dt: datetime
    delivery_dt: datetime
    srid: str
    price: int
    claim_type: int = 1  # 1 buyer portal, 3 chat
    pickup: bool = False  # In-Store Pickup model
    photos: int = 0
    video: bool = False
    status: int = 0
    status_ex: int = 0
    wb_comment: str | None = None
    updated: datetime | None = None
    archived: bool = False
    # A later item-status change (Unix s, status_ex) after an approval.
    settle_at: float | None = None
    settle_to: int | None = None
    # After `approvecc1`: the seller still has to confirm receiving the item (or reject after all).
    awaiting_return: bool = False
    decisions: list[dict[str, Any]] = field(default_factory=list)
    api_calls: int = 0  # PATCH calls from API clients (duplicates and refused ones included)

    def actions(self) -> list[str]:
        """What the seller may answer now (empty: the claim cannot be processed)."""
        approvals = list(PICKUP_APPROVALS if self.pickup else APPROVALS)
        if self.status == 0:
            return [*approvals, *REJECTIONS]
        if self.status == 1:
            return approvals  # rejected applications can be reconsidered
        if self.awaiting_return:
            return ["confirmreturngoodcc1", "rejectcustom"]
        return []

    def settle(self, now: float) -> None:
        """Apply the planned item-status change when its time has come."""
        if self.settle_at is not None and self.settle_at <= now and self.settle_to is not None:
            self.status_ex, self.settle_at, self.settle_to = self.settle_to, None, None
            self.updated = datetime.now(UTC)

    def decide(self, action: str, comment: str | None, *, source: str, settle_s: float | None) -> None:
        """Apply the seller's answer (`source` = "api" or "cabinet"); ClaimError when WB would refuse it."""
        if action not in self.actions():
            raise ClaimError(f"Input model is not valid; Details: action {action} is not available")
        if comment is not None and action not in WITH_COMMENT:
            raise ClaimError("Input model is not valid; Details: comment is allowed only for rejectcustom, approvecc1")
        if action == "rejectcustom" and comment is None:
            raise ClaimError("Input model is not valid; Details: The Comment field is required.")
        if comment is not None and not COMMENT_MIN <= len(comment) <= COMMENT_MAX:
            raise ClaimError("Input model is not valid; Details: comment length must be 10..1000")
        now = datetime.now(UTC)
        self.settle_at = self.settle_to = None
        self.awaiting_return = action == "approvecc1"
        if action in REJECTIONS:
            self.status, self.status_ex, self.archived = 1, 1, True
        elif action == "approvecc1":
            self.status, self.status_ex, self.archived = 2, 0, False
        elif action == "confirmreturngoodcc1":
            self.status, self.status_ex, self.archived = 2, 10, True
        elif action == "autorefund1":
            self.status, self.status_ex, self.archived = 2, 5, True
        else:  # approve1 (defect check at the warehouse) / approve2 (back to the seller)
            self.status, self.status_ex, self.archived = 2, 2, True
            if settle_s is not None:
                self.settle_at = time.time() + settle_s
                self.settle_to = 10 if action == "approve2" or random.Random(self.id).random() < 0.5 else 8
        self.wb_comment = comment if action == "rejectcustom" else TEMPLATES.get(action, self.wb_comment)
        if action == "approvecc1" and comment:
            self.wb_comment = f"{TEMPLATES['approvecc1']} {comment}"
        self.updated = now
        self.decisions.append({"action": action, "comment": comment, "source": source, "at": time.time()})

    def wb(self) -> dict[str, Any]:
        """The claim JSON as `GET /api/v1/claims` serves it."""
        base = f"//photos.wbstatic.net/claim/{self.id}"
        return {
            "id": self.id,
            "claim_type": self.claim_type,
            "status": self.status,
            "status_ex": self.status_ex,
            "nm_id": self.product.nm_id,
            "user_comment": self.user_comment,
            "wb_comment": self.wb_comment,
            "dt": wb_time(self.created),
            "imt_name": self.product.name,
            "order_dt": wb_time(self.order_dt),
            "dt_update": wb_time(self.updated or self.created),
            "photos": [f"{base}/{n}.webp" for n in range(1, self.photos + 1)],
            "video_paths": [f"//video.wbstatic.net/claim/{self.id}/1.mp4"] if self.video else [],
            "actions": self.actions(),
            "price": self.price,
            "currency_code": "643",
            "srid": self.srid,
            "origin_id_info": None,
            "delivery_dt": wb_time(self.delivery_dt),
        }


def make_claim(rng: random.Random, product: Product, created: datetime, **spec: Any) -> Claim:
    """A new claim under review of `product` (fields in `spec` override the generated ones)."""
    order_dt = created - timedelta(days=rng.randint(3, 20), seconds=rng.randint(0, 86_399))
    claim = Claim(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        product=product,
        user_comment=rng.choice(COMPLAINTS),
        created=created,
        order_dt=order_dt,
        delivery_dt=order_dt + timedelta(days=rng.randint(1, 3)),
        srid=f"v5o_{rng.getrandbits(62)}.0.0",
        price=rng.randint(3, 300) * 10,
        pickup=rng.random() < 0.15,
        photos=rng.choice((0, 1, 2, 3)),
        video=rng.random() < 0.1,
    )
    for key in ("user_comment", "srid", "claim_type", "pickup", "photos", "video", "price"):
        if key in spec and spec[key] is not None:
            setattr(claim, key, spec[key])
    return claim


def populate(claims: list[Claim], rng: random.Random, products: list[Product], now: datetime, count: int) -> None:
    """`count` claims of the last 14 days: older ones decided, the newest under review."""
    for _ in range(count):
        created = now - timedelta(days=rng.uniform(0, 13.5))
        claim = make_claim(rng, rng.choice(products), created)
        if now - created > timedelta(days=3) and rng.random() < 0.6:
            action = rng.choice([a for a in claim.actions() if a not in WITH_COMMENT])
            claim.decide(action, None, source="cabinet", settle_s=None)
            claim.updated = created + timedelta(hours=rng.randint(2, 48))
            claim.decisions.clear()  # seeded history is not an answer given through the API
        claims.append(claim)
