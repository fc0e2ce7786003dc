# A tap the bot could not handle (a failure on our side): the button's spinner ends with this instead of spinning.
bot-tap-again = ⚠️ That did not go through. Please tap the button again.

# Ops alerts of sync recovery (core.alerts, sync.engine.feedbacks).
alert-title-sync_failing = WB sync failing
analytics-alert-sync-failing = WB sync has been failing for { $minutes } min: { $channels } (channel, sellers failing). Every pair is retried within one interval once WB answers again.
alert-title-backfill_stuck = First sync skipped a step
sync-alert-backfill-stuck = Seller { $seller }: the first sync kept failing at one page of WB's history; it skipped the rest of the history and goes on with new items.
