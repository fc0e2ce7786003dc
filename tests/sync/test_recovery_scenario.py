"""Answers that win buyers back, end to end through the WB sandbox (issue 31 item 4, bench/README.md "Recovery"):
20 negative reviews answered through the outbox, then 6 buyers add WB's supplement (parentFeedbackId) — 4 with a
higher rating, 2 not — and the figures say exactly 4 of 20 = 20 % with a drill-down listing those 4."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from core.analytics import ItemFilters, Period, interactions_query
from core.analytics.recovery import recovery
from core.models import Channel, Interaction, ReplyStatus
from sync import outbox
from sync.engine import sync_channel
from tests.sync.wbenv import approve, connect, sync_context, sync_settings, wb_sandbox

# One public answer per review, none alike (the repetition guard refuses near-identical answers within 30 days).
ANSWERS = (
    "Спасибо за отзыв! Передали замечание по швам на фабрику, партию проверят.",
    "Благодарим, что написали. Размерную сетку уточнили в карточке товара.",
    "Жаль, что цвет отличается от фото: обновим снимки при следующей съёмке.",
    "Спасибо! Упаковку для этой модели меняем на более плотную коробку.",
    "Нам очень жаль. Молнию на куртках теперь проверяем перед отправкой.",
    "Спасибо за честную оценку, запах ткани уходит после первой стирки.",
    "Простите за задержку, склад перешёл на ежедневные отгрузки.",
    "Учли ваш отзыв: в описание добавили состав подкладки и уход.",
    "Спасибо, что заметили недостающую пуговицу, комплектацию усилили.",
    "Сожалеем о пятне на изделии, контроль на упаковке стал строже.",
    "Спасибо! Длину рукава указали в таблице отдельной строкой.",
    "Благодарим за сигнал о нитках: технолог пересмотрел обработку краёв.",
    "Очень жаль, что подошва скрипит, поставщик заменил материал стельки.",
    "Спасибо за подробности про ремешок, застёжку сделали надёжнее.",
    "Принято: инструкцию по сборке перевели и вложили в каждую коробку.",
    "Спасибо за отзыв о ткани, плотность трикотажа повысили с осени.",
    "Извините за путаницу с оттенком, артикулы цветов разделили.",
    "Благодарим! Крепление ручки у чайника усилили в новой поставке.",
    "Жаль, что крышка неплотная, форму уплотнителя уже доработали.",
    "Спасибо, что рассказали про батарейку, теперь кладём запасную.",
)
RATINGS = (1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2)
# (index of the answered review, the supplement's rating): 4 higher, one equal, one lower.
SUPPLEMENTS = ((0, 5), (1, 4), (5, 5), (9, 3), (2, 3), (4, 1))


async def test_twenty_answered_negatives_six_supplements_four_recovered(db, settings, redis_client) -> None:
    async with wb_sandbox(moderation_rate=0.0) as wb:
        made = await wb.new_seller(reviews=0, questions=0, chats=0)
        s = sync_settings(settings, wb.url)
        seller = await connect(s, made["token"])
        path = f"/sellers/{made['seller_id']}/reviews"
        async with sync_context(s) as (ctx, _rec):
            posted = [
                await wb.control("POST", path, text=f"Не понравилось, №{n}", rating=rating, user_name=f"Покупатель {n}")
                for n, rating in enumerate(RATINGS)
            ]
            await sync_channel(ctx, seller.id, Channel.REVIEW)
            items = [await Interaction.get(seller_id=seller.id, external_id=fb["id"]) for fb in posted]
            for item, text in zip(items, ANSWERS, strict=True):
                reply = await approve(ctx, item.id, text)
                assert await outbox.send_reply(ctx, reply.id) == ReplyStatus.SENT
            await asyncio.sleep(1.1)  # WB stamps whole seconds: the supplements come strictly after the answers
            for index, rating in SUPPLEMENTS:
                await wb.control(
                    "POST", path, text="Дополнение", rating=rating, parent_feedback_id=posted[index]["id"],
                    user_name=f"Покупатель {index}",
                )  # fmt: skip
            await sync_channel(ctx, seller.id, Channel.REVIEW)

        children = await Interaction.filter(seller_id=seller.id, parent_external_id__isnull=False).count()
        assert children == len(SUPPLEMENTS)
        stats = await recovery(seller_id=seller.id, period=Period.last_days(30, datetime.now(UTC)))
        assert (stats.total.recovered, stats.total.answered, stats.total.pct) == (4, 20, 20.0)
        assert stats.total.supplemented == 6
        page = await interactions_query(ItemFilters(seller_id=seller.id, recovery="recovered", page_size=100))
        assert page.total == 4
        assert {i.id for i in page.items} == {items[i].id for i in (0, 1, 5, 9)}
