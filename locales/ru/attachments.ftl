## Фото и видео покупателя, отправленные с карточкой

media-photos = 📷 Фото покупателя: { $total }
media-photos-first = 📷 Фото покупателя: первые { $shown } из { $total }
media-photo = фото { $n }
media-video = 🎬 видео { $n }
