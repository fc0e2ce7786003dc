# English versions of the seller's voice and product facts (issue 25 item 5): English replies carry these, never
# the Russian ones (bot/routers/drafting.py, bot/routers/facts.py).
bot-voice-screen-en =
    Signature for English replies: { $signature_en }
    Brand for English replies: { $brand_en }
bot-voice-btn-sge = ✍️ Signature (EN)
bot-voice-btn-bre = 🏷 Brand (EN)
bot-voice-ask-signature_en = Send the signature for English replies (up to 200 characters, Latin letters; "-" removes it). Without it English replies go out unsigned; the Russian one never goes into them.
bot-voice-ask-brand_en = Send the brand name for English replies (up to 100 characters, Latin letters; "-" removes it).
bot-facts-btn-en = 🇬🇧 English texts
bot-facts-btn-main = 🇷🇺 Main texts
bot-facts-title-en = <b>Product facts in English</b> (article { $nm_id }) — English replies quote them; without them a Russian fact stays out of an English reply:
bot-facts-ask-en = Send the English text for "{ $kind }" (up to 300 characters, no Russian letters; "-" clears it).
voice-en-fact-russian = The English text has Russian letters ("{ $fragment }"): it goes into English replies.
admin-drafting-fact-en = { $kind } — in English
