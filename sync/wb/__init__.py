"""WB seller API client: `WBClient` (calls), `WBAuth` (a seller's token), `RateGate` (shared limiter protocol)."""

from sync.wb import errors, models, token
from sync.wb.client import WBClient
from sync.wb.transport import CHAT, FEEDBACKS, RETURNS, RateGate, WBAuth

__all__ = ["CHAT", "FEEDBACKS", "RETURNS", "RateGate", "WBAuth", "WBClient", "errors", "models", "token"]
