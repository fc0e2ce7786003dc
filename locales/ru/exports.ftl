export-usage = Как вызвать: /export или /export ДНЕЙ (1–{ $max }) — CSV с обращениями и ответами за последние дни.
export-empty = За последние { $days } дн. ничего не пришло.
export-caption = Обращений за последние { $days } дн.: { $rows } (CSV).
bot-cmd-export = Выгрузка в CSV
admin-filter-since = С
admin-filter-until = По
admin-export-csv = Выгрузить CSV
