## WB's newer review fields on a review card

review-order-buyout = 🛍 The buyer kept the item
review-order-rejected = 🚫 The buyer refused the item at pickup
review-order-returned = ↩️ The buyer returned the item
review-buyer-tags = 🔖 Buyer tags: { $tags }
