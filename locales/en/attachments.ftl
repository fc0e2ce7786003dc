## The buyer's photos and videos sent with a card

media-photos = 📷 Buyer's photos: { $total }
media-photos-first = 📷 Buyer's photos: the first { $shown } of { $total }
media-photo = photo { $n }
media-video = 🎬 video { $n }
