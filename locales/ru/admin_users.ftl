# Issue 29 items 8 and 11: the dashboard's counters as links, and the admin users page.

# Dashboard tiles: the label before a counter that links to its items.
au-answered = отвечено:
au-breached = нарушено / решено:

# The admin users page (admin.routes.users): accounts, invites, roles, one-time links.
au-nav = Пользователи
au-title = Пользователи админки
au-you = это вы
au-col-email = E-mail
au-col-role = Роль
au-col-state = Состояние
au-col-created = Создан
au-col-last-login = Последний вход
au-col-actions = Действия
au-role-admin = администратор
au-role-viewer = только просмотр
au-role-submit = сменить роль
au-state-active = активен
au-state-invited = приглашён, пароль не задан
au-state-no-password = пароль не задан
au-state-disabled = отключён
au-enable = включить
au-disable = отключить
au-reset = ссылка для смены пароля
au-invite = Пригласить
au-invite-hint = Писем продукт не отправляет: после приглашения появится одноразовая ссылка на { $hours } ч — передайте её сами.
au-invite-submit = Пригласить
au-link-invite = Приглашение для { $email } создано. Одноразовая ссылка действует { $hours } ч и показана только сейчас — передайте её:
au-link-reset = Ссылка для смены пароля { $email }. Одноразовая, действует { $hours } ч и показана только сейчас — передайте её:
au-refused-self = Нельзя отключить себя или снять с себя роль администратора.
au-refused-last-admin = Это последний активный администратор: его нельзя отключить или понизить.
au-refused-taken = Пользователь с таким e-mail уже есть.
au-refused-email = Это не похоже на e-mail.
au-set-title = Пароль для входа
au-set-for-invite = Вас пригласили в админку AgentIQ как { $email }. Задайте пароль.
au-set-for-reset = Новый пароль для { $email }.
au-set-password = Пароль
au-set-confirm = Ещё раз
au-set-submit = Сохранить пароль
au-password-short = Пароль должен быть не короче { $min } символов.
au-password-long = Пароль длиннее 72 байт (предел bcrypt).
au-password-mismatch = Пароли не совпадают.
au-link-gone = Ссылка недействительна: она уже использована, устарела или неверна. Попросите администратора выдать новую.
au-password-set = Пароль сохранён. Войдите с ним.

# The interaction list opened from a dashboard counter: which of the counter's filters it applies.
au-filter-counter = Отбор счётчика:
au-filter-answered-true = с ответом
au-filter-answered-false = без ответа
au-filter-sla-met = SLA выполнен
au-filter-sla-breached = SLA нарушен
au-filter-sla-decided = SLA известен (выполнен или нарушен)
au-filter-blocked-draft = черновик заблокирован проверками
au-filter-answer-state = ответ { $state }
