## Question actions (hide)

question-btn-hide = 🙈 Hide question
question-btn-hide-confirm = ✅ Confirm: hide from buyers
question-warned = ⚠️ WB flagged this question (it may break the rules): you can hide it from buyers.
question-stage-hiding = ⏳ Hiding from buyers…
question-stage-hidden = 🙈 Hidden from buyers
question-hide-sent = 🙈 The question goes hidden on WB.
question-hide-reason = The seller hid this question.
bot-reply-hide-question = ⛔ Only a question can be hidden.
bot-reply-hide-manual = ⛔ Questions are never hidden automatically.
