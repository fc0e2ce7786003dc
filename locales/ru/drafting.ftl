# Reply templates: blocks the template drafter assembles (greeting, thanks, body, closing).
# Numbered keys are variants; add one by adding the next number. Never add promises, dates, prices or links here:
# every combination is checked against the guardrails by tests/core/test_drafting_templates.py.

draft-greet-named-1 = Здравствуйте, { $name }!
draft-greet-named-2 = Добрый день, { $name }!
draft-greet-named-3 = { $name }, здравствуйте!
draft-greet-1 = Здравствуйте!
draft-greet-2 = Добрый день!
draft-greet-3 = Приветствуем вас!

draft-thanks-review-positive-1 = Спасибо за высокую оценку и тёплый отзыв!
draft-thanks-review-positive-2 = Благодарим вас за отзыв и отличную оценку!
draft-thanks-review-positive-3 = Большое спасибо, что поделились впечатлениями!
draft-thanks-review-neutral-1 = Спасибо за ваш отзыв и оценку.
draft-thanks-review-neutral-2 = Благодарим вас за честный отзыв.
draft-thanks-review-neutral-3 = Спасибо, что поделились своим мнением.
draft-thanks-review-negative-1 = Спасибо, что рассказали о своём опыте.
draft-thanks-review-negative-2 = Благодарим вас за отзыв, даже если он не такой, как нам хотелось бы.
draft-thanks-review-negative-3 = Спасибо за откровенный отзыв.
draft-thanks-question-1 = Спасибо за ваш вопрос!
draft-thanks-question-2 = Благодарим за интерес к нашему товару!
draft-thanks-question-3 = Спасибо, что обратились с вопросом.
draft-thanks-chat-1 = Спасибо за ваше сообщение!
draft-thanks-chat-2 = Благодарим за обращение!

draft-body-review-positive-1 = Нам очень приятно, что покупка вам понравилась.
draft-body-review-positive-2 = Рады, что товар оправдал ваши ожидания.
draft-body-review-positive-3 = Такие отзывы очень вдохновляют нашу команду.
draft-body-review-positive-product-1 = Нам очень приятно, что покупка «{ $product }» вам понравилась.
draft-body-review-positive-product-2 = Рады, что товар «{ $product }» оправдал ваши ожидания.
draft-body-review-neutral-1 = Нам важно знать, что понравилось, а что можно сделать лучше.
draft-body-review-neutral-2 = Ваши замечания помогают нам улучшать товары.
draft-body-review-neutral-3 = Мы внимательно читаем каждый отзыв, в том числе с пожеланиями.
draft-body-review-neutral-product-1 = Нам важно знать, что понравилось в «{ $product }», а что можно сделать лучше.
draft-body-review-neutral-product-2 = Ваши замечания о «{ $product }» помогают нам улучшать товары.
draft-body-review-negative-1 = Нам очень жаль, что покупка не оправдала ваших ожиданий.
draft-body-review-negative-2 = Нам жаль, что впечатление от покупки оказалось испорчено.
draft-body-review-negative-3 = Приносим извинения за неприятные впечатления от покупки.
draft-body-review-negative-size-1 = Нам жаль, что размер не подошёл. Перед заказом рекомендуем сверять мерки с размерной таблицей в карточке товара.
draft-body-review-negative-size-2 = Очень жаль, что с размером не получилось. В карточке товара есть таблица размеров с параметрами изделия.
draft-body-review-negative-defect-1 = Нам очень жаль, что вам попался товар с недостатком. Такие сигналы помогают нам следить за качеством.
draft-body-review-negative-defect-2 = Приносим извинения за такую ситуацию с качеством. Спасибо, что обратили на это внимание.
draft-body-review-negative-delivery-1 = Нам жаль, что доставка омрачила впечатление. Доставкой заказов занимается Wildberries, и мы понимаем, как неприятно ждать.
draft-body-review-negative-delivery-2 = Очень жаль, что с доставкой возникли сложности. Нам важно, чтобы покупка радовала с самого начала.

draft-body-size-1 = Рекомендуем сверить ваши мерки с размерной таблицей в карточке товара: там указаны параметры каждого размера.
draft-body-size-2 = Подобрать размер поможет таблица размеров в карточке товара, в ней есть замеры изделия.
draft-body-size-product-1 = Рекомендуем сверить ваши мерки с размерной таблицей в карточке товара «{ $product }».
draft-body-delivery-1 = Доставкой заказов занимается Wildberries: актуальный статус заказа виден в личном кабинете в разделе «Доставки».
draft-body-delivery-2 = Сроки доставки рассчитывает Wildberries, они отображаются при оформлении заказа и в разделе «Доставки».
draft-body-return-1 = Вернуть товар можно через личный кабинет Wildberries в разделе «Покупки» по правилам площадки.
draft-body-return-2 = Возврат оформляется в личном кабинете Wildberries, в разделе «Покупки», по правилам площадки.
draft-body-defect-1 = Нам очень жаль, что так получилось. Спасибо, что сообщили: такие сигналы помогают нам следить за качеством.
draft-body-defect-2 = Приносим извинения за эту ситуацию. Нам важно знать о каждом таком случае.
draft-body-availability-1 = Актуальное наличие цветов и размеров всегда видно в карточке товара.
draft-body-availability-2 = Наличие меняется, поэтому точнее всего его показывает карточка товара. Добавьте товар в избранное, чтобы не пропустить его появление.
draft-body-availability-product-1 = Актуальное наличие «{ $product }» всегда видно в карточке товара.
draft-body-usage-1 = Рекомендации по использованию и уходу указаны в описании товара, а также на упаковке или ярлыке.
draft-body-usage-2 = Советуем ознакомиться с описанием и информацией на упаковке перед первым использованием: там собраны рекомендации по применению.
draft-body-usage-product-1 = Рекомендации по использованию «{ $product }» указаны в описании товара и на упаковке.
draft-body-other-1 = Подробные характеристики, состав и описание указаны в карточке товара.
draft-body-other-2 = Основная информация о товаре собрана в его описании и характеристиках.
draft-body-other-product-1 = Подробные характеристики «{ $product }» указаны в карточке товара.

draft-close-review-positive-1 = Будем рады видеть вас снова!
draft-close-review-positive-2 = Приятных покупок и хорошего настроения!
draft-close-review-positive-3 = Спасибо, что выбираете нас!
draft-close-review-neutral-1 = Хорошего дня!
draft-close-review-neutral-2 = Всего доброго!
draft-close-review-negative-1 = Надеемся, что следующая покупка оставит только приятные впечатления.
draft-close-review-negative-2 = Всего доброго!
draft-close-review-negative-3 = Спасибо, что помогаете нам становиться лучше.
draft-close-question-1 = Хорошего дня!
draft-close-question-2 = Приятных покупок!
draft-close-question-3 = Всего доброго!
draft-close-chat-1 = Хорошего дня!
draft-close-chat-2 = Всего доброго!

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
