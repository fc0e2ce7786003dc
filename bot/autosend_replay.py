"""The auto-send replay screen (`core.autosend_replay`): what auto-send would have published in the last 30 days,
shown before the switch turns on — a count, three sample answers and the reasons the rest were held back."""

from __future__ import annotations

from bot.text import clip
from core.autosend import reason_text
from core.autosend_replay import Replay, Sample
from core.i18n import Translator

QUOTE = 90  # characters of a buyer's text or a draft in a sample line


def _stars(sample: Sample) -> str:
    return f"{sample.rating}★ " if sample.rating else ""


def render_replay(replay: Replay, days: int, t: Translator) -> str:
    """The screen's text (buyer text and drafts escaped and clipped)."""
    lines = [t("autosend-replay-title", days=days)]
    if not replay.reviews:
        return "\n".join([*lines, t("autosend-replay-empty", days=days)])
    share = round(100 * replay.share)
    lines.append(t("autosend-replay-summary", reviews=replay.reviews, sent=replay.would_send, share=share))
    if replay.sent:
        lines += ["", t("autosend-replay-sent-title")]
        for sample in replay.sent:
            buyer = clip(sample.buyer_text, QUOTE, "…") or "—"
            lines.append(f"• {_stars(sample)}«{buyer}» → «{clip(sample.draft, QUOTE * 2, '…')}»")
    if replay.held:
        lines += ["", t("autosend-replay-held-title")]
        for reason, count in replay.held.most_common():
            lines.append("• " + t("autosend-replay-held-line", count=count, reason=reason_text(reason, t.language)))
            for sample in replay.held_samples.get(reason, [])[:1]:
                lines.append(f"   {_stars(sample)}«{clip(sample.buyer_text, QUOTE, '…') or '—'}»")
    lines += ["", t("autosend-replay-templates")]
    return "\n".join(lines)
