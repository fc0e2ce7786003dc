sync-alert-token-invalid = Продавец { $seller }: WB отклонил API-токен. Синхронизация на паузе, пока продавец не подключится заново.
sync-alert-rate-limited = Продавец { $seller }: WB { $count } { $count ->
        [few] раза
       *[other] раз
    } подряд ответил «слишком много запросов».
sync-alert-pending-expired = Продавец { $seller }: отправленный ответ не появился в WB за окно ожидания; обращение снова в очереди.
