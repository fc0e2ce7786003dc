# Issue 25: the kinds of product fact added to sizing/care/known issues/in the box, and the English voice fields.
bot-facts-kind-composition = Состав и материал
bot-facts-kind-dimensions = Размеры и вес
bot-facts-kind-compatibility = Совместимость
bot-facts-kind-warranty = Гарантия
bot-facts-kind-restock = Поступление
bot-facts-kind-origin = Происхождение и подлинность
admin-drafting-signature-en = Подпись для ответов на английском
admin-drafting-brand-en = Бренд для ответов на английском
