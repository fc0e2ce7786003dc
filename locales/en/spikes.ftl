spike-title = 📈 <b>{ $product }</b> (nmID { $nm_id }): more and more buyers mention <b>{ $topic }</b>
spike-counts = { $recent } in the last { $days } days; { $baseline } in the { $weeks } weeks before
spike-rating = Rating: { $recent } now, { $baseline } before
spike-btn-mute = 🔕 Mute for { $days } days
spike-muted = 🔕 Muted for { $days } days for this product and topic.
