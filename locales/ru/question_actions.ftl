## Question actions (hide)

question-btn-hide = 🙈 Скрыть вопрос
question-btn-hide-confirm = ✅ Подтвердить: скрыть от покупателей
question-warned = ⚠️ WB пометил этот вопрос (возможно, он нарушает правила): его можно скрыть от покупателей.
question-stage-hiding = ⏳ Скрываем от покупателей…
question-stage-hidden = 🙈 Скрыт от покупателей
question-hide-sent = 🙈 Вопрос скрывается на WB.
question-hide-reason = Продавец скрыл этот вопрос.
bot-reply-hide-question = ⛔ Скрыть можно только вопрос.
bot-reply-hide-manual = ⛔ Вопросы никогда не скрываются автоматически.
