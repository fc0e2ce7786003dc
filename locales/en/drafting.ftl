# Reply templates: the frame the template drafter assembles (greeting, thanks, a body when nothing specific was
# raised, closing). Numbered keys are variants; add one by adding the next number. Never add promises, dates,
# prices or links here, nor "exchange" (WB has returns only): every combination is checked by the drafting tests.
# What a good seller says per need, apology and situation is in drafting_needs.ftl.

# Warm greetings: only when the buyer is not unhappy (a 1–3★ review or a complaint gets a calm one).
draft-greet-named-1 = Hello, { $name }!
draft-greet-named-2 = Good day, { $name }!
draft-greet-named-3 = Hi { $name }!
draft-greet-1 = Hello!
draft-greet-2 = Good day!
draft-greet-3 = Greetings!
draft-greet-calm-named-1 = Hello, { $name }.
draft-greet-calm-named-2 = Good day, { $name }.
draft-greet-calm-1 = Hello.
draft-greet-calm-2 = Good day.
draft-greet-friendly-named-1 = Hi { $name }!
draft-greet-friendly-named-2 = Hey { $name }!
draft-greet-friendly-1 = Hi!
draft-greet-friendly-2 = Hey there!

# Thanks that match what was said: for praise, for a plain review, for a question or a message.
draft-thanks-review-praise-1 = Thank you for such a warm review!
draft-thanks-review-praise-2 = Thank you for the kind words!
draft-thanks-review-praise-3 = Thank you for the review and the great rating!
draft-thanks-review-positive-1 = Thank you for your review!
draft-thanks-review-positive-2 = Thank you for sharing your impressions!
draft-thanks-review-positive-3 = Thanks for the review!
draft-thanks-review-neutral-1 = Thank you for your review.
draft-thanks-review-neutral-2 = Thank you for sharing your opinion.
draft-thanks-question-1 = Thank you for your question!
draft-thanks-question-2 = Thanks for asking!
draft-thanks-chat-1 = Thank you for writing!
draft-thanks-chat-2 = Thank you for your message!

# A body only when the buyer raised nothing specific.
draft-body-review-positive-1 = We are glad you liked your purchase.
draft-body-review-positive-2 = It is great that the product met your expectations.
draft-body-review-positive-3 = Reviews like yours mean a lot to us.
draft-body-review-neutral-1 = Your comments help us get better.
draft-body-review-neutral-2 = We read every review carefully and will take yours into account.
draft-body-review-negative-1 = We will take your review into account; please tell us in the seller chat on Wildberries what exactly went wrong, and we will look into it.
draft-body-review-negative-2 = We will pass your review on to the team, and if you write in the seller chat on Wildberries what exactly was wrong, we will look into it.
draft-body-delivery-1 = Orders are delivered by Wildberries: the order status is shown in the app under “Deliveries”.
draft-body-delivery-2 = Delivery times are calculated by Wildberries and shown at checkout and under “Deliveries”.
draft-body-return-1 = You can send the item back in the Wildberries app under “Purchases”, following the marketplace rules.
draft-body-return-2 = Sending an item back is arranged under “Purchases” in the Wildberries app, following the marketplace rules.
draft-body-availability-1 = Sizes and colours in stock are shown on the product page; add the item to your favourites so you do not miss it.
draft-body-availability-2 = The product page always shows what is available, and your favourites will tell you when it appears.
draft-body-chat-positive-1 = Thank you for the kind words, it means a lot to us!
draft-body-chat-positive-2 = Thank you for writing, it is lovely to hear!
draft-body-chat-1 = Thank you for writing! How can we help you?
draft-body-chat-2 = Thank you for your message! Please tell us how we can help.

draft-close-review-positive-1 = We hope to see you again!
draft-close-review-positive-2 = Happy shopping!
draft-close-review-positive-3 = Have a great day!
draft-close-review-neutral-1 = Have a good day!
draft-close-review-neutral-2 = All the best!
draft-close-review-negative-1 = All the best.
draft-close-review-negative-2 = We hope your next purchase brings you joy.
draft-close-question-1 = Have a good day!
draft-close-question-2 = Happy shopping!
draft-close-chat-1 = Have a good day!
draft-close-chat-2 = All the best!
draft-close-friendly-1 = Have a great day!
draft-close-friendly-2 = Always happy to help!
draft-signature-brand = Kind regards, the { $brand } team.

# Labels shown to the seller on the card.
draft-origin-template = Template
draft-origin-llm = LLM
draft-origin-fallback = Template (LLM unavailable)
draft-origin-seller = Seller's text
draft-blocked = The draft did not pass the checks and cannot be sent:
draft-intent-size = Size
draft-intent-delivery = Delivery
draft-intent-return = Return
draft-intent-defect = Defect
draft-intent-availability = Availability
draft-intent-usage = Usage
draft-intent-other = Other
draft-autosend-ok = Eligible for auto-reply
draft-autosend-disabled = Auto-reply is off in the settings
draft-autosend-channel = Auto-reply is for reviews only
draft-autosend-rating = Auto-reply is for 4–5★ reviews only
draft-autosend-text = The review has text that is not clearly positive
draft-autosend-guardrails = The draft did not pass the checks
draft-autosend-link = A link to another interaction is not reliable enough
draft-needs-answer = Your answer is needed: “{ $asked }”
