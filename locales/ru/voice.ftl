# Drafting preferences in the bot: /settings → Voice and drafts, and a card's Product facts (bot/routers/drafting.py).
bot-settings-btn-voice = 🗣 Голос и черновики
bot-voice-none = —
bot-voice-screen =
    <b>Голос и черновики</b>
    Черновики ИИ (LLM): { $llm }
    Черновик ИИ сразу при поступлении: { $arrival }
    Тон: { $tone }
    Подпись: { $signature }
    Бренд: { $brand }
    Запрещённые слова в ваших ответах: { $banned }
bot-voice-tone-formal = официальный («Вы»)
bot-voice-tone-friendly = дружелюбный
bot-voice-btn-llm = 🤖 ИИ вкл/выкл
bot-voice-btn-lla = ⚡ ИИ при поступлении
bot-voice-btn-tn = 🎭 Сменить тон
bot-voice-btn-sig = ✍️ Подпись
bot-voice-btn-br = 🏷 Бренд
bot-voice-btn-ban = 🚫 Запрещённые слова
bot-voice-ask-signature = Пришлите подпись для ответов (до 200 символов; «-» — убрать подпись).
bot-voice-ask-brand = Пришлите название бренда (до 100 символов; «-» — убрать).
bot-voice-ask-banned = Пришлите слова и фразы, которых не должно быть в ваших ответах, через запятую или с новой строки («-» — очистить список).
bot-btn-facts = 📋 Факты о товаре
bot-facts-title = <b>Факты о товаре</b> (артикул { $nm_id }) — черновики используют их, когда покупатель спрашивает о том же:
bot-facts-kind-sizing = Размер и посадка
bot-facts-kind-care = Уход и использование
bot-facts-kind-known_issues = Известные особенности
bot-facts-kind-in_box = Комплектация
bot-facts-hint = Нажмите, чтобы изменить.
bot-facts-ask = Пришлите текст для «{ $kind }» (до 300 символов; «-» — очистить).
bot-facts-no-product = У этого обращения нет товара.
bot-facts-blocked = Этот текст не пройдёт проверку ответов, исправьте и пришлите ещё раз:
