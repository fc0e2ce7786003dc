## Auto-send only when it cannot be wrong; the daily line of what was auto-sent (core.autosend, core.autosend_report)
draft-autosend-safety = Покупатель пишет о вреде здоровью или о суде — отвечает человек
draft-autosend-situation = У покупателя особая ситуация (возврат денег, доставка, просьба) — отвечает человек
draft-autosend-mood = Настроение отзыва не однозначно положительное
draft-autosend-complaint = В отзыве есть жалоба или вопрос
draft-autosend-unsure = Отзыв прочитан неуверенно
draft-autosend-origin = Автоответ отправляет только шаблонный черновик (ИИ-черновики при поступлении выключены)
draft-autosend-draft_text = В черновике есть извинение или фраза о проблеме

## A review or question whose answer WB moderation rejected (WB gave no reason)
bot-stage-rejected-plain = ❌ WB отклонил ответ

## The repetition guard (core.repetition)
guard-format-repetition = Повторяет один из ваших ответов за последние 30 дней (то же начало или почти тот же текст): WB ограничивает магазины с повторяющимися ответами. Измените формулировку.

## The daily line of what auto-send published (bot.autosend_report)
autosend-report-title = 🤖 Автоответ вчера опубликовал { $count } { $count ->
    [one] ответ
    [few] ответа
   *[many] ответов
} без вас. Нажмите номер, чтобы открыть карточку.
autosend-report-more = …и ещё { $count } в /inbox

## Teach once: a question no fact answers, the seller's answer kept for the product (core.taught)
taught-greet-1 = Здравствуйте!
taught-greet-2 = Добрый день!
taught-greet-3 = Приветствуем Вас!
taught-greet-4 = Здравствуйте, рады помочь!
taught-thanks-1 = Спасибо за вопрос.
taught-thanks-2 = Благодарим за интерес к товару.
taught-thanks-3 = Спасибо, что спросили.
taught-thanks-4 = Хороший вопрос, отвечаем.
taught-close-1 = Будем рады Вашему заказу!
taught-close-2 = Если появятся ещё вопросы, пишите.
taught-close-3 = Хорошего Вам дня!
taught-close-4 = Всегда рады помочь с выбором.
teach-offer = 💾 Сохранить ваш ответ как факт о товаре? Следующий покупатель с вопросом «{ $asked }» получит черновик в одно касание.
teach-btn-save = 💾 Сохранить
teach-btn-no = Не нужно
teach-saved = ✅ Сохранено для этого товара: на такой же вопрос черновик будет готов сразу.
teach-declined = Хорошо, не сохраняем.
teach-nothing = Сохранять нечего: ответ уже сохранён или не был отправлен.
# Same message as branch drafts' drafting.ftl: keep one of the two when both are merged.
draft-needs-answer = Нужен ваш ответ: «{ $asked }»
