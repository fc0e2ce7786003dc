# Guardrail verdicts: one message per reason key (core/guardrails/rules.py). $fragment is the matched text.
guard-ai = Упоминание ИИ, бота или нейросети: «{ $fragment }». Покупатель должен общаться с продавцом.
guard-incentive = Вознаграждение или давление ради отзыва, его изменения или удаления: «{ $fragment }». Это запрещено правилами WB.
guard-refund = Обещание возврата или компенсации, о котором покупатель не просил: «{ $fragment }».
guard-blame = Покупатель выставлен виноватым: «{ $fragment }».
guard-redirect = Покупателя отправляют в поддержку или на другую площадку: «{ $fragment }».
guard-contact = Упоминание мессенджера или соцсети: «{ $fragment }». Уводить покупателя с WB нельзя.
guard-contact-url = Ссылка в тексте: «{ $fragment }».
guard-contact-phone = Номер телефона в тексте: «{ $fragment }».
guard-contact-email = Адрес электронной почты в тексте: «{ $fragment }».
guard-contact-handle = Имя пользователя в мессенджере: «{ $fragment }».
guard-profanity = Грубое или нецензурное слово: «{ $fragment }».
guard-tone = Благодарность за высокую оценку в ответ на низкую: «{ $fragment }».
guard-format-caps = Текст заглавными буквами выглядит как крик: «{ $fragment }».
guard-format-empty = Пустой текст.
guard-format-too-short = Слишком короткий текст: { $length } { $length ->
        [one] символ
        [few] символа
       *[many] символов
    }, нужно не меньше { $limit }.
guard-format-too-long = Слишком длинный текст: { $length } { $length ->
        [one] символ
        [few] символа
       *[many] символов
    }, допустимо не больше { $limit }.
guard-custom = Фраза из списка запрещённых продавцом: «{ $fragment }».
guard-secret = В тексте ключ доступа (токен WB API или похожий): «{ $fragment }». Такой текст не отправляется и не сохраняется; если токен попал в чат, отзовите его в личном кабинете WB.
