## Возвраты покупателей (заявки WB)

bot-channel-return = Возврат
bot-filter-return = Возвраты
admin-channel-return = Возвраты

admin-claim-status = Решение WB / статус товара
admin-claim-actions = действия, которые разрешает WB
admin-claim-order = заказ
admin-reply-claim-action = Возврат решается одним из действий WB в Telegram, а не текстовым ответом.

claim-action-approve1 = ✅ Одобрить (проверка брака на складе)
claim-action-approve2 = ✅ Одобрить, товар вернуть мне
claim-action-autorefund1 = 💸 Вернуть деньги, товар остаётся у покупателя
claim-action-approvecc1 = 🏬 Одобрить возврат в мой магазин
claim-action-confirmreturngoodcc1 = 📥 Товар получен
claim-action-reject1 = ❌ Отклонить: брак не обнаружен
claim-action-reject2 = ❌ Отклонить: нужны фото/видео
claim-action-reject3 = ❌ Отклонить: в сервисный центр
claim-action-rejectcustom = ✍️ Отклонить со своим комментарием

claim-from-chat = 💬 Заявка из чата с покупателем
claim-order = 💰 { $price } { $currency } · заказ { $order }
claim-status = 🏷 WB: { $status } · товар: { $item }
claim-status-0 = на рассмотрении
claim-status-1 = отклонена
claim-status-2 = одобрена
claim-item-0 = заявка на рассмотрении
claim-item-1 = остаётся у покупателя (отказ)
claim-item-2 = возвращается на склад WB
claim-item-5 = остаётся у покупателя (одобрено)
claim-item-8 = вернётся в продажу после проверки WB
claim-item-10 = возвращён продавцу
claim-wb-comment = 💭 WB покупателю: { $text }
claim-photo = фото { $n }
claim-video = видео
claim-meta = ⏱ решить до { $due }{ $links ->
    [0] {""}
   *[other] {" · 🔗 "}{ $links }
}
claim-no-actions = ☑️ Решать нечего: WB не предлагает действий по этой заявке.
claim-decision = Ваше решение: { $action } — { $stage }
claim-decision-comment = 💬 { $text }
claim-stage-sending = ⏳ отправляется…
claim-stage-sent = 📤 отправлено, ждём, когда WB покажет
claim-stage-confirmed = ✅ WB показывает решение
claim-stage-failed = ⚠️ не отправлено

claim-confirm = ✅ Подтвердить: { $action }
claim-comment-prompt = ✍️ { $action }: пришлите комментарий для покупателя (10–1000 символов). Ничего не уйдёт без вашего подтверждения.
claim-comment-check =
    { $action }. Покупатель прочитает:
    { $text }
    Подтвердите, чтобы отправить в WB.
claim-sent = 📤 Решение отправляется в WB.
claim-cancelled = ✖️ Отменено, ничего не отправлено.

bot-reply-claim-comment = ⛔ Этому действию нужен комментарий 10–1000 символов (комментарий принимают только «Отклонить со своим комментарием» и «Одобрить возврат в мой магазин»).
bot-reply-claim-action = ⛔ WB больше не предлагает это действие по заявке.
bot-reply-claim-manual = ⛔ Возвраты никогда не решаются автоматически.

analytics-link-claim-from-chat = Возврат оформлен из этого чата

enum-scope-return = возвраты
enum-audit-claim-decided = решение по возврату
enum-audit-question-hidden = вопрос скрыт

claim-draft-comment = ✍️ Ваш комментарий ждёт подтверждения:
    { $text }
