# Issue 29: the seller's view, second pass.
sv-card-nm-only = 📦 nm { $nm_id }
# A response time under a minute (the admin shows 26 s; "0 min" would say nothing).
duration-s = { $s } s
# The album's first caption line: which item the buyer's photos belong to.
sv-media-about = 📎 For the card: { $channel } · { $product } · nm { $nm_id }
