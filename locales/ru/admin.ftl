admin-title = Админка
admin-nav-dashboard = Обзор
admin-nav-sellers = Продавцы
admin-nav-interactions = Обращения
admin-nav-alerts = Алерты
admin-nav-sync-runs = Синхронизации
admin-nav-readiness = GO/NO-GO
admin-logout = Выйти

admin-login-title = Вход
admin-login-email = E-mail
admin-login-password = Пароль
admin-login-submit = Войти
admin-login-invalid = Неверный e-mail или пароль.
admin-login-throttled = Слишком много неудачных попыток. Подождите минуту и попробуйте снова.

admin-apply = Применить
admin-reset = Сбросить
admin-empty = Пусто.
admin-prev = Назад
admin-next = Вперёд
admin-system = система
admin-go = GO
admin-nogo = NO-GO
admin-found = { $count ->
    [one] { $count } обращение
    [few] { $count } обращения
   *[many] { $count } обращений
}

admin-channel-review = Отзывы
admin-channel-question = Вопросы
admin-channel-chat = Чаты
admin-all-channels = все каналы
admin-all-sellers = Все продавцы

admin-priority-urgent = Срочно
admin-priority-high = Высокий
admin-priority-normal = Обычный
admin-priority-low = Низкий

admin-status-open = Открытые (бэклог)
admin-status-new = Новое
admin-status-needs_response = Ждёт ответа
admin-status-drafted = Есть черновик
admin-status-answered = Отвечено
admin-status-skipped = Пропущено
admin-status-closed = Закрыто

admin-age-lt1h = < 1 ч
admin-age-1to4h = 1–4 ч
admin-age-4to24h = 4–24 ч
admin-age-1to3d = 1–3 дн
admin-age-gt3d = > 3 дн

admin-seller-onboarding = Подключение
admin-seller-active = Активен
admin-seller-paused = На паузе
admin-seller-token_invalid = Токен недействителен

admin-severity-info = Инфо
admin-severity-warning = Внимание
admin-severity-critical = Критично

admin-quality-as_is = Черновик без правок
admin-quality-edited = Черновик с правками
admin-quality-manual = Написано вручную
admin-quality-auto = Отправлено автоматически

admin-link-deterministic = точная связь
admin-link-probabilistic = вероятная связь

admin-unit-min = мин
admin-unit-count = { "" }
admin-unit-pct = %

admin-filter-seller = Продавец
admin-filter-days = Дней
admin-filter-age = Возраст
admin-filter-day = Получено
admin-filter-answered-day = Отвечено
admin-filter-overdue = Только просроченные

admin-first-response = Первый ответ
admin-answered-count = отвечено: { $count }
admin-sla-met = SLA выполнен
admin-sla-breached = нарушено: { $count }
admin-chart-received = Получено по дням
admin-chart-answered = Отвечено по дням
admin-chart-backlog-age = Бэклог по возрасту
admin-chart-backlog-priority = Бэклог по приоритету
admin-quality = Качество ответов
admin-moderation-rejected = Отклонено модерацией WB
admin-blocked-drafts = Черновики, заблокированные проверкой
admin-llm-fallback = LLM заменён шаблоном
admin-sync-health = Синхронизации, требующие внимания

admin-col-seller = Продавец
admin-col-channel = Канал
admin-col-status = Статус
admin-col-priority = Приоритет
admin-col-buyer = Покупатель
admin-col-product = Товар
admin-col-text = Текст
admin-col-occurred = Получено
admin-col-due = Срок
admin-col-first-response = Первый ответ
admin-col-answer-state = Статус ответа в WB
admin-col-created = Создано
admin-col-origin = Источник
admin-col-guardrails = Проверка
admin-col-via = Откуда
admin-col-quality = Качество
admin-col-by = Кто
admin-col-error = Ошибка
admin-col-action = Действие
admin-col-change = Изменение
admin-col-last-success = Последний успех
admin-col-lag = Отставание
admin-col-failures = Ошибок подряд
admin-col-runs = Запусков
admin-col-name = Название
admin-col-token = Токен WB
admin-col-members = Участники
admin-col-severity = Важность
admin-col-kind = Вид
admin-col-first-seen = Впервые
admin-col-last-seen = Последний раз
admin-col-count = Раз
admin-col-delivered = Доставлен
admin-col-resolved = Закрыт
admin-col-started = Начало
admin-col-duration = Длительность
admin-col-pages = Страниц
admin-col-fetched = Получено
admin-col-new = Новых
admin-col-updated = Обновлено
admin-col-malformed = Битых
admin-col-criterion = Критерий
admin-col-value = Значение
admin-col-threshold = Порог

admin-answer = Ответ
admin-timeline = Хронология покупателя
admin-messages = Сообщения чата
admin-drafts = Черновики
admin-replies = Ответы
admin-audit = Журнал действий
admin-reply-form = Ответить
admin-reply-send = Отправить ответ
admin-reply-blocked = Ответ не отправлен: его заблокировали проверки.
admin-reply-answered = На это обращение уже ответили.
admin-reply-in-flight = Другой ответ на это обращение уже отправляется.

admin-token-expires = до { $date }
admin-token-no-expiry = бессрочный
admin-token-none = не подключён
admin-pause = Пауза
admin-resume = Возобновить
admin-pause-reason = причина

admin-alerts-open = Открытые
admin-alerts-resolved = Закрытые
admin-readiness-overall = В целом
admin-readiness-no-sellers = Пока нет продавцов для проверки.

admin-duration-hm = { $hours } ч { $minutes } мин
admin-duration-ms = { $minutes } мин { $seconds } с
