# Answers that win buyers back (core.analytics.recovery) and quality per way of answering (core.analytics.ways).

recovery-way-template = шаблон
recovery-way-llm = черновик LLM
recovery-way-fallback = запасной шаблон
recovery-way-seller = свой текст
recovery-way-auto = автоответ
recovery-member-none = автоответ и админка
recovery-days = { $days } дн.
recovery-part = { $name } { $recovered } из { $answered }

bot-recovery-title = 🔁 <b>Ответы, вернувшие покупателей</b> · негативные отзывы за 30 дней
bot-recovery-line = Вернули { $recovered } из { $answered } ({ $pct }), медиана { $days } от ответа до дополнения
bot-recovery-none = Отвеченных отзывов на 1–3★ за 30 дней нет.
bot-recovery-by-way = По способу ответа: { $list }
bot-recovery-by-member = По сотрудникам: { $list }
bot-recovery-by-product = По товарам: { $list }

bot-trust-title = ✅ <b>Каким черновикам доверять</b> · ответы за 30 дней
bot-trust-line = { $way }: без правок { $as_is }, с правками { $edited }, отклонено WB { $rejected } · ответов { $sent }
bot-trust-topics = <b>По темам</b>
bot-trust-none = Отправленных ответов за 30 дней нет.

recovery-weekly = 🔁 <b>Неделя:</b> ответы на негативные отзывы вернули { $recovered } из { $answered } покупателей ({ $pct }) за 30 дней, медиана { $days } до дополнения. { $best }
recovery-weekly-best = Лучше всего работает: { $way } ({ $recovered } из { $answered }).

admin-recovery = Ответы, вернувшие покупателей
admin-recovery-hint = Отзывы на 1–3★ за период, на которые ответили (в отзыве или в связанном чате); вернули — покупатель дополнил отзыв более высокой оценкой после ответа.
admin-recovery-total = Всего
admin-recovery-group = Группа
admin-recovery-answered = Отвечено
admin-recovery-recovered = Вернули
admin-recovery-share = Доля
admin-recovery-median = Медиана до дополнения
admin-recovery-by-product = По товарам
admin-recovery-by-member = По сотрудникам
admin-recovery-by-way = По способу ответа
admin-trust = Каким черновикам доверять · 30 дней
admin-trust-way = Способ
admin-trust-topic = Тема
admin-trust-sent = Ответов
admin-trust-as-is = Без правок
admin-trust-edited = С правками
admin-trust-rejected = Отклонено WB
admin-filter-recovery = Возврат покупателей
admin-filter-recovery-answered = отвеченные негативные отзывы
admin-filter-recovery-recovered = вернули покупателя
admin-filter-answer-way = Способ ответа
admin-filter-answered-by = Ответил сотрудник

export-col-answer-way = Способ ответа
export-col-supplement-rating = Оценка дополнения
export-col-recovered = Вернули покупателя
recovery-recovered-yes = да
recovery-recovered-no = нет
