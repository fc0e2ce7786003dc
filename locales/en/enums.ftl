## Enum values as the admin shows them (admin/templating.py: the `enum` filter); issue #15

enum-answer-state-none = no answer
enum-answer-state-published = published
enum-answer-state-moderation = under moderation
enum-answer-state-rejected = rejected
enum-answer-state-unknown = unknown

enum-wb-sync-none = —
enum-wb-sync-pending = waiting for WB
enum-wb-sync-confirmed = confirmed by WB
enum-wb-sync-expired = not confirmed by WB

enum-draft-origin-template = template
enum-draft-origin-llm = AI
enum-draft-origin-fallback = fallback template
enum-draft-origin-seller = seller

enum-reply-status-queued = queued
enum-reply-status-sending = sending
enum-reply-status-sent = sent
enum-reply-status-failed = failed
enum-reply-status-unknown = unknown

enum-reply-via-telegram = Telegram
enum-reply-via-web = web admin
enum-reply-via-auto = automatically

enum-reply-quality-as-is = as drafted
enum-reply-quality-edited = edited
enum-reply-quality-manual = written by hand
enum-reply-quality-auto = auto-reply

enum-sync-run-running = running
enum-sync-run-ok = ok
enum-sync-run-failed = failed

enum-scope-review = reviews
enum-scope-question = questions
enum-scope-chat = chats

enum-audit-access-denied = access denied
enum-audit-draft-cancelled = draft cancelled
enum-audit-draft-written = seller's text
enum-audit-draft-discarded = seller's text cancelled
enum-audit-interaction-skipped = skipped
enum-audit-interaction-unskipped = back in the queue
enum-audit-member-invited = invitation
enum-audit-member-joined = joined the team
enum-audit-member-removed = removed from the team
enum-audit-product-facts = product facts
enum-audit-reply-approved = reply approved
enum-audit-reply-recheck = reply re-check
enum-audit-reply-auto-sent = sent automatically
enum-audit-reply-auto-send-skipped = auto-reply not sent
enum-audit-seller-token-connected = token connected
enum-audit-settings-changed = settings changed
enum-audit-settings-llm = AI settings
enum-audit-seller-paused = seller paused
enum-audit-seller-token-invalid = WB refused the token
enum-audit-seller-resumed = seller resumed
enum-audit-seller-named = shop name set
