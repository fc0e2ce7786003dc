## Auto-send only when it cannot be wrong; the daily line of what was auto-sent (core.autosend, core.autosend_report)
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

## More openings for happy review drafts the repetition guard found repeated (core.drafting.variety)
variety-greet-1 = Здравствуйте!
variety-greet-2 = Добрый день!
variety-greet-3 = Приветствуем!
variety-greet-4 = Доброго времени суток!
variety-greet-5 = Здравствуйте, дорогой покупатель!
variety-greet-6 = Добрый день, спасибо, что заглянули к нам!
variety-greet-7 = Приветствуем, рады отклику!
variety-greet-8 = Здравствуйте, команда магазина на связи!
variety-greet-named-1 = Здравствуйте, { $name }!
variety-greet-named-2 = { $name }, добрый день!
variety-greet-named-3 = Добрый день, { $name }!
variety-greet-named-4 = { $name }, здравствуйте!
variety-greet-named-5 = Приветствуем, { $name }!
variety-greet-named-6 = { $name }, приветствуем!
variety-line-1 = Очень приятно читать такие отзывы.
variety-line-2 = Такие слова вдохновляют всю нашу команду.
variety-line-3 = Рады, что выбор оказался удачным.
variety-line-4 = Приятно знать, что покупка порадовала.
variety-line-5 = Ваш отзыв поднял нам настроение.
variety-line-6 = Для этого мы и работаем каждый день.
variety-line-7 = Спасибо, что нашли минутку написать.
variety-line-8 = Хорошие отзывы — лучшая награда для магазина.
variety-line-9 = Мы передали Ваши слова всей команде.
variety-line-10 = Каждый такой отзыв очень ценен для нас.
variety-line-11 = Здорово, что вещь пришлась по душе.
variety-line-12 = Нам очень приятно это слышать.
variety-line-13 = Ради таких отзывов хочется стараться ещё больше.
variety-line-14 = Рады были помочь с покупкой.
variety-line-15 = Ваша оценка очень важна для нас.
variety-line-16 = Отличное начало дня — прочитать такой отзыв.
variety-line-17 = Приятно, что доверяете нашему магазину.
variety-line-18 = Спасибо, что делитесь впечатлениями.
variety-line-19 = Такие отзывы помогают другим покупателям с выбором.
variety-line-20 = Мы всегда рады довольным покупателям.
variety-line-21 = Искренне рады Вашей оценке.
variety-line-22 = Очень ценим, что Вы нашли время для отзыва.
variety-line-23 = Команда магазина улыбается, читая это.
variety-line-24 = Хорошо, что покупка оправдала ожидания.
variety-greet-calm-1 = Здравствуйте!
variety-greet-calm-2 = Добрый день!
variety-greet-calm-3 = Здравствуйте, на связи команда магазина.
variety-greet-calm-4 = Добрый день, это команда магазина.
variety-greet-calm-named-1 = Здравствуйте, { $name }!
variety-greet-calm-named-2 = { $name }, добрый день!
variety-greet-calm-named-3 = Добрый день, { $name }!
variety-greet-calm-named-4 = { $name }, здравствуйте!
variety-line-calm-1 = Мы внимательно прочитали Ваш отзыв.
variety-line-calm-2 = Нам важно каждое мнение покупателей.
variety-line-calm-3 = Ваш отзыв помогает нам становиться лучше.
variety-line-calm-4 = Каждый такой отзыв для нас важен.
variety-line-calm-5 = Мы ценим Вашу откровенность.
variety-line-calm-6 = Ваше мнение очень важно для нас.
variety-line-calm-7 = Обратная связь помогает нам работать лучше.
variety-line-calm-8 = Мы учитываем каждый отзыв.
variety-line-calm-9 = Спасибо, что нашли время написать подробно.
variety-line-calm-10 = Мы разобрали каждый пункт Вашего отзыва.
variety-line-calm-11 = Такие отзывы мы обязательно обсуждаем в команде.
variety-line-calm-12 = Мы прислушиваемся к мнению покупателей.
variety-line-calm-13 = Отзыв прочитан и передан команде.
variety-line-calm-14 = Мы серьёзно относимся к каждому отзыву.
variety-line-calm-15 = Нам важно знать, как товар показал себя у покупателей.
variety-line-calm-16 = Ваши слова мы приняли к сведению.
