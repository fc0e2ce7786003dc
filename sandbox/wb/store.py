"""The sandbox's world: sellers by number, their tokens, live injection and the answers view."""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sandbox.wb import claims as claims_mod
from sandbox.wb import seed, textgen, tokens
from sandbox.wb.config import SandboxConfig
from sandbox.wb.records import ChatFileRec
from sandbox.wb.seller import RuleError, Seller

# Seeded sellers' tokens expire at a fixed moment so they stay the same across restarts (2030-01-01).
SEEDED_TOKEN_EXP = 1_893_456_000
ALL_SCOPES = ("review", "question", "chat", "return")


@dataclass(frozen=True)
class TokenRec:
    """What the sandbox knows about an issued token."""

    seller: Seller
    mask: int
    expires_at: float

    def allows(self, mask: int, *, write: bool) -> bool:
        """Whether the token's categories cover `mask` (and writing, unless read-only)."""
        if write and self.mask & (1 << tokens.READ_ONLY_BIT):
            return False
        return bool(self.mask & mask)


class Store:
    """All sellers of one sandbox, generated deterministically from `seed`."""

    def __init__(self, seed_value: int, config: SandboxConfig) -> None:
        self.seed = seed_value
        self.config = config
        self.sellers: dict[int, Seller] = {}
        self.tokens: dict[str, TokenRec] = {}
        self._token_rng = random.Random(f"{seed_value}:tokens")
        for _ in range(config.sellers):
            self.create_seller(expires_at=SEEDED_TOKEN_EXP)

    def now(self) -> datetime:
        """The clock seeded history is laid out against."""
        return self.config.now or datetime.now(UTC)

    def create_seller(
        self,
        *,
        name: str | None = None,
        reviews: int | None = None,
        questions: int | None = None,
        chats: int | None = None,
        claims: int | None = None,
        scopes: tuple[str, ...] = ALL_SCOPES,
        expires_at: float | None = None,
        pin_subscription: bool = False,
    ) -> tuple[Seller, str]:
        """A new seller with a seeded history and a token for `scopes`."""
        num = len(self.sellers) + 1
        rng = random.Random(f"{self.seed}:seller:{num}")
        seller = Seller(num, name or f"ИП Продавец {num}", self.config, rng)
        seller.pin_subscription = pin_subscription
        seller.products = seed.catalogue(rng, seller.name)
        seed.populate(
            seller,
            rng,
            self.now(),
            reviews=self.config.reviews if reviews is None else reviews,
            questions=self.config.questions if questions is None else questions,
            chats=self.config.chats if chats is None else chats,
        )
        found: list[claims_mod.Claim] = []
        count = self.config.claims if claims is None else claims
        claims_mod.populate(found, random.Random(f"{self.seed}:claims:{num}"), seller.products, self.now(), count)
        for claim in found:
            seller.add_claim(claim)
        self.sellers[num] = seller
        return seller, self.issue_token(seller, scopes=scopes, expires_at=expires_at)

    def issue_token(
        self,
        seller: Seller,
        *,
        scopes: tuple[str, ...] = ALL_SCOPES,
        expires_at: float | None = None,
        read_only: bool = False,
    ) -> str:
        """Mint and register a token (an `expires_at` in the past makes an expired one)."""
        mask = tokens.scope_mask(scopes, read_only=read_only)
        exp = expires_at if expires_at is not None else time.time() + 180 * 86400
        token = tokens.mint(self._token_rng, seller_num=seller.num, mask=mask, expires_at=exp)
        self.tokens[token] = TokenRec(seller, mask, exp)
        return token

    def seller(self, num: int) -> Seller:
        """A seller by number (RuleError 404 when unknown)."""
        try:
            return self.sellers[num]
        except KeyError:
            raise RuleError(f"no seller {num}", 404) from None

    # --- live injection ---------------------------------------------------------------------------------------

    def inject_review(self, seller: Seller, spec: dict[str, Any]) -> dict[str, Any]:
        """A buyer posts a review now (fields in `spec` override the generated ones)."""
        product = self._product(seller, spec.get("nm_id"))
        item = seed.review(seller.rng, product, datetime.now(UTC), stars=spec.get("rating"))
        if "text" in spec:
            # A caller-written review is not mixed with generated pros/cons (a 5★ "loved it" with "cons: defect").
            item.pros = item.cons = ""
        for key in ("text", "pros", "cons", "photos", "user_name", "order_status", "video"):
            if key in spec:
                setattr(item, key, spec[key])
        if "bables" in spec:
            item.bables = tuple(spec["bables"])
        parent_id = spec.get("parent_feedback_id")
        if parent_id:
            parent = seller.review_by_id.get(parent_id)
            if parent is None:
                raise RuleError(f"no review {parent_id}", 404)
            item.parent_id, parent.child_id = parent.id, item.id
            parent.touch()
        item.visible_at = time.time() + self.config.index_lag_s
        seller.add_review(item)
        return item.wb(seller.edit_window, datetime.now(UTC))

    def inject_question(self, seller: Seller, spec: dict[str, Any]) -> dict[str, Any]:
        """A buyer asks a question now."""
        product = self._product(seller, spec.get("nm_id"))
        item = seed.question(seller.rng, product, datetime.now(UTC))
        if "text" in spec:
            item.text = spec["text"]
        if "is_warned" in spec:
            item.is_warned = bool(spec["is_warned"])
        item.visible_at = time.time() + self.config.index_lag_s
        seller.add_question(item)
        return item.wb(seller.edit_window, datetime.now(UTC))

    def inject_message(self, seller: Seller, spec: dict[str, Any]) -> dict[str, Any]:
        """A buyer writes into a chat (`chat_id`) or opens a new one (no `chat_id`)."""
        chat_id = spec.get("chat_id")
        if chat_id:
            room = seller.chats.get(chat_id)
            if room is None:
                raise RuleError(f"no chat {chat_id}", 404)
            new = False
        else:
            room = seed.chat(seller.rng, self._product(seller, spec.get("nm_id")), seller.num, datetime.now(UTC))
            if spec.get("client_name"):
                room.client_name = spec["client_name"]
            seller.add_chat(room)
            new = True
        text = spec.get("text") or seller.rng.choice(textgen.CHAT_OPENERS).format(
            product=room.product.name, brand=room.product.brand, nm=room.product.nm_id
        )
        files = [self._chat_file(seller, f) for f in spec.get("files") or []]
        return seller.add_event(room, text, sender="client", new_chat=new, files=files)

    @staticmethod
    def _chat_file(seller: Seller, spec: dict[str, Any]) -> ChatFileRec:
        """A buyer's file: under WB's moderation for `moderation_s`, then downloadable (or refused for good)."""
        name = str(spec.get("name") or "photo.jpg")
        kind = "application/pdf" if name.lower().endswith(".pdf") else "image/jpeg"
        return ChatFileRec(
            download_id=str(uuid.UUID(int=seller.rng.getrandbits(128), version=4)),
            name=name,
            content_type=kind,
            content=f"sandbox file {name}".encode(),
            ready_at=time.time() + float(spec.get("moderation_s") or 0),
            refused=bool(spec.get("refused")),
            size=int(spec["size"]) if spec.get("size") is not None else None,
            endless=bool(spec.get("endless")),
        )

    def inject_claim(self, seller: Seller, spec: dict[str, Any]) -> dict[str, Any]:
        """A buyer files a return application now; `chat_id` files it from that chat (claim_type 3, its order)."""
        product = self._product(seller, spec.get("nm_id"))
        chat_id = spec.get("chat_id")
        if chat_id:
            room = seller.chats.get(chat_id)
            if room is None:
                raise RuleError(f"no chat {chat_id}", 404)
            spec = {**spec, "claim_type": 3, "srid": room.rid}
            product = room.product
        claim = claims_mod.make_claim(seller.rng, product, datetime.now(UTC), **spec)
        seller.add_claim(claim)
        return claim.wb()

    def decide_claim(self, seller: Seller, spec: dict[str, Any]) -> dict[str, Any]:
        """The seller answers a claim in the WB cabinet (not through the API)."""
        claim = seller.claim_by_id.get(str(spec.get("claim_id")))
        if claim is None:
            raise RuleError("no such claim", 404)
        try:
            claim.decide(str(spec.get("action")), spec.get("comment"), source="cabinet", settle_s=None)
        except claims_mod.ClaimError as exc:
            raise RuleError(str(exc)) from None
        return claim.wb()

    @staticmethod
    def _product(seller: Seller, nm_id: int | None) -> Any:
        if nm_id is None:
            return seller.rng.choice(seller.products)
        for product in seller.products:
            if product.nm_id == nm_id:
                return product
        raise RuleError(f"no product {nm_id}", 404)

    # --- what was answered ------------------------------------------------------------------------------------

    def answers(self, seller_num: int | None = None) -> list[dict[str, Any]]:
        """Every item API clients answered: one row per item with its current answer and the count of calls."""
        rows: list[dict[str, Any]] = []
        for seller in self.sellers.values():
            if seller_num is not None and seller.num != seller_num:
                continue
            for channel, items in (("review", seller.reviews), ("question", seller.questions)):
                for item in items:
                    if item.history:
                        rows.append(
                            {
                                "seller_id": seller.num,
                                "channel": channel,
                                "item_id": item.id,
                                "buyer_text": item.text,
                                "answer": item.answer.text if item.answer else None,
                                "state": item.answer.state if channel == "review" and item.answer else item.state,
                                "answer_calls": item.posts,
                                "edits": item.answer.edits if item.answer else 0,
                                "edit_calls": item.edit_calls,
                                "history": item.history,
                            }
                        )
            for claim in seller.claims:
                if claim.api_calls:
                    decided = [d for d in claim.decisions if d["source"] == "api"]
                    rows.append(
                        {
                            "seller_id": seller.num,
                            "channel": "return",
                            "item_id": claim.id,
                            "buyer_text": claim.user_comment,
                            "answer": decided[-1]["comment"] if decided else None,
                            "action": decided[-1]["action"] if decided else None,
                            "decisions": len(decided),
                            "state": f"{claim.status}/{claim.status_ex}",
                            "answer_calls": claim.api_calls,
                            "history": claim.decisions,
                        }
                    )
            for room in seller.chats.values():
                if room.sent:
                    rows.append(
                        {
                            "seller_id": seller.num,
                            "channel": "chat",
                            "item_id": room.chat_id,
                            "buyer_text": None,
                            "answer": room.sent[-1]["text"],
                            "state": "sent",
                            "answer_calls": len(room.sent),
                            "history": room.sent,
                        }
                    )
        return rows
