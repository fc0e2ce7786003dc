## Telegram-бот

bot-channel-review = Отзыв
bot-channel-question = Вопрос
bot-channel-chat = Чат

bot-card-product = 📦 { $product } · арт. { $nm_id }
bot-card-no-product = товар не указан
bot-card-buyer = 👤 { $name }
bot-card-truncated = … [сокращено]
bot-card-no-text = (без текста)
bot-card-pros = ➕ { $text }
bot-card-cons = ➖ { $text }
bot-card-meta = ⏱ { $priority } · ответить до { $due }{ $links ->
    [0] {""}
   *[other] {" · 🔗 "}{ $links }
}
bot-card-draft = <b>Черновик</b> ({ $origin }):
bot-card-draft-blocked = ⛔ <b>Этот черновик нельзя отправить:</b>
bot-card-auto-sent = 🤖 Отправлено автоматически

bot-origin-llm = ИИ
bot-origin-template = шаблон
bot-origin-fallback = запасной шаблон
bot-origin-seller = ваш

bot-priority-urgent = срочно
bot-priority-high = высокий
bot-priority-normal = обычный
bot-priority-low = низкий

bot-stage-new = 🆕 Нужен ответ
bot-stage-drafted = ✍️ Черновик готов
bot-stage-sending = ⏳ Отправляем…
bot-stage-sent = 📤 Отправлено, ждём появления на WB
bot-stage-published = ✅ Опубликовано
bot-stage-moderation = 🕵️ На модерации WB
bot-stage-rejected = ❌ WB отклонил ответ: { $reason }
bot-stage-failed = ⚠️ Не отправлено: { $reason }
bot-stage-answered_elsewhere = ☑️ Ответили в другом месте (кабинет WB)
bot-stage-skipped = ⏭ Пропущено

bot-btn-draft = ✍️ Черновик
bot-btn-reply = 💬 Ответить
bot-btn-skip = ⏭ Пропустить
bot-btn-approve = ✅ Отправить
bot-btn-edit = ✏️ Изменить
bot-btn-regenerate = 🔄 Другой вариант
bot-btn-cancel = ✖️ Отмена
bot-btn-timeline = 🧵 История
bot-btn-product = 🛍 Товар
bot-btn-remove = Удалить { $name }

bot-filter-all = Все
bot-filter-review = Отзывы
bot-filter-question = Вопросы
bot-filter-chat = Чаты

bot-choose-language = Выберите язык / Choose your language
bot-ask-token =
    Пришлите токен API WB (категории «Вопросы и отзывы», «Чат с покупателями», «Возвраты покупателями» — любые из них).
    Я сразу удалю сообщение, а токен сохраню в зашифрованном виде.
bot-token-ok =
    ✅ Токен подключён: { $token }
    Доступ: { $channels }
    Действует до: { $expires }
bot-token-no-expiry = не указано
bot-token-invalid = ❌ WB не принял этот токен. Проверьте его и пришлите снова.
bot-token-expired = ❌ Срок действия токена истёк. Создайте новый в кабинете WB и пришлите его.
bot-token-no-scope = ❌ Токен не даёт доступа ни к отзывам и вопросам, ни к чатам, ни к возвратам.
bot-token-unreachable = ⚠️ WB не ответил. Пришлите токен ещё раз через минуту.
bot-joined = 👋 Вы в команде { $seller }. Новые отзывы, вопросы и чаты будут приходить сюда.
bot-welcome-back = 👋 С возвращением. /inbox — что ждёт ответа, /help — все команды.
bot-start-first = Отправьте /start, чтобы начать.
bot-unknown = Не понял. /help — список команд.

bot-backfill-title = 🔄 Первая загрузка
bot-backfill-line = { $channel }: { $count } — { $state }
bot-backfill-running = загружаем
bot-backfill-done = готово
bot-backfill-finished = ✅ Всё загружено. Новое будет приходить карточками.

bot-edit-prompt = ✏️ Пришлите исправленный текст ответа.
bot-reply-prompt = 💬 Пришлите текст ответа.
bot-edit-sent = ✅ Отправлено в WB.
bot-reply-answered = ⛔ На это обращение уже ответили.
bot-reply-in-flight = ⏳ Другой ответ на это обращение уже отправляется.
bot-blocked = ⛔ Этот текст не отправлен:

bot-timeline-title = 🧵 <b>История покупателя</b>
bot-timeline-empty = 🧵 Связанных обращений пока нет.
bot-timeline-link = ({ $confidence }%)

bot-inbox-title = 📥 <b>Входящие</b>: открыто { $total }
bot-inbox-empty = 📥 Ничего не ждёт ответа.

bot-stats-title = 📊 <b>Статистика</b>
bot-stats-today = Сегодня
bot-stats-7d = 7 дней
bot-stats-30d = 30 дней
bot-stats-line =
    <b>{ $period }</b>: получено { $received }, отвечено { $answered }
    медиана первого ответа { $median }, SLA соблюдён { $sla }

bot-settings-auto-draft = Черновик сразу
bot-settings-auto-send = Автоответ на 4–5★
bot-settings-notify-reviews = Отзывы
bot-settings-notify-questions = Вопросы
bot-settings-notify-chats = Чаты
bot-settings-saved = Сохранено

bot-invite =
    Отправьте ссылку оператору (действует 48 часов, один раз):
    { $link }
    Или код: <code>{ $code }</code>
bot-invite-invalid = ❌ Приглашение не найдено, уже использовано или истекло.
bot-members-title = 👥 <b>Команда</b>
bot-role-owner = владелец
bot-role-operator = оператор
bot-member-removed = { $name } удалён(а)

bot-denied-not-member = ⛔ Вы не состоите в команде этого продавца.
bot-denied-stale = ⛔ Кнопка устарела или не ваша.
bot-denied-owner-only = ⛔ Это может только владелец.

bot-help =
    <b>AgentIQ</b> — отзывы, вопросы и чаты покупателей Wildberries.
    Каждое новое обращение приходит карточкой: «Черновик» → «Отправить» отправляет ответ в WB; «Изменить» — поправить текст.
    /inbox — что ждёт ответа
    /stats — сегодня, 7 и 30 дней
    /digest [week] — сводка: получено, отвечено, SLA, главные темы
    /export [дней] — CSV с обращениями и ответами (владелец)
    /settings — язык, окно ожидания, авточерновик, автоответ, уведомления
    /members, /invite — команда (владелец)
    /connect — подключить новый токен WB (владелец)

bot-cmd-inbox = Что ждёт ответа
bot-cmd-stats = Статистика
bot-cmd-settings = Настройки
bot-cmd-members = Команда
bot-cmd-invite = Пригласить оператора
bot-cmd-connect = Подключить токен WB
bot-cmd-help = Помощь
bot-ask-shop-name = 🏷 Как называется ваш магазин на WB? Пришлите название — так я буду подписывать уведомления.
bot-shop-name-invalid = ❌ Название должно быть от { $min } до { $max } символов, с буквами или цифрами. Пришлите ещё раз.
bot-shop-name-ok = ✅ Магазин: { $name }
