sync-alert-token-invalid = Seller { $seller }: WB rejected the API token. Sync is paused until the seller reconnects.
sync-alert-rate-limited = Seller { $seller }: WB answered "too many requests" { $count } times in a row.
sync-alert-pending-expired = Seller { $seller }: a sent reply did not appear on WB within the pending window; the item is back in the queue.
