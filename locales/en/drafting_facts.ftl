# Issue 25: the kinds of product fact added to sizing/care/known issues/in the box, and the English voice fields.
bot-facts-kind-composition = Composition and material
bot-facts-kind-dimensions = Dimensions and weight
bot-facts-kind-compatibility = Compatibility
bot-facts-kind-warranty = Warranty
bot-facts-kind-restock = Restock
bot-facts-kind-origin = Origin and authenticity
admin-drafting-signature-en = Signature for replies in English
admin-drafting-brand-en = Brand for replies in English
