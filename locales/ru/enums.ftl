## Enum values as the admin shows them (admin/templating.py: the `enum` filter); issue #15

enum-answer-state-none = нет ответа
enum-answer-state-published = опубликован
enum-answer-state-moderation = на модерации
enum-answer-state-rejected = отклонён
enum-answer-state-unknown = неизвестно

enum-wb-sync-none = —
enum-wb-sync-pending = ждём WB
enum-wb-sync-confirmed = подтверждён WB
enum-wb-sync-expired = не подтверждён WB

enum-draft-origin-template = шаблон
enum-draft-origin-llm = ИИ
enum-draft-origin-fallback = запасной шаблон
enum-draft-origin-seller = продавец

enum-reply-status-queued = в очереди
enum-reply-status-sending = отправляется
enum-reply-status-sent = отправлен
enum-reply-status-failed = ошибка
enum-reply-status-unknown = неизвестно

enum-reply-via-telegram = Telegram
enum-reply-via-web = веб-админка
enum-reply-via-auto = автоматически

enum-reply-quality-as-is = без правок
enum-reply-quality-edited = с правками
enum-reply-quality-manual = вручную
enum-reply-quality-auto = автоответ

enum-sync-run-running = идёт
enum-sync-run-ok = успешно
enum-sync-run-failed = ошибка

enum-scope-review = отзывы
enum-scope-question = вопросы
enum-scope-chat = чаты

enum-audit-access-denied = доступ запрещён
enum-audit-draft-cancelled = черновик отменён
enum-audit-draft-written = текст продавца
enum-audit-draft-discarded = текст продавца отменён
enum-audit-interaction-skipped = пропущено
enum-audit-interaction-unskipped = возвращено в очередь
enum-audit-member-invited = приглашение
enum-audit-member-joined = вступил в команду
enum-audit-member-removed = удалён из команды
enum-audit-product-facts = факты о товаре
enum-audit-reply-approved = ответ одобрен
enum-audit-reply-recheck = перепроверка ответа
enum-audit-reply-auto-sent = отправлено автоматически
enum-audit-reply-auto-send-skipped = автоответ не отправлен
enum-audit-seller-token-connected = токен подключён
enum-audit-settings-changed = настройки изменены
enum-audit-settings-llm = настройки ИИ
enum-audit-seller-paused = продавец на паузе
enum-audit-seller-token-invalid = WB отклонил токен
enum-audit-seller-resumed = продавец снова активен
enum-audit-seller-named = название магазина
