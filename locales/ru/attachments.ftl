## Фото и видео покупателя, отправленные с карточкой

media-photos = 📷 Фото покупателя: { $total }
media-photos-first = 📷 Фото покупателя: первые { $shown } из { $total }
media-photo = фото { $n }
media-video = 🎬 видео { $n }

## Файлы чата (WB проверяет файл покупателя, прежде чем отдать его продавцу)

chat-files-title = 📎 Файлы покупателя:
chat-file-new = • { $name }: запрашиваем у WB…
chat-file-moderating = • { $name }: на модерации WB, пришлём сюда, когда WB её пропустит
chat-file-ready = • { $name }: отправлен в этот чат
chat-file-refused = • { $name }: не прошёл модерацию WB
chat-file-unnamed = файл
