digest-title = 🌙 Пока вас не было: новых обращений — { $count }
digest-more = …и ещё { $count } в /inbox
digest-channel-review = Отзывы
digest-channel-question = Вопросы
digest-channel-chat = Чаты
digest-priority-urgent = срочных
digest-priority-high = высокий
digest-priority-normal = обычный
digest-priority-low = низкий
quiet-settings-section =
    🌙 <b>Тихие часы</b>: { $state }, { $start }–{ $end } в вашем часовом поясе. Карточки ждут утренней сводки;
    ночью всё равно приходят: отзывы до { $rating }★ (0 — никакие), возвраты: { $returns }
quiet-btn-switch = Тихие часы
quiet-btn-returns = Возвраты будят
quiet-btn-start = 🌙 с { $hour }:00
quiet-btn-end = ☀️ до { $hour }:00
quiet-btn-rating = 🔔 ≤ { $rating }★ будят
summary-today = Сегодня
summary-week = Последние 7 дней
summary-text =
    📋 <b>{ $period }</b>
    Получено { $received }, отвечено { $answered }, SLA соблюдён { $sla }
    Главные темы: { $topics }
    (/digest week — последние 7 дней, /digest settings — присылать каждый день или неделю)
bot-cmd-digest = Сводка: сегодня или неделя
