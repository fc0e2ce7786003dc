"""Deterministic generation of a sandbox seller's catalogue, reviews, questions and chats from a seed."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sandbox.wb import textgen
from sandbox.wb.records import Answer, ChatRec, Product, QuestionRec, Review

if TYPE_CHECKING:
    from sandbox.wb.seller import Seller

SELLER_ANSWERS = (
    "Спасибо за отзыв! Рады, что товар понравился.",
    "Благодарим за покупку! Ждём вас снова.",
    "Здравствуйте! Нам очень жаль, напишите, пожалуйста, в чат — разберёмся.",
)


def catalogue(rng: random.Random, supplier: str, size: int = 8) -> list[Product]:
    """`size` product cards across the categories."""
    products = []
    for _ in range(size):
        subject_id, subject, names, sizes, aspects = textgen.CATEGORIES[rng.choice(tuple(textgen.CATEGORIES))]
        products.append(
            Product(
                nm_id=rng.randint(10_000_000, 399_999_999),
                imt_id=rng.randint(10_000_000, 299_999_999),
                name=rng.choice(names),
                article=f"{rng.choice('ABCDKMP')}{rng.randint(10, 99)}/{rng.choice(textgen.COLORS)}",
                brand=rng.choice(textgen.BRANDS),
                supplier=supplier,
                subject_id=subject_id,
                subject_name=subject,
                sizes=sizes,
                color=rng.choice(textgen.COLORS),
                aspects=aspects,
            )
        )
    return products


def review(rng: random.Random, product: Product, created: datetime, *, stars: int | None = None) -> Review:
    """A new, unanswered review of `product`."""
    stars = stars or textgen.rating(rng)
    text, pros, cons = textgen.review_text(rng, stars, product.aspects)
    review_id = textgen.wb_id(rng)
    return Review(
        id=review_id,
        product=product,
        stars=stars,
        text=text,
        pros=pros,
        cons=cons,
        created=created,
        user_name=rng.choice(textgen.NAMES),
        size=rng.choice(product.sizes),
        photos=rng.choice((1, 2, 3, 4)) if rng.random() < 0.2 else 0,
        video=rng.random() < 0.03,
        bables=tuple(rng.sample(textgen.BABLES, rng.randint(1, 2))) if rng.random() < 0.3 else (),
        # From the review's own id, not `rng`: a store generated before this field existed stays the same.
        order_status=textgen.order_status(random.Random(review_id), stars),
    )


def question(rng: random.Random, product: Product, created: datetime) -> QuestionRec:
    """A new question about `product`."""
    return QuestionRec(
        id=textgen.wb_id(rng),
        product=product,
        text=textgen.question_text(rng, product.name, product.color),
        created=created,
        is_warned=rng.random() < 0.02,
    )


def chat(rng: random.Random, product: Product, seller_num: int, created: datetime) -> ChatRec:
    """A new chat about an order of `product`."""
    chat_uuid = uuid.UUID(int=rng.getrandbits(128), version=4)
    chat_id = f"1:{chat_uuid}"
    return ChatRec(
        chat_id=chat_id,
        reply_sign=f"{chat_id}:{seller_num}:{rng.getrandbits(256):064x}",
        client_id=str(rng.randint(100_000, 9_999_999)),
        client_name=rng.choice(textgen.NAMES[:14]),
        product=product,
        order_date=created - timedelta(days=rng.randint(1, 10)),
        price=rng.randint(3, 300) * 10,
        rid=f"{rng.getrandbits(128):032x}",
        size=rng.choice(product.sizes),
    )


def populate(seller: Seller, rng: random.Random, now: datetime, *, reviews: int, questions: int, chats: int) -> None:
    """Fill `seller` with a history of the last 60 days: old items mostly answered, the newest waiting."""
    for _ in range(reviews):
        age = timedelta(days=min(rng.expovariate(1 / 12), 59), seconds=rng.randint(0, 86_399))
        item = review(rng, rng.choice(seller.products), now - age)
        item.was_viewed = age > timedelta(days=1)
        if age > timedelta(days=2) and rng.random() < 0.75:
            item.answer = Answer(rng.choice(SELLER_ANSWERS), "wbRu", item.created + timedelta(hours=rng.randint(1, 40)))
        item.archived = age > timedelta(days=30) or (not item.text and not item.photos and rng.random() < 0.5)
        seller.add_review(item)
    # Supplements: a buyer adds to an earlier review of theirs.
    originals = [r for r in seller.reviews if r.created < now - timedelta(days=3)]
    for parent in rng.sample(originals, k=min(len(originals), reviews // 20)):
        child = review(rng, parent.product, parent.created + timedelta(days=rng.randint(1, 3)))
        child.user_name, child.parent_id, parent.child_id = parent.user_name, parent.id, child.id
        seller.add_review(child)
    for _ in range(questions):
        age = timedelta(days=min(rng.expovariate(1 / 10), 59), seconds=rng.randint(0, 86_399))
        item = question(rng, rng.choice(seller.products), now - age)
        if age > timedelta(days=2) and rng.random() < 0.7:
            item.state = "wbRu"
            item.answer = Answer("Здравствуйте! Да, всё верно, подходит.", "wbRu", item.created + timedelta(hours=5))
            item.was_viewed = True
        seller.add_question(item)
    for _ in range(chats):
        created = now - timedelta(days=rng.uniform(0, 14))
        room = chat(rng, rng.choice(seller.products), seller.num, created)
        seller.add_chat(room)
        opener = rng.choice(textgen.CHAT_OPENERS).format(
            product=room.product.name, brand=room.product.brand, nm=room.product.nm_id
        )
        seller.add_event(room, opener, sender="client", at=created, new_chat=True)
        if rng.random() < 0.5:
            seller.add_event(
                room,
                "Здравствуйте! Сейчас проверим и вернёмся с ответом.",
                sender="seller",
                at=created + timedelta(minutes=20),
            )
            seller.add_event(
                room, rng.choice(textgen.CHAT_FOLLOWUPS), sender="client", at=created + timedelta(minutes=45)
            )
