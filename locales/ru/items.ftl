# What an item offers now (core.items): refusals of an action it does not offer, the admin's «Вернуть».
bot-reply-skipped = ⛔ Это обращение пропущено. Нажмите «Вернуть», чтобы ответить.
bot-reply-stale = ⛔ Черновик уже сменился — откройте карточку заново.
admin-reply-skipped = Это обращение пропущено. Нажмите «Вернуть», чтобы ответить.
admin-reply-stale = Черновик уже сменился — обновите страницу.
items-admin-skipped = Обращение пропущено ({ $at }): его нет во входящих, ответить нельзя.
items-admin-unskip = Вернуть
