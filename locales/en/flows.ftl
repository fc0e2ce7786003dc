## Auto-send only when it cannot be wrong; the daily line of what was auto-sent (core.autosend, core.autosend_report)
draft-autosend-safety = The buyer writes about harm to health or a lawsuit — a person answers
draft-autosend-situation = The buyer is in a special situation (refund, delivery, a request) — a person answers
draft-autosend-mood = The review's mood is not clearly positive
draft-autosend-complaint = The review raises a complaint or a question
draft-autosend-unsure = The review could not be read with confidence
draft-autosend-origin = Auto-reply sends template drafts only (AI drafts on arrival are off)
draft-autosend-draft_text = The draft contains an apology or a sentence about a problem

## A review or question whose answer WB moderation rejected (WB gave no reason)
bot-stage-rejected-plain = ❌ WB rejected the answer

## The repetition guard (core.repetition)
guard-format-repetition = Repeats one of your answers of the last 30 days (the same beginning or almost the same text): WB limits shops whose answers repeat. Change the wording.

## The daily line of what auto-send published (bot.autosend_report)
autosend-report-title = 🤖 Auto-reply yesterday published { $count } { $count ->
    [one] answer
   *[other] answers
} without you. Tap a number to open its card.
autosend-report-more = …and { $count } more in /inbox

## Teach once: a question no fact answers, the seller's answer kept for the product (core.taught)
taught-greet-1 = Hello!
taught-greet-2 = Good day!
taught-greet-3 = Hi, thanks for reaching out!
taught-greet-4 = Hello, happy to help!
taught-thanks-1 = Thank you for your question.
taught-thanks-2 = Thanks for your interest in the product.
taught-thanks-3 = Thank you for asking.
taught-thanks-4 = Good question, here is the answer.
taught-close-1 = We look forward to your order!
taught-close-2 = If you have more questions, just write.
taught-close-3 = Have a nice day!
taught-close-4 = Always glad to help you choose.
teach-offer = 💾 Save your answer as a product fact? The next buyer asking “{ $asked }” gets a one-tap draft.
teach-btn-save = 💾 Save
teach-btn-no = No need
teach-saved = ✅ Saved for this product: the same question gets its draft at once.
teach-declined = OK, not saved.
teach-nothing = Nothing to save: the answer is already saved or was not sent.
# Same message as branch drafts' drafting.ftl: keep one of the two when both are merged.
draft-needs-answer = Your answer is needed: “{ $asked }”
