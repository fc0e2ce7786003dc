# What a good seller says: one early apology for the buyer's main problem, then one sentence per need (needs that
# share a WB route are said once), each true on Wildberries today and promising nothing the seller cannot do.
# No «обмен» (WB has returns only); no claims about photos, packaging, warranty or stock (only the seller's own
# product facts say such things). Refund words appear only in `draft-need-return-raised-*`, used when the buyer
# raised it. Every combination is checked against the guardrails by tests/core/test_drafting_needs.py.

draft-sorry-size-1 = Жаль, что размер не подошёл.
draft-sorry-size-2 = Очень жаль, что с размером не получилось.
draft-sorry-defect-1 = Приносим извинения за брак: такого быть не должно.
draft-sorry-defect-2 = Простите, что попался товар с дефектом.
draft-sorry-wrong_item-1 = Простите за путаницу с заказом.
draft-sorry-wrong_item-2 = Приносим извинения: пришёл не тот товар, которого вы ждали.
draft-sorry-incomplete-1 = Простите, что комплект пришёл неполным.
draft-sorry-incomplete-2 = Приносим извинения за неполный комплект.
draft-sorry-delivery-1 = Простите за неудобства с доставкой.
draft-sorry-delivery-2 = Простите, что заказ так долго идёт.
draft-sorry-wait-1 = Простите за ожидание, понимаем, как это неприятно.
draft-sorry-wait-2 = Простите, что ожидание затянулось.
draft-sorry-quality-1 = Жаль, что качество не оправдало ожиданий.
draft-sorry-quality-2 = Простите, что качество разочаровало вас.
draft-sorry-smell-1 = Простите за неприятный запах.
draft-sorry-smell-2 = Жаль, что запах испортил впечатление.
draft-sorry-colour-1 = Жаль, что оттенок оказался не таким, как вы ждали.
draft-sorry-colour-2 = Простите, что цвет отличается от ожидаемого.
draft-sorry-packaging-1 = Простите, что упаковка пострадала.
draft-sorry-packaging-2 = Жаль, что заказ пришёл в помятой упаковке.
draft-sorry-claim-1 = Простите, что так вышло, понимаем ваше разочарование.
draft-sorry-claim-2 = Нам очень жаль, что ситуация затянулась.
draft-sorry-empty_box-1 = Приносим извинения: такого быть не должно.
draft-sorry-empty_box-2 = Простите за эту ситуацию, она недопустима.
draft-sorry-used-1 = Приносим извинения: такой товар не должен был к вам попасть.
draft-sorry-used-2 = Простите, такого быть не должно.
draft-sorry-harm-1 = Нам очень жаль, что так произошло.
draft-sorry-harm-2 = Нам очень жаль это читать.
draft-sorry-fit-1 = Жаль, что товар не подошёл.
draft-sorry-fit-2 = Простите, что товар не подошёл.
draft-sorry-generic-1 = Нам жаль, что покупка расстроила вас.
draft-sorry-generic-2 = Простите за неприятные впечатления от покупки.

# Size advice by the product's kind: clothes by body measurements, shoes by foot length, nothing for gadgets.
draft-need-size-clothes-small-1 = Перед заказом советуем сверять свои мерки с таблицей размеров в карточке и при сомнениях брать размер больше.
draft-need-size-clothes-small-2 = В следующий раз ориентируйтесь на таблицу размеров в карточке: сверьте с ней обхваты груди, талии и бёдер.
draft-need-size-clothes-large-1 = Перед заказом советуем сверять свои мерки с таблицей размеров в карточке: возможно, подойдёт размер меньше.
draft-need-size-clothes-large-2 = Подобрать посадку точнее поможет таблица размеров в карточке: сверьте с ней обхваты груди, талии и бёдер.
draft-need-size-clothes-advice-1 = Советуем сверить свои мерки (обхват груди, талии и бёдер) с таблицей размеров в карточке товара.
draft-need-size-clothes-advice-2 = Подобрать размер поможет таблица в карточке товара: сравните с ней свои обхваты груди, талии и бёдер.
draft-need-size-shoes-small-1 = Перед заказом советуем измерить длину стопы и сверить её с таблицей размеров в карточке: если стопа на границе, берите размер больше.
draft-need-size-shoes-small-2 = Точнее всего размер подскажет длина стопы в сантиметрах: сверьте её с длиной стельки в таблице размеров.
draft-need-size-shoes-large-1 = Перед заказом советуем измерить длину стопы и сверить её с длиной стельки в таблице размеров: возможно, подойдёт размер меньше.
draft-need-size-shoes-large-2 = Точнее всего размер подскажет длина стопы в сантиметрах: сверьте её с таблицей размеров в карточке.
draft-need-size-shoes-advice-1 = Измерьте длину стопы в сантиметрах и сверьте её с длиной стельки в таблице размеров в карточке товара.
draft-need-size-shoes-advice-2 = Лучше всего ориентироваться на длину стопы: сравните её с длиной стельки в таблице размеров.
draft-need-size-tip-1 = Спасибо за подсказку о размере: она поможет другим покупателям.
draft-need-size-tip-2 = Ваш совет по размеру пригодится другим покупателям.

# The claim route: defect, wrong item, missing part, a faulty gadget, an empty box, a used item — said once.
draft-need-claim-defect-1 = Оформить заявку на брак можно в приложении Wildberries, в разделе «Покупки»: приложите фото дефекта.
draft-need-claim-defect-2 = Заявку на товар с дефектом можно оформить в разделе «Покупки» личного кабинета Wildberries, с фото.
draft-need-claim-wrong_item-1 = Заявку на товар, который не совпал с заказом, можно оформить в разделе «Покупки» приложения Wildberries.
draft-need-claim-wrong_item-2 = Оформите, пожалуйста, заявку в разделе «Покупки» личного кабинета Wildberries и приложите фото товара.
draft-need-claim-incomplete-1 = Заявку на неполный комплект можно оформить в разделе «Покупки» приложения Wildberries, с фото.
draft-need-claim-incomplete-2 = Оформите, пожалуйста, заявку в разделе «Покупки» личного кабинета Wildberries и приложите фото комплекта.
draft-need-claim-faulty-1 = Если товар не работает, оформите заявку в разделе «Покупки» приложения Wildberries: площадка проверит его.
draft-need-claim-faulty-2 = Заявку на неисправный товар можно оформить в разделе «Покупки» личного кабинета Wildberries.
draft-need-claim-empty_box-1 = Оформите, пожалуйста, заявку в разделе «Покупки» приложения Wildberries и приложите фото коробки и упаковки.
draft-need-claim-empty_box-2 = Заявку можно оформить в разделе «Покупки» личного кабинета Wildberries, с фото упаковки.
draft-need-claim-used-1 = Оформите, пожалуйста, заявку в разделе «Покупки» приложения Wildberries с фото, а мы проверим товар на складе.
draft-need-claim-used-2 = Заявку можно оформить в разделе «Покупки» личного кабинета Wildberries, приложив фото.
draft-need-claim-generic-1 = Оформить заявку можно в разделе «Покупки» приложения Wildberries, приложив фото.
draft-need-claim-generic-2 = Заявку по товару можно оформить в разделе «Покупки» личного кабинета Wildberries.
draft-need-return-raised-1 = Оформить возврат можно в приложении Wildberries, в разделе «Покупки», по правилам площадки.
draft-need-return-raised-2 = Возврат оформляется в разделе «Покупки» личного кабинета Wildberries по правилам площадки.
draft-need-return-1 = Отказаться от товара можно в приложении Wildberries, в разделе «Покупки», по правилам площадки.
draft-need-return-2 = Оформить отказ от товара можно в разделе «Покупки» личного кабинета Wildberries по правилам площадки.

# Where the buyer already is (core.reading.Situation).
draft-need-refund_pending-1 = Wildberries обычно зачисляет деньги в течение 10 рабочих дней после того, как товар принят на складе; статус видно в приложении, в разделах «Покупки» и «Финансы».
draft-need-refund_pending-2 = Деньги от Wildberries, как правило, приходят в течение 10 рабочих дней после приёмки товара; следить за статусом можно в разделах «Покупки» и «Финансы».
draft-need-claim_rejected-1 = Решение Wildberries по заявке можно оспорить: создайте обращение в приложении Wildberries или подайте заявку повторно с фото и подробным описанием.
draft-need-claim_rejected-2 = Если заявку отклонили, можно подать её повторно с фото и описанием дефекта или оспорить решение через обращение в приложении Wildberries.
draft-need-return_refused_at_pickup-1 = Если пункт выдачи не принял товар, оформите заявку на проверку в разделе «Покупки» с фото или создайте обращение в приложении Wildberries: такие случаи решает площадка.
draft-need-return_refused_at_pickup-2 = Когда пункт выдачи отказывается принять товар, помогает заявка в разделе «Покупки» или обращение в приложении Wildberries с фото и описанием: спорные случаи рассматривает площадка.
draft-need-not_received-1 = Проверьте историю заказа в разделе «Доставки»; если он отмечен полученным, а вы его не забирали, создайте обращение в приложении Wildberries — выдачу проверяет площадка.
draft-need-not_received-2 = Историю заказа видно в разделе «Доставки»; если заказ отмечен полученным, но до вас не дошёл, создайте обращение в приложении Wildberries.
draft-need-order_stuck-1 = Доставкой занимается Wildberries: статус и историю заказа видно в разделе «Доставки», а если статус долго не меняется, создайте обращение в приложении Wildberries.
draft-need-order_stuck-2 = Заказ везёт Wildberries; если в разделе «Доставки» статус давно не менялся, создайте обращение в приложении Wildberries.
draft-need-cancel_or_change-1 = Отменить заказ можно в разделе «Доставки», пока его не передали в доставку; изменить оформленный заказ мы не можем, поэтому проще отменить его и оформить новый.
draft-need-cancel_or_change-2 = Изменить оформленный заказ продавец не может; отменить его можно в разделе «Доставки», пока он не передан в доставку, и затем оформить новый.
draft-need-discount_request-1 = Индивидуальных скидок мы, к сожалению, не даём: актуальная цена и акции всегда видны в карточке товара.
draft-need-discount_request-2 = Персональных скидок у нас нет, но цена в карточке товара учитывает все действующие акции Wildberries.
draft-need-off_platform_contact-1 = Правила Wildberries не позволяют общаться вне площадки, поэтому ответим здесь, в чате Wildberries.
draft-need-off_platform_contact-2 = По правилам Wildberries переписка с покупателями идёт только на площадке: задавайте вопросы здесь, мы ответим.
draft-need-abuse-1 = Нам жаль, что ситуация вас расстроила. Расскажите, пожалуйста, что случилось с заказом, — мы готовы разобраться.
draft-need-abuse-2 = Нам жаль, что так вышло, и мы готовы помочь. Опишите, пожалуйста, что именно произошло с товаром.
draft-need-wb_chat_opener-1 = Подскажите, пожалуйста, какой у вас вопрос по товару? С радостью поможем.
draft-need-wb_chat_opener-2 = Какой у вас вопрос по товару? Мы на связи и поможем.
draft-need-harm-1 = Если есть симптомы, пожалуйста, обратитесь к врачу; подробности можно описать в чате с продавцом на Wildberries, мы внимательно разберёмся.
draft-need-harm-2 = Пожалуйста, берегите здоровье и при симптомах обратитесь к врачу; подробности опишите в чате с продавцом на Wildberries, чтобы мы разобрались.
draft-need-legal-1 = Пожалуйста, опишите подробности в чате с продавцом на Wildberries: мы готовы разобраться в ситуации.
draft-need-legal-2 = Мы готовы разобраться и найти решение; подробности можно описать в чате с продавцом на Wildberries.

# Other needs.
draft-need-counterfeit-1 = Нам важно, чтобы в подлинности не было сомнений: мы проверим эту партию.
draft-need-counterfeit-2 = Понимаем ваши сомнения и проверим эту партию товара.
draft-need-quality-1 = ваше замечание о качестве и материале мы учтём и передадим на производство.
draft-need-quality-2 = Мы учтём замечание о материале и качестве и передадим его производству.
draft-need-smell-clothes-1 = Запах новой ткани обычно уходит после проветривания или первой стирки.
draft-need-smell-clothes-2 = Обычно такой запах новых материалов уходит после проветривания.
draft-need-smell-tech-1 = Запах нового пластика обычно уходит за несколько дней, если дать изделию проветриться.
draft-need-smell-tech-2 = Как правило, запах новых материалов выветривается за несколько дней.
draft-need-smell-cosmetics-1 = Мы передадим замечание об аромате производителю.
draft-need-smell-cosmetics-2 = Замечание об аромате мы учтём и передадим производителю.
draft-need-colour-1 = Оттенок на экране может немного отличаться от реального; замечание мы учтём.
draft-need-colour-2 = На разных экранах цвет передаётся по-разному; ваше замечание мы учтём.
draft-need-packaging-1 = Передадим это на склад, чтобы заказы упаковывали надёжнее.
draft-need-packaging-2 = Мы проверим, как собираются и упаковываются заказы.
draft-need-delivery-1 = Доставкой занимается Wildberries, но нам важно, чтобы заказ приходил вовремя и целым.
draft-need-delivery-2 = Доставку выполняет Wildberries; статус заказа всегда видно в разделе «Доставки».
draft-need-delivery-question-1 = Срок доставки в ваш город Wildberries показывает при оформлении заказа.
draft-need-delivery-question-2 = Точный срок доставки виден при оформлении заказа: его рассчитывает Wildberries.
draft-need-price-1 = Понимаем, что цена важна, и учтём ваше мнение.
draft-need-price-2 = Спасибо за мнение о цене, мы его учтём.
draft-need-care-clothes-1 = Рекомендации по уходу и стирке указаны на ярлыке изделия.
draft-need-care-clothes-2 = Советуем стирать изделие по рекомендациям по уходу на ярлыке.
draft-need-availability-1 = Наличие размеров и цветов видно в карточке товара; добавьте товар в избранное, чтобы не пропустить поступление.
draft-need-availability-2 = Актуальное наличие показывает карточка товара, а избранное подскажет, когда он появится.
draft-need-compatibility-1 = Перед заказом советуем сверять характеристики в карточке с вашей моделью.
draft-need-compatibility-2 = Совместимость лучше проверить заранее: сверьте характеристики в карточке со своей моделью.
draft-need-praise_quality-1 = Приятно, что вы оценили качество.
draft-need-praise_quality-2 = Здорово, что качество вас порадовало.
draft-need-praise_fit-1 = Здорово, что размер подошёл.
draft-need-praise_fit-2 = Отлично, что посадка оказалась удачной.
draft-need-praise_delivery-1 = Хорошо, что заказ пришёл быстро.
draft-need-praise_delivery-2 = Приятно, что доставка не подвела.
draft-need-praise_value-1 = Приятно, что покупка оказалась выгодной.
draft-need-praise_value-2 = Здорово, что цена порадовала.

# A question the templates and the seller's facts cannot answer: an honest holding line (the card asks the seller).
draft-need-unknown-1 = Уточним эту информацию и дополним ответ.
draft-need-unknown-2 = Эту информацию мы уточняем, чтобы ответить точно.
draft-need-unknown-chat-1 = Уточним информацию и ответим вам здесь.
draft-need-unknown-chat-2 = Сейчас уточним и вернёмся с ответом в этом чате.
# …naming what the buyer asked, so the buyer sees the question was understood.
draft-need-unknown-compat-1 = Уточним совместимость с вашей моделью и дополним ответ.
draft-need-unknown-compat-2 = Проверим, подойдёт ли товар к вашей модели, и дополним ответ.
draft-need-unknown-usage-1 = Уточним рекомендации по использованию и уходу и дополним ответ.
draft-need-unknown-usage-2 = Уточним, как лучше использовать товар и ухаживать за ним, и дополним ответ.
draft-need-unknown-colour-1 = Уточним, насколько оттенок на фото совпадает с реальным цветом, и дополним ответ.
draft-need-unknown-colour-2 = Проверим, как цвет на фото передаёт реальный оттенок, и дополним ответ.
draft-need-unknown-smell-1 = Уточним, есть ли у товара запах, и дополним ответ.
draft-need-unknown-smell-2 = Проверим, есть ли у товара запах, и дополним ответ.
draft-need-unknown-origin-1 = Уточним сведения о производителе и сертификатах и дополним ответ.
draft-need-unknown-origin-2 = Проверим документы производителя и сертификаты и дополним ответ.
draft-need-unknown-packaging-1 = Уточним, как упакован товар, и дополним ответ.
draft-need-unknown-packaging-2 = Проверим, в какой упаковке приходит товар, и дополним ответ.
draft-need-unknown-warranty-1 = Уточним условия гарантии и дополним ответ.
draft-need-unknown-warranty-2 = Проверим, какая гарантия действует на товар, и дополним ответ.
draft-need-unknown-composition-1 = Уточним точный состав и материал и дополним ответ.
draft-need-unknown-composition-2 = Проверим состав и материал изделия и дополним ответ.
draft-need-unknown-dimensions-1 = Уточним точные размеры и дополним ответ.
draft-need-unknown-dimensions-2 = Проверим точные размеры изделия в см и дополним ответ.
draft-need-unknown-in_box-1 = Уточним комплектацию и дополним ответ.
draft-need-unknown-in_box-2 = Проверим, что входит в комплект, и дополним ответ.

# The seller's own product fact, as written.
draft-fact-1 = { $fact }

# Size advice when the product's kind is not known.
draft-need-size-other-advice-1 = Подобрать размер поможет таблица размеров в карточке товара: сверьте с ней свои параметры.
draft-need-size-other-advice-2 = Советуем перед заказом сверять свои параметры с таблицей размеров в карточке товара.
