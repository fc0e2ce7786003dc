# Reply templates: the frame the template drafter assembles (greeting, thanks, a body when nothing specific was
# raised, closing). Numbered keys are variants; add one by adding the next number. Never add promises, dates,
# prices or links here, nor «обмен» (WB has returns only): every combination is checked by the drafting tests.
# What a good seller says per need, apology and situation is in drafting_needs.ftl.

# Warm greetings: only when the buyer is not unhappy (a 1–3★ review or a complaint gets a calm one).
draft-greet-named-1 = Здравствуйте, { $name }!
draft-greet-named-2 = Добрый день, { $name }!
draft-greet-named-3 = { $name }, здравствуйте!
draft-greet-1 = Здравствуйте!
draft-greet-2 = Добрый день!
draft-greet-3 = Приветствуем вас!
draft-greet-calm-named-1 = Здравствуйте, { $name }.
draft-greet-calm-named-2 = Добрый день, { $name }.
draft-greet-calm-1 = Здравствуйте.
draft-greet-calm-2 = Добрый день.
draft-greet-friendly-named-1 = { $name }, привет!
draft-greet-friendly-named-2 = { $name }, добрый день!
draft-greet-friendly-1 = Привет!
draft-greet-friendly-2 = Добрый день!

# Thanks that match what was said: for praise, for a plain review, for a question or a message.
draft-thanks-review-praise-1 = Спасибо за такой тёплый отзыв!
draft-thanks-review-praise-2 = Спасибо за добрые слова!
draft-thanks-review-praise-3 = Благодарим за отзыв и высокую оценку!
draft-thanks-review-positive-1 = Спасибо за отзыв!
draft-thanks-review-positive-2 = Спасибо, что поделились впечатлениями!
draft-thanks-review-positive-3 = Благодарим за отзыв!
draft-thanks-review-neutral-1 = Спасибо за отзыв.
draft-thanks-review-neutral-2 = Спасибо, что поделились мнением.
draft-thanks-question-1 = Спасибо за вопрос!
draft-thanks-question-2 = Благодарим за вопрос!
draft-thanks-chat-1 = Спасибо, что написали!
draft-thanks-chat-2 = Спасибо за сообщение!

# A body only when the buyer raised nothing specific.
draft-body-review-positive-1 = Рады, что покупка понравилась.
draft-body-review-positive-2 = Приятно, что товар оправдал ожидания.
draft-body-review-positive-3 = Нам очень приятно читать такие отзывы.
draft-body-review-neutral-1 = Ваши замечания помогают нам становиться лучше.
draft-body-review-neutral-2 = Мы внимательно читаем каждый отзыв и учтём ваше мнение.
draft-body-review-negative-1 = Ваш отзыв мы учтём; расскажите, пожалуйста, в чате с продавцом на Wildberries, что именно не понравилось, — мы разберёмся.
draft-body-review-negative-2 = Мы передадим отзыв команде, а если напишете в чате с продавцом на Wildberries, что именно не так, — внимательно разберёмся.
draft-body-delivery-1 = Доставкой заказов занимается Wildberries: статус заказа виден в приложении, в разделе «Доставки».
draft-body-delivery-2 = Сроки доставки рассчитывает Wildberries, они видны при оформлении заказа и в разделе «Доставки».
draft-body-return-1 = Отказаться от товара можно в приложении Wildberries, в разделе «Покупки», по правилам площадки.
draft-body-return-2 = Оформить отказ от товара можно в разделе «Покупки» приложения Wildberries по правилам площадки.
draft-body-availability-1 = Наличие размеров и цветов видно в карточке товара; добавьте товар в избранное, чтобы не пропустить поступление.
draft-body-availability-2 = Актуальное наличие всегда показывает карточка товара, а избранное подскажет, когда товар появится.
draft-body-chat-positive-1 = Спасибо за тёплые слова, нам очень приятно!
draft-body-chat-positive-2 = Спасибо, что написали, нам очень приятно!
draft-body-chat-1 = Спасибо, что написали! Подскажите, пожалуйста, чем мы можем помочь?
draft-body-chat-2 = Спасибо за сообщение! Расскажите, пожалуйста, чем мы можем помочь.

draft-close-review-positive-1 = Будем рады видеть вас снова!
draft-close-review-positive-2 = Приятных покупок!
draft-close-review-positive-3 = Хорошего дня!
draft-close-review-neutral-1 = Хорошего дня!
draft-close-review-neutral-2 = Всего доброго!
draft-close-review-negative-1 = Всего доброго.
draft-close-review-negative-2 = Надеемся, следующая покупка порадует вас.
draft-close-question-1 = Хорошего дня!
draft-close-question-2 = Приятных покупок!
draft-close-chat-1 = Хорошего дня!
draft-close-chat-2 = Всего доброго!
draft-close-friendly-1 = Хорошего дня!
draft-close-friendly-2 = Всегда рады помочь!
draft-signature-brand = С уважением, команда { $brand }.

# Labels shown to the seller on the card.
draft-origin-template = Шаблон
draft-origin-llm = LLM
draft-origin-fallback = Шаблон (LLM недоступна)
draft-origin-seller = Текст продавца
draft-blocked = Черновик не прошёл проверку, отправить его нельзя:
draft-intent-size = Размер
draft-intent-delivery = Доставка
draft-intent-return = Возврат
draft-intent-defect = Брак
draft-intent-availability = Наличие
draft-intent-usage = Использование
draft-intent-other = Другое
draft-autosend-ok = Подходит для автоответа
draft-autosend-disabled = Автоответ выключен в настройках
draft-autosend-channel = Автоответ только для отзывов
draft-autosend-rating = Автоответ только для отзывов на 4–5★
draft-autosend-text = В отзыве есть текст, который не выглядит однозначно положительным
draft-autosend-guardrails = Черновик не прошёл проверку
draft-autosend-link = Связь с другим обращением недостаточно надёжна
draft-needs-answer = Нужен ваш ответ: «{ $asked }»
