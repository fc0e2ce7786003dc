"""What a page and its JSON twin both show, loaded once: the dashboard's analytics and one interaction's detail.

Routes import these from here, never from each other (`admin/routes/dashboard.py` and `GET /api/dashboard`,
`admin/routes/interactions.py` and `GET /api/interactions/{id}`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import HTTPException, Query

from core import analytics, records
from core.analytics import Period
from core.models import Channel

# The dashboard's period: the last 1..90 calendar days.
Days = Annotated[int, Query(ge=1, le=90)]


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows, for one seller or all (the page and `/api/dashboard` share it)."""

    period: Period
    seller_id: int | None
    zone: str
    volume: list[analytics.VolumeRow]
    backlog: list[analytics.BacklogRow]
    response: list[analytics.ResponseTimes]
    sla: list[analytics.SlaRow]
    quality: analytics.QualityStats
    sync: list[analytics.SyncHealthRow]


async def load_dashboard(*, seller_id: int | None, days: int, now: datetime, zone: str = "UTC") -> Dashboard:
    """Run the dashboard's analytics queries (days are calendar days in `zone`, the viewer's)."""
    period = Period.last_days(days, now, zone)
    response = [await analytics.first_response(seller_id=seller_id, period=period)]
    for channel in Channel:
        response.append(await analytics.first_response(seller_id=seller_id, period=period, channel=channel))
    return Dashboard(
        period=period,
        seller_id=seller_id,
        zone=zone,
        volume=await analytics.daily_volume(seller_id=seller_id, period=period, zone=zone),
        backlog=await analytics.backlog(seller_id=seller_id, now=now),
        response=response,
        sla=await analytics.sla_summary(seller_id=seller_id, period=period, now=now),
        quality=await analytics.reply_quality(seller_id=seller_id, period=period),
        sync=await analytics.sync_health(seller_id=seller_id, period=period, now=now),
    )


async def load_detail(interaction_id: int) -> records.InteractionDetail:
    """The interaction's detail; 404 when unknown."""
    detail = await records.interaction_detail(interaction_id)
    if detail is None:
        raise HTTPException(404, "no such interaction")
    return detail
