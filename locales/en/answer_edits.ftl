## Editing a published answer (reviews and questions; WB: once, within 60 days)

answer-edit-btn = ✏️ Edit answer
answer-edit-btn-confirm = ✅ Confirm: replace the answer on WB
answer-edit-prompt = ✏️ Send the new answer text. WB allows editing an answer only once, so check it well.
    Current answer:
    { $answer }
answer-edit-check = 👀 <b>Check the new answer</b> — WB allows only one edit, it is not sent yet:
    { $text }
answer-edit-sent = ✏️ The edited answer goes to WB.
answer-edit-cancelled = ✖️ Edit cancelled: the answer stays as it was.
answer-edit-card-edited = ✏️ <b>Answer edited</b> (WB allows no further edits):
answer-edit-stage-sending = ⏳ Sending the edited answer…
answer-edit-stage-unknown = ❓ Not sure the edit reached WB — check WB. We keep checking; tap “Check WB again” to check now.
answer-edit-stage-failed = ⚠️ Edit not applied: { $reason }
bot-reply-edit-channel = ⛔ Only an answer to a review or a question can be edited.
bot-reply-edit-unpublished = ⛔ Only a published answer can be edited.
bot-reply-edit-used = ⛔ WB allows editing an answer only once, and this one has been edited already.
bot-reply-edit-expired = ⛔ WB allows editing an answer only within 60 days of answering; this one is older.
bot-reply-edit-manual = ⛔ Answers are never edited automatically.
bot-reply-edit-stale = ⛔ This edit is no longer current: tap “Edit answer” and send the text again.
enum-audit-answer-edited = answer edited
