"""The buyer's media on an item, as web links Telegram can fetch: review photos and video (`photoLinks`, `video`),
claim photos and video (`photos`, `video_paths`), read from the stored WB payload."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from core.models import Channel, Interaction
from core.returns import ClaimView

URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
# Longer than any WB media link; a longer "link" is not one (and would not fit a Telegram button or caption).
MAX_URL = 300


def web_url(path: Any) -> str | None:
    """An https link to a WB media path (WB sends claims' as protocol-relative "//photos.wbstatic.net/…"), anything
    but URL syntax percent-encoded; None when the path is not a web address or too long to be one."""
    if not isinstance(path, str):
        return None
    url = ("https:" + path) if path.startswith("//") else path
    if not url.startswith(("https://", "http://")) or len(url) > MAX_URL:
        return None
    return quote(url, safe=URL_SAFE, errors="replace")


@dataclass(frozen=True)
class Media:
    """Photos to show (full size) and videos to link to, in WB's order."""

    photos: tuple[str, ...] = ()
    videos: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.photos or self.videos)


def _links(values: list[Any]) -> tuple[str, ...]:
    return tuple(url for url in (web_url(v) for v in values) if url)


def media_of(interaction: Interaction) -> Media:
    """The buyer's photos and videos of a review or a claim (nothing for other channels)."""
    payload: Any = interaction.raw_payload
    if not isinstance(payload, dict):
        return Media()
    if interaction.channel == Channel.RETURN:
        view = ClaimView.of(payload)
        return Media(_links(list(view.photos)), _links(list(view.videos)))
    if interaction.channel != Channel.REVIEW:
        return Media()
    photos = payload.get("photoLinks")
    photos = photos if isinstance(photos, list) else []
    video = payload.get("video")
    return Media(
        _links([p.get("fullSize") or p.get("miniSize") for p in photos if isinstance(p, dict)]),
        _links([video.get("link")] if isinstance(video, dict) else []),
    )
