"""WB's buyer returns API (returns-api host): claim models and the calls `WBClient` inherits.

Claims use snake_case field names and Moscow time without an offset (`dt`, `dt_update`: "UTC+3"), unlike the
communications API. Limits: 20 requests/min with a burst of 10 per seller, the "returns" bucket of the shared gate.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from sync.wb.errors import WBServerError
from sync.wb.transport import RETURNS, WBAuth, WBTransport

MSK = timezone(timedelta(hours=3))
MAX_LIMIT = 200


def _moscow(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=MSK)


ClaimTime = Annotated[datetime, AfterValidator(_moscow)]


class Claim(BaseModel):
    """A buyer's return application as WB sends it (tolerant: unknown fields ignored, most fields optional)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=64)
    claim_type: int | None = None
    status: int = 0
    status_ex: int | None = None
    nm_id: int | None = None
    user_comment: str = ""
    wb_comment: str | None = None
    dt: ClaimTime
    imt_name: str | None = None
    order_dt: ClaimTime | None = None
    dt_update: ClaimTime | None = None
    photos: list[str] = Field(default_factory=list)
    video_paths: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)
    price: float | None = None
    currency_code: str | None = None
    srid: str | None = None
    origin_id_info: str | None = None
    delivery_dt: ClaimTime | None = None

    @property
    def updated(self) -> datetime:
        """WB's last change of the claim (its submission time while nobody reviewed it)."""
        return self.dt_update or self.dt


class ClaimPage(BaseModel):
    """One page of claims and WB's count of all matching ones."""

    items: list[Claim]
    total: int
    malformed: int = 0


class ReturnsCalls(WBTransport):
    """The returns API calls (mixed into `WBClient`)."""

    async def list_claims(
        self,
        auth: WBAuth,
        *,
        is_archive: bool,
        limit: int = MAX_LIMIT,
        offset: int = 0,
        claim_id: str | None = None,
        nm_id: int | None = None,
    ) -> ClaimPage:
        """One page of the claims of the current 14 days, under review (`is_archive` false) or archived."""
        params = self._query(
            is_archive=is_archive, limit=min(limit, MAX_LIMIT), offset=offset, id=claim_id, nm_id=nm_id
        )
        body = await self._call(auth, RETURNS, "GET", self._returns + "/api/v1/claims", idempotent=True, params=params)
        if not isinstance(body, dict):
            raise WBServerError("WB claims answer is not an object")
        items, bad = self._items(auth, Claim, body.get("claims"), "claim")
        total = body.get("total")
        return ClaimPage(items=items, total=total if isinstance(total, int) else len(items) + bad, malformed=bad)

    async def get_claim(self, auth: WBAuth, claim_id: str) -> Claim | None:
        """One claim by id, wherever it is (under review or archived); None when WB does not show it."""
        for archived in (False, True):
            page = await self.list_claims(auth, is_archive=archived, limit=1, claim_id=claim_id)
            if page.items:
                return page.items[0]
        return None

    async def answer_claim(self, auth: WBAuth, claim_id: str, action: str, comment: str | None = None) -> None:
        """Answer a claim with one of its `actions` (`comment` for rejectcustom / approvecc1). Not retried blindly."""
        body: dict[str, Any] = {"id": claim_id, "action": action}
        if comment:
            body["comment"] = comment
        await self._call(auth, RETURNS, "PATCH", self._returns + "/api/v1/claim", idempotent=False, json=body)
