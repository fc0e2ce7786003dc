# What a good seller says: one early apology for the buyer's main problem, then one sentence per need (needs that
# share a WB route are said once), each true on Wildberries today and promising nothing the seller cannot do.
# No "exchange" (WB has returns only); no claims about photos, packaging, warranty or stock (only the seller's own
# product facts say such things). Refund words appear only in `draft-need-return-raised-*`, used when the buyer
# raised it. Every combination is checked against the guardrails by tests/core/test_drafting_needs.py.

draft-sorry-size-1 = We are sorry the size did not work out.
draft-sorry-size-2 = Sorry the size was not right for you.
draft-sorry-defect-1 = We apologise for the defect: this should not happen.
draft-sorry-defect-2 = We are sorry you received a faulty item.
draft-sorry-wrong_item-1 = We are sorry for the mix-up with your order.
draft-sorry-wrong_item-2 = We apologise: this is not the item you were expecting.
draft-sorry-incomplete-1 = We are sorry the set arrived incomplete.
draft-sorry-incomplete-2 = We apologise for the incomplete set.
draft-sorry-delivery-1 = We are sorry for the trouble with the delivery.
draft-sorry-delivery-2 = We are sorry about how the delivery went.
draft-sorry-wait-1 = We are sorry for the wait; we understand how frustrating it is.
draft-sorry-wait-2 = We are sorry the wait has dragged on.
draft-sorry-quality-1 = We are sorry the quality fell short of your expectations.
draft-sorry-quality-2 = We are sorry the quality disappointed you.
draft-sorry-smell-1 = We are sorry about the unpleasant smell.
draft-sorry-smell-2 = We are sorry the smell spoilt your impression.
draft-sorry-colour-1 = We are sorry the shade was not what you expected.
draft-sorry-colour-2 = Sorry the colour differs from what you expected.
draft-sorry-packaging-1 = We are sorry the packaging was damaged.
draft-sorry-packaging-2 = Sorry your order arrived in crushed packaging.
draft-sorry-claim-1 = We are sorry this happened and understand your disappointment.
draft-sorry-claim-2 = We are very sorry this happened.
draft-sorry-empty_box-1 = We apologise: this should never happen.
draft-sorry-empty_box-2 = We are sorry about this; it is unacceptable.
draft-sorry-used-1 = We apologise: an item like this should never have reached you.
draft-sorry-used-2 = We are sorry, this should not happen.
draft-sorry-harm-1 = We are very sorry this happened.
draft-sorry-harm-2 = We are very sorry to read this.
draft-sorry-fit-1 = We are sorry the item did not suit you.
draft-sorry-fit-2 = Sorry the item was not right for you.
draft-sorry-generic-1 = We are sorry the purchase upset you.
draft-sorry-generic-2 = We apologise for the disappointing experience.

# Size advice by the product's kind: clothes by body measurements, shoes by foot length, nothing for gadgets.
draft-need-size-clothes-small-1 = Before ordering, please compare your measurements with the size chart on the product page and size up if in doubt.
draft-need-size-clothes-small-2 = Next time, the size chart on the product page will help: compare your chest, waist and hip measurements with it.
draft-need-size-clothes-large-1 = Before ordering, please compare your measurements with the size chart on the product page: a smaller size may suit you.
draft-need-size-clothes-large-2 = The size chart on the product page helps find a better fit: compare your chest, waist and hip measurements with it.
draft-need-size-clothes-advice-1 = Please compare your measurements (chest, waist and hips) with the size chart on the product page.
draft-need-size-clothes-advice-2 = The size chart on the product page will help: compare your chest, waist and hip measurements with it.
draft-need-size-shoes-small-1 = Before ordering, please measure your foot length and compare it with the size chart: if it is on the border, size up.
draft-need-size-shoes-small-2 = Your foot length in centimetres is the surest guide: compare it with the insole length in the size chart.
draft-need-size-shoes-large-1 = Before ordering, please measure your foot length and compare it with the insole length in the size chart: a smaller size may suit you.
draft-need-size-shoes-large-2 = Your foot length in centimetres is the surest guide: compare it with the size chart on the product page.
draft-need-size-shoes-advice-1 = Please measure your foot length in centimetres and compare it with the insole length in the size chart on the product page.
draft-need-size-shoes-advice-2 = The best guide is your foot length: compare it with the insole length in the size chart.
draft-need-size-tip-1 = Your size tip will help other buyers.
draft-need-size-tip-2 = Your size advice will be useful to other buyers.

# The claim route: defect, wrong item, missing part, a faulty gadget, an empty box, a used item — said once.
draft-need-claim-defect-1 = You can file a claim for the defect in the Wildberries app under “Purchases”: please attach a photo of it.
draft-need-claim-defect-2 = A claim for a faulty item can be filed under “Purchases” in your Wildberries account, with photos.
draft-need-claim-wrong_item-1 = A claim for an item that does not match your order can be filed under “Purchases” in the Wildberries app.
draft-need-claim-wrong_item-2 = Please file a claim under “Purchases” in your Wildberries account and attach a photo of the item.
draft-need-claim-incomplete-1 = A claim for an incomplete set can be filed under “Purchases” in the Wildberries app, with photos.
draft-need-claim-incomplete-2 = Please file a claim under “Purchases” in your Wildberries account and attach a photo of the set.
draft-need-claim-faulty-1 = If the item stopped working within the warranty period, please file a defect claim under “Purchases” in the Wildberries app: the platform will check it.
draft-need-claim-faulty-2 = A fault within the warranty period is claimed under “Purchases” in your Wildberries account; the platform will check the item.
draft-need-claim-empty_box-1 = Please file a claim under “Purchases” in the Wildberries app and attach photos of the box and packaging.
draft-need-claim-empty_box-2 = A claim can be filed under “Purchases” in your Wildberries account, with photos of the packaging.
draft-need-claim-used-1 = Please file a claim under “Purchases” in the Wildberries app with photos, and we will check the stock at our warehouse.
draft-need-claim-used-2 = A claim can be filed under “Purchases” in your Wildberries account, with photos attached.
draft-need-claim-generic-1 = A claim can be filed under “Purchases” in the Wildberries app, with photos attached.
draft-need-claim-generic-2 = A claim for the item can be filed under “Purchases” in your Wildberries account.
draft-need-return-raised-1 = You can arrange a return in the Wildberries app under “Purchases”, following the marketplace rules.
draft-need-return-raised-2 = Returns are arranged under “Purchases” in your Wildberries account, following the marketplace rules.
draft-need-return-1 = You can send the item back in the Wildberries app under “Purchases”, following the marketplace rules.
draft-need-return-2 = Sending an item back is arranged under “Purchases” in your Wildberries account, following the marketplace rules.
# The buyer wants another size or colour: WB has no exchange, only a return and a new order.
draft-need-return-swap-1 = Wildberries does not swap items directly: you can send this one back under “Purchases” and order the variant you need.
draft-need-return-swap-2 = Items are not swapped directly on Wildberries: send this one back under “Purchases” and order the right size or colour.

# Where the buyer already is (core.reading.Situation).
draft-need-refund_pending-1 = Wildberries usually credits the money within 10 working days after the item is accepted at the warehouse; you can follow it in the app under “Purchases” and “Finances”.
draft-need-refund_pending-2 = The money from Wildberries, as a rule, arrives within 10 working days after the item is accepted; the status is shown under “Purchases” and “Finances”.
draft-need-claim_rejected-1 = Wildberries' decision on a claim can be appealed: open a request in the Wildberries app or file the claim again with photos and a detailed description.
draft-need-claim_rejected-2 = If the claim was rejected, you can file it again with photos and a description of the defect, or appeal the decision through a request in the Wildberries app.
draft-need-return_refused_at_pickup-1 = If the pickup point refused to take the item, please file a claim for inspection under “Purchases” with photos or open a request in the Wildberries app: the marketplace decides such cases.
draft-need-return_refused_at_pickup-2 = When a pickup point refuses to take an item, a claim under “Purchases” or a request in the Wildberries app with photos and a description helps: the marketplace reviews such cases.
draft-need-not_received-1 = Please check the order history under “Deliveries”; if it is marked as received but you did not collect it, open a request in the Wildberries app: the marketplace checks hand-overs.
draft-need-not_received-2 = The order history is shown under “Deliveries”; if the order is marked as received but never reached you, open a request in the Wildberries app.
draft-need-order_stuck-1 = Orders are delivered by Wildberries: the status and history are shown under “Deliveries”, and if the status does not change for long, open a request in the Wildberries app.
draft-need-order_stuck-2 = Wildberries carries the order; if its status under “Deliveries” has not changed for a long time, open a request in the Wildberries app.
draft-need-cancel_or_change-1 = You can cancel the order under “Deliveries” until it is handed over for delivery; we cannot change a placed order, so it is easiest to cancel it and place a new one.
draft-need-cancel_or_change-2 = A seller cannot change a placed order; you can cancel it under “Deliveries” before it is handed over for delivery and then place a new one.
draft-need-discount_request-1 = We do not offer personal discounts: the current price and promotions are always shown on the product page.
draft-need-discount_request-2 = We have no personal discounts, but the price on the product page includes every current Wildberries promotion.
draft-need-off_platform_contact-1 = Wildberries rules do not allow talking outside the marketplace, so we will answer here, in the Wildberries chat.
draft-need-off_platform_contact-2 = Under Wildberries rules, conversations with buyers stay on the marketplace: ask us here and we will answer.
draft-need-abuse-1 = Please tell us what happened with the order; we are ready to sort it out.
draft-need-abuse-2 = We are ready to help: please tell us what exactly happened with the item.
draft-need-wb_chat_opener-1 = What is your question about the product? We will be glad to help.
draft-need-wb_chat_opener-2 = What is your question? We are here to help.
draft-need-harm-1 = If you have any symptoms, please see a doctor; you can describe the details in the chat with the seller on Wildberries, and we will look into it carefully.
draft-need-harm-2 = Please take care of your health and see a doctor if you have symptoms; describe the details in the chat with the seller on Wildberries so we can look into it.
draft-need-legal-1 = Please describe the details in the chat with the seller on Wildberries: we are ready to look into the situation and resolve it.
draft-need-legal-2 = We are ready to look into this and find a solution; you can describe the details in the chat with the seller on Wildberries.
draft-need-harm-chat-1 = If you have any symptoms, please see a doctor. Please tell us here in more detail what happened and attach photos, and we will look into it carefully.
draft-need-harm-chat-2 = Please take care of your health and see a doctor if you have symptoms. Tell us here in more detail what happened, and we will look into it.
draft-need-legal-chat-1 = Please tell us here in more detail what happened: we are ready to look into the situation and resolve it.
draft-need-legal-chat-2 = We are ready to look into this and find a solution: please tell us here in more detail what happened.

# Other needs.
draft-need-counterfeit-1 = It matters to us that there is no doubt about authenticity: we will check this batch.
draft-need-counterfeit-2 = We understand your doubts about authenticity and will check this batch.
draft-need-quality-1 = We will take your comment on the quality and material into account and pass it on to production.
draft-need-quality-2 = We will take the comment on the material and quality into account and pass it on to production.
draft-need-smell-clothes-1 = The smell of new fabric usually goes after airing or the first wash.
draft-need-smell-clothes-2 = Such a smell of new materials usually goes after airing.
draft-need-smell-tech-1 = The smell of new plastic usually goes within a few days if the item is left to air.
draft-need-smell-tech-2 = As a rule, the smell of new materials fades within a few days.
draft-need-smell-cosmetics-1 = We will pass your comment on the scent to the manufacturer.
draft-need-smell-cosmetics-2 = We will take your comment on the scent into account and pass it on to the manufacturer.
draft-need-colour-1 = The shade on a screen may differ slightly from the real one; we will take your comment into account.
draft-need-colour-2 = Screens show colours differently; we will take your comment into account.
draft-need-packaging-1 = We will pass this on to the warehouse so orders are packed more securely.
draft-need-packaging-2 = We will check how orders are put together and packed.
draft-need-delivery-1 = Orders are delivered by Wildberries: the status is shown under “Deliveries”, and it matters to us that orders arrive on time.
draft-need-delivery-2 = Delivery times depend on Wildberries, but it matters a lot to us that orders arrive on time.
draft-need-delivery-question-1 = Wildberries shows the delivery time to your city at checkout.
draft-need-delivery-question-2 = The exact delivery time is shown at checkout: Wildberries calculates it.
draft-need-price-1 = We understand the price matters and will take your opinion into account.
draft-need-price-2 = We will certainly take your opinion on the price into account.
draft-need-price-question-1 = The price on the product page includes current Wildberries promotions and discounts, so it may change.
draft-need-price-question-2 = The final price depends on current Wildberries promotions and discounts; the product page always shows the current one.
draft-need-care-clothes-1 = Care and washing recommendations are on the garment label.
draft-need-care-clothes-2 = We recommend washing the item following the care recommendations on its label.
draft-need-availability-1 = Sizes and colours in stock are shown on the product page; add the item to your favourites so you do not miss it.
draft-need-availability-2 = The product page shows what is available, and your favourites will tell you when it appears.
draft-need-compatibility-1 = Before ordering, please compare the specifications on the product page with your model.
draft-need-compatibility-2 = It is best to check compatibility in advance: compare the specifications on the product page with your model.
draft-need-praise_quality-1 = It is great that you appreciated the quality.
draft-need-praise_quality-2 = We are happy the quality pleased you.
draft-need-praise_fit-1 = Great that the size was right.
draft-need-praise_fit-2 = Great that the fit turned out well.
draft-need-praise_delivery-1 = Good to hear the order arrived quickly.
draft-need-praise_delivery-2 = Nice that the delivery went smoothly.
draft-need-praise_value-1 = Nice that the purchase turned out to be good value.
draft-need-praise_value-2 = Great that the price pleased you.

# A question the templates and the seller's facts cannot answer: an honest holding line (the card asks the seller).
draft-need-unknown-1 = We will check this information and add to our answer.
draft-need-unknown-2 = We are checking this information to answer precisely.
draft-need-unknown-chat-1 = We will check and answer you here.
draft-need-unknown-chat-2 = Let us check, and we will get back to you in this chat.
# …naming what the buyer asked, so the buyer sees the question was understood.
draft-need-unknown-compat-1 = We will check whether the item suits your case and add to our answer.
draft-need-unknown-compat-2 = We will check compatibility and add to our answer.
draft-need-unknown-usage-1 = We will check the manufacturer's instructions on use and care and add to our answer.
draft-need-unknown-usage-2 = We will check in the manufacturer's instructions whether the item can be used this way and add to our answer.
draft-need-unknown-setup-1 = We will check the instructions on how to set up and connect the item and add to our answer.
draft-need-unknown-setup-2 = We will check the setup and usage steps in the manufacturer's instructions and add to our answer.
draft-need-unknown-colour-1 = We will check how closely the shade in the photo matches the real colour and add to our answer.
draft-need-unknown-colour-2 = We will check how the photo shows the real colour and add to our answer.
draft-need-unknown-smell-1 = We will check whether the item has any smell and add to our answer.
draft-need-unknown-smell-2 = We will check if the item smells of anything and add to our answer.
draft-need-unknown-origin-1 = We will check the manufacturer details and certificates and add to our answer.
draft-need-unknown-origin-2 = We will check the manufacturer documents and certificates and add to our answer.
draft-need-unknown-packaging-1 = We will check how the item is packed and add to our answer.
draft-need-unknown-packaging-2 = We will check what packaging the item comes in and add to our answer.
draft-need-unknown-warranty-1 = We will check the warranty terms and add to our answer.
draft-need-unknown-warranty-2 = We will check what warranty applies to the item and add to our answer.
draft-need-unknown-composition-1 = We will check the exact composition and material and add to our answer.
draft-need-unknown-composition-2 = We will check the item's composition and material and add to our answer.
draft-need-unknown-dimensions-1 = We will check the exact dimensions and add to our answer.
draft-need-unknown-dimensions-2 = We will check the item's exact dimensions in cm and add to our answer.
draft-need-unknown-in_box-1 = We will check what comes in the box and add to our answer.
draft-need-unknown-in_box-2 = We will check what is included and add to our answer.

# The seller's own product fact, as written.
draft-fact-1 = { $fact }

# Size advice when the product's kind is not known.
draft-need-size-other-advice-1 = The size chart on the product page will help: compare your measurements with it.
draft-need-size-other-advice-2 = Before ordering, please compare your measurements with the size chart on the product page.
