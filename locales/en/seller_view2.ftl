# Issue 29: the seller's view, second pass.
sv-card-nm-only = 📦 nm { $nm_id }
# A response time under a minute (the admin shows 26 s; "0 min" would say nothing).
duration-s = { $s } s
# The album's first caption line: which item the buyer's photos belong to.
sv-media-about = 📎 For the card: { $channel } · { $product } · nm { $nm_id }
# Admin: WB's currency codes and the link reasons of a buyer's timeline.
sv-currency-643 = RUB
enum-link-reason-supplement = addition to the review
enum-link-reason-same-buyer-id = same chat buyer
enum-link-reason-same-order = same order
enum-link-reason-claim-from-chat = claim from this chat
enum-link-reason-same-buyer-product = same name on the same product
enum-link-reason-chat-names-product = chat names this product
enum-link-reason-similar-buyer = similar name on the same product
enum-reply-action-hide = hidden from buyers
# CSV export column titles (core.exports.CsvFormat).
export-col-id = ID
export-col-seller-id = Seller ID
export-col-channel = Channel
export-col-external-id = WB ID
export-col-occurred-at = Received
export-col-nm-id = WB article (nmID)
export-col-product-name = Product
export-col-supplier-article = Seller's article
export-col-brand = Brand
export-col-buyer-name = Buyer
export-col-rating = Rating
export-col-text = Text
export-col-pros = Pros
export-col-cons = Cons
export-col-topics = Topics
export-col-situations = Situations
export-col-mood = Mood
export-col-reply-language = Reply language
export-col-product-kind = Product kind
export-col-intent = Intent
export-col-status = Status
export-col-priority = Priority
export-col-due-at = Reply due
export-col-first-response-at = First response
export-col-answer = Answer on WB
export-col-answer-state = Answer state
export-col-reply-text = Reply text
export-col-reply-status = Reply status
export-col-reply-via = Sent via
export-col-reply-by = Replied by
export-col-reply-sent-at = Reply sent
# The demo's onboarding: the WB sandbox store's token as a button.
sv-demo-token-btn = 🧪 Connect the demo store (WB sandbox)
