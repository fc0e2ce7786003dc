## WB 2026: an empty WB balance (402), a token without a category (403), Base tokens, contract drift (issue 27)

alert-title-wb_balance_empty = The WB balance of the service is empty
alert-title-token_category_feedbacks = The WB token lacks “Questions and reviews”
alert-title-token_category_chat = The WB token lacks “Buyer chat”
alert-title-token_category_returns = The WB token lacks “Buyer returns”
alert-title-wb_drift = WB changed an answer

alert-seller-wb_balance_empty =
    Shop “{ $seller }”: the WB balance of the service is empty — top it up. Until then new reviews, questions and chats are not loaded and replies wait in the queue (none is lost; they go out once the balance is topped up).
    Next step: top up the balance in the WB cabinet (dev.wildberries.ru/company); the service resumes by itself.
alert-seller-token_category_feedbacks =
    Shop “{ $seller }”: the WB token has no access to the “Questions and reviews” category, so reviews and questions are not loaded and cannot be answered.
    Next step: in the WB cabinet (Settings → API access) create a token with the “Questions and reviews” category ticked (and the others you use), then send it after the /connect command.
alert-seller-token_category_chat =
    Shop “{ $seller }”: the WB token has no access to the “Buyer chat” category, so chats are not loaded and cannot be answered.
    Next step: in the WB cabinet (Settings → API access) create a token with the “Buyer chat” category ticked (and the others you use), then send it after the /connect command.
alert-seller-token_category_returns =
    Shop “{ $seller }”: the WB token has no access to the “Buyer returns” category, so return requests are not loaded and cannot be answered.
    Next step: in the WB cabinet (Settings → API access) create a token with the “Buyer returns” category ticked (and the others you use), then send it after the /connect command.

sync-alert-wb-balance-empty = Seller { $seller }: WB answered 402 — { $detail }. Syncs and sends wait until the balance is topped up.
sync-alert-token-category = Seller { $seller }: WB answered 403 for { $category } — { $detail }.
sync-alert-wb-drift = WB answered { $endpoint } differently from its contract: { $what } “{ $field }”.
wb-category-feedbacks = “Questions and reviews”
wb-category-chat = “Buyer chat”
wb-category-returns = “Buyer returns”
outbox-error-category = WB refused: the token lacks the { $category } category ({ $detail }). Create a token with it and send it after /connect.

wb-token-type-base =
    ⚠️ This is a WB “Base” token: WB lets it make 5 requests an hour for reviews and questions and 1 an hour for chats and returns, so new items will come hours late.
    Create a “Personal” token instead (WB cabinet → Settings → API access, categories “Questions and reviews”, “Buyer chat”, “Buyer returns”) and send it after /connect.
wb-token-type-standard = WB token: Personal, Service or Base with secret — WB's full limits (WB's answers do not tell these three apart).
wb-token-type-test = WB token: “Test scope” — it works only with WB's sandbox (feedbacks-api-sandbox.wildberries.ru), not with your shop.
wb-token-type-unknown = WB token type: not known yet (WB's answers tell it as the sync runs).

wb-drift-unknown_field = an unknown field
wb-drift-missing_required = a missing required field
wb-drift-new_status = an undocumented status
wb-check-drift-title = Differences from WB's contract seen in WB's answers (endpoint · what · field · times):
wb-check-drift-line = { $endpoint } · { $what } · { $field } · { $count }
wb-check-drift-none = No difference from WB's contract seen in WB's answers.

bot-token-test-token = ❌ This is a WB “Test scope” token: it works only with WB's sandbox, not with your shop. Create a token without “Test scope” and send it again.
bot-token-not-test-token = ❌ This service talks to WB's sandbox (feedbacks-api-sandbox.wildberries.ru): it takes only a WB “Test scope” token. Create one in the WB cabinet (Settings → API access → “Test scope”).
wb-check-token-test = This is a “Test scope” token: it works only with WB's sandbox (feedbacks-api-sandbox.wildberries.ru; reviews and questions).

bot-reply-files-chat-only = ❌ Files go only into buyer chats.
chat-file-too-big = ❌ “{ $name }” is larger than 5 MB: WB does not take it.
chat-file-too-much = ❌ Together the files are larger than 30 MB: WB does not take them.
chat-file-type = ❌ “{ $name }” is not a JPEG, PNG or PDF: WB does not take it.
chat-file-queued = 📎 The file goes into the chat with your text.
chat-file-needs-text = ✏️ Add a caption: WB sends the file with your text (send the file again with a caption).
