## Что видит продавец: время, часовые пояса, длительности, экран настроек (issue #15)

tz-europe-kaliningrad = Калининград
tz-europe-moscow = Москва
tz-europe-samara = Самара
tz-asia-yekaterinburg = Екатеринбург
tz-asia-omsk = Омск
tz-asia-novosibirsk = Новосибирск
tz-asia-irkutsk = Иркутск
tz-asia-yakutsk = Якутск
tz-asia-vladivostok = Владивосток
tz-asia-magadan = Магадан
tz-asia-kamchatka = Камчатка
tz-europe-minsk = Минск
tz-asia-almaty = Алматы
tz-asia-tashkent = Ташкент
tz-utc = UTC
tz-label = { $name } ({ $offset })

duration-min = { $m } мин
duration-h = { $h } ч
duration-hm = { $h } ч { $m } мин
duration-d = { $d } д
duration-dh = { $d } д { $h } ч

settings-on = вкл
settings-off = выкл
settings-language-name = Русский
bot-settings-screen =
    ⚙️ <b>Настройки</b>

    🌐 <b>Язык</b>: { $language }
    🕒 <b>Часовой пояс</b>: { $zone } — в нём показаны все времена и считается рабочее время для SLA
    ⏳ <b>Ожидание WB</b>: { $window } — столько ждём, пока отправленный ответ появится на WB
    ✍️ <b>Черновик сразу</b>: { $auto_draft }
    🤖 <b>Автоответ</b> на положительные отзывы 4–5★: { $auto_send }
    🔔 <b>Карточки</b>: { $channels }; отзывы с оценкой до { $rating }★

    ✅ — выбрано сейчас, ❌ — выключено.
bot-settings-btn-zone = 🕒 { $zone } ›
bot-settings-btn-window = ⏳ { $window }
bot-settings-btn-rating = до { $rating }★
bot-settings-btn-back = ‹ Назад
bot-settings-zone-title = 🕒 <b>Часовой пояс</b>: сейчас { $zone }. Выберите свой:

admin-zone = Часовой пояс
admin-zone-apply = Показать
admin-seller-zone = Часовой пояс продавца
admin-save = Сохранить

bot-stage-overdue = ⏰ Просрочено на { $late } — ответьте сейчас
bot-stage-delivered = ✅ Доставлено в чат покупателя
bot-stage-expired = ⚠️ Ответ не появился на WB за { $window }. Проверьте в кабинете WB; если его там нет — ответьте снова.
bot-card-sent = 💬 <b>Отправленный ответ</b> ({ $who }):
bot-card-answer-elsewhere = 💬 <b>Ответ из кабинета WB</b>:
bot-sent-by-auto = автоматически
bot-sent-by-web = из веб-админки
bot-sent-by-unknown = участник команды

bot-preview-title = 👀 <b>Проверьте ответ</b> — он ещё не отправлен:
bot-preview-hint = «Отправить» — в WB, «Изменить ещё раз» — прислать другой текст, «Отмена» — ничего не отправлять.
bot-preview-cancelled = ✖️ Отменено, ничего не отправлено.
bot-btn-send = ✅ Отправить
bot-btn-edit-again = ✏️ Изменить ещё раз
bot-btn-unskip = ↩️ Вернуть в очередь
