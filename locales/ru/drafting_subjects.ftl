# Holding lines that name what a question asked when only the seller knows the answer (core/drafting/subjects.py).
draft-need-unknown-compat-model-1 = Проверим, подойдёт ли товар к { $model }, и дополним ответ.
draft-need-unknown-compat-model-2 = Уточним совместимость с { $model } и дополним ответ.
draft-need-unknown-age-1 = Уточним, на какой возраст и рост рассчитан товар, и дополним ответ.
draft-need-unknown-age-2 = Проверим, для какого возраста и роста подходит товар, и дополним ответ.
draft-need-unknown-gender-1 = Уточним, подойдёт ли модель и мальчику, и девочке, и дополним ответ.
draft-need-unknown-gender-2 = Проверим, универсальная ли это модель или для мальчика либо девочки, и дополним ответ.
draft-need-unknown-safety-1 = Уточним особенности безопасного использования товара и дополним ответ.
draft-need-unknown-safety-2 = Проверим, что говорит производитель о безопасном использовании, и дополним ответ.
draft-need-unknown-measure-1 = Точные замеры в сантиметрах уточним и дополним ответ.
draft-need-unknown-measure-2 = Проверим точные замеры в см и дополним ответ.
# An abusive buyer who also says what is wrong: one calm line, then the answer.
draft-need-abuse-calm-1 = Поможем разобраться.
draft-need-abuse-calm-2 = Постараемся помочь и во всём разобраться.
# A washing question no care fact answers.
draft-need-unknown-wash-1 = Уточним по ярлыку изделия допустимый режим стирки и сушки и дополним ответ.
draft-need-unknown-wash-2 = Сверимся с ярлыком изделия, при каком режиме его можно стирать и сушить, и дополним ответ.
