# English versions of the seller's voice and product facts (issue 25 item 5): English replies carry these, never
# the Russian ones (bot/routers/drafting.py, bot/routers/facts.py).
bot-voice-screen-en =
    Подпись для ответов на английском: { $signature_en }
    Бренд для ответов на английском: { $brand_en }
bot-voice-btn-sge = ✍️ Подпись (EN)
bot-voice-btn-bre = 🏷 Бренд (EN)
bot-voice-ask-signature_en = Пришлите подпись для ответов на английском (до 200 символов, латиницей; «-» — убрать). Без неё английские ответы уходят без подписи, русская в них не попадает.
bot-voice-ask-brand_en = Пришлите название бренда для ответов на английском (до 100 символов, латиницей; «-» — убрать).
bot-facts-btn-en = 🇬🇧 Тексты на английском
bot-facts-btn-main = 🇷🇺 Основные тексты
bot-facts-title-en = <b>Факты о товаре на английском</b> (артикул { $nm_id }) — их цитируют ответы на английском; без них русский факт в английский ответ не попадает:
bot-facts-ask-en = Пришлите английский текст для «{ $kind }» (до 300 символов, без русских букв; «-» — очистить).
voice-en-fact-russian = В английском тексте есть русские буквы («{ $fragment }»): он попадёт в ответ на английском.
admin-drafting-fact-en = { $kind } — на английском
