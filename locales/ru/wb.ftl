wb-check-title = Проверка контракта WB API ({ $feedbacks_url }, { $chat_url }), токен { $token }
wb-check-token-malformed = Токен не похож на JWT: WB его не примет.
wb-check-token-info = Токен даёт доступ: { $scopes }; действует до { $expires }{ $read_only ->
    [yes] , только чтение
   *[no] {""}
}
wb-check-token-expired = Срок действия токена истёк { $expires }.
wb-check-scopes-unknown = неизвестно (в токене нет маски категорий)
wb-check-never = бессрочно
wb-check-channel-ok = ✓ { $name }: разобрано элементов — { $items }
wb-check-channel-denied = ✗ { $name }: у токена нет доступа ({ $error })
wb-check-channel-error = ✗ { $name }: { $error }
wb-check-channel-malformed = ✗ { $name }: { $malformed } из { $items } { $items ->
        [one] элемента
       *[other] элементов
    } не совпадают с нашими моделями
wb-check-unknown-fields = {"  "}новые поля от WB: { $fields }
wb-check-missing-fields = {"  "}поля, которые мы знаем, но WB не прислал: { $fields }
wb-check-result-ok = Все проверки пройдены.
wb-check-result-failed = Есть непройденные проверки.
