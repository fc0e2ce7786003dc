# Issue 29: the seller's view, second pass.
sv-card-nm-only = 📦 арт. { $nm_id }
# A response time under a minute (the admin shows 26 s; "0 мин" would say nothing).
duration-s = { $s } с
# The album's first caption line: which item the buyer's photos belong to.
sv-media-about = 📎 К карточке: { $channel } · { $product } · арт. { $nm_id }
