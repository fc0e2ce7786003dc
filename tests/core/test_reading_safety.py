"""The safety classes of a reading (issue 24): harm and legal, through `core.reading.read` (the interface the
wiring uses), with near misses that must stay quiet."""

from __future__ import annotations

import pytest

from core.models.enums import Channel
from core.reading import Situation, read

HARM, LEGAL = Situation.HARM, Situation.LEGAL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("после крема ожог на лице, иду в Роспотребнадзор", {HARM, LEGAL}),
        ("Обожглась об утюг, подошва раскалилась за секунду", {HARM}),
        ("у ребенка аллергия после этой пижамы, всё тело в сыпи", {HARM}),
        ("Сын подавился деталькой из набора", {HARM}),
        ("ударило током от зарядки", {HARM}),
        ("отравились этим чаем всей семьёй", {HARM}),
        ("Порезалась об край банки, кровь", {HARM}),
        ("Подам в суд, если не вернёте деньги", {LEGAL}),
        ("Пишу претензию, по ЗоЗПП вы обязаны вернуть", {LEGAL}),
        ("Обращусь к юристу и в прокуратуру", {LEGAL}),
        ("The charger gave me an electric shock", {HARM}),
        ("My daughter got a rash and an allergic reaction", {HARM}),
        ("I will sue you and go to court", {LEGAL}),
        # Second round (issue 24): other forms and words for the same harm and the same legal steps.
        ("от обогревателя ударил разряд, рука онемела", {HARM}),
        ("у сына понос и температура 39 после этих конфет", {HARM}),
        ("после геля на руках вздулись пузыри", {HARM}),
        ("пожалуюсь в роспотреб и в прокуратуру", {LEGAL}),
        ("жалобу в ФАС уже отправила", {LEGAL}),
        ("буду судиться, чеки сохранены", {LEGAL}),
        ("составила претензию и отправила заказным письмом", {LEGAL}),
        ("мой адвокат свяжется с вами", {LEGAL}),
        ("Судебное разбирательство вам обеспечено, я юрист", {LEGAL}),
        ("We are taking you to court over this", {LEGAL}),
        ("из розетки полетели искры, руку отдёрнула", {HARM}),
        ("палец кровоточит после этой тёрки", {HARM}),
        ("I cut myself on the sharp edge", {HARM}),
        ("Обращусь в ОЗПП, так это не оставлю", {LEGAL}),
        ("дело дойдёт до суда, если не вернёте", {LEGAL}),
        # A guard word elsewhere in the text does not hide a real injury.
        ("Работаю на кухне, обожглась об ручку этой сковороды", {HARM}),
        ("Спасибо вам от души, но у сына сыпь после пижамы", {HARM}),
        ("если деньги не вернете в суд пойду", {LEGAL}),
        ("в личном кабинете статус доставлен, подаю в суд", {LEGAL}),
    ],
)
def test_harm_and_legal_are_read(text: str, expected: set[Situation]) -> None:
    reading = read(text, channel=Channel.REVIEW, rating=1)
    assert set(reading.safety) == expected
    assert reading.complaint


@pytest.mark.parametrize(
    "text",
    [
        "Порезала ткань ножницами, шьётся легко",
        "Аллергии на шерсть нет, ношу спокойно",
        "В суде работаю, костюм отличный",
        "Крем отличный, кожа мягкая",
        "Спасибо, всё пришло вовремя",
        # Second round: treatment, a place of work, a figure of speech, a question or a satisfied buyer.
        "после перелома хожу в этом ортезе, удобно",
        "таблетки от аллергии помогли, спасибо",
        "работаю в больнице, в этих сабо удобно всю смену",
        "игрушечная скорая помощь с мигалкой, сын в восторге",
        "сын подавился смехом, увидев эту маску",
        "раздражение на коже прошло за неделю, крем супер",
        "права потребителя не нарушены, всё как описано",
        "Sequin rash on the sleeves looks gorgeous",
        # Marketing words, idioms and spills sharing a stem with an injury or an authority.
        "Травмобезопасные уголки, ребёнок играет спокойно",
        "Консилер отлично перекрывает синяки под глазами",
        "Пакет порвался, всё высыпалось, но товар цел",
        "Проглотила книгу за вечер, спасибо",
        "От этого принта кровь из глаз, но ткань хорошая",
        "Не судите строго, пишу отзыв первый раз",
        "Костюм полицейского сыну на утренник, написала бы ещё отзыв",
        "Одобрено Роспотребнадзором, пишу как есть: крем хороший",
        "Wore these on the tennis court, will buy again",
        "I was shocked how soft it is",
        "Обожжённая глина, горшок тяжёлый",
        "С этим пластырем порез заживает быстрее",
        "до суда не дойдёт, всё решили мирно",
        "в суд не пойду, просто поменяйте размер",
    ],
)
def test_near_misses_stay_quiet(text: str) -> None:
    assert read(text, channel=Channel.REVIEW, rating=5).safety == ()
