# Reply templates: blocks the template drafter assembles (greeting, thanks, body, closing).
# Numbered keys are variants; add one by adding the next number. Never add promises, dates, prices or links here:
# every combination is checked against the guardrails by tests/core/test_drafting_templates.py.

draft-greet-named-1 = Hello, { $name }!
draft-greet-named-2 = Good day, { $name }!
draft-greet-named-3 = Hi { $name }!
draft-greet-1 = Hello!
draft-greet-2 = Good day!
draft-greet-3 = Greetings!

draft-thanks-review-positive-1 = Thank you for the high rating and the kind review!
draft-thanks-review-positive-2 = Thank you for your review and the excellent rating!
draft-thanks-review-positive-3 = Many thanks for sharing your impressions!
draft-thanks-review-neutral-1 = Thank you for your review and rating.
draft-thanks-review-neutral-2 = Thank you for your honest review.
draft-thanks-review-neutral-3 = Thank you for sharing your opinion.
draft-thanks-review-negative-1 = Thank you for telling us about your experience.
draft-thanks-review-negative-2 = Thank you for your review, even though it is not what we hoped for.
draft-thanks-review-negative-3 = Thank you for your candid review.
draft-thanks-question-1 = Thank you for your question!
draft-thanks-question-2 = Thank you for your interest in our product!
draft-thanks-question-3 = Thank you for asking.
draft-thanks-chat-1 = Thank you for your message!
draft-thanks-chat-2 = Thank you for getting in touch!

draft-body-review-positive-1 = We are very glad you liked your purchase.
draft-body-review-positive-2 = We are happy the product lived up to your expectations.
draft-body-review-positive-3 = Reviews like yours truly inspire our team.
draft-body-review-positive-product-1 = We are very glad you liked “{ $product }”.
draft-body-review-positive-product-2 = We are happy “{ $product }” lived up to your expectations.
draft-body-review-neutral-1 = It matters to us what you liked and what could be better.
draft-body-review-neutral-2 = Your remarks help us improve our products.
draft-body-review-neutral-3 = We read every review carefully, including the suggestions.
draft-body-review-neutral-product-1 = It matters to us what you liked about “{ $product }” and what could be better.
draft-body-review-neutral-product-2 = Your remarks about “{ $product }” help us improve our products.
draft-body-review-negative-1 = We are very sorry the purchase did not meet your expectations.
draft-body-review-negative-2 = We are sorry your impression of the purchase was spoiled.
draft-body-review-negative-3 = We apologise for the unpleasant experience with your purchase.
draft-body-review-negative-size-1 = We are sorry the size did not fit. Before ordering, we recommend checking your measurements against the size chart on the product page.
draft-body-review-negative-size-2 = We are sorry the size did not work out. The product page has a size chart with the garment's measurements.
draft-body-review-negative-defect-1 = We are very sorry you received an item with a flaw. Reports like yours help us keep an eye on quality.
draft-body-review-negative-defect-2 = We apologise for this quality issue. Thank you for pointing it out.
draft-body-review-negative-delivery-1 = We are sorry the delivery spoiled your impression. Orders are delivered by Wildberries, and we understand how unpleasant waiting is.
draft-body-review-negative-delivery-2 = We are very sorry there were difficulties with the delivery. It matters to us that a purchase brings joy from the very start.

draft-body-size-1 = We recommend checking your measurements against the size chart on the product page: it lists the parameters of every size.
draft-body-size-2 = The size chart on the product page will help you choose: it includes the garment's measurements.
draft-body-size-product-1 = We recommend checking your measurements against the size chart on the “{ $product }” product page.
draft-body-delivery-1 = Orders are delivered by Wildberries: the current order status is shown in your account under “Deliveries”.
draft-body-delivery-2 = Delivery times are calculated by Wildberries and shown at checkout and under “Deliveries”.
draft-body-return-1 = You can return an item through your Wildberries account under “Purchases”, following the marketplace rules.
draft-body-return-2 = Returns are arranged in your Wildberries account, under “Purchases”, following the marketplace rules.
draft-body-defect-1 = We are very sorry this happened. Thank you for letting us know: reports like this help us keep an eye on quality.
draft-body-defect-2 = We apologise for this situation. It matters to us to know about every such case.
draft-body-availability-1 = The current availability of colours and sizes is always shown on the product page.
draft-body-availability-2 = Availability changes, so the product page shows it most accurately. Add the item to your favourites so you do not miss it.
draft-body-availability-product-1 = The current availability of “{ $product }” is always shown on the product page.
draft-body-usage-1 = Usage and care recommendations are given in the product description and on the packaging or label.
draft-body-usage-2 = We suggest reading the description and the packaging before first use: the usage recommendations are collected there.
draft-body-usage-product-1 = Usage recommendations for “{ $product }” are given in the product description and on the packaging.
draft-body-other-1 = Detailed specifications, materials and the description are on the product page.
draft-body-other-2 = The main information about the product is in its description and specifications.
draft-body-other-product-1 = Detailed specifications of “{ $product }” are on the product page.

draft-close-review-positive-1 = We hope to see you again!
draft-close-review-positive-2 = Happy shopping and have a great day!
draft-close-review-positive-3 = Thank you for choosing us!
draft-close-review-neutral-1 = Have a nice day!
draft-close-review-neutral-2 = All the best!
draft-close-review-negative-1 = We hope your next purchase leaves only good impressions.
draft-close-review-negative-2 = All the best!
draft-close-review-negative-3 = Thank you for helping us get better.
draft-close-question-1 = Have a nice day!
draft-close-question-2 = Happy shopping!
draft-close-question-3 = All the best!
draft-close-chat-1 = Have a nice day!
draft-close-chat-2 = All the best!

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
