## Новые поля отзыва WB на карточке отзыва

review-order-buyout = 🛍 Покупатель выкупил товар
review-order-rejected = 🚫 Покупатель отказался от товара при получении
review-order-returned = ↩️ Покупатель вернул товар
review-buyer-tags = 🔖 Метки покупателя: { $tags }
