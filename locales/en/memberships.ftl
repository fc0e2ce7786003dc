# /sellers: a Telegram user in several sellers chooses which one their commands act on.
bot-cmd-sellers = Switch seller
bot-sellers-title = Your sellers. Commands act on the one marked ✅; cards of every seller still come here and their buttons act in their own seller.
bot-seller-button = { $seller } ({ $role })
bot-seller-selected = Active seller: { $seller }
bot-joined-kept = 👋 You joined { $seller }. Your commands still act on { $active }: /sellers switches.
