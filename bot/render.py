"""Card and list rendering in Telegram HTML. Every buyer- or WB-supplied string passes through `clip()`.

Telegram counts a message's length in code points after parsing and trimming, with a 4096 limit. The budgets below
count the escaped markup in UTF-16 units (never fewer than Telegram's count), and together with the labels they stay
under the limit when every part is at its longest at once; lists of unbounded length (a draft's guardrail reasons, a
buyer's thread) are cut to a budget with a "… and N more" line. tests/bot/test_render_props.py checks this against
the Telegram sandbox's port of Telegram's parser and limits.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

from bot.claim_card import render_claim
from bot.text import DRAFT_BUDGET, TEXT_BUDGET, clip, units, when
from core.guardrails import Verdict
from core.humanize import duration
from core.i18n import Translator
from core.items.stage import ItemStage, unsure
from core.items.view import ItemView, rejection_reason
from core.linking import TimelineItem
from core.models import Channel, Interaction, ReplyStatus, ReplyVia, WbSyncState
from core.question_actions import HIDE, is_warned
from core.reading import SAFETY, Mood, Situation
from core.readings import is_safety
from core.review_meta import buyer_tags, order_status
from core.timezones import DEFAULT_ZONE
from core.topics import Topic

CHANNEL_ICON = {Channel.REVIEW: "⭐", Channel.QUESTION: "❓", Channel.CHAT: "💬", Channel.RETURN: "↩️"}
SIDE_BUDGET = 300
REASONS_BUDGET = 350
TOPICS_SHOWN = 5
TOPICS_BUDGET = 120
ASKED_BUDGET = 160  # what the buyer asked that no fact answers («Нужен ваш ответ»)
TIMELINE_BUDGET = 3600
TAGS_BUDGET = 160
FILES_BUDGET = 200
FILE_NAME_BUDGET = 40


def _size(markup: str) -> int:
    return sum(units(ch) for ch in markup) + 1  # + the newline joining it to the next line


def _fit(lines: list[str], budget: int, order: list[int] | None = None) -> tuple[list[str], int]:
    """The lines (tried in `order`, shown in their own order) that fit `budget`, and how many were left out."""
    kept: set[int] = set()
    used = 0
    for index in order if order is not None else range(len(lines)):
        size = _size(lines[index])
        if used + size > budget:
            break
        kept.add(index)
        used += size
    return [line for index, line in enumerate(lines) if index in kept], len(lines) - len(kept)


def _header(data: ItemView, t: Translator) -> list[str]:
    i, nm_id = data.interaction, data.nm_id
    lines = [f"{CHANNEL_ICON[i.channel]} <b>{t(f'bot-channel-{i.channel}')}</b> · {when(i.occurred_at, data.zone)}"]
    product = clip(data.product_name, 200, "…")
    if product or not nm_id:  # "product unknown" only when WB gave no nmID
        lines.append(t("bot-card-product", product=product or t("bot-card-no-product"), nm_id=str(nm_id or "—")))
    else:
        lines.append(t("sv-card-nm-only", nm_id=str(nm_id)))
    if i.rating:
        lines.append("★" * i.rating + "☆" * (5 - i.rating))
    if i.buyer_name:
        lines.append(t("bot-card-buyer", name=clip(i.buyer_name, 100, "…")))
    if status := order_status(i):
        lines.append(t(f"review-order-{status}"))
    if tags := buyer_tags(i):
        lines.append(t("review-buyer-tags", tags=clip(", ".join(tags), TAGS_BUDGET, "…")))
    return lines


def _body(i: Interaction, t: Translator) -> list[str]:
    marker = t("bot-card-truncated")
    lines = [clip(i.text, TEXT_BUDGET, marker) or t("bot-card-no-text")]
    if is_warned(i):
        lines.insert(0, t("question-warned"))
    if i.pros:
        lines.append(t("bot-card-pros", text=clip(i.pros, SIDE_BUDGET, marker)))
    if i.cons:
        lines.append(t("bot-card-cons", text=clip(i.cons, SIDE_BUDGET, marker)))
    return lines


def _files(data: ItemView, t: Translator) -> list[str]:
    """A chat's files and what WB lets us do with them (sent above the card, moderating, refused)."""
    if not data.files:
        return []
    lines = [
        t(f"chat-file-{f.state}", name=clip(f.name, FILE_NAME_BUDGET, "…") or t("chat-file-unnamed"))
        for f in data.files
    ]
    shown, left_out = _fit(lines, FILES_BUDGET)
    if left_out:
        shown.append(t("bot-list-more", count=left_out))
    return [t("chat-files-title"), *shown]


def _known(values: object, enum: type[Enum], limit: int) -> list[str]:
    """The stored values `enum` knows, at most `limit` (a corrupted row shows nothing it does not know)."""
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, str) and v in enum._value2member_map_][:limit]


def _alarm(i: Interaction, t: Translator) -> list[str]:
    """The 🚨 line of a harm or legal item, first on the card: why it paged and that a person must answer."""
    why = [s for s in Situation if s in SAFETY and s.value in _known(i.situations, Situation, len(Situation) * 3)]
    return [t("reading-safety", why=", ".join(t(f"situation-{s}") for s in why))] if why else []


def _reading(i: Interaction, t: Translator) -> list[str]:
    """The 🏷 line: what the buyer raised (topics), where the buyer is (situations) and the mood, so the seller sees
    at a glance what a reply must address; bounded whatever the stored lists hold."""
    parts = [
        ", ".join(t(f"topic-{v}") for v in _known(i.topics, Topic, TOPICS_SHOWN)),
        ", ".join(t(f"situation-{v}") for v in _known(i.situations, Situation, TOPICS_SHOWN)),
        t(f"mood-{i.mood}") if i.mood in Mood._value2member_map_ and i.mood != Mood.NEUTRAL else "",
    ]
    shown = " · ".join(p for p in parts if p)
    return [t("reading-card-line", parts=clip(shown, TOPICS_BUDGET, "…"))] if shown else []


def _draft(data: ItemView, t: Translator) -> list[str]:
    draft = data.draft
    if draft is None or data.stage != ItemStage.DRAFTED:
        return []
    lines = [t("bot-card-draft", origin=t(f"bot-origin-{draft.origin}"))]
    budget = DRAFT_BUDGET
    if draft.asked:
        # No fact answers what the buyer asked: the draft is only a holding line and the seller should answer. The
        # question's line comes out of the draft's budget (label included), so the card's total stays the same.
        lines.append(t("draft-needs-answer", asked=clip(draft.asked, ASKED_BUDGET, "…")))
        budget -= ASKED_BUDGET + 40
    lines.append(clip(draft.text, budget, "…"))
    if not draft.ok:
        reasons = Verdict.from_dict(draft.verdict).reasons(t.language)
        lines.append(t("bot-card-draft-blocked"))
        shown, left_out = _fit([f"• {clip(reason, 300, '…')}" for reason in reasons], REASONS_BUDGET)
        lines.extend(shown)
        if left_out:
            lines.append(t("bot-list-more", count=left_out))
    return lines


_SENT_STAGES = frozenset(
    (
        ItemStage.SENDING,
        ItemStage.SENT,
        ItemStage.PUBLISHED,
        ItemStage.DELIVERED,
        ItemStage.MODERATION,
        ItemStage.REJECTED,
        ItemStage.FAILED,
        ItemStage.EXPIRED,
    )
)


def _sender(data: ItemView, t: Translator) -> str:
    reply = data.reply
    if reply is not None and reply.via == ReplyVia.AUTO:
        return t("bot-sent-by-auto")
    if reply is not None and reply.via == ReplyVia.WEB:
        return t("bot-sent-by-web")
    return clip(data.sent_by, 100, "…") or t("bot-sent-by-unknown")


def _answer(data: ItemView, t: Translator) -> list[str]:
    """On a card past the draft: the text that went to WB and who sent it (or the answer given in the cabinet)."""
    if data.edit is not None and data.edit.status == ReplyStatus.SENT:
        return [t("answer-edit-card-edited"), clip(data.edit.text, DRAFT_BUDGET, "…")]
    if data.reply is not None and data.stage in _SENT_STAGES:
        return [t("bot-card-sent", who=_sender(data, t)), clip(data.reply.text, DRAFT_BUDGET, "…")]
    if data.stage == ItemStage.ANSWERED_ELSEWHERE and data.interaction.answer:
        return [t("bot-card-answer-elsewhere"), clip(data.interaction.answer, DRAFT_BUDGET, "…")]
    return []


def _stage(data: ItemView, t: Translator) -> str:
    i = data.interaction
    reason = clip(i.rejection_reason or (data.reply.last_error if data.reply else None), 300, "…")
    late = duration((datetime.now(UTC) - i.due_at).total_seconds(), t) if i.due_at else "—"
    window = (
        duration((i.pending_until - i.answered_at).total_seconds(), t) if i.pending_until and i.answered_at else "—"
    )
    stage = t(f"bot-stage-{data.stage}", reason=reason or "—", late=late, window=window)
    if data.stage == ItemStage.REJECTED:
        wb_reason = clip(rejection_reason(i), 300, "…")
        stage = t("bot-stage-rejected", reason=wb_reason) if wb_reason else t("bot-stage-rejected-plain")
    if data.reply is not None and data.reply.action == HIDE and data.stage != ItemStage.FAILED:
        stage = t("question-stage-hidden" if i.wb_sync_state == WbSyncState.CONFIRMED else "question-stage-hiding")
    if edit := _edit_stage(data, t):
        stage = f"{stage}\n{edit}"
    if data.reply is not None and data.reply.via == ReplyVia.AUTO:
        return f"{t('bot-card-auto-sent')}\n{stage}"
    return stage


def _edit_stage(data: ItemView, t: Translator) -> str | None:
    """Where the edit of the published answer is: on its way, not sure it landed, or refused (WB's words)."""
    edit = data.edit
    if edit is None or edit.status == ReplyStatus.SENT:
        return None
    if edit.status == ReplyStatus.FAILED:
        return t("answer-edit-stage-failed", reason=clip(edit.last_error, 200, "…") or "—")
    return t("answer-edit-stage-unknown" if unsure(edit) else "answer-edit-stage-sending")


def render_card(data: ItemView, t: Translator) -> str:
    """The card of one interaction in its current stage."""
    i = data.interaction
    if i.channel == Channel.RETURN:
        return render_claim(data, t)
    meta = t(
        "bot-card-meta", priority=t(f"bot-priority-{i.priority}"), due=when(i.due_at, data.zone), links=data.link_count
    )
    body = "\n".join([*_body(i, t), *_files(data, t), *_reading(i, t)])
    parts = ["\n".join([*_alarm(i, t), *_header(data, t)]), body, meta, _stage(data, t)]
    extra = _draft(data, t) or _answer(data, t)
    if extra:
        parts.append("\n".join(extra))
    return "\n\n".join(parts)


def render_preview(text: str, t: Translator) -> str:
    """The seller's checked text shown back before anything is sent."""
    return "\n".join([t("bot-preview-title"), clip(text, DRAFT_BUDGET, "…"), "", t("bot-preview-hint")])


def render_line(i: Interaction | TimelineItem, t: Translator) -> str:
    """One short line for lists (inbox, timeline): icon, rating, product and the start of the text; 🚨 first for a
    harm or legal item."""
    stars = f"{i.rating}★ " if i.rating else ""
    # A chat about no product names its buyer (or says it is a chat) instead of an empty "💬 : text".
    subject = clip(i.product_name, 40, "…") or clip(i.buyer_name, 40, "…") or t(f"bot-channel-{i.channel}")
    alarm = "🚨 " if isinstance(i, Interaction) and is_safety(i) else ""
    return f"{alarm}{CHANNEL_ICON[i.channel]} {stars}{subject}: {clip(i.text, 80, '…')}"


def render_timeline(thread: list[TimelineItem], current_id: int, t: Translator, zone: str = DEFAULT_ZONE) -> str:
    """The buyer's thread in time order, the current interaction marked, each line with its link's confidence."""
    if len(thread) < 2:
        return t("bot-timeline-empty")
    lines = []
    for item in thread:
        mark = "▶ " if item.interaction_id == current_id else ""
        line = f"{mark}{when(item.occurred_at, zone)} {render_line(item, t)}"
        if item.interaction_id != current_id:
            line += " " + t("bot-timeline-link", confidence=round(item.confidence * 100))
        lines.append(line)
    # A long thread shows the items nearest the current one (in time order), the current one always.
    here = next((n for n, item in enumerate(thread) if item.interaction_id == current_id), 0)
    nearest = sorted(range(len(lines)), key=lambda n: (abs(n - here), n))
    shown, left_out = _fit(lines, TIMELINE_BUDGET, nearest)
    if left_out:
        shown.append(t("bot-list-more", count=left_out))
    return "\n".join([t("bot-timeline-title"), *shown])
