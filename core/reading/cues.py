"""The topic cues: Russian, English and a few Central-Asian regular expressions over a clause's prepared text (see
`core.reading.topics`, which also binds size words and general praise with the morphology).

Cues are stems, so inflected forms match without looking every word up. A cue marked `negatable` does not
count when "не/нет/без/no/not…" stands right before it or inside it ("нет запаха", "размер не соответствует");
`unless` drops it when that pattern is anywhere in the same clause (a "порванная коробка" is packaging, not a
defect). Written against the tuning sets only (`tests/data/topics_tuning.jsonl`, `reading_tuning.jsonl`); the
held-out sets measure them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.models.enums import Channel
from core.topics.model import Topic


@dataclass(frozen=True)
class Cue:
    topic: Topic
    rx: re.Pattern[str]
    negatable: bool = False
    unless: re.Pattern[str] | None = None
    channels: frozenset[Channel] | None = None  # None: every channel


def _cue(
    topic: Topic,
    pattern: str,
    *,
    negatable: bool = False,
    unless: str | None = None,
    channels: frozenset[Channel] | None = None,
) -> Cue:
    return Cue(topic, re.compile(pattern), negatable, re.compile(unless) if unless else None, channels)


_PACK = r"(коробк|упаковк|упакова|посылк|пакет)\w*"
_DAMAGE = r"(мят|смят|порван|разорван|рван|вскрыт|поврежд|мокр|грязн)\w*"
_GARMENT = r"(рукав|штанин|брюк|юбк|платье|куртк|пальто|рост|длин)\w*"
_POSITIVE = r"(отличн|хорош|супер|высок|прекрасн|отменн|классн|замечательн|на высоте|шикарн|великолепн)\w*"
_NEGATIVE = (
    r"(ужасн|ужастн|отстойн|плох|так себе|на троечку|средн|отвратит|низк|никак|не очень|оставляет желать|хромает|"
    r"паршив)\w*"
)

CUES: tuple[Cue, ...] = (
    # Size: runs small.
    _cue(
        Topic.SIZE_SMALL,
        r"мал[ао]мер|маломерк|\bмал(а|ы|о)?\b(?! ли)|маленьк\w*|меньше (заявлен|указан|чем)",
        unless=r"мало (кто|где|чем|того|ли|места|времени|информац|отзыв)|(не|очень) мало\b|немало",
    ),
    _cue(
        Topic.SIZE_SMALL,
        r"\bтесн|\bжм(ет|ут)\b|не (налез|сход|застег)|еле (натянул|налез|застег)|\bузк\w*|детск\w* размер|"
        r"kichkina|kichik|кішкентай|кіші|кичине|впритык",
        negatable=True,
    ),
    _cue(
        Topic.SIZE_SMALL,
        r"\bкоротк\w*|коротковат\w*|короток|маловат\w*",
        unless=r"шнурк|провод|кабел|^коротко\b|коротко говоря|если коротко",
    ),
    _cue(Topic.SIZE_SMALL, r"(бер(и|ите)|брать|заказывайте) на (\w+ )?размер\w* больше|на (два|2) размера больше"),
    _cue(Topic.SIZE_SMALL, r"размер\w* не соответству\w*(?! .{0,20}больше)", unless=r"велик|больше"),
    _cue(
        Topic.SIZE_SMALL,
        r"runs? (a )?(size |bit |little )?small|small sizing|too (small|tight|short)|order (it )?one (size )?up|"
        r"\btight\b|order (\w+ )?sizes? up|\bsize up",
    ),
    # Size: runs large.
    _cue(Topic.SIZE_LARGE, r"большемер|\bвелик(о|а|и)?\b|великоват\w*|\bогромн\w*|болта(ет|ю)ся|висит|мешк\w*"),
    _cue(
        Topic.SIZE_LARGE,
        r"\bдлинн\w*|длинноват\w*|по полу|\bширок\w*|больше,? чем (указан|заявлен)|(?<!на )размер больше",
    ),
    _cue(Topic.SIZE_LARGE, r"\bбольш(ие|ая|ой)\b", unless=r"спасибо|выбор"),
    _cue(Topic.SIZE_LARGE, r"(бер(и|ите)|брать|заказывайте|взял\w* бы|стоит взять) на (\w+ )?размер\w* меньше"),
    _cue(
        Topic.SIZE_LARGE,
        r"runs? (large|big)|too (big|large|long|loose)|\bhuge\b|size down|\bloose\b|\buzun\b|үлкен|чоң",
    ),
    # Size: which size to take (questions; in reviews these become the complaints or the compliment above).
    _cue(
        Topic.SIZE_ADVICE,
        r"какой (\w+ )?размер|размер (брать|взять|выбрать)|на (мой )?рост|\bрост \d|\d+ ?(кг|см)\b|обхват|замер|"
        r"таблиц\w* размер|размерн\w* (сетк|ряд)|\bв размер\b|маломер|большемер|какая длина|какой длины|"
        r"длин\w* (\w+ ){0,4}как(ая|ой)|"
        r"длин\w* (изделия|рукава|платья|брюк|стельк)|высота|длин\w* стельк|стельк\w* (\w+ )?(см|длин)|по стельке|"
        r"\bношу\b",
    ),
    _cue(
        Topic.SIZE_ADVICE,
        r"\bразмер|\brazmer|голенищ|полн\w* (икр|ног)|ширин\w* (стоп|колодк)",
        channels=frozenset({Channel.QUESTION}),
    ),
    _cue(Topic.SIZE_ADVICE, r"true to size|what size|sizing|size chart|measurements|\bfit\b"),
    _cue(
        Topic.SIZE_ADVICE,
        r"рост\w* (у )?модел|модел\w* (\w+ )?рост|(на|мой|мою|мои) \d{2}(,\d)? (\w+ )?(брать|взять|подойд|какой)|"
        r"какой брать",
        channels=frozenset({Channel.QUESTION, Channel.CHAT}),
    ),
    # Fit compliment.
    _cue(
        Topic.PRAISE_FIT,
        r"размер в размер|\bв размер\b|по размеру|соответству\w* размер|размер\w* (\w+ )?соответству|"
        r"размер (\w+ )?подош|подош\w* (идеально|по размеру|отлично)|идеально (подош|сел|сидит)|как влит|"
        r"\b(сел|села|сели|сидит|сидят)\b (\w+ )?(отлично|идеально|хорошо|прекрасно|нормально|по фигуре|по размеру)|"
        r"(хорошо|отлично|идеально|прекрасно|красиво) (сидит|сидят|сел|села|облега)|по фигуре|как в таблиц|"
        r"соответствует таблиц|не прогадал|как родн(ой|ые|ая|ое)|(размер\w*|сетк\w*|таблиц\w*) .{0,15}(совпал|подош)|"
        r"по (талии|бедрам|груди|длине|плечам) (норм|идеальн|отличн|хорошо)|to.?g.?ri keldi|не (давит|жмут|жмет)\b|"
        r"(длинн|коротк)\w* ,? как (я )?(и )?хотел",
        negatable=True,
    ),
    _cue(
        Topic.PRAISE_FIT,
        r"fits? (great|perfectly|well)|true to size|perfect fit|sizing is (true|right|correct)|fits? (my|"
        r"the) .{0,20}perfectly",
        negatable=True,
    ),
    # Defect of this unit.
    _cue(
        Topic.DEFECT,
        r"\bбрак|дефект|слома|поломк|не работа|перестал\w* работать|не включа|не заряжа|не горит|не греет|"
        r"не светит|не держит|не нажима|трещин|треснул|разбит|царапин|поцарап|\bскол(ы|ом)?\b|\bдыр|"
        r"порван|порвал|\bпятн(?!иц)|разош\w*|отклеил|отвалил|отвалива|оторвал|развалил|\bтечет|протека|протек\b|"
        r"с витрины|заел|заедает|оголен|заусен|остр\w* кра|искрит|заискрил|сгорел|перегорел|задымил|мерца|мигает|"
        r"облезл|облезает|лопнул|"
        r"перестал\w* (заряжать|включаться|работать)|ачылып|buzil|сынып|сынды|на левую ногу|обе левые|оба левых",
        unless=_PACK + r" .{0,25}" + _DAMAGE + "|" + _DAMAGE + r" .{0,10}" + _PACK + r"|если (\w+ )?слома|"
        r"\b(лиц[оеау]|кож[аеиу]|тел[оеау]|ше[еяю]|рук[аеиу])\b .{0,25}пятн|пятн\w* (на лице|на коже|по телу)|"
        r"ничего не течет|"
        r"не грее(тся|ются)",
        negatable=True,
    ),
    _cue(
        Topic.DEFECT,
        r"broken|\bbroke\b|defect|doesn.?t work|does not work|not working|stopped working|crack|\bhole\b|torn|"
        r"faulty|scratch|\bstain|screen is black",
    ),
    # Wrong item, colour or size sent.
    _cue(
        Topic.WRONG_ITEM,
        r"(прислали|пришел|пришла|пришло|положили|отправили|привезли)\w* (\w+ ){0,2}(не (тот|та|то|те)|"
        r"друг(ой|ую|ое|ие|ая)|совсем друг)|не (тот|та|то|те) (цвет|размер|товар|модел|артикул)|перепута|"
        r"\bвместо (\d{2,3}|\w+(ого|его))\b|не (тот|та|то|те) ,? что (я )?заказыва|"
        r"две левые|два левых|две правые|оба на (левую|правую)|обе на (левую|правую)|друг(ой|ая|ое) (товар|модел)|"
        r"заказыва\w* .{0,40}(пришел|пришла|пришло|прислали|получил)|(прислали|пришел|пришла) .{0,40}а (я )?заказыва",
    ),
    _cue(
        Topic.WRONG_ITEM,
        r"wrong (item|colou?r|size|model)|different item|not what i ordered|sent (me )?(the )?wrong|"
        r"(received|got|sent|came|arrived)\w* .{0,30}instead of",
    ),
    # Incomplete set.
    _cue(
        Topic.INCOMPLETE,
        r"некомплект|не ?полн\w* комплект|не хватает|не хватило|в комплект|комплектаци|не было в|не положили|"
        r"не доложил|отсутству|не оказалось|нет (\w+ )?в (коробке|наборе|посылке)|пришло \d+|должно быть \d+|"
        r"вместо (двух|пары|\d+ (шт|штук))|без (инструкц|крепеж|кабел|зарядк|пульт|крышк)|"
        r"пришло без (?!упаковк|коробк|поврежд|царапин|дефект|брак|проблем|замечан|нарекан|опоздан|задерж)|"
        r"пришло не вс|не вс[её] пришло|недолив|наполовину|половин\w* нет|внутри половина|в коробке не нашл|"
        r"не нашл\w* в коробке|сколько (штук|шт) в|в наборе|инструкц\w* (нет|не было)|нет инструкц|"
        r"\bне было (\w+ ){0,2}(зарядн|кабел|инструкц|пульт)",
        unless=r"длин|рост",
    ),
    _cue(Topic.INCOMPLETE, r"missing (parts?|piece)|what.?s in the box|\bincluded\b|\bmissing\b"),
    # Delivery (complaint or question); a delivery compliment drops it (see detect).
    _cue(
        Topic.DELIVERY,
        r"доставк|достав(ил|ят)|привез|привоз|курьер|\bпвз\b|пункт\w* выдачи|посылк|заказ\w* (\w+ ){0,3}"
        r"(пришел|приш|едет|идет|застрял|задерж)|где (мой |наш )?(заказ|посылк)|застрял|сортировк|отправк|\bсроки\b|"
        r"ждал\w* (\w+ )?(месяц|недел|две|дн)|долго (везли|ждал|шел|ехал)|потерял|опоздал|задерж|не дозвон|"
        r"\bжду\b(?! (деньг|возврат))|не приехал|когда (\w+ )?(придет|приедет|доставят|привезут|отправите|"
        r"будет доставлен)|качан келет|qachon keladi",
        unless=r"ждал\w* (\w+ )?поступлен|в посылке|(хорошо|ок|ладно|спасибо|понятно|договорились) ,? жду|"
        r"жду (\w+ )?(решени|ответ)|жду ,? что|"
        r"(адрес|пункт)\w* (\w+ )?доставк|доставк\w* (\w+ )?(за|в) \d+ (день|дн)",
    ),
    _cue(
        Topic.DELIVERY,
        r"deliver|shipping|shipped|courier|parcel|has ?n.?t arrived|not arrived|where is my (order|parcel)|"
        r"took forever",
    ),
    _cue(
        Topic.PRAISE_DELIVERY,
        r"быстр\w* доставк|доставк\w* (\w+ )?быстр|быстро (привез|доставил|пришл|пришел)|пришл\w* (\w+ ){0,2}быстро|"
        r"доставил\w* (за|на следующий|в срок|вовремя)|привез\w* (вовремя|раньше|быстро)|раньше срока|\bвовремя|"
        r"(отличн|хорош|надежн)\w* упаков|упаков\w* (\w+ )?(отличн|хорош|надежн)|хорошо упакован|в целости|"
        r"дош(ло|ел|ла) цел|коробка цел|tez keldi|(привез|достав|пришл|пришел|дошл|дошел|"
        r"приехал)\w* (\w+ )?(на следующий день|за (\d+|один|два|три|четыре|пять|пару|несколько) (день|дня|дней))|"
        r"курьер\w* (\w+ )?(вежлив|"
        r"приятн|молодец)|доставк\w* (\w+ )?(за|"
        r"в) \d+ (день|дня|дн)|быстро пришл|пришл\w* быстро",
        negatable=True,
    ),
    _cue(
        Topic.PRAISE_DELIVERY,
        r"fast (shipping|delivery)|quick (shipping|delivery)|delivery was (quick|fast)|well packed|arrived quickly",
    ),
    # Packaging damaged or poor (or asked about).
    _cue(
        Topic.PACKAGING,
        _PACK + r" .{0,25}" + _DAMAGE + "|" + _DAMAGE + r" .{0,10}" + _PACK + r"|без (упаковк|коробк)|просто в пакет|"
        r"в (грязном|обычном|простом|одном|мятом|рваном) пакете|упаковать (\w+ )?(как )?(в )?подар|открытк|"
        r"упаковк\w* (никак|ни о чем|плох|ужасн)|"
        r"пришл\w* вскрыт|подарочн|в какой упаковк|"
        r"упаковано в|упаковк\w* (\w+ )?нормальн|заказ\w* (\w+ ){0,2}мят",
    ),
    _cue(Topic.PACKAGING, r"box was (damaged|crushed)|crushed|damaged box|packaging"),
    # Smell.
    _cue(
        Topic.SMELL,
        r"запах|пахн|пахуч|воня|\bвонь|\bвоня",
        negatable=True,
        unless=r"пахн\w* (вкусно|приятно|хорошо|свежо|приятн)|(приятн|вкусн|легк|нежн)\w* (\w+ )?запах|"
        r"запах\w* (\w+ )?(приятн|вкусн|нежн)",
    ),
    _cue(Topic.SMELL, r"smell|odou?r|stink", negatable=True),
    # Material or workmanship complaint (or a question about the material).
    _cue(
        Topic.QUALITY,
        r"качеств\w* (\w+ )?" + _NEGATIVE + r"|(плох|ужасн|ужастн|низк|отвратит|никак)\w* качеств|некачествен|барахл|"
        r"отстой|\bхлам|\bшлак|"
        r"\bтонк(ая|ий|ое|ие|ий)\b|тонкий материал|дешев\w* (пластик|материал|ткан)|хлипк|синтетик|катышк|скатыва|"
        r"\bлиня|полинял|окрасил|просвечива|(швы|строчк)\w* (\w+ )?(крив|неровн)|(крив|неровн)\w* (швы|строчк|шов)|"
        r"торчат нитки|нитки торчат|\bжестк\w*|натира|как картон|скрип|шата|\bсел(а|о|и)? после|потерял\w* вид|"
        r"ожидал\w* (более )?(плотн|лучше|большего)|материал\w* (\w+ )?(так себе|плох|ужасн)|так себе|\bкрив(ое|"
        r"ая|ые|ой)\b|"
        r"пожелтел|желтеет|пачкается|маркий|осыпа|лезет пух|пух лезет|облазит|облаз|гнил|располз|вытянул|вытягива|"
        r"пузыр|держит форму плохо|не держит форму|скольз|стоптал|слаб(ое|ый|ая|ые)\b|неравномерно|тряпк|"
        r"дешев\w* пластик|пластик\w* дешев|как дешев|stiff|cheap dye",
        negatable=True,
    ),
    _cue(Topic.QUALITY, r"колюч|колется", negatable=True),
    _cue(
        Topic.QUALITY,
        r"состав|из чего (\w+ )?(сделан|изготовлен)|какой материал|материал \w+ \?|натуральн|настоящ\w* кож|экокож|"
        r"\bткань (\w+ )?(плотн|просвечива)|плотн\w* или|плотност\w* (\w+ )?(ткан|материал|какая)|просвечива\w* \?",
    ),
    _cue(
        Topic.QUALITY,
        r"poor quality|cheap material|\bthin\b|flimsy|fabric composition|what material|made of|waterproof|"
        r"промока|непромока|водонепроница",
    ),
    # Quality compliment.
    _cue(
        Topic.PRAISE_QUALITY,
        r"качеств\w* (\w+ )?" + _POSITIVE + r"|" + _POSITIVE + r" качеств|(?<!не)качественн|"
        r"(ткань|материал)\w* (\w+ )?(приятн|хорош|плотн|отличн|мягк|качествен)|\bмягк|\bтепл(ый|ая|ое|ые)\b|"
        r"приятн\w* (к телу|на ощупь)|\bудобн|\bпрочн|надежн(ый|ая|ое|ые)|не колется|дышит|на совесть|"
        r"ровн\w* (швы|строчк)|швы ровн|стоит того|(держит|держат) заряд|не (мнет|мнут|линя|скатыва|катышк|садит|"
        r"деформир|растягива|выцвета)|заряд\w* (\w+ )?(хватает|держит|надолго)",
        negatable=True,
    ),
    _cue(
        Topic.PRAISE_QUALITY,
        r"(great|excellent|good|super|high|top) quality|quality is (great|excellent|good)|\bsoft\b|comfortable|"
        r"beautiful|gorgeous|amazing|\blove (it|this|them)\b|"
        r"sturdy|well made",
        negatable=True,
    ),
    # Colour differs from the photo.
    _cue(
        Topic.COLOUR_MISMATCH,
        r"цвет\w* .{0,30}(не как на|не тот|отлича|не соответству|другой|не такой|темнее|светлее|ярче|бледн|"
        r"блекл|тусклее)|"
        r"(на фото|на картинке|на фотографии) .{0,30}(темнее|светлее|ярче|другой|голуб|сер|красн|бел|черн|син|"
        r"зелен|розов|бежев|оттен)|оттен\w* .{0,20}(другой|не тот|отлича|соответству|блекл|бледн)|"
        r"(темнее|светлее|ярче|бледнее),? чем на (фото|картинк)|как на (фото|картинке) (\w+ )?(\?|или)|"
        r"реальн\w* как на фото|цвет\w* (\w+ )?соответству\w* (\w+ )?(фото|картинк)|цвет\w* (\w+ )?как на (фото|"
        r"картинк)\w* \?",
        unless=r"заказыва|не тот цвет",
    ),
    _cue(
        Topic.COLOUR_MISMATCH,
        r"colou?r (doesn.?t match|is different|differs)|different from the (picture|photo)|than (in )?the photo",
    ),
    # Price complaint or question.
    _cue(
        Topic.PRICE,
        r"\bдорог(о|ая|ой|ие|овато|оват)\b|\bдороже\b|кусается|завышен|переплат|не стоит (своих )?денег|"
        r"деньги на ветер|цен\w* (\w+ )?(высок|завышен|большая)|за такие деньги (\w+ )?(ожидал|можно)|"
        r"(цен\w*) (\w+ )?(подняли|выросл|подн)|подорожал|"
        r"в магазин\w* дешевле|дешевле было|на \d+ (р |руб\w* )?дешевле|цена упала|подешевел|скидк\w* \?|"
        r"будет ли скидк|кучу денег|почему (так )?дорого|"
        r"за эту цену можно|почему (так )?дешево|можно (\w+ )?дешевле",
        unless=r"по скидке",
    ),
    _cue(Topic.PRICE, r"overpriced|expensive|not worth"),
    # Value compliment.
    _cue(
        Topic.PRAISE_VALUE,
        r"цен\w* (\w+ )?(отличн|хорош|приятн|супер|демократ|адекват|доступн|низк|бюджетн)|"
        r"(отличн|хорош|приятн|доступн|низк|адекватн)\w* цен|соотношени\w* цен|за (свои|такие|эти|эту) (деньги|цену)|"
        r"недорог|\bдешев(о|ле|енько)\b|по скидке|находка|бюджетн|стоит своих денег|\bдешево\b",
        negatable=True,
        unless=r"ожидал|можно найти|можно лучше|в магазин\w* дешевле|дешевле было|кучу денег|"
        r"на \d+ (р |руб\w* )?дешевле",
    ),
    _cue(
        Topic.PRAISE_VALUE,
        r"value for money|great value|good value|(?<!and )(?<!is )\bcheap\b(?! (material|dye|plastic|fabric|"
        r"looking))|affordable|(great|"
        r"good) price",
    ),
    # Counterfeit suspicion.
    _cue(
        Topic.COUNTERFEIT,
        r"подделк|подделан|не оригинал|неоригинал|оригинал\w* \?|это оригинал|оригинал или|\bкопи(я|ю)\b|\bпаль\b|"
        r"паленк|фейк|честн\w* знак|подлинност|\bподлинн(ый|ая|ое|ик)|оригинальност|"
        r"оригинал\w* (\w+ )?\?|китайск\w* копи",
    ),
    _cue(
        Topic.COUNTERFEIT, r"\bfake\b|counterfeit|genuine|not (the )?original|authentic|the original|original product"
    ),
    _cue(Topic.COUNTERFEIT, r"(не уверен\w*|сомнева\w*|сомнени\w*) .{0,20}оригинал|оригинал\w*ми|реплик"),
    # How to use or care for it.
    _cue(
        Topic.USAGE,
        r"как (правильно )?(им |ей |его |ее )?(пользова|использова|включ|настро|подключ|собра|стира|ухажива|заряжа|"
        r"мыть|чист|хранит|нанос|примен|установ|крепит|надева|сушит|гладит|принима|постира)|"
        r"можно (ли )?(его |ее |их )?(\w+ )?(стира|мыть|суши|глади|использ|примен|нагрева|греть|в посудомо|"
        r"в микроволн|в духовк|в сушилк|в машинк)|посудомо|микроволн|сушилк|\bутюг|\bуход|не могу "
        r"(подключ|включ|настро|собра)|сколько (держит|работает)|держит ли|непонятно как|не понятно как|собрать|блютуз|"
        r"bluetooth|как сделать|какое приложение|перед (первым )?использован|сколько (капсул|таблеток|раз) в день|"
        r"можно (ли )?(беременн|детям|кормящ)|как настроить|can i (wash|use|put|dry|iron)",
        unless=r"как утюг",
    ),
    _cue(Topic.USAGE, r"\bстирк", unless=r"(после|при|через) (\w+ )?(\d+ )?стир"),
    _cue(Topic.USAGE, r"инструкц", unless=r"без инструкц|инструкц\w* (нет|не было)|не положили инструкц|нет инструкц"),
    _cue(
        Topic.USAGE,
        r"how (do i|to|should i|can i) (use|wash|clean|charge|install|assemble|set up|connect|apply|store|care)|"
        r"washing machine|dishwasher|microwave|instructions|\bmanual\b",
    ),
    # Compatibility with the buyer's device or model.
    _cue(
        Topic.COMPATIBILITY,
        r"(подойд|подход|подош)\w* (ли )?(на|к|для) (?!рост|размер|вес|ног|груд|посудомо|стирк|микроволн|духовк|"
        r"подрост|"
        r"ребенк|дет|девоч|мальч|мужчин|женщин|беремен|пожил|школ|зим|лет|осен|весн|бег|спорт|офис|подар|мам|пап|"
        r"муж|жен|сын|доч|полн|худ|высок|низк|широк|узк|чувствит|сух|жирн|комби)|"
        r"совмест|встанет на|к (моей|моему) |на (мой|моей) (телефон|модел|машин)|на индукци|не подош\w* модел|"
        r"не подош\w* (\w+ )?(по форме|к креплен)|не (подходит|подошел|подошла|подошли) (на|к|для) |не ложатся|"
        r"работа(ет|ют|ть) с (\w+ )?(айфон|iphone|андроид|android|магсейф|magsafe|ноутбук|макбук|samsung|самсунг)|"
        r"(будет|будут) (ли )?(работать|заряжать)|можно ли (\w+ )?подключить к|"
        r"с (айфон|iphone|андроид|android|samsung|самсунг|ноутбук|макбук)\w* (\w+ )?(работа|совмест)",
    ),
    _cue(Topic.COMPATIBILITY, r"compatib|work with|fit (the |my )?(iphone|samsung|macbook)|for (my )?iphone"),
    # Stock and restock.
    _cue(
        Topic.AVAILABILITY,
        r"в наличии|наличи|поступлен|\bпоступ(ит|ят)\b|пополнен|завоз|будет ли (\w+ )?(размер|цвет|в |еще|снова|xl|\d)|"
        r"будут ли|появится|появятся|когда будет|когда появ|будет еще|есть (ли )?(\w+ )?(в \w+ цвет|\d{2} размер|"
        r"в \d{2}|других|другие|еще|на размер)|есть (ли )?в \w+ цвет|других цвет|другие (расцветк|цвет|размер)|"
        r"расцветк|закончил|нет в продаже|поставк|есть (ли )?(\w+ )?размер\w* (xs|s|m|l|xl|xxl|xxxl|\d{2})\b|"
        r"есть (ли )?(\w+ )?размер\w* (побольше|поменьше|больше|меньше)|"
        r"будет (\w+ )?(такая|такой|такие|такое) (же )?в \w+|(рост|"
        r"размер) \d+ есть|на \d+ будет|\d+ размер\w* есть",
    ),
    _cue(
        Topic.AVAILABILITY,
        r"in stock|restock|back in stock|available in|availab|sold out|other colou?rs|other sizes",
    ),
    # Return, refund or exchange.
    _cue(
        Topic.RETURN,
        r"возврат|\bверн(уть|у|ите|ула|ул|ули|ут)\b|возвращ|обмен|поменять|\bсда(ть|ла|л|ю|вать|м)\b|"
        r"отправил\w* обратно|деньги (\w+ )?(не )?(пришли|вернули)|что (мне )?(теперь )?делать|"
        r"хотел\w* (бы )?(\w+ )?на размер|кайтар|қайтар|qaytar",
        unless=r"помог\w* с возврат|разниц",
    ),
    _cue(Topic.RETURN, r"\breturn|refund|exchange|send (it )?back|sent (it )?back|money back"),
    # Warranty.
    _cue(Topic.WARRANTY, r"гарант|ремонтир|сервисн\w* центр"),
    _cue(Topic.WARRANTY, r"warranty|guarantee"),
)
