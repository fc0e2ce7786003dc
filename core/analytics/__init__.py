"""Analytics for the admin dashboard and the bot's /stats: SQL aggregates returning small dataclasses.

Every function takes `seller_id` (None = all sellers) and a `Period` (half-open UTC range) or `now`.
"""

from core.analytics.backlog import BacklogRow, backlog
from core.analytics.common import AGE_BUCKETS, Period
from core.analytics.items import SLA_OUTCOMES, STATUS_OPEN, ItemFilters, ItemPage, ItemRow, interactions_query
from core.analytics.quality import QualityStats, TokenUsage, llm_usage, reply_quality
from core.analytics.readiness import Criterion, Readiness, SellerReadiness, readiness
from core.analytics.response import ResponseTimes, first_response
from core.analytics.sla import SlaRow, sla_summary
from core.analytics.stats import PeriodStats, stats
from core.analytics.sync_health import SyncHealthRow, sync_health
from core.analytics.volume import VolumeRow, daily_volume

__all__ = [
    "AGE_BUCKETS",
    "SLA_OUTCOMES",
    "STATUS_OPEN",
    "BacklogRow",
    "Criterion",
    "ItemFilters",
    "ItemPage",
    "ItemRow",
    "Period",
    "PeriodStats",
    "QualityStats",
    "Readiness",
    "ResponseTimes",
    "SellerReadiness",
    "SlaRow",
    "SyncHealthRow",
    "TokenUsage",
    "VolumeRow",
    "backlog",
    "daily_volume",
    "first_response",
    "interactions_query",
    "llm_usage",
    "readiness",
    "reply_quality",
    "sla_summary",
    "stats",
    "sync_health",
]
