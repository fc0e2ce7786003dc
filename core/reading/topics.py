"""The topics of one review, question or chat, read clause by clause (see `core.reading.text`).

Text, pros and cons are read as sections: compliments count only outside "cons", complaints only outside "pros",
and a bare word in a section ("Качество, цена" as pros) names that section's aspect. A compliment removes the
matching complaint only within its clause ("привезли вовремя" is not a delivery complaint, "быстро привезли, но
коробка мятая" still is one about packaging). Size words are bound to what they describe: «большое» in «спасибо
большое», «широкая» in «широкая линейка цветов» or «висит» in «висит на сортировке» say nothing about the size,
and a plain adjective («длинная») is a complaint only about the item, a part of it or its size, and not when the
buyer wanted it so («длинная, как я и хотела»). The product's kind changes what a word means: on a phone case or a
car mat «подойдёт / fit» asks about compatibility, not about size.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from core.models.enums import Channel
from core.reading.cues import CUES, Cue
from core.reading.text import Clause, clauses, parse, prepare, vocabulary
from core.topics.model import Topic, TopicResult, ordered

_NEGATORS = {
    *("не", "нет", "без", "ни", "никакого", "никакой", "никаких", "ничуть", "нисколько"),
    *("no", "not", "without", "never", "nothing", "isn", "doesn", "don", "wasn"),
}
# Complaints a negation right before them denies («не маломерит», «ничего не сломалось», «не дорого»). Question-like
# topics are left out («не могу подключить» asks about usage, «не подходит на А54» is the compatibility complaint),
# and so is a missing part, said with a negation («нет пояса в комплекте»).
_DENIABLE = frozenset(
    {
        *(Topic.SIZE_SMALL, Topic.SIZE_LARGE, Topic.DEFECT, Topic.WRONG_ITEM, Topic.DELIVERY),
        *(Topic.PACKAGING, Topic.SMELL, Topic.QUALITY, Topic.PRICE, Topic.COUNTERFEIT),
    }
)
_EMPTY_SECTION = re.compile(
    r"^(нет|нету|никаких|ничего|не обнаружено|не выявлено|не нашла|не нашел|отсутствуют|no|none|nothing|-|всё|все|"
    r"all|пока нет|не заметила|не заметил)?$"
)
_TWINS: dict[Topic, frozenset[Topic]] = {
    Topic.PRAISE_DELIVERY: frozenset({Topic.DELIVERY, Topic.PACKAGING}),
    Topic.PRAISE_FIT: frozenset({Topic.SIZE_SMALL, Topic.SIZE_LARGE}),
    Topic.PRAISE_VALUE: frozenset({Topic.PRICE}),
    Topic.PRAISE_QUALITY: frozenset({Topic.QUALITY}),
}
_COMPLAINT_OF = {complaint: praise for praise, twins in _TWINS.items() for complaint in twins}
# A bare aspect word in pros/cons: what it praises or complains about.
_SECTION_WORDS: tuple[tuple[re.Pattern[str], Topic | None, Topic], ...] = (
    (re.compile(r"качеств|материал|ткан|пошив|\bшв"), Topic.PRAISE_QUALITY, Topic.QUALITY),
    (re.compile(r"\bцен|стоимост|дешев|дорог"), Topic.PRAISE_VALUE, Topic.PRICE),
    (re.compile(r"доставк|скорост"), Topic.PRAISE_DELIVERY, Topic.DELIVERY),
    (re.compile(r"упаковк"), Topic.PRAISE_DELIVERY, Topic.PACKAGING),
    (re.compile(r"посадк|сидит|\bfit\b|^размер\w*$|\bsize\b"), Topic.PRAISE_FIT, Topic.SIZE_SMALL),
    (re.compile(r"запах|вонь|smell"), Topic.PRAISE_QUALITY, Topic.SMELL),
    (re.compile(r"\bцвет|colou?r"), None, Topic.COLOUR_MISMATCH),
    (re.compile(r"стойкост|прочност|износ"), Topic.PRAISE_QUALITY, Topic.QUALITY),
)
_SIZE_WORD = re.compile(r"^(размер\w*|посадк\w*)$")
_SIZES = frozenset({Topic.SIZE_SMALL, Topic.SIZE_LARGE, Topic.PRAISE_FIT})
_ASKS_STOCK = re.compile(r"\?|нет (других|в продаже)|других цвет")
_WORDS = re.compile(r"\w+")
_WORD_TAIL = re.compile(r"^\w*")
# Below this many words a text with no topic is just short ("Супер!"), not a text the rules failed to read.
_UNSURE_MIN_WORDS = 4

# Size binding: nouns a size adjective may agree with without saying anything about the item's size.
_NOT_ABOUT_SIZE = vocabulary(
    "спасибо выбор линейка ассортимент объём объем количество скидка очередь плюс минус опыт радость срок отзыв "
    "подарок разница удовольствие спрос деталь магнит кто капсула порция запас плюсик ожидание путь расстояние "
    "дорога выбор пачка упаковка коробка пакет партия заказ надежда буква шрифт цифра просьба благодарность "
    "сумма цена деньга рахмет молодец респект"
)
# The buyer wanted it so («длинная, как я и хотела») or it is a plain description the buyer is glad of.
_AS_WANTED = re.compile(
    r"как (я )?(и )?(хотел|надо|нужно|заказыва|люблю|мечтал|описан|заявлен|на фото)|в самый раз|то что нужно"
)
# Words that tie a size adjective to the item's size («размер большой», «рукава длинные», «в груди узко»).
_PREDICATIVE_POS = frozenset({"ADJS", "COMP", "ADVB", "PRED"})
# A generic adjective cue that needs binding; the strong cues (маломерит, велико, коротковат, жмёт…) never do.
_GENERIC_SIZE_CUE = re.compile(
    r"(длинн|широк|огромн|маленьк|коротк|узк)(ий|ый|ая|ое|ие|ые|о|а|и|ы)?|больш(ие|ая|ой)|висит"
)
_PARCEL_CONTEXT = re.compile(r"сортировк|в пути|статус|трек|отслежива|на складе|в пункте|заказ|посылк|пвз")
# Kinds a size adjective can complain about («длинная» on a skirt); "unknown": the product is not named at all.
_WORN = frozenset({"clothes", "shoes", "unknown"})
# Kinds where "fit"/"подойдёт" is about a device, model or car (compatibility), not about the body.
_DEVICE_KINDS = frozenset({"electronics", "home", "other"})
_FITS_DEVICE_VERB = re.compile(
    r"подойд|подход|подош(ел|ла|ли|ло)\b|\bfits?\b|не ложатся|встал|налез|сидит|болта|tushadi|mos keladi|to.g.ri keladi"
)
_DEVICE = re.compile(
    r"iphone|айфон|samsung|самсунг|xiaomi|сяоми|redmi|honor|huawei|pixel|макбук|macbook|ноутбук|андроид|android|"
    r"магсейф|magsafe|\b[a-zа-я]\d{2}\b|\d{2} ?(про|pro|mini|мини|max|plus)\b|модел|\bкиа\b|\bkia\b|\bрио\b|тойот|"
    r"toyota|камри|camry|\bлад[аеуы]\b|солярис|solaris|приор|\bполо\b|polo|шкод|skoda|октави|хендай|hyundai|рено|"
    r"renault|\bформ[аеуы]\b|индукц|креплен|форд|ford|фокус|focus|bmw|бмв|мерседес|mercedes|ауди|audi|фольксваген|"
    r"volkswagen|ниссан|nissan|мазд|mazda|хонд|honda|шевроле|chevrolet|опел|opel|мицубиси|mitsubishi|лексус|lexus|"
    r"джили|geely|чери|chery|хавал|haval|apple watch|\bwatch\b|galaxy|галакси|\bpoco\b|realme|oppo|vivo|tecno|"
    r"infinix|айпад|ipad|airpods|\w+ \d{1,2} ?(мм|mm)\b"
)
_MISFITS = re.compile(
    r"не (подош|подход|подойд|встал|встает|встанет|лож)|doesn.?t fit|does not fit|not compatible|не совмест|"
    r"не работа\w* с"
)
_MISSING = re.compile(
    r"не хватает|некомплект|не положили|не было|нет в|отсутству|не доложил|missing|не нашл|"
    r"не (пришл|приш[её]л)\w* .{0,20}комплект"
)
_DELIVERY_WORDS = re.compile(r"доставк|курьер|посылк|заказ|отправ")
_IF_NOT_FITS = re.compile(r"если (\w+ )?не (подойд|подош|подход)")
_BODY = re.compile(r"\bрост|\bвес\b|\bкг\b|обхват|груд|талии|бедр|ног[аеиу]?\b|стоп[аеыу]?\b|размер одежды")


def _denied(sentence: str, match: re.Match[str]) -> bool:
    """A negation in the two words right before the match (the match's own words may hold one: «не тот цвет»)."""
    return any(word in _NEGATORS for word in sentence[: match.start()].split()[-2:])


def _negated(sentence: str, match: re.Match[str]) -> bool:
    before = sentence[: match.start()].split()[-2:]
    inner = match.group().split()[1:]
    after = _WORD_TAIL.sub("", sentence[match.end() :], count=1).split()[:1]  # "запаха нет"
    return any(word in _NEGATORS for word in (*before, *inner)) or after in (["нет"], ["нету"])


def _head_noun(words: tuple[str, ...], at: int) -> str | None:
    """The dictionary form of the noun the size adjective at `at` describes (nearest agreeing noun, ±2 words)."""
    adjective = parse(words[at])
    if adjective is None:
        return None
    for offset in (1, -1, 2, -2):
        j = at + offset
        if not 0 <= j < len(words):
            continue
        noun = parse(words[j])
        if noun is None or "NOUN" not in noun.tag:
            continue
        if adjective.tag.number == noun.tag.number or adjective.tag.number is None:
            return noun.normal_form
    return None


def _size_bound(clause: Clause, match: re.Match[str], kind: str) -> bool:
    """Whether a generic size word in `clause` describes the item's size (see the module docstring)."""
    text = clause.text
    if kind not in _WORN:
        return False  # «капсулы огромные», «полотенце большое»: a property of a thing nobody wears
    if _AS_WANTED.search(text[match.end() :]) or "спасибо" in text or "мало кто" in text:
        return False
    if match.group().startswith("висит"):
        return not _PARCEL_CONTEXT.search(text)
    word = match.group().split()[0]
    index = next((i for i, w in enumerate(clause.words) if w == word), None)
    if index is None:
        return True
    found = parse(word)
    if found is not None and found.tag.POS in _PREDICATIVE_POS:
        return True
    head = _head_noun(clause.words, index)
    return head is None or head not in _NOT_ABOUT_SIZE


# General praise of the item («Кукла очень красивая», «Звук отличный», «Сами часы норм»): an evaluative word and a
# noun for the item or a property of it in the same clause; «Норм», «Супер!» alone name no aspect.
_GENERAL_PRAISE = re.compile(
    r"\b(хорош|отличн|классн|шикарн|прекрасн|красив|супер|норм|нормальн|неплох|бомб|огонь|топ\b|лучш|ярк|"
    r"топчик|зач[её]т\b|класс\b|кайф|пушка|бомбезн|годнот|годно\b|великолепн|замечательн|чудесн|восхитительн|достойн|"
    r"качествен|приятн|мягк|уютн|удобн|вкусн|сильн|крепк|"
    r"вместительн|тих(ий|ие|ая|ое)\b|легк(ий|ие|ая|ое)\b|"
    r"great|good|nice|excellent|perfect|amazing|awesome|lovely)"
)
_SERVICE_NOUNS = vocabulary(
    "доставка курьер продавец магазин упаковка цена размер спасибо раз день неделя месяц звезда отзыв заказ "
    "посылка пвз пункт скидка деньга рубль покупка покупатель сервис ответ связь общение вопрос соотношение "
    "вариант цвет село"
)
_ITEM_WORDS = re.compile(
    r"^(товар|вещь|вещи|вещица|item|product|sound|quality|case|shoes|sneakers|dress|jacket|shirt|material|fabric|"
    r"cream|charger|headphones|bag|thing|works?|charges)$"
)
_MAKE_WORDS = re.compile(r"^(sound|quality|material|fabric|leather|stitching|build|finish|sole|battery)$")
_MAKE_NOUNS = vocabulary(
    "качество материал ткань кожа кожзам замша мех пух наполнитель утеплитель пошив шов строчка нитка фурнитура "
    "молния застёжка пуговица подошва стелька каблук сборка пластик металл стекло покрытие корпус ручка звук бас "
    "микрофон экран аккумулятор батарея заряд текстура консистенция покрытие ворс трикотаж хлопок шерсть флис "
    "отделка вышивка принт краска мощность напор лезвие материя"
)
_WEAK_PRAISE = re.compile(r"норм")
# Pros that praise comfort or the make in one word («Удобные», «Мягкая», «Тёплый»); beauty or «супер» name no aspect.
_MAKE_PRAISE = re.compile(
    r"\b(удобн|мягк|тепл|при[яе]тн\w* (к телу|на ощупь)|прочн|крепк|плотн|качествен|надежн|легк|тих|дышит|"
    r"comfortable|soft|sturdy|warm)"
)
_LUCKY = re.compile(r"хорошо (что|хоть|бы|успел|если)|хорошо\b(?= ?$| ,)")  # luck or a bare "хорошо", not the item
_OTHER_PRAISE = frozenset({Topic.PRAISE_FIT, Topic.PRAISE_DELIVERY, Topic.PRAISE_VALUE})


def _general_praise(clause: Clause, *, weak: bool, names: Callable[[str], bool]) -> bool:
    """Whether the clause praises the item itself (see `_GENERAL_PRAISE`); `weak`: «норм» counts too; `names`: which
    nouns count (the item or any property of it, or only its make for quality praise)."""
    for match in _GENERAL_PRAISE.finditer(clause.text):
        if _LUCKY.match(clause.text, match.start()) or (not weak and _WEAK_PRAISE.match(match.group())):
            continue
        # The noun stands in the praise word's own phrase: in «запаха нет, всё отлично» nothing praises the smell;
        # without one, a noun of the clause the adjective agrees with («платье велико, а так красивое»).
        start = clause.text.rfind(",", 0, match.start()) + 1
        end = clause.text.find(",", match.end())
        phrase = clause.text[start : end if end >= 0 else len(clause.text)].split()
        if len(phrase) >= 2 and any(names(word) for word in phrase if not _GENERAL_PRAISE.match(word)):
            return True
        word = clause.text[match.start() :].split()[0]
        adjective = parse(word)
        if adjective is not None and adjective.tag.POS in ("ADJF", "ADJS") and adjective.tag.gender is not None:
            for other in clause.words:
                noun = parse(other)
                if (
                    other != word
                    and names(other)
                    and noun is not None
                    and noun.tag.gender == adjective.tag.gender
                    and noun.tag.number == adjective.tag.number
                ):
                    return True
    return False


def _names_item(word: str) -> bool:
    """A word that can name the item or a property of it: not a person, not the delivery, the price or the size."""
    if _ITEM_WORDS.match(word):
        return True
    found = parse(word)
    return (
        found is not None
        and found.tag.POS == "NOUN"
        and found.tag.animacy != "anim"  # «мама довольна», «ребёнок в восторге»: people, not the item
        and found.normal_form not in _SERVICE_NOUNS
    )


def _names_make(word: str) -> bool:
    """A word that names how the item is made (its material, make or workmanship): «ткань мягкая», «звук отличный».
    Praise of the item as a whole («хороший крем», «отличный товар») names no aspect, so it is no quality praise."""
    if _MAKE_WORDS.match(word):
        return True
    found = parse(word)
    return found is not None and found.tag.POS == "NOUN" and found.normal_form in _MAKE_NOUNS


# «Как почистить фильтр?», «Можно ли наливать горячее?»: how or whether to do something with the item is a usage
# question, told by the infinitive (pymorphy), unless the verb is about the order (вернуть, заказать, оплатить…).
_HOW = re.compile(r"\b(как|можно ли|ли можно|можно|нужно ли|надо ли|при какой|сколько раз) (\w+ )?(\w+)")
_ORDER_VERBS = vocabulary(
    "вернуть обменять сдать заказать оформить получить оплатить отменить купить выбрать доставить связаться "
    "подобрать забрать отследить узнать написать отправить заменить оплачивать заказывать брать взять выкупить "
    "понять определить дозвониться сделать дарить подарить воспользоваться вскрыть упаковать поменять изменить "
    "перенести"
)


def _asks_usage(clause: Clause) -> bool:
    for match in _HOW.finditer(clause.text):
        for word in (match.group(3), (match.group(2) or "").strip()):
            found = parse(word) if word else None
            if found is not None and found.tag.POS == "INFN":
                return found.normal_form not in _ORDER_VERBS
    return False


# Properties a pre-purchase question asks about in the negative; a unit's fault («не мерцает?») is not one of them.
_ASKED_NEGATED = frozenset({Topic.SMELL, Topic.QUALITY})
_IF = re.compile(r"\bесли\b")


def _cue_matches(cue: Cue, clause: Clause, kind: str) -> bool:
    # «не пахнут резиной?», «не линяет?»: a negated complaint in a question asks about it, it does not deny it.
    asked = clause.question and cue.topic in _ASKED_NEGATED and not _IF.search(clause.text)
    for match in cue.rx.finditer(clause.text):
        if not asked and cue.negatable and _negated(clause.text, match):
            continue
        if not asked and cue.topic in _DENIABLE and _denied(clause.text, match):
            continue
        generic = cue.topic in (Topic.SIZE_LARGE, Topic.SIZE_SMALL) and _GENERIC_SIZE_CUE.fullmatch(match.group())
        if generic and not _size_bound(clause, match, kind):
            continue
        return True
    return False


def _hits(clause: Clause, channel: Channel, kind: str) -> set[Topic]:
    found: set[Topic] = set()
    text = clause.text
    for cue in CUES:
        # Most cues do not occur at all: one C-level search settles them before any Python-level check.
        if cue.topic in found or not cue.rx.search(text) or (cue.channels is not None and channel not in cue.channels):
            continue
        if cue.unless is not None and cue.unless.search(text):
            continue
        if cue.needs is not None and not cue.needs.search(text):
            continue
        if _cue_matches(cue, clause, kind):
            found.add(cue.topic)
    if (
        not found & {Topic.PRAISE_QUALITY, Topic.QUALITY}
        and not (channel != Channel.REVIEW and clause.question)
        and _general_praise(clause, weak=not found & _OTHER_PRAISE, names=_names_make)
        and not _negated_praise(clause)
    ):
        found.add(Topic.PRAISE_QUALITY)
    if clause.question and not found & {Topic.USAGE, Topic.INCOMPLETE} and _asks_usage(clause):
        found.add(Topic.USAGE)
    if channel == Channel.QUESTION:
        return found  # "почему так дёшево?" asks about the price: no compliment to outweigh it
    # A compliment about an aspect outweighs a complaint cue of the same aspect in the same clause.
    return {t for t in found if _COMPLAINT_OF.get(t) not in found}


def _negated_praise(clause: Clause) -> bool:
    match = _GENERAL_PRAISE.search(clause.text)
    return match is not None and _negated(clause.text, match)


def _section(text: str, section: str, channel: Channel, kind: str) -> set[Topic]:
    norm = prepare(text)
    if section != "text" and _EMPTY_SECTION.match(norm):
        return set()
    found: set[Topic] = set()
    for clause in clauses(text):
        found |= _hits(clause, channel, kind)
    if section == "pros":
        found = {t for t in found if t.praise or t in (Topic.COMPATIBILITY, Topic.AVAILABILITY)}
        bare = _MAKE_PRAISE.search(norm)
        if not found and bare and not norm.startswith("не "):
            found.add(Topic.PRAISE_QUALITY)  # «Удобные», «Мягкая»: comfort or make; «Красивые», «Супер» name no aspect
        found |= {
            praise for rx, praise, _ in _SECTION_WORDS if praise and rx.search(norm) and not norm.startswith("не ")
        }
    elif section == "cons":
        found = {t for t in found if not t.praise}
        found |= {complaint for rx, _, complaint in _SECTION_WORDS if rx.search(norm) and complaint not in found}
        if Topic.WRONG_ITEM in found:
            found.discard(Topic.COLOUR_MISMATCH)  # «не тот цвет»: another colour was sent, not the photo's colour
    return found


def _by_channel(found: set[Topic], channel: Channel, everything: str, product: str) -> set[Topic]:
    norm = prepare(everything)
    # A review mentions a device it fits only to praise it («встали на Солярис без проблем»): only a misfit counts.
    verb = _FITS_DEVICE_VERB if channel != Channel.REVIEW else _MISFITS
    if product in _DEVICE_KINDS and verb.search(norm) and _DEVICE.search(norm) and not _BODY.search(norm):
        # "Подойдёт ли на iPhone 15?", "на камри 70 не ложатся": the device or the car, not the body.
        found = (found - {Topic.SIZE_ADVICE}) | {Topic.COMPATIBILITY}
    if Topic.AVAILABILITY in found and channel != Channel.REVIEW and not _DELIVERY_WORDS.search(norm):
        found.discard(Topic.DELIVERY)  # "когда будет 40 размер? жду уже месяц": the size, not a parcel
    if channel == Channel.QUESTION:
        if Topic.INCOMPLETE in found and not _MISSING.search(norm):
            found.discard(Topic.INCOMPLETE)  # "одеяло в комплекте есть?" asks what is included; nothing is missing
        if Topic.RETURN in found and _IF_NOT_FITS.search(norm):
            found.discard(Topic.SIZE_ADVICE)  # "можно вернуть, если не подойдёт размер?"
        # A question about size is a request for sizing advice, whatever words it uses; questions praise nothing.
        if found & _SIZES:
            found = (found - _SIZES) | {Topic.SIZE_ADVICE}
        if Topic.AVAILABILITY in found:
            found.discard(Topic.SIZE_ADVICE)  # "будет ли 48 размер?" asks about stock, not fit
        return {t for t in found if not t.praise}
    if channel == Channel.REVIEW or found & _SIZES:
        found.discard(Topic.SIZE_ADVICE)
    if channel == Channel.REVIEW and Topic.AVAILABILITY in found and not _ASKS_STOCK.search(norm):
        found.discard(Topic.AVAILABILITY)  # "ждала, когда появится" in a review is a story, not a question
    return found


def detect(
    text: str,
    *,
    channel: Channel | str = Channel.REVIEW,
    rating: int | None = None,
    pros: str | None = None,
    cons: str | None = None,
    kind: str = "unknown",
) -> TopicResult:
    """The topics the buyer raised, in reply order, and whether the rules are unsure.

    `kind`: the product's kind (`ProductKind` value), or "unknown" when the caller does not name the product.
    Unsure: a text of several words where no cue matched, in a question, a chat, or a review rated 1–3 — the
    buyer said something the rules cannot name, and the opt-in LLM may give a second opinion.
    """
    channel = Channel(channel)
    found = _section(text or "", "text", channel, kind)
    if pros:
        found |= _section(pros, "pros", channel, kind)
    if cons:
        complaints = _section(cons, "cons", channel, kind)
        if found & _SIZES and _SIZE_WORD.search(prepare(cons)):
            complaints.discard(Topic.SIZE_SMALL)  # cons «размер» next to «огромный» in the text: the text says which
        found |= complaints
    everything = " ".join(p for p in (text, pros, cons) if p)
    found = _by_channel(found, channel, everything, kind)
    words = len(_WORDS.findall(everything))
    critical = channel != Channel.REVIEW or (rating is not None and rating <= 3)
    unsure = not found and critical and words >= _UNSURE_MIN_WORDS
    return TopicResult(ordered(found), unsure=unsure)


def praises_item(text: str) -> bool:
    """Whether the text praises the item as a whole («хороший крем», «Отличное платье»): no topic of its own, but
    praise all the same, which the mood weighs."""
    found = clauses(text)
    return any(_general_praise(c, weak=False, names=_names_item) and not _negated_praise(c) for c in found)
