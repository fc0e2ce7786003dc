# Drafting preferences in the bot: /settings → Voice and drafts, and a card's Product facts (bot/routers/drafting.py).
bot-settings-btn-voice = 🗣 Voice and drafts
bot-voice-none = —
bot-voice-screen =
    <b>Voice and drafts</b>
    AI (LLM) drafts: { $llm }
    AI draft on arrival: { $arrival }
    Tone: { $tone }
    Signature: { $signature }
    Brand: { $brand }
    Words banned in your replies: { $banned }
bot-voice-tone-formal = formal
bot-voice-tone-friendly = friendly
bot-voice-btn-llm = 🤖 AI on/off
bot-voice-btn-lla = ⚡ AI on arrival
bot-voice-btn-tn = 🎭 Switch tone
bot-voice-btn-sig = ✍️ Signature
bot-voice-btn-br = 🏷 Brand
bot-voice-btn-ban = 🚫 Banned words
bot-voice-ask-signature = Send the signature for your replies (up to 200 characters; "-" removes it).
bot-voice-ask-brand = Send the brand name (up to 100 characters; "-" removes it).
bot-voice-ask-banned = Send the words and phrases your replies must not contain, separated by commas or new lines ("-" clears the list).
bot-btn-facts = 📋 Product facts
bot-facts-title = <b>Product facts</b> (nmId { $nm_id }) — drafts use them when a buyer asks about the same thing:
bot-facts-kind-sizing = Size and fit
bot-facts-kind-care = Care and use
bot-facts-kind-known_issues = Known issues
bot-facts-kind-in_box = In the box
bot-facts-hint = Tap one to change it.
bot-facts-ask = Send the text for "{ $kind }" (up to 300 characters; "-" clears it).
bot-facts-no-product = This item has no product.
bot-facts-blocked = This text would not pass the reply checks; fix it and send it again:
