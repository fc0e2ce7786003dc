# A tap the bot could not handle (a failure on our side): the button's spinner ends with this instead of spinning.
bot-tap-again = ⚠️ Не получилось. Нажмите кнопку ещё раз.

# Ops alerts of sync recovery (core.alerts, sync.engine.feedbacks).
alert-title-sync_failing = Синхронизация с WB не работает
analytics-alert-sync-failing = Синхронизация с WB не проходит уже { $minutes } мин.: { $channels } (канал, продавцов с ошибкой). Когда WB снова ответит, каждая пара синхронизируется в течение одного интервала.
alert-title-backfill_stuck = Первая синхронизация пропустила шаг
sync-alert-backfill-stuck = Продавец { $seller }: первая синхронизация раз за разом падала на одной странице истории WB; остаток истории пропущен, новые обращения синхронизируются дальше.
