# Holding lines that name what a question asked when only the seller knows the answer (core/drafting/subjects.py).
draft-need-unknown-compat-model-1 = We will check whether the item fits { $model } and add to our answer.
draft-need-unknown-compat-model-2 = We will check compatibility with { $model } and add to our answer.
draft-need-unknown-age-1 = We will check which age and height the item is meant for and add to our answer.
draft-need-unknown-age-2 = We will check the age and height range the item suits and add to our answer.
draft-need-unknown-gender-1 = We will check whether the model suits both boys and girls and add to our answer.
draft-need-unknown-gender-2 = We will check whether this model is unisex and add to our answer.
draft-need-unknown-safety-1 = We will check the manufacturer's safe-use guidance and add to our answer.
draft-need-unknown-safety-2 = We will check what the manufacturer says about safe use and add to our answer.
draft-need-unknown-measure-1 = We will check the exact measurements in cm and add to our answer.
draft-need-unknown-measure-2 = We will measure the item in cm and add to our answer.
# An abusive buyer who also says what is wrong: one calm line, then the answer.
draft-need-abuse-calm-1 = We will help you sort this out.
draft-need-abuse-calm-2 = We will do our best to help and sort this out.
# A washing question no care fact answers.
draft-need-unknown-wash-1 = We will check the care label for the washing and drying settings and add to our answer.
draft-need-unknown-wash-2 = We will check on the care label how the item may be washed and dried and add to our answer.
