summary-settings = 📋 Присылать сводку (получено, отвечено, SLA, главные темы) в 09:00 по вашему времени:
summary-every-off = Выкл
summary-every-daily = Каждый день
summary-every-weekly = Раз в неделю (пн)
summary-yesterday = Вчера
summary-last-week = Прошлая неделя
