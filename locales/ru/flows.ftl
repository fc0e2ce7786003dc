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
