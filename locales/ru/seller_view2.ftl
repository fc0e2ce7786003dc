# Issue 29: the seller's view, second pass.
sv-card-nm-only = 📦 арт. { $nm_id }
# A response time under a minute (the admin shows 26 s; "0 мин" would say nothing).
duration-s = { $s } с
# The album's first caption line: which item the buyer's photos belong to.
sv-media-about = 📎 К карточке: { $channel } · { $product } · арт. { $nm_id }
# Admin: WB's currency codes and the link reasons of a buyer's timeline.
sv-currency-643 = ₽
enum-link-reason-supplement = дополнение к отзыву
enum-link-reason-same-buyer-id = тот же покупатель в чате
enum-link-reason-same-order = тот же заказ
enum-link-reason-claim-from-chat = заявка из этого чата
enum-link-reason-same-buyer-product = то же имя на том же товаре
enum-link-reason-chat-names-product = чат называет этот товар
enum-link-reason-similar-buyer = похожее имя на том же товаре
enum-reply-action-hide = скрыт от покупателей
# CSV export column titles (core.exports.CsvFormat).
export-col-id = ID
export-col-seller-id = Продавец (ID)
export-col-channel = Канал
export-col-external-id = ID в WB
export-col-occurred-at = Получено
export-col-nm-id = Артикул WB
export-col-product-name = Товар
export-col-supplier-article = Артикул продавца
export-col-brand = Бренд
export-col-buyer-name = Покупатель
export-col-rating = Оценка
export-col-text = Текст
export-col-pros = Достоинства
export-col-cons = Недостатки
export-col-topics = Темы
export-col-situations = Ситуации
export-col-mood = Настроение
export-col-reply-language = Язык ответа
export-col-product-kind = Вид товара
export-col-intent = Намерение
export-col-status = Статус
export-col-priority = Приоритет
export-col-due-at = Срок ответа
export-col-first-response-at = Первый ответ
export-col-answer = Ответ в WB
export-col-answer-state = Состояние ответа
export-col-reply-text = Текст ответа
export-col-reply-status = Статус ответа
export-col-reply-via = Способ отправки
export-col-reply-by = Кто ответил
export-col-reply-sent-at = Ответ отправлен
# The demo's onboarding: the WB sandbox store's token as a button.
sv-demo-token-btn = 🧪 Подключить демо-магазин (песочница WB)
