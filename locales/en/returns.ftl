## Buyer returns (WB claims)

bot-channel-return = Return
bot-filter-return = Returns
admin-channel-return = Returns

admin-claim-status = WB decision / item status
admin-claim-actions = actions WB allows
admin-claim-order = order
admin-reply-claim-action = A return is decided with one of WB's actions in Telegram, not with a text reply.

claim-action-approve1 = ✅ Approve (defect check at the warehouse)
claim-action-approve2 = ✅ Approve, item back to me
claim-action-autorefund1 = 💸 Refund, item stays with the buyer
claim-action-approvecc1 = 🏬 Approve return to my store
claim-action-confirmreturngoodcc1 = 📥 I received the item
claim-action-reject1 = ❌ Reject: no defect found
claim-action-reject2 = ❌ Reject: ask for photos/video
claim-action-reject3 = ❌ Reject: to a service centre
claim-action-rejectcustom = ✍️ Reject with my comment

claim-from-chat = 💬 Raised from a buyer chat
claim-order = 💰 { $price } { $currency } · order { $order }
claim-status = 🏷 WB: { $status } · item: { $item }
claim-status-0 = under review
claim-status-1 = rejected
claim-status-2 = approved
claim-item-0 = application under review
claim-item-1 = stays with the buyer (rejected)
claim-item-2 = goes back to WB
claim-item-5 = stays with the buyer (approved)
claim-item-8 = back on sale after WB's check
claim-item-10 = returned to the seller
claim-wb-comment = 💭 WB to the buyer: { $text }
claim-photo = photo { $n }
claim-video = video
claim-meta = ⏱ decide by { $due }{ $links ->
    [0] {""}
   *[other] {" · 🔗 "}{ $links }
}
claim-no-actions = ☑️ Nothing to decide: WB offers no action for this return.
claim-decision = Your decision: { $action } — { $stage }
claim-decision-comment = 💬 { $text }
claim-stage-sending = ⏳ sending…
claim-stage-sent = 📤 sent, waiting for WB to show it
claim-stage-confirmed = ✅ WB shows it
claim-stage-failed = ⚠️ not sent

claim-confirm = ✅ Confirm: { $action }
claim-comment-prompt = ✍️ { $action }: send the comment for the buyer (10–1000 characters). Nothing is sent before you confirm.
claim-comment-check =
    { $action }. The buyer will read:
    { $text }
    Confirm to send it to WB.
claim-sent = 📤 Your decision goes to WB.
claim-cancelled = ✖️ Cancelled, nothing was sent.

bot-reply-claim-comment = ⛔ This action needs a comment of 10–1000 characters (only "Reject with my comment" and "Approve return to my store" take one).
bot-reply-claim-action = ⛔ WB does not offer this action for the return any more.
bot-reply-claim-manual = ⛔ Returns are never decided automatically.

analytics-link-claim-from-chat = Return raised from this chat

enum-scope-return = returns
enum-audit-claim-decided = return decided
enum-audit-question-hidden = question hidden

claim-draft-comment = ✍️ Your comment, waiting for your confirm:
    { $text }
