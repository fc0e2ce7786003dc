"""What a card or a page shows of one item, read from the database (`item_view`), with the actions it offers.

Display-only facts are computed fields of the view, never written on the ORM object: a chat's product named by the
seller's other items (`chat_product`). `require` is the check every command runs on its locked row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.expressions import Q

from core import chat_files
from core.access import NotAllowed
from core.items.actions import Action, ReplyNotAllowed, allowed, refusal
from core.items.claim import ClaimView
from core.items.stage import EDIT, ItemStage, item_stage
from core.linking import mentioned_nm_ids
from core.models import (
    AnswerState,
    Channel,
    ChatFile,
    Draft,
    Interaction,
    Link,
    Reply,
    Seller,
    SellerMember,
    WbSyncState,
)
from core.seller_settings import SellerSettings
from core.timezones import DEFAULT_ZONE


@dataclass(frozen=True)
class ItemView:
    """One item with the parts its card or page shows, and the actions it offers now (`actions`, computed)."""

    interaction: Interaction
    draft: Draft | None
    reply: Reply | None
    link_count: int
    stage: ItemStage
    # The seller's time zone: every time shown is in it.
    zone: str = DEFAULT_ZONE
    # Who sent the reply on a final card: a member's name, or None (auto-send and the web admin say so).
    sent_by: str | None = None
    # A chat's files the buyer attached (name and state; core.chat_files).
    files: tuple[ChatFile, ...] = ()
    # The latest edit of the published answer (core.answer_edits), kept apart from the answer's own reply.
    edit: Reply | None = None
    # A chat's product (nmID, name) as the seller's other items name it: WB gives a chat only the nmID.
    chat_product: tuple[int, str] | None = None
    actions: frozenset[Action] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", allowed(self))

    @property
    def nm_id(self) -> int | None:
        """The product's nmID (a chat's may come from its text)."""
        return self.chat_product[0] if self.chat_product else self.interaction.nm_id

    @property
    def product_name(self) -> str | None:
        """The product's name (a chat's from the seller's other items about it)."""
        return self.chat_product[1] if self.chat_product else self.interaction.product_name

    @property
    def claim_actions(self) -> tuple[str, ...]:
        """A claim's WB actions to offer: WB's current set, unless our decision is on its way (its outcome maybe
        unknown) or waiting for WB to show it."""
        i = self.interaction
        in_flight = self.stage in (ItemStage.SENDING, ItemStage.UNKNOWN) or i.wb_sync_state == WbSyncState.PENDING
        if i.channel != Channel.RETURN or in_flight:
            return ()
        return ClaimView.of(i.raw_payload).actions


def rejection_reason(interaction: Interaction) -> str | None:
    """WB's reason for rejecting the answer, when it gave one (WB's raw moderation state is not a reason)."""
    reason = (interaction.rejection_reason or "").strip()
    if not reason or reason in (interaction.answer_state_raw, AnswerState.REJECTED.value):
        return None
    return reason


async def _rows(interaction_id: int) -> tuple[Draft | None, Reply | None, Reply | None]:
    """The item's current draft, its answer's reply and the latest edit of the published answer."""
    draft = await Draft.filter(interaction_id=interaction_id, void=False).order_by("-id").first()
    all_replies = await Reply.filter(interaction_id=interaction_id).order_by("-id")
    # The stage follows the answer's reply; an edit of the published answer is shown beside it.
    reply = next((r for r in all_replies if r.action != EDIT), None)
    edit = next((r for r in all_replies if r.action == EDIT), None)
    return draft, reply, edit


async def item_view(interaction_id: int) -> ItemView:
    """Everything a card or page shows of the item, from the database."""
    interaction = await Interaction.get(id=interaction_id)
    draft, reply, edit = await _rows(interaction_id)
    links = await Link.filter(Q(a_id=interaction_id) | Q(b_id=interaction_id)).count()
    zone = await seller_zone(interaction.seller_id)
    sent_by = None
    if reply is not None and reply.approved_by_id is not None:
        sent_by = await SellerMember.filter(id=reply.approved_by_id).first().values_list("name", flat=True)
    files = await chat_files.listed(interaction_id) if interaction.channel == Channel.CHAT else ()
    return ItemView(
        interaction,
        draft,
        reply,
        links,
        item_stage(interaction, draft, reply),
        zone,
        # tortoise types values_list(flat=True) as tuples; it gives the bare values
        sent_by,  # type: ignore[arg-type]
        tuple(files),
        edit,
        await _product_named_in_chat(interaction),
    )


async def require(item: Interaction, action: Action) -> ItemView:
    """The view of `item` (the caller's row, locked for its command) if it offers `action`; else ReplyNotAllowed
    with the reason. Every command that changes an item checks here, so core refuses what a card would not offer."""
    draft, reply, edit = await _rows(item.id)
    view = ItemView(item, draft, reply, 0, item_stage(item, draft, reply), edit=edit)
    if reason := refusal(view, action):
        raise ReplyNotAllowed(reason)
    return view


async def current_draft(interaction_id: int, draft_id: int) -> Draft:
    """The item's draft if the button was rendered with it; a superseded or cancelled draft is stale (NotAllowed).
    Every button that acts on a draft (approve, send, regenerate, discard, a claim's comment) goes through here."""
    item = await Interaction.get(id=interaction_id)
    draft, reply, _ = await _rows(interaction_id)
    if item_stage(item, draft, reply) != ItemStage.DRAFTED or draft is None or draft.id != draft_id:
        raise NotAllowed("stale")
    return draft


async def _product_named_in_chat(interaction: Interaction) -> tuple[int, str] | None:
    """A chat's product: WB gives a chat only the nmID, so the name comes from the seller's other items about it; a
    chat about no product that names an nmID of the seller's shows that product (as linking reads the mention)."""
    if interaction.channel != Channel.CHAT or interaction.product_name:
        return None
    candidates = [interaction.nm_id] if interaction.nm_id is not None else mentioned_nm_ids(interaction.text)
    for candidate in candidates:
        known = (
            await Interaction.filter(seller_id=interaction.seller_id, nm_id=candidate, product_name__not_isnull=True)
            .order_by("-id")
            .first()
            .values_list("product_name", flat=True)
        )
        if known:
            # tortoise types values_list(flat=True) as tuples; it gives the bare values
            return candidate, known  # type: ignore[return-value]
    return None


async def seller_zone(seller_id: int) -> str:
    """The seller's time zone (business hours' zone), in which cards, lists and /stats show times."""
    raw = await Seller.filter(id=seller_id).values_list("settings", flat=True)
    # tortoise types values_list(flat=True) as tuples; it gives the bare values
    return SellerSettings.of(raw[0] if raw else None).business_hours.timezone  # type: ignore[arg-type]
