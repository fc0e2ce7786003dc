## Ops alerts (core.alerts): one text per alert kind.
analytics-alert-stale-sync = Продавец { $seller }: синхронизация не обновлялась { $minutes } мин. (каналы: { $channels })
analytics-alert-rate-limited = Продавец { $seller }: WB отвечает 429 подряд: { $count } { $count ->
        [few] раза
       *[other] раз
    }
analytics-alert-token-invalid = Продавец { $seller }: токен WB недействителен: синхронизация остановлена
analytics-alert-token-expiring = Продавец { $seller }: { $days ->
    [0] токен WB истекает сегодня
    [one] токен WB истекает через { $days } день
    [few] токен WB истекает через { $days } дня
   *[other] токен WB истекает через { $days } дней
}
analytics-alert-reply-failed = Продавец { $seller }: не удалось отправить ответов в WB: { $count }
analytics-alert-llm-failures = LLM недоступна: { $pct }% черновиков ушли в шаблон ({ $count })
analytics-alert-sla-breach = Продавец { $seller }: просрочено по SLA: { $count }
analytics-alert-pending-expired = Продавец { $seller }: ответ не появился в WB за окно ожидания: { $count }
analytics-alert-moderation-spike = Продавец { $seller }: модерация WB отклонила ответов за сутки: { $count }

## Alert kinds (names in lists).
analytics-kind-stale-sync = Синхронизация устарела
analytics-kind-rate-limited = Серия 429
analytics-kind-token-invalid = Токен недействителен
analytics-kind-token-expiring = Токен истекает
analytics-kind-reply-failed = Ошибки отправки
analytics-kind-llm-failures = Сбои LLM
analytics-kind-sla-breach = Нарушение SLA
analytics-kind-pending-expired = Нет подтверждения WB
analytics-kind-moderation-spike = Отклонения модерации

## Pilot readiness criteria.
analytics-criterion-sync-fresh = Синхронизация свежая по всем каналам токена (мин.)
analytics-criterion-no-critical-alerts = Нет открытых критических алертов
analytics-criterion-backlog = Очередь без ответа не больше лимита
analytics-criterion-reply-failures = Доля неудачных отправок за сутки (%)
analytics-criterion-guardrail-blocks = Блокировки guardrails за сутки не растут
analytics-criterion-sellers-go = Продавцов со статусом NO-GO
analytics-go = GO
analytics-no-go = NO-GO

## Link reasons (timeline).
analytics-link-self = Это обращение
analytics-link-supplement = Дополнение к отзыву
analytics-link-same-buyer-id = Тот же покупатель (чат)
analytics-link-same-order = Тот же заказ
analytics-link-same-buyer-product = Тот же покупатель и товар
analytics-link-chat-names-product = Чат называет этот товар
analytics-link-similar-buyer = Похожий покупатель, тот же товар

## Periods and backlog age buckets.
analytics-period-today = Сегодня
analytics-period-7d = 7 дней
analytics-period-30d = 30 дней
analytics-age-lt1h = до 1 ч
analytics-age-1to4h = 1–4 ч
analytics-age-4to24h = 4–24 ч
analytics-age-1to3d = 1–3 дня
analytics-age-gt3d = больше 3 дней
