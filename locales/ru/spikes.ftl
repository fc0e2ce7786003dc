spike-title = 📈 <b>{ $product }</b> (nmID { $nm_id }): покупатели всё чаще пишут про <b>{ $topic }</b>
spike-counts = { $recent } за последние { $days } дн.; { $baseline } за { $weeks } нед. до этого
spike-rating = Рейтинг: { $recent } сейчас, { $baseline } раньше
spike-btn-mute = 🔕 Не сообщать { $days } дн.
spike-muted = 🔕 Для этого товара и темы уведомления выключены на { $days } дн.
