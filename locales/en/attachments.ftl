## The buyer's photos and videos sent with a card

media-photos = 📷 Buyer's photos: { $total }
media-photos-first = 📷 Buyer's photos: the first { $shown } of { $total }
media-photo = photo { $n }
media-video = 🎬 video { $n }

## A chat's files (WB moderates a buyer's file before the seller may have it)

chat-files-title = 📎 The buyer's files:
chat-file-new = • { $name }: asking WB…
chat-file-moderating = • { $name }: under WB's moderation, sent here once WB clears it
chat-file-ready = • { $name }: sent in this chat
chat-file-refused = • { $name }: WB's moderation refused it
chat-file-unnamed = file
