# What an item offers now (core.items): refusals of an action it does not offer, the admin's Unskip.
bot-reply-skipped = ⛔ This item was skipped. Press “Undo skip” to answer it.
bot-reply-stale = ⛔ The draft has changed — open the card again.
admin-reply-skipped = This item was skipped. Press “Undo skip” to answer it.
admin-reply-stale = The draft has changed — reload the page.
items-admin-skipped = Skipped ({ $at }): not in the inbox, cannot be answered.
items-admin-unskip = Undo skip
