"""`check_text`: run every rule over one outgoing text and return the verdict. Pure, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from core.guardrails import patterns
from core.guardrails.normalize import Normalized, normalize
from core.guardrails.phrases import PhraseMatcher
from core.guardrails.rules import BUYER_REFUND_CUES, CUSTOM_RULE, LENGTH_LIMITS, PHRASE_RULES, RULES, Rule
from core.guardrails.verdict import GuardrailContext, GuardrailViolation, Severity, Verdict, Violation
from core.models.enums import Channel
from core.seller_settings import SellerSettings

if TYPE_CHECKING:
    from core.models import Interaction

# One matcher for all default phrases; each phrase index maps back to its rule. Numbers in words ride along in the
# same pass (after the phrases): several of them in a text send the phone scan through words too.
_PHRASE_OWNERS: tuple[Rule, ...] = tuple(rule for rule in PHRASE_RULES for _ in rule.phrases)
_NUMBERS = len(_PHRASE_OWNERS) + len(patterns.NUMBER_WORDS)
_HINT_KINDS = tuple(patterns.HINT_WORDS.values())
_DEFAULT = PhraseMatcher(
    [phrase for rule in PHRASE_RULES for phrase in rule.phrases]
    + list(patterns.NUMBER_WORDS)
    + list(patterns.HINT_WORDS)
)
_SPELLED_MIN = 3
# WB's own sites: the one kind of link a private chat may carry (with a warning).
_WB_LINK = re.compile(r"^(?:https?://)?(?:[\w-]+\.)*(?:wildberries\.(?:ru|by|kz|am|kg|uz|ge|com)|wb\.ru)(?![\w.-])")
_BUYER_REFUND = PhraseMatcher(
    [phrase for rule in PHRASE_RULES if rule.category == "refund" for phrase in rule.phrases] + list(BUYER_REFUND_CUES)
)
_NEGATIVE_RATING_MAX = 3


@lru_cache(maxsize=256)
def _custom_matcher(phrases: tuple[str, ...]) -> PhraseMatcher:
    # Sellers' phrase lists change rarely: compile each distinct list once.
    return PhraseMatcher(phrases)


def _violation(rule: Rule, text: str, span: tuple[int, int], channel: Channel, **args: str | int) -> Violation:
    start, end = span
    severity = rule.severity(channel)
    if rule.id == "contact.url" and severity is Severity.WARN and not _WB_LINK.search(text[start:end].lower()):
        severity = Severity.BLOCK  # only a link to WB itself may be shown to whoever approves a chat message
    return Violation(rule.id, text[start:end], start, end, severity, rule.reason_key, args)


def _masked(violation: Violation, text: str, secrets: list[tuple[int, int]]) -> Violation:
    """The violation with every secret inside its fragment cut to its first 3 characters: a verdict is stored
    (Draft.verdict) and its reasons are shown and sent back, so a token in a refused text must not survive in it."""
    fragment = text[violation.start : violation.end]
    for start, end in reversed(secrets):
        lo, hi = max(start, violation.start), min(end, violation.end)
        if lo < hi:
            keep = text[lo : min(hi, start + 3)] if lo == start else ""
            fragment = fragment[: lo - violation.start] + keep + patterns.REDACTED + fragment[hi - violation.start :]
    return replace(violation, fragment=fragment)


def _length(text: str, channel: Channel) -> Violation | None:
    shortest, longest = LENGTH_LIMITS[channel]
    body = text.strip()
    lead = len(text) - len(text.lstrip())
    if len(body) < shortest:
        span = (lead, lead + len(body))
        return _violation(RULES["format.too_short"], text, span, channel, length=len(body), limit=shortest)
    if len(body) > longest:
        span = (lead + longest, lead + len(body))
        return _violation(RULES["format.too_long"], text, span, channel, length=len(body), limit=longest)
    return None


def _default_hits(norm: Normalized) -> tuple[list[tuple[Rule, int, int]], bool, dict[str, list[int]]]:
    """The default phrases found, whether the text says at least `_SPELLED_MIN` numbers in words, and where the
    words that announce a disguised link or e-mail are (`patterns.HINT_WORDS`, by kind)."""
    matches: list[tuple[Rule, int, int]] = []
    numbers = 0
    hints: dict[str, list[int]] = {}
    owners = len(_PHRASE_OWNERS)
    for index, start, end in _DEFAULT.finditer(norm.text):
        if index < owners:
            matches.append((_PHRASE_OWNERS[index], start, end))
        elif index < _NUMBERS:
            numbers += 1
        else:
            hints.setdefault(_HINT_KINDS[index - _NUMBERS], []).append(start)
    return matches, numbers >= _SPELLED_MIN, hints


def _phrase_hits(
    norm: Normalized, context: GuardrailContext, matches: list[tuple[Rule, int, int]]
) -> Iterable[tuple[Rule, int, int]]:
    refund_raised: bool | None = None
    negative = context.rating is not None and context.rating <= _NEGATIVE_RATING_MAX
    if context.extra_phrases:
        custom = _custom_matcher(tuple(context.extra_phrases))  # a list from a caller is fine too
        matches += [(CUSTOM_RULE, start, end) for _, start, end in custom.finditer(norm.text)]
    if not matches:
        return
    covered: dict[str, int] = {}
    for rule, start, end in sorted(matches, key=lambda m: (m[1], -m[2])):
        if rule.category == "refund":
            if refund_raised is None:  # only normalise the buyer's text when it matters
                refund_raised = _BUYER_REFUND.search(normalize(context.buyer_text).text)
            if refund_raised:
                continue
        if rule.category == "tone" and not negative:
            continue
        # A match inside an earlier one of the same category ("бот" in "чат-бот") adds nothing.
        if end <= covered.get(rule.category, -1):
            continue
        covered[rule.category] = end
        yield rule, start, end


def buyer_raised_refund(buyer_text: str) -> bool:
    """Whether the buyer's own words raise a refund or return (then refund wording in a reply is allowed)."""
    return bool(buyer_text) and bool(_BUYER_REFUND.search(normalize(buyer_text).text))


def check_text(text: str, *, channel: Channel, context: GuardrailContext | None = None) -> Verdict:
    """Check one outgoing `text` for `channel`; the verdict lists every violation, ordered by position."""
    context = context or GuardrailContext()
    if not isinstance(channel, Channel):
        channel = Channel(channel)
    norm = normalize(text)
    if not norm.text.strip():
        return Verdict((_violation(RULES["format.empty"], text, (0, len(text)), channel),))
    found: list[Violation] = []
    length = _length(text, channel)
    if length is not None:
        found.append(length)
    matches, spelled, hints = _default_hits(norm)
    for rule, start, end in _phrase_hits(norm, context, matches):
        found.append(_violation(rule, text, norm.span(start, end), channel))
    for rule_id, start, end in patterns.contacts(
        norm.text, spelled=spelled, hints=hints, original=text if norm.index is None else None
    ):
        found.append(_violation(RULES[rule_id], text, norm.span(start, end), channel))
    for span in patterns.shouting(text):
        found.append(_violation(RULES["format.caps"], text, span, channel))
    secrets = list(patterns.secrets(text))
    if secrets:
        found = [_masked(v, text, secrets) for v in found]
        found += [_masked(_violation(RULES["secret.token"], text, span, channel), text, secrets) for span in secrets]
    found.sort(key=lambda v: (v.start, v.end, v.rule_id))
    return Verdict(tuple(found))


def context_for(
    interaction: Interaction,
    seller_settings: SellerSettings | dict[str, Any] | None = None,
    extra_phrases_from_config: Iterable[str] = (),
    *,
    buyer_messages: Iterable[str] = (),
) -> GuardrailContext:
    """The guardrail context of a reply to `interaction`.

    `seller_settings` is the seller's `SellerSettings` (or the raw `Seller.settings` JSON); its banned phrases are
    merged with `extra_phrases_from_config` (`Settings.banned_phrases_extra`). `buyer_messages` adds the buyer's
    chat messages to the buyer's text, so a refund the buyer asked for in a chat is recognised.
    """
    parts = (interaction.text, interaction.pros, interaction.cons, *buyer_messages)
    if not isinstance(seller_settings, SellerSettings):
        seller_settings = SellerSettings.of(seller_settings)
    phrases = (p.strip() for p in (*seller_settings.banned_phrases, *extra_phrases_from_config))
    return GuardrailContext(
        buyer_text="\n".join(p for p in parts if p),
        rating=interaction.rating,
        extra_phrases=tuple(dict.fromkeys(p for p in phrases if p)),
    )


def enforce(
    text: str,
    interaction: Interaction,
    seller_settings: SellerSettings | dict[str, Any] | None = None,
    extra_phrases_from_config: Iterable[str] = (),
) -> Verdict:
    """Check a reply to `interaction` that is about to be kept or sent: its verdict when it passes, else
    GuardrailViolation with every reason."""
    context = context_for(interaction, seller_settings, extra_phrases_from_config)
    verdict = check_text(text, channel=interaction.channel, context=context)
    if not verdict.ok:
        raise GuardrailViolation(verdict)
    return verdict
