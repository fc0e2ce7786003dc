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
