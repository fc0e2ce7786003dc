"""The product's kind from WB's subject (category) or, when it does not tell, the product name."""

from __future__ import annotations

import re

from core.reading.model import ProductKind

# Stems of WB subjects and product names, per kind; checked in this order (a "чехол для наушников" is electronics,
# "тапочки" are shoes even in a "домашняя" product name).
_KINDS: tuple[tuple[ProductKind, re.Pattern[str]], ...] = (
    (
        ProductKind.SHOES,
        re.compile(
            r"кроссов|кед[ыа]?\b|ботин|ботильон|туфл|сапог|сапож|полусапож|тапоч|тапк|босонож|сандал|сланц|шлепан|"
            r"мокасин|лофер|балетк|угги|обув|слипон|мюли|сабо|кроксы|sneaker|shoe|boot"
        ),
    ),
    (
        ProductKind.ELECTRONICS,
        re.compile(
            r"наушник|зарядн|кабел|чехл|чехол|смартфон|телефон|планшет|ноутбук|час[ыа]? умн|умн\w* час|смарт|фен\b|"
            r"фены|колонк|powerbank|пауэрбанк|аккумулятор|адаптер|роутер|мыш[ьи]|клавиатур|стайлер|плойк|утюжок|"
            r"электробритв|триммер|камер|видеорегистр|монитор|флешк|карт[аы] памяти|геймпад|приставк|электрон|"
            r"headphone|charger|cable|phone|case for"
        ),
    ),
    (
        ProductKind.COSMETICS,
        re.compile(
            r"крем|тушь|туши|шампун|бальзам|кондиционер для волос|парфюм|духи|туалетн\w* вод|помад|блеск для губ|"
            r"маск[аи] для|сыворотк|тонер|тоник|лосьон|пенк|гель для|скраб|космет|пудр|румян|тени|консилер|"
            r"тональн|лак для ногт|масло для|дезодорант|мицелляр|патч"
        ),
    ),
    (
        ProductKind.HOME,
        re.compile(
            r"постельн|полотенц|органайзер|сковород|кастрюл|чайник|светильник|ламп[аы] настольн|торшер|люстр|"
            r"посуд|тарелк|кружк|стакан|плед|подушк|одеял|штор|ковер|коврик для ванн|матрас|простын|наволочк|"
            r"контейнер|хранени|кухон|вешалк|мебел|стеллаж|полк[аи]|сушилк|ваза|текстил|скатерт|нож[иа]? кухон|"
            r"термос|ланч|блендер|мультиварк|миксер|пылесос|утюг\b|увлажнител"
        ),
    ),
    (
        ProductKind.CLOTHES,
        re.compile(
            r"футболк|плать|джинс|брюк|юбк|куртк|пуховик|пальто|худи|толстовк|свитер|свитшот|джемпер|кардиган|"
            r"пижам|бюстгальтер|белье|бель[ея]|трус|костюм|рубашк|блузк|блуз|носк|колготк|шапк|шарф|перчатк|"
            r"варежк|жилет|пиджак|комбинезон|шорт|леггинс|лосин|топ\b|топы|майк|халат|сорочк|купальник|водолазк|"
            r"пуловер|жакет|парк[аи]\b|ветровк|плащ|лонгслив|сарафан|одежд|t-shirt|dress|jeans|hoodie|jacket"
        ),
    ),
)


def product_kind(product_name: str | None, subject: str | None = None) -> ProductKind:
    """The product's kind from WB's subject (preferred) or the product name; `OTHER` when neither tells."""
    for source in (subject, product_name):
        if not source:
            continue
        lowered = source.lower().replace("ё", "е")
        for kind, rx in _KINDS:
            if rx.search(lowered):
                return kind
    return ProductKind.OTHER
