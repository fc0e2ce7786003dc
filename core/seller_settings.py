"""A seller's own settings, stored as JSON on `Seller.settings` and validated here."""

from __future__ import annotations

from datetime import time
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from core.timezones import DEFAULT_ZONE, valid_zone


class BusinessHours(BaseModel):
    """When the seller's team works; SLA clocks run only inside these hours."""

    timezone: str = DEFAULT_ZONE
    start: time = time(9, 0)
    end: time = time(18, 0)
    # ISO weekdays, Monday = 1.
    weekdays: list[int] = Field(default_factory=lambda: [1, 2, 3, 4, 5])

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        zone = valid_zone(value)
        if zone is None:
            raise ValueError(f"unknown time zone {value!r}")
        return zone

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        if not value or any(d < 1 or d > 7 for d in value):
            raise ValueError("weekdays are 1..7 and at least one is required")
        return sorted(set(value))


class NotifySettings(BaseModel):
    """Which new interactions become Telegram cards."""

    reviews: bool = True
    questions: bool = True
    chats: bool = True
    # Reviews rated above this are not pushed (5 = push all).
    max_review_rating: int = Field(default=5, ge=1, le=5)


class QuietHours(BaseModel):
    """Night hours in the seller's zone: cards are held and sent as one digest when they end (core.quiet).
    What still pages at night: reviews rated `page_max_rating` or lower (0 = none) and, if set, buyer returns."""

    enabled: bool = False
    start: time = time(22, 0)
    end: time = time(8, 0)
    page_max_rating: int = Field(default=2, ge=0, le=5)
    page_returns: bool = True


class Voice(BaseModel):
    """How the seller's replies sound: signature, brand name and tone (formal «Вы» or friendly)."""

    signature: str = Field(default="", max_length=200)
    brand: str = Field(default="", max_length=100)
    # For replies in English: a signature or brand with Russian letters is left out of them unless these are set.
    signature_en: str = Field(default="", max_length=200)
    brand_en: str = Field(default="", max_length=100)
    tone: Literal["formal", "friendly"] = "formal"

    @field_validator("signature", "brand", "signature_en", "brand_en")
    @classmethod
    def _strip(cls, value: str) -> str:
        return " ".join(value.split())


class SellerSettings(BaseModel):
    """Everything a seller can change from /settings."""

    pending_window_min: int = Field(default=180, ge=30, le=1440)
    # Template drafts cost nothing, so the card arrives with one (with the LLM on, the seller chooses).
    auto_draft: bool = True
    # With the LLM on, the draft on arrival still comes from the templates unless the seller opts in here
    # (an LLM call per arriving item costs money; Draft/Regenerate use the LLM either way).
    auto_draft_llm: bool = False
    auto_send: bool = False
    # The auto-send rules version whose 30-day replay the seller saw when switching auto-send on
    # (`core.autosend.RULES_VERSION`). Sellers who switched it on before the replay existed count as version 1.
    auto_send_rules: int = 1
    business_hours: BusinessHours = Field(default_factory=BusinessHours)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    banned_phrases: list[str] = Field(default_factory=list)
    tone: str = Field(default="polite", max_length=200)
    voice: Voice = Field(default_factory=Voice)
    quiet: QuietHours = Field(default_factory=QuietHours)

    @classmethod
    def of(cls, raw: dict | None) -> SellerSettings:
        """Parse the stored JSON, tolerating missing keys (older rows)."""
        return cls.model_validate(raw or {})
