# The onboarding summary of the backlog (bot.backlog): one message instead of a card per old item.
backlog-title = 📦 <b>Без ответа с момента до подключения</b>: { $total }, из них просрочено { $overdue }
backlog-line = { $channel }: { $count } ({ $priorities })
backlog-priority = { $priority } { $count }
backlog-oldest = Самое старое — от { $date }.
backlog-next = Карточки будут приходить по новым обращениям. Старые разберите в /inbox — кнопки ниже.
backlog-btn-urgent = 🔥 Сначала срочные
backlog-btn-oldest = ⏳ Сначала старые
alert-title-backlog = Подключение с историей
alert-backlog = Продавец { $seller }: при подключении { $total ->
        [one] найдено { $total } обращение
        [few] найдено { $total } обращения
       *[many] найдено { $total } обращений
    } без ответа (просрочено { $overdue }). Продавец получил одну сводку вместо карточек.
