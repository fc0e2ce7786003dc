## Auto-send only when it cannot be wrong; the daily line of what was auto-sent (core.autosend, core.autosend_report)
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

## More openings for happy review drafts the repetition guard found repeated (core.drafting.variety)
variety-greet-1 = Hello!
variety-greet-2 = Good day!
variety-greet-3 = Greetings!
variety-greet-4 = Hello there!
variety-greet-5 = Hello, dear customer!
variety-greet-6 = Good day, and thanks for stopping by!
variety-greet-7 = Greetings, we are glad to hear from you!
variety-greet-8 = Hello from the shop team!
variety-greet-named-1 = Hello, { $name }!
variety-greet-named-2 = { $name }, good day!
variety-greet-named-3 = Good day, { $name }!
variety-greet-named-4 = { $name }, hello!
variety-greet-named-5 = Greetings, { $name }!
variety-greet-named-6 = Hi { $name }!
variety-line-1 = It is a pleasure to read reviews like this.
variety-line-2 = Words like these inspire our whole team.
variety-line-3 = We are glad the choice turned out well.
variety-line-4 = It is nice to know the purchase made you happy.
variety-line-5 = Your review made our day.
variety-line-6 = This is what we work for every day.
variety-line-7 = Thank you for taking a minute to write.
variety-line-8 = Good reviews are the best reward for a shop.
variety-line-9 = We have passed your words on to the whole team.
variety-line-10 = Every review like this means a lot to us.
variety-line-11 = Great to hear the item suits you.
variety-line-12 = We are very pleased to hear it.
variety-line-13 = Reviews like this make us want to do even better.
variety-line-14 = We were happy to help with your purchase.
variety-line-15 = Your rating matters a lot to us.
variety-line-16 = Reading a review like this is a great start to the day.
variety-line-17 = It is nice that you trust our shop.
variety-line-18 = Thank you for sharing your impressions.
variety-line-19 = Reviews like this help other buyers choose.
variety-line-20 = We are always glad to have happy customers.
variety-line-21 = We sincerely appreciate your rating.
variety-line-22 = We really value that you found the time for a review.
variety-line-23 = The shop team is smiling reading this.
variety-line-24 = Good to know the purchase lived up to expectations.
variety-greet-calm-1 = Hello!
variety-greet-calm-2 = Good day!
variety-greet-calm-3 = Hello, the shop team here.
variety-greet-calm-4 = Good day, this is the shop team.
variety-greet-calm-named-1 = Hello, { $name }!
variety-greet-calm-named-2 = { $name }, good day!
variety-greet-calm-named-3 = Good day, { $name }!
variety-greet-calm-named-4 = { $name }, hello!
variety-line-calm-1 = We have read your review carefully.
variety-line-calm-2 = Every customer's opinion matters to us.
variety-line-calm-3 = Your review helps us get better.
variety-line-calm-4 = Every review like this is important to us.
variety-line-calm-5 = We appreciate your frankness.
variety-line-calm-6 = Your opinion is very important to us.
variety-line-calm-7 = Feedback helps us work better.
variety-line-calm-8 = We take every review into account.
variety-line-calm-9 = Thank you for taking the time to write in detail.
variety-line-calm-10 = We went through every point of your review.
variety-line-calm-11 = We always discuss reviews like this as a team.
variety-line-calm-12 = We listen to what our customers say.
variety-line-calm-13 = Your review has been read and passed on to the team.
variety-line-calm-14 = We take every review seriously.
variety-line-calm-15 = It matters to us how the product works out for customers.
variety-line-calm-16 = We have taken note of your words.
