draft-autosend-rules = Правила автоответа изменились — посмотрите в /settings, что отправилось бы, и включите снова
autosend-replay-title = <b>🤖 Что отправилось бы автоответом за { $days } дн.</b>
autosend-replay-summary = Из { $reviews } { $reviews ->
    [one] отзыва
   *[other] отзывов
} автоответ отправил бы <b>{ $sent }</b> ({ $share }%). Остальные ждали бы вас.
autosend-replay-empty = За { $days } дн. отзывов не было — показать нечего. Автоответ будет отвечать только на однозначно положительные отзывы на 4–5★.
autosend-replay-sent-title = <b>Так бы ответили:</b>
autosend-replay-held-title = <b>Не отправилось бы:</b>
autosend-replay-held-line = { $count } — { $reason }
autosend-replay-templates = Черновики в примерах — шаблонные; с ИИ-черновиками при поступлении тексты будут другими.
autosend-replay-rules-changed = ⚠️ Правила автоответа изменились: он на паузе, пока вы не посмотрите, что он отправил бы теперь.
autosend-replay-btn-on = ✅ Включить автоответ
autosend-replay-btn-back = ↩️ Не включать
autosend-replay-btn-show = 🤖 Что отправилось бы за 30 дней
