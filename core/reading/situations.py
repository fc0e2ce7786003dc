"""The buyer's situation (`Situation`): where the buyer already is, read clause by clause over the whole text.

Each situation is a set of patterns over the prepared clause text (`core.reading.text`); a pattern may carry an
`unless` (the same clause) that makes it a near miss. Safety is strict both ways: harm needs an injury to a person
(«обожгла ладонь», «сыпь», «ударило током», «подавилась») and not a hypothetical, a negation or an object
(«аллергии нет», «обжечься невозможно», «порезала ткань ножницами»); legal needs a legal step or authority as a
threat («подаю в суд», «пишу в Роспотребнадзор», «по ЗоЗПП»), not a profession or a figure of speech («в суде
работаю», «судя по», «претензий нет»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.guardrails.normalize import normalize
from core.reading.model import Situation
from core.reading.text import Clause, parse, vocabulary


@dataclass(frozen=True)
class _Rule:
    situation: Situation
    rx: re.Pattern[str]
    unless: re.Pattern[str] | None = None


def _rule(situation: Situation, pattern: str, unless: str | None = None) -> _Rule:
    return _Rule(situation, re.compile(pattern), re.compile(unless) if unless else None)


_MONEY = r"(деньг\w*|денег|средств\w*|оплат\w*|бабк\w*|бабл\w*|возврат\w* (денег|средств)|refund|money|акча\w*|pul\w*)"
_REFUSED = r"(отклон\w*|отказ\w*|не одобр\w*|не приня\w*|не принима\w*|rejected|declined|denied)"
# A part of a person (or a pet's paw) and a symptom of it: read together as an injury.
_BODY = (
    r"(лиц[оае]?|кож[аеиу]|рук[аиу]?|ладон\w*|пальц?\w*|глаз\w*|век[иа]?|губ[аыу]?|шея|шеи|шею|ше[ея]|голов[аеыу]|"
    r"уш[иа]|ушк\w*|нос|щек\w*|щёк\w*|лоб|лба|спин[аеу]|живот|тел[оеау]|ног[аиу]?|стоп[аыу]|подмыш\w*|под мышками|"
    r"висок|виске|шкур\w*|лап\w*|пятк\w*|локт\w*|запясть\w*|горл\w*|д[её]сн\w*|язык\w*|ноздр\w*|"
    r"затыл\w*|скул\w*|подбород\w*|ногт\w*|кутикул\w*|ладошк\w*|пальчик\w*|ручк[иа] у (ребенк|малыш|сын|доч)\w*)"
)
_SYMPTOM = (
    r"\b(жжет|жжёт|жгет|жгёт|горит|печет|пекл\w*|чесал\w*|чесат\w*|щиплет|зудит|чешется|чешутся|опух\w*|распух\w*|отек\w*|отекл\w*|"
    r"покраснел\w*|красн(ое|ые|ая|ый)\b|в пятнах|в прыщ\w*|в корк\w*|облез\w*|шелуш\w*|в трещин\w*|"
    r"онемел\w*|болит|болят|ноет|слезя\w*|в волдыр\w*|обожж\w*)"
)
_INJURY = (
    r"ожог|обжег|обожгл|обжегл|ожег|обжог|кровоточ|\bпорез(ы|ов|ами)?\b|искр\w* (\w+ )?(летят|"
    r"посыпал|полетел)|"
    r"полетели искры|cut (myself|herself|himself|his|her)|burnt|scald|bruise|stitches|emergency room|electrocut|"
    r"sparked|caught fire|обварил|ошпар|осколк?о?\w* (в|на) (ног|рук|пальц|лиц|глаз)|высыпал|"
    r"щип(ет|лет)|"
    r"чесотк|сыпух|траванул|живот (\w+ )?(скрутил|болит|заболел)|стало плохо|давлени\w* (подскочил|поднял)|"
    r"проглатил|глотнул|промыва\w* желуд|разбил\w* (колен|лоб|нос|голов|губ|лицо)|вывих|растяжени|"
    r"сломал\w* (пломб|зуб)|"
    r"кровав|кровят|кровит\b|obozh|kuydi|волдыр|порезал(ся|ась)\b|"
    r"порезал(а)? (себе )?(палец|руку|ладонь|ногу|губу|лицо|язык)|порез\w* (на|пальц|руки|ладон|ноги|губ)|поранил|"
    r"травм|кровь\b|кровил|воспал|распорол\w* (мне )?(руку|палец|ногу|ладонь)|"
    r"сломал\w* (руку|ногу|запясть|палец|нос|зуб)|перелом|ушиб|синяк|гематом|ссадин|\bран(а|у|ы|ка|ку|ки)\b|шрам|"
    r"ал+ерги|сыпь|сыпью|высыпан|покраснел\w*|краснот|зуд|чеш(ется|утся)|\bотек|\bопух|раздражени\w* (на )?кож|"
    r"кож\w* (горит|жжет|печет|щиплет|зудит)|щиплет|крапивниц|дерматит|экзем|пузыр\w* на коже|"
    r"отравил|отравлен|тошнит|тошнил|тошнот|рвот|рвало|болел\w* живот|мигрен|голов\w* (болит|боль|кружит)|"
    r"головн\w* бол|"
    r"по голове|сотрясени|ударил\w* током|удар\w* током|бь[её]т(ся)? током|шибанул|дернуло током|током ударило|"
    r"током (\w+ )?(шарахн|долбан|ударил|бьет|бьется|дернул|ударяет)|(шарахн|долбан)\w* током|"
    r"подавил(ся|ась)|поперхнул|проглотил|проглотила|задохнул|задыха|(попал|положил|увезл|угодил|оказал|"
    r"лежал|лежу|лежит)\w* (\w+ )?в больниц|в больниц\w* (с |из.за)|"
    r"(вызвал|вызыва|приехал|увезл|забрал)\w* (\w+ )?скор|"
    r"скор\w* (\w+ )?(увезл|забрал|приехал)|к врачу|разряд\w* (от|током)|ударил\w* (\w+ )?разряд|понос|"
    r"диаре|температур\w* (\w+ )?(поднял|подскочил|\d)|(понос|рвот)\w* и температур|опалил|опалило|подпалил|"
    r"вздул\w* (\w+ )?пузыр|разъел\w* (\w+ )?(кож|рук|пальц)|poreza|porezal|krov|ozhog|obozhg|allergi|"
    r"\bsyp|otravil|obzheg|obzhg|обжег\w* (\w+ )?(лиц|рук|кож|пальц|ладон|ног|шею|губ)|врач\w* сказал|"
    r"госпитализ|химическ\w* ожог|слезил|глаза (покраснел|жжет|щипл|слезя)|жжени|\bпожар(а|у|ом|е)?\b|"
    r"загорел(ся|ась|ось)|"
    r"воспламен|взорвал|искрит|заискрил|дым пошел|burn|burned|\brash\b|allerg|electric shock|food poisoning|"
    r"threw up|vomit|blister|injur|cut my|bleed|shock|choke|choking|"
    r"swallow|poison|hospital|itch|"
    # Spelt as heard: «абжглась», «абижглась», «ажог», «обжог».
    r"\b[оа]б[оаи]?ж[её]?гл|\b[оа]ж[оёе]г|\b[оа]бж[оеё]г|обожж[её]н|абожж|"
    # A body part with a symptom in the same phrase («лицо красное и жжёт», «уши распухли», «кожа головы в корках»).
    rf"{_BODY} (\w+ ){{0,3}}{_SYMPTOM}|{_SYMPTOM} (\w+ ){{0,3}}{_BODY}|"
    r"распух|\bгно(й|ем|ится)|нагно|до крови|в кровь|рассек|зашива\w*|(наложил|накладыва)\w* (\w+ )?шв|шв\w* налож|"
    r"сломал\w* (\w+ )?(ребр|ключиц|копчик|лодыжк|челюст)|ударил(ся|ась|ись) (\w+ )?(голов|лбом|лоб|затылк|колен|"
    r"спин|лицом|об)|(упал|упала|упали|грохнул)\w* (\w+ ){0,3}(ушиб|сломал|ударил|разбил|в кровь|травм)|"
    r"(меня|его|ее|её|ребенка|сына|дочь|дочку|мужа|жену) (\w+ )?(дернуло|ударило|шарахнуло|тряхнуло|обожгло|ошпарило)|"
    r"ошпарил|прищеми|уколол\w* (\w+ )?(до|палец|руку|ребенк)|"
    r"(попал|отлетел|прилетел|отскочил)\w* (\w+ ){0,2}(в глаз|в лицо|по лицу|в голову|по голове)|"
    r"наглотал|вырвало|стошнило|откашлял|"
    r"tok\w* (\w+ )?udaril|udaril\w* tok|b.?et tokom|"
    r"hives|antihistamin|gagg|in (his|her|my|their) mouth|sliced|swollen|swelling|concussion|hurt (my|his|her)|"
    r"stitches|fell (off|and|over)|irritat\w* (my |his |her )?(eyes|skin)|got sick|bolnic|bol.nits|skoraya|reanimac|"
    r"нарыва\w*|до мяса|infect\w*|chesh\w*|prysh\w*|prysc\w*|"
    r"(засунул|запихнул|затолкал)\w* (\w+ ){0,2}в (нос|ухо|уши|горло)|(затянул|сдавил|передавил)\w* (\w+ ){0,3}на "
    r"(шее|горле)|\b\d+ (шва|швов)\b|аритми|тахикарди|инфаркт|инсульт|сердечн\w* приступ|"
    r"(лежал|лежит|лежу|попал|увезл|положил)\w* (\w+ )?в \w+логи[июя]\b|"
    r"broken (toe|arm|leg|finger|nose|wrist|rib|ankle)|fell on (my|his|her) (foot|toe|hand|head|leg)"
)
# Near misses that mention an injury word without an injury.
_NOT_INJURY = (
    # Protection, a former or habitual trouble, a condition of the person, another product, a joke.
    r"не (страш|грозит|грозят|опасн)|(раньше|обычно|прежде) (\w+ ){0,3}(от|был|бывал|вызыва|покрыва|мучил)|"
    r"like burnt|нечему|нечего (гореть|искрить)|стар\w* (шрам|травм|ожог|перелом|рубц)|"
    r"burnt (plastic|rubber|smell)|swallowed (the )?(whole )?(cake|book|pizza|meal|dinner)|"
    r"(рвот|тошнот|бол|ал+ерги|сып|зуд|отек|отёк)\w* (\w+ ){0,3}(прекратил|перестал|прошл|исчезл|уход|уменьш|спада)|"
    r"ал+ерги\w* на (?!(ваш|эт|него|не[её]|данн|сам|нем|ней|состав|компонент|крем|товар|продукт|порошок|краск|"
    r"материал|ткан|него)\w*)|(another|other|previous) (brand|product|cream)|от (друг|прошл|предыдущ)\w* (\w+ )?"
    r"(крем|средств|бренд|марк|фирм|товар)|не жуя|в один присест|in one go|by love|от любви|"
    r"кровав\w* (пятн|грим|макияж|эффект)|хэллоуин|halloween|burns? (out|through)|killer price|"
    r"(от|при|против|для) (тошнот|боли|болей|рвот|сыпи|зуда|изжог|укачивани)|жж[её]т глаза своей|"
    r"(убийственно|отравиться можно)|корпус не (обжига|нагрева)|не обжига|ничего не (глота|проглат)|"
    # Marketing words, idioms and spills that share a stem with an injury («травмобезопасный», «кровь из глаз»,
    # «взорвал мозг», «высыпалось», «проглотила книгу», «синяки под глазами» in a cosmetics review).
    r"травмобезопас|нетравм|пожаробезопас|кровь из глаз|кроваво|кровав\w* (цвет|оттен|красн)|взорвал\w* (\w+ )?мозг|"
    r"высыпал(ось|ись|ся)|проглотил\w* (книг|за (один )?вечер|за день)|(синяк|отек|мешк)\w* под глаз|"
    r"покраснел\w* от (стыд|смущени)|"
    r"от (восторг|счасть|смех|радост|умилени|удовольстви|стыд|смущ)|загорел\w* (желанием|идеей)|"
    r"обж[её]г\w* (на|с) (прошл|друг|продавц)|искрит(ся|сь)|тошнит от (цен|продавц|сервис|отношени|ваш)|"
    r"голов\w* (болит|боль) от (ваш|этого|продавц|сервис|поддержк|цен)|(моральн|психологическ)\w* травм|"
    r"чтобы (\w+ )?не (обж|порез|поран|подав|отрав|удар)|шрам\w* (\w+ ){0,3}(меньше|светлее|незаметн)|"
    r"shocked (how|by|at)|in shock|shocking(ly)? (good|cheap|fast)|(colou?r|dye|ink) bleed|itching to|"
    r"pick your poison|hospital bag|for (the )?hospital|"
    r"ал+ерги\w* (нет|не было|не вызывает|не вызвал|не появил)|(нет|не было|без|не вызывает|не вызвал\w*) "
    r"(\w+ )?(ал+ерги|раздражени|покраснени|сыпи|зуда)|никакой (ал+ерги|реакци|раздражени)|"
    r"(обжечься|обжечь|пораниться|порезаться) (невозможно|нельзя)|не (обжигает|обожжешься|греется|колется)|"
    r"обожглась бы|обжеглась бы|чтобы не обжечь|(ткань|бумаг|ленту|нитк\w*|картон|упаковк\w*) ножниц|"
    r"ножниц\w* (ткань|бумаг)|ничего не проглотил|не проглотит|no (rash|allerg)|not? allerg|гипоаллерген|"
    r"для ал+ергик|ал+ергик\w* подход|(не|нет) (зуд|жжени)|кровать|кровля|без пожар|не пожар|"
    r"вырвиглаз|burn(ed)? (out|through)|прогорел|никакой реакции|ал+ерген|"
    r"ал+ерги\w* на (орех|шерст|пыл|кош|цитрус|вс[её]|лактоз|мед)|не бь[её]тся|не бьет|током \?|прошлый|от солнц|"
    r"(можно ли|может ли|не вызыва\w*|а если|нет ли|безопасн\w* ли|есть ли|не будет ли|не опасн\w*) .{0,40}\?|"
    r"атопическ|склонн\w* к|мажу ожог|от ожогов|не искрит|шучу|сыпь (блест|блёст|страз|пайет)|против ожогов|"
    r"ожогов нет|нет ожогов|"
    r"без ожогов|(ал+ерги|allergi)\w* yo.?q|"
    r"(после|от|при|против|для|лечени\w*|заживлени\w*) (ожог|перелом|травм|отек|аллерги|ран\b|ранк|ушиб|"
    r"синяк|порез|операц)\w*|(помог|помога|спаса|спасл)\w* (\w+ )?(при|от) |на ранк|"
    r"(ранк|ран\b|порез|отек|синяк|раздражени|покраснени|сыпь|зуд)\w* (\w+ ){0,3}(больше нет|прошл|зажил|"
    r"зажива|исчез|ушл)|"
    r"ал+ергик|(может|бывает) (ли )?(быть )?(\w+ )?ал+ерги|ал+ерги\w* (\w+ )?(может|бывает)|где (я )?работаю|"
    r"работаю в (больниц|травмпункт|скор|поликлиник)|"
    r"подавил\w* смех|смехом|(glitter|sequin|rhinestone) rash|"
    r"отравил\w* (мне )?(\w+ )?(настроени|праздник|жизнь|выходн|отдых)"
)
# Legal: a legal ground is a threat by itself; an authority or a lawyer only with a step towards it («подаю в суд»,
# «буду писать в Роспотребнадзор», «мой юрист сказал»), never as a job, a joke or a question about a certificate.
_LEGAL_GROUND = (
    r"зозпп|\bозпп\b|обществ\w* защиты|антимонопольн\w*|trading standards|consumer ombudsman|"
    r"защит\w* прав потребител|закон\w* о защите|\bиск\b|\bисков\w*|досудебн\w*|\bук рф\b|lawsuit|sue you|"
    r"legal action|(будет|подам|подаю|напишу|направлю|отправлю|отправил\w*|составлю|письменн\w*) (\w+ )?претензи|"
    r"взыщ|неустойк|по закону (\w+ )?(верн|обязан|треб)|треб\w* по закону|моим юрист|с юрист|rospotreb|sudga|"
    r"shikoyat|засуж|засуд|zasuzh|zasud|судиться|отсуж|судебн\w* (разбирательств|порядк|иск|претензи|"
    r"приказ)|досудебк|претензионн|(состав|отправ|направ|пода|напис|пиш|выстав|предъяв|вручи)\w* (\w+ ){0,2}претензи|"
    r""
    r"претензи\w* (\w+ ){0,3}(отправ|направ|подал|состав|вручи|письменн)|прав\w* потребител|куда следует|"
    r"(в|во) (соответствующ|компетентн|надлежащ|вс)\w* (органы|инстанци)|(мой|моим|моему|наш|нашим) (юрист|адвокат)|"
    r"юр\w* ?отдел|ответ\w* по закону|по всей строгости|consumer (protection|rights)|(take|taking|see) you (to|"
    r"in) court|fil(e|ing) (a )?(complaint|claim|lawsuit)|small claims|attorney|статья 159|ст 159|159 ук|"
    r"reporting you|report you|legal steps|to the authorities|"
    r"(settle|see|meet) (\w+ ){0,2}in court|solicitor|\bsue\b|\bsuing\b|моральн\w* (вред|"
    r"ущерб)|через суд|суд вам|потом суд|судга|ариза|"
    # The court named as what awaits the seller («вас ждёт суд», «не вернёте деньги — суд», «суд, суд и ещё раз суд»).
    r"(ждет|ждут|будет|светит|грозит|zhdyot|zhdet) (\w+ )?(суд|sud)\b|"
    r"(документ|бумаг)\w* (\w+ )?(для|в) суд|\bсуд\b (\w+ )?(ждет|обеспечен)|"
    r"\bсуд\b ,? (и )?(ещ[её] раз )?суд|(не верн|не отда|откаж)\w* .{0,40}\b(суд|прокуратур|роспотреб)\w*"
)
_AUTHORITY = (
    r"(\bсуд\w*|роспотреб\w*|\bрпн\b|прокуратур\w*|прокурор\w*|юрист\w*|адвокат\w*|полици(я|ю|и|ей)\b|участков\w*|"
    r"\bфас\b|госуслуг\w*|следственн\w* комитет\w*|налогов(ую|ая|ой)\b|надзор\w*|"
    r"\bsud\b|court|rospotreb\w*|prokurat\w*|advokat\w*|yurist\w*|"
    r"lawyer)"
)
_STEP = (
    r"\b(по(дам|даю|дать|дала|дал|давать|даем|дадим|давала|дали|даст)\b|обра[тщ]\w*|пойду|иду|идти|пиш\w*|"
    r"напиш\w*|писа\w*|написа\w*|жалоб\w*|жалов\w*|жалу\w*|нажалу\w*|пожалуюсь|"
    r"заявлени\w*|направ\w*|отправ\w*|встретимся|увидимся|дойд\w*|дойду|заявлю|сообщ\w*|разбира\w*|переда\w*|"
    r"оформ\w*|в помощь|obrash\w*|в курсе|"
    r"дело|передам|передаю|оставлю|узна\w*|интересно|уведомл\w*|оповещ\w*|в известность|разговарива\w*|поговорим|"
    r"сказал\w*|жаловат\w*|разбер\w*|свяжет\w*|консультир\w*|\bv\b|will|going to|see you|contact\w*)"
)
_LEGAL = rf"{_LEGAL_GROUND}|{_STEP} .{{0,40}}{_AUTHORITY}|{_AUTHORITY} .{{0,40}}{_STEP}"
# A profession («я юрист», «работаю в суде»), a tennis court or an approval («одобрено Роспотребнадзором») explains
# away an authority word, never a legal ground itself.
_PROFESSION = (
    r"в суде работаю|работаю в суде|работаю (\w+ )?(юрист|секретар|адвокат)|я юрист|я адвокат|"
    r"юрист\w* (по профессии|работаю)|ношу .{0,20}в суд|в суд (хожу|ношу|надеваю)|адвокат\w* дьявол|"
    r"(tennis|basketball|food|volleyball) court|i.?m a lawyer|i am a lawyer|as a lawyer|"
    # An authority that approved or registered the product is no threat.
    r"(одобрен|свидетельств|декларац)\w*"
)
_NOT_LEGAL = (
    r"судя по|суди(те|ть) (строго|сложно|рано|трудно)|не суди|до суда (\w+ )?не|не дойд\w* до суд|претензий (нет|"
    r"никаких|не)|"
    r"никаких претензий|без претензий|не (пойду|буду|собираюсь|подам|подаю|хочу|пойдем|пойдём) (\w+ )?в суд|"
    r"не в суд|в суд (\w+ )?не (пойду|буду|собираюсь|пойдем|пойдём|подам)|не нужен (\w+ )?юрист|сертификат|"
    r""
    r"\bсудок|рассуд|пересуд|самосуд|бы сказали|улик|не нарушен|нарушени\w* нет|"
    # A title, a brand, a claim against oneself, a wholesale department, a legal step denied.
    r"суд да дело|иск ра\b|исков\w* давност|справочник|литератур|учебник|детектив|сериал|фильм|роман\b|"
    r"претензи\w* (\w+ )?к себе|сотруднич|по поводу опта|"
    r"(иск|претензи|суд|жалоб)\w* (\w+ ){0,3}(нет|не будет|не придется|не понадоби|не потребу|не нужн)"
)

_INJURY_RX = re.compile(_INJURY)
# Harm told by its parts rather than one word: who was hurt (a person, a pet, a part of the body), what it did to
# them (a symptom, an injury verb), what hurt (boiling water, current, sparks, alkali) and who treated it (the
# ambulance, a doctor, a cast, antihistamines). Two of them in a clause are an injury however it is worded.
_WHO = re.compile(
    rf"{_BODY}|\b(ребен\w*|реб[её]нк\w*|сын\w*|доч\w*|муж\w*|жен[аеуы]|мам\w*|пап\w*|кот|кота|коту|кошк\w*|собак\w*|"
    r"пес|пса|псу|щен\w*|кот[её]н\w*|мне|меня|себе|сердц\w*|my (son|daughter|kid|child|leg|arm|hand|face|skin|eyes?)|"
    r"his (leg|arm|hand|face)|her (leg|arm|hand|face))\b"
)
_HURT = re.compile(
    rf"{_SYMPTOM}|кашл\w*|одышк\w*|судорог\w*|обморок\w*|потерял\w* сознани\w*|сердцебиени\w*|головокруж\w*|"
    r"пузыр\w*|волдыр\w*|язв\w*|заплыл\w*|покалыва\w*|колотит\w*|подвернул\w*|вывихнул\w*|"
    r"спалил\w*|сожгл\w*|сожж[её]н\w*|ожгл\w*|\bпятн\w* красн|красн\w* пятн|синяк\w*|ушиб\w*|"
    r"peel\w*|swell\w*|blister\w*|burn\w*|scald\w*|hurt\w*"
)
_HAZARD = re.compile(
    r"кипят\w*|кипятк\w*|boiling|током|\bток\b|искр\w*|щелоч\w*|кислот\w*|раскал\w*|hot (oil|water)|надышал\w*|"
    r"угар\w*|дым\w*|химикат\w*|горяч\w* (масл|пар|вод|чай|кофе|суп)"
)
_TREATED = re.compile(
    r"скор\w* (\w+ )?(вызыва|приезжа|приехал|увез|забра)|вызыва\w* (\w+ )?скор|\bврач\w*|больниц\w*|травмпункт|"
    r"\bгипс\w*|\w+олог(а|у|ом|е|ов)?\b|ветеринар\w*|ветклиник\w*|антигистамин\w*|супрастин|зиртек|капельниц\w*|"
    r"\ber\b visit|emergency|"
    r"doctor|hospital|\bvet\b"
)
# Harm by lemma (pymorphy), whatever the form or the word order: a damaging verb bound to a part of the body in the
# same phrase («осколком посекло руку», «отрезала кусок кожи»), a reflexive one that needs no object («порезался»,
# «обожглась», «ушиблась»), bleeding, or treatment («попала в реанимацию», «сейчас у аллерголога»).
_DAMAGE_LEMMAS = vocabulary(
    "порезать поцарапать оцарапать расцарапать отрезать срезать посечь рассечь разбить прищемить защемить обжечь "
    "ошпарить обварить содрать ободрать стереть вырвать прокусить прикусить уколоть проткнуть поранить травмировать "
    "ушибить сломать вывихнуть подвернуть растянуть отбить прижечь спалить сжечь опалить разъесть разодрать "
    "отдавить раздавить обморозить натереть распороть"
)
_SELF_DAMAGE_LEMMAS = vocabulary(
    "порезаться поцарапаться обжечься ошпариться обвариться облиться уколоться пораниться ушибиться удариться "
    "травмироваться отравиться подавиться поперхнуться задохнуться"
)
# «Чуть не подавился» is told as harm (a child nearly choked); «чуть не порезалась» is no injury.
_CHOKED = re.compile(r"подав|поперхн|задох|задыха|chok")
_CHOKING_LEMMAS = vocabulary("подавиться поперхнуться задохнуться")
# The stems of those lemmas' forms, to skip the morphology walk where none can occur.
_LEMMA_STEMS = re.compile(
    r"\b(порез|поцарап|оцарап|расцарап|отрез|срез|посек|посеч|рассек|рассеч|разби|прищем|защем|обж|обожг|обожж|ошпар|"
    r"обвар|облил|содр|ободр|стер|ст[её]р|вырв|прокус|прикус|укол|проткн|поран|травм|ушиб|слома|вывих|подверн|растян|"
    r"отби|прижг|прижеч|спалил|сж[её]г|сожг|сожж|опал|разъе|разодр|отдав|раздав|обмороз|натер|отрав|подави|поперхн|"
    r"задох|кров|токсик|реаним|травмпункт|рентген|промыван|капельниц|госпитал|неотлож)"
)
# Only the forms that tell an event: an infinitive is a possibility («обжечься невозможно», «порезаться легко»).
_EVENT_POS = frozenset({"VERB", "PRTF", "PRTS", "GRND", "NOUN"})
_BLEEDING_LEMMAS = vocabulary("кровь кровотечение кровить кровоточить кровоподтёк кровоподтек")
# Treatment that is never a job or a piece of advice (a doctor or a hospital alone is: «я врач», «взяла маме в
# больницу»; those count only with a symptom or a cause, in `_TREATED`).
_TREATMENT_LEMMAS = vocabulary(
    "реанимация травмпункт рентген промывание капельница госпитализация неотложка токсикология"
)
# A possibility, not an event («можно ушибить ногу, если уронить»).
_POSSIBLE = re.compile(
    r"можно (\w+ )?(ушиб|обж[её]ч|порез|поран|отрав|удар|получить)\w*|если (\w+ )?(урон|упад|не )\w*|"
    r"could (hurt|burn|cut)"
)
_NOT_INJURY_RX = re.compile(_NOT_INJURY)
# A question about what may happen («Аллергии не будет?», «Не обожжётся ли ребёнок?») reports no injury.
_HYPOTHETICAL = re.compile(
    r"\b(будет|будут|может|могут|бывает|возможн\w*|ли|если|вдруг|не опасн\w*|безопасн\w*|не вызыва\w*)\b"
)
# A buyer who worries before buying («не хочу рисковать», «хочу понимать заранее») reports no injury in that clause.
_ASKED = re.compile(r"(?<= \?) ")
_WORRY = re.compile(r"не хочу рисковать|хочу (понимать|знать|уточнить)|заранее|боюсь|опасаюсь|на всякий случай")
# The denial after the injury word: «тошноты в дороге не было», «сыпи нет».
_DENIED_AFTER = re.compile(r"^\w* (\w+ ){0,2}(не было|не бывает|не возникл\w*|не появил\w*|нет\b)")
# What a person's body is: an injury verb whose object is something else burnt or cut clay, ribbon or meat.
_BODY_LEMMAS = vocabulary(
    "рука палец ладонь нога лицо кожа губа язык глаз шея голова лоб нос ухо щека спина живот тело бровь колено "
    "локоть запястье ребро ступня пятка кисть мизинец ноготь веко подбородок висок плечо грудь бедро десна волос "
    "лапа лапка ребёнок ребенок сын дочь дочка муж жена себя пальчик ножка ручка щёчка щечка глазик ушко носик "
    "ладошка десна дёсна зуб щека щёчка губка кожа ноготь колено лицо"
)
# Swallowing harms when the thing is a part; a book or a cake swallowed is a figure of speech.
_SWALLOWED_PART = vocabulary(
    "деталь деталька батарейка батарея магнит магнитик шарик бусина бусинка крышка колпачок монета пуговица кусок "
    "кусочек часть глаз глазик наполнитель пружина винт винтик шуруп стекло осколок пластик игла иголка"
)
_WORD_TAIL = re.compile(r"\w*")
# The parts of a body (no person): what a damaging verb must be bound to.
_BODY_PARTS = _BODY_LEMMAS - vocabulary("ребёнок ребенок сын дочь дочка муж жена себя")
_SWALLOW = re.compile(r"проглот|проглат|наглотал|глотнул")

_DENIALS = frozenset({"не", "без", "ни", "никаких", "никакой", "никакого", "нет", "no", "not", "without"})
_NEARLY = frozenset({"чуть", "едва", "чудом", "almost", "nearly"})

_RULES: tuple[_Rule, ...] = (
    # Money for a return or a cancelled order has not come back yet.
    _rule(
        Situation.REFUND_PENDING,
        _MONEY + r" .{0,40}(не (вернул|пришл|поступил|зачисл|вернут|верну)|до сих пор|так и не|нет|жду|ждем|ждать)|"
        r"(не (вернул\w*|пришл\w*|поступил\w*|вернут\w*)|до сих пор не|так и не (вернул|пришл)|жду|ждем) .{0,30}"
        + _MONEY
        + r"|где (мои )?(деньги|бабки)|когда (вернут|будут|придут) "
        r"(\w+ )?деньги|деньги (\w+ )?(когда|верн)|refund (still )?(not|hasn.?t|has not|pending)|"
        r"(still|haven.?t|have not|not) (\w+ )?(received|got|get) (my |the )?(refund|money)|where is my refund|"
        r"still no refund|no refund yet|когда (будет|вернут|придут|поступ\w*) (\w+ )?(возврат денег|"
        r"возврат средств|деньги|средства)|хочу вернуть (\w+ )?деньги|pulimni qachon|qachon qaytar|"
        r"pul\w* qaytma",
        unless=r"если (\w+ )?(деньги )?не верн\w* в течение",
    ),
    _rule(
        Situation.REFUND_PENDING,
        r"деньги не вернете|если (\w+ )?(деньги )?не верн\w* в течение|списали (\w+ )?(деньги|оплат)|деньги списали",
    ),
    # A claim (заявка на брак/возврат) rejected by WB or the seller.
    _rule(
        Situation.CLAIM_REJECTED,
        r"(заявк\w*|претензи\w*|обращени\w*|возврат\w*|брак\w*|спор\w*|заявлени\w*) .{0,30}"
        + _REFUSED
        + "|"
        + _REFUSED
        + r" .{0,25}(заявк|претензи|обращени|в возврат|возврат|брак)|(вы )?отклоняете|отклонили|отклонена|"
        r"брак не (признал|подтверд|приня)|заявк\w* (\w+ )?закрыл|"
        r"claim (was )?(rejected|declined|denied)|rejected my (claim|return)",
        unless=r"пвз|пункт\w* выдачи|не приня\w* возврат|принимать возврат|отказал\w* принимать",
    ),
    # The pickup point refused to take a return.
    _rule(
        Situation.RETURN_REFUSED_AT_PICKUP,
        r"(пвз|пункт\w* (выдачи)?|на пункте|в пункте|сотрудни\w* пункт|менеджер\w* пвз|pickup point) .{0,40}"
        r"(не при(нял|няли|нимают|мут|ня)|отказ\w*|не взял\w*|не берут|не подлежит)|"
        r"(не при(нял|няли|нимают|мут)|отказал\w*( принимать| в приеме| принять)|не взял\w*) .{0,30}"
        r"(пвз|пункт|возврат)|в пвз (сказали|говорят) .{0,30}(нельзя|не подлежит)|(на|в) (пункте|"
        r"пвз)\w* (\w+ )?(сказали|говорят) .{0,30}(нельзя|не подлежит|не прим)|"
        r"пвз (\w+ )?не (бер[её]т|примет|принимает)|"
        r"refused (to accept|to take|my return)|wouldn.?t accept (the|my) return",
    ),
    # Never arrived, including "marked delivered/received" but never got it.
    _rule(
        Situation.NOT_RECEIVED,
        r"(статус|написано|пишет|отмечен\w*|в приложении|в личном кабинете|в лк) .{0,40}(доставлен|получен|выдан|"
        r"забрал|вручен)|(доставлен|получен|выдан)\w* .{0,40}(а я|но я|хотя я) .{0,20}(не получ|ничего не|не забира)|"
        r"(товар|заказ|посылк\w*) (так и )?не (пришел|пришла|пришло|пришли|получил|доставил|привез)|"
        r"не (пришел|пришла|пришло|доставили|привезли) (мой )?(заказ|товар|посылк)|(заказ|посылк\w*|"
        r"товар) (\w+ )?потерял|"
        r"пишут (\w+ )?(доставлен|получен|вручен)|(отметил\w*|"
        r"поставил\w*) (\w+ )?(доставлен|получен|вручен)|"
        r"не получил\w* (товар|заказ|посылк)|я ничего не получ|нет такой посылки|посылк\w* (потерял|нет)|"
        r"потеряли (\w+ )?(заказ|посылк)|(marked|shows|says) (as )?(delivered|received)|never (arrived|received|"
        r"came|got)|"
        r"didn.?t (receive|get|arrive)|not received|have not received|haven.?t received",
        unless=r"деньги не пришли|возврат\w* не пришл|деньг\w* (до сих пор )?не|refund",
    ),
    # Stuck in transit / sorting, tracking does not move.
    _rule(
        Situation.ORDER_STUCK,
        r"(висит|завис\w*|застрял\w*|стоит|лежит|торчит) .{0,20}(на сортировк|в пути|на складе|в статусе|в сц|"
        r"на транзит|сортировочн)|без движения|не отслежива|в статусе в пути|(недел\w*|дн\w*|месяц\w*) в статусе|"
        r"(в одном|в том же|одном и том же) статусе|"
        r"\d+ недел\w* (\w+ )?в пути|в пути (уже )?\d+|застрял\w* в \w+|"
        r"(на сортировк|в пути|на складе|в статусе) .{0,20}(висит|завис|застрял|уже \d+|\d+ (дн|недел)|неделю|месяц)|"
        r"не (двигается|движется|обновля)|трек\w* не|статус не (меня|обновл)|stuck|not moving|tracking (hasn.?t|"
        r"has not|"
        r"doesn.?t|not) (updat|chang|mov)|завис\w* (заказ|посылк)|(заказ|посылк)\w* завис",
    ),
    # Cancel an order or change its size/colour/address.
    _rule(
        Situation.CANCEL_OR_CHANGE,
        r"отмен(ить|ите|ю|яю|у заказ|а заказ)|пока не отправ|еще не отправ|ошибл\w* (\w+ )?(размером|цветом|"
        r"адресом|при заказе)|almashtir|jo.?natilmagan|до отправки|"
        r"(поменяйте|измените|замените) (\w+ )?(\w+ )?(размер|цвет|адрес|на)|отказаться от заказ|(поменять|"
        r"изменить|заменить|сменить) "
        r"(\w+ )?(размер|цвет|адрес|пункт|пвз|заказ) (в|на|у) (заказ|уже)|(поменять|изменить|"
        r"сменить) (\w+ )?(адрес|пвз|пункт)|"
        r"в заказе (\w+ )?(поменять|изменить)|заказ\w* (\w+ )?(поменять|изменить|отменить)|"
        r"cancel (my |the )?order|change (my |the )?(order|address|size in (my|the) order)",
        unless=r"отменили (\w+ )?скидк|отменен\w* (\w+ )?скидк|отменил\w* сам",
    ),
    # Asks for a discount, a promo code, a lower price for them.
    _rule(
        Situation.DISCOUNT_REQUEST,
        r"(сделайте|сделаете|можно|будет|дайте|дадите|есть ли|а есть|хочу|хотелось бы|нужна|можете) .{0,25}"
        r"(скидк|промокод|дешевле|уступ|скинуть|подешевле)|промокод|скидк\w* (\w+ )?(постоянн|мне|для меня|"
        r"на следующ|\?)|"
        r"скинете|уступите|скидочк|скидк\w* (\w+ )?(будет )?если (возьму|куплю|закажу)|(верните|вернуть|"
        r"компенсир\w*) (\w+ )?разниц|(discount|promo code|coupon)",
        unless=r"по скидке (брал|купил|взял)|на скидке|со скидкой (брал|купил|взял)|купил\w* по скидк",
    ),
    # Wants to talk outside WB.
    _rule(
        Situation.OFF_PLATFORM_CONTACT,
        r"ватсап|вотсап|вацап|whatsapp|whats app|телеграм|телеграмм|telegram|телег[уеа]|@[a-z]\w{3,}|вайбер|viber|"
        r"инстаграм|instagram|инст\b|\bдирект\w*|в (личк\w*|лс)\b|\binsta\b|\bdm\b|direct message|"
        r"(ваш|дайте|скиньте|оставьте|напишите|пришлите|какой|ваш|свой|мой) (\w+ )?(номер|телефон|почт|email|e-mail|"
        r"контакт)|(позвоните|перезвоните|созвонимся|звоните) (мне)?|напишите (мне )?в (лс|личку|вк|тг)|\bтг\b|"
        r"\bвк\b|вконтакте|связаться (с вами )?напрямую|напрямую (связаться|написать)|e-?mail|phone number|"
        r"call me|contact you (directly|outside)|\+7\s?\d|8 ?9\d\d",
        unless=r"уведомлени",
    ),
    # Insults and swearing at the seller.
    _rule(
        Situation.ABUSE,
        r"нафиг|идите (в|на|к) |пошли вы|\bдур(а|ы)\b|кидалов|кидалы\b|лохотрон|дебил|идиот|урод|мраз|тварь|твари|"
        r"сволоч|козл|скотин|ублюд|придурк|дурак|дуры\b|"
        r"тупые|тупой|кретин|"
        r"обманщик|жулик|мошенник|ворюг|воры\b|\bвор\b|бляд|блят|сук[аи]\b|хер\b|хрен|пизд|ху[йеияю]|ебан|ёбан|"
        r"еба[нл]|нахер|нахуй|говн|дерьм|засранц|гад(ы|ина)\b|чтоб вы|shit|fuck|idiot|stupid|scammer|scam\b|bastard",
        unless=r"не мошенник|не обман|мошеннич\w* схем|без обман",
    ),
    # The box / parcel came empty.
    _rule(
        Situation.EMPTY_BOX,
        r"пуст(ая|ой|ую|ые) (коробк|посылк|упаковк|пакет|короб)|(коробк|посылк|упаковк|пакет|короб)\w* (\w+ )?"
        r"(пуст|без товара)|внутри (ничего|пусто)|ничего (не было )?внутри|пришло пусто|вместо товара (\w+ )?"
        r"(ничего|пусто|камн|кирпич|бумаг)|там пусто|а там ничего|без содержимого|в коробке ничего|"
        r"самого товара (\w+ )?нет|товара внутри нет|"
        r"arrived empty|(box|package|parcel) (was|is|came) empty|empty (box|package|parcel)|nothing inside",
        unless=r"наполовину|половин|крем|банк",
    ),
    # Used, worn or expired.
    _rule(
        Situation.USED_OR_EXPIRED,
        r"\bб у\b|б/у|бывш\w* в употреблени|\bношен|\bпоношен|стоптан|следы (носки|использовани|ношени|эксплуат)|"
        r"кто.то (его |ее |их )?(вернул|носил|пользовал)|(уже )?(кем.то )?(использован|пользован)\w*(?! (один|раз))|"
        r"был\w* в употреблени|просроч|срок годности (\w+ ){0,3}(истек|вышел|закончил|прошел|истекает|до прошл)|"
        r"истек\w* срок|(грязн|в волосах|волосы)\w* .{0,20}(фен|б у|бывш)|весь в волосах|с чужими волосами|"
        r"чужие волосы|чуж\w* (запах|духов|волос)|(кто.то|явно|уже) (\w+ )?носил|used item|(clearly|obviously|"
        r"already) (been )?used|second.hand|"
        r"worn before|expired|past (its|the) (expiry|sell)",
        unless=r"пользовал\w* (один|1|неделю|месяц|уже)|использовал\w* (один|1|неделю|месяц)|не использовал|"
        r"ношу|ношен\w* (аккуратно|месяц|неделю|год)|(перед|при) (первым |первом )?использ|пишут|якобы|сказали|"
        r"срок годности (большой|хороший|нормальный|свежий|длинный)",
    ),
    _rule(Situation.LEGAL, _LEGAL_GROUND, unless=_NOT_LEGAL),
    _rule(Situation.LEGAL, _LEGAL, unless=f"{_NOT_LEGAL}|{_PROFESSION}"),
)
# WB's automatic first chat line, alone.
_GREETING = r"(здравствуйте|добрый (день|вечер)|доброе утро|привет|hello|hi|good (morning|afternoon|evening))"
_OPENER = re.compile(
    rf"^({_GREETING}\s*,?\s*)?(у меня (есть )?вопрос (по|о|про) (товар\w*|заказ\w*)( «[^»]*»| \"[^\"]*\")?|"
    r"вопрос по товару|вопрос о товаре|i have a question about (the|this|an?) (item|product|order))\s*$"
)
_GREETING_LINE = re.compile(rf"^{_GREETING}$")
_OPENER_SPLIT = re.compile(r"[\n.!]+")


def _harm(clause: Clause) -> str | None:
    """The injury this clause reports, quoted, or None. Read per phrase (between commas), so a remedy or a former
    trouble in one phrase («мажу мазью от аллергии») does not hide the injury in the next («покраснение и зуд»); a
    question about what may happen, a denied symptom (before it, inside the phrase, or after it: «тошноты не было»)
    and an injury verb bound to a thing («обожгла глину», «порезала ленту», «проглотила книжку») report none."""
    if _WORRY.search(clause.text):
        return None
    if not _INJURY_RX.search(clause.text):
        return _harm_told_by_parts(clause)  # one search settles most clauses before the phrase-by-phrase reading
    for piece, asked in _pieces(clause.text):
        if _NOT_INJURY_RX.search(piece) or _POSSIBLE.search(piece) or (asked and _HYPOTHETICAL.search(piece)):
            continue
        for match in _INJURY_RX.finditer(piece):
            if _no_injury(piece, match) or _bound_to_thing(piece, match):
                continue
            return _quote(piece, match)
    return _harm_told_by_parts(clause)


def _harm_told_by_parts(clause: Clause) -> str | None:
    """An injury told in the clause's parts (see `_WHO`): who was hurt and what it did to them, or what hurt and who
    treated it; none of them denied, none in a near miss, no possibility or question about what may happen."""
    text = clause.text
    if not (_LEMMA_STEMS.search(text) or _HURT.search(text) or _HAZARD.search(text) or _TREATED.search(text)):
        return None
    if _NOT_INJURY_RX.search(text) or _POSSIBLE.search(text) or (clause.question and _HYPOTHETICAL.search(text)):
        return None

    def present(rx: re.Pattern[str]) -> re.Match[str] | None:
        return next((m for m in rx.finditer(text) if not _no_injury(text, m)), None)

    lemma = _harm_by_lemma(text)
    if lemma is not None:
        return lemma
    hurt, who = present(_HURT), present(_WHO)
    if hurt and who:
        return _quote(text, hurt)
    cause, treated = present(_HAZARD), present(_TREATED)
    if treated and (hurt or cause):
        return _quote(text, treated)
    if cause and who and hurt is None and not _DENIALS & set(text.split()):
        return _quote(text, cause)
    return None


def _harm_by_lemma(text: str) -> str | None:
    """The harm a phrase's lemmas tell (see `_DAMAGE_LEMMAS`), quoting the word; None when there is none or the word
    is denied («не порезался» — but «чуть не подавился» is told as a near miss and counts)."""
    if not _LEMMA_STEMS.search(text):
        return None  # most clauses hold none of the lemmas' stems: no morphology walk (it costs ≈ 0.1 ms a clause)
    for piece, _ in _pieces(text):
        words = piece.split()
        parses = [parse(w) for w in words]
        lemmas = [found.normal_form if found is not None else w for found, w in zip(parses, words, strict=True)]
        body = {i for i, lemma in enumerate(lemmas) if lemma in _BODY_PARTS}
        for i, lemma in enumerate(lemmas):
            found = parses[i]
            if found is None or found.tag.POS not in _EVENT_POS:
                continue
            nearly = i > 1 and words[i - 2] in _NEARLY and lemma in _CHOKING_LEMMAS
            if i > 0 and words[i - 1] in _DENIALS and not nearly:
                continue
            if i > 2 and words[i - 1] in ("в", "до") and words[i - 3] in _DENIALS:
                continue  # «руки не сбиваю в кровь»
            near_body = any(abs(i - j) <= 4 for j in body)
            if (
                (lemma in _DAMAGE_LEMMAS and near_body)
                or lemma in _SELF_DAMAGE_LEMMAS
                or lemma in _BLEEDING_LEMMAS
                or lemma in _TREATMENT_LEMMAS
            ):
                return " ".join(words[max(0, i - 2) : i + 3])
    return None


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The phrases of a clause (cut at commas and question marks), each with whether a question mark ends it."""
    found: list[tuple[str, bool]] = []
    for part in _ASKED.split(text + " "):
        asked = part.endswith(" ?")
        found += [(piece.strip(), False) for piece in part.removesuffix(" ?").split(" , ")]
        if asked and found:
            found[-1] = (found[-1][0], True)
    return [(piece, asked) for piece, asked in found if piece]


def _bound_to_thing(text: str, match: re.Match[str]) -> bool:
    """The injury verb or participle acts on a thing, not a person: the next word is an inanimate noun that is no part
    of a body («обожгла глину», «обожжённая глина»); swallowing harms only when the thing swallowed is a part."""
    tail = _WORD_TAIL.match(text, match.end())
    words = text[match.start() : tail.end() if tail else match.end()].split()
    found = parse(words[-1]) if words else None
    if found is None or found.tag.POS not in ("VERB", "INFN", "PRTF", "PRTS"):
        return False
    after = text[tail.end() if tail else match.end() :].split()
    after = [w for w in after[:3] if w not in ("себе", "мне", "ему", "ей", "им", "случайно")][:1]
    noun = parse(after[0]) if after else None
    if noun is None or noun.tag.POS != "NOUN" or noun.tag.animacy == "anim":
        return False
    if _SWALLOW.match(words[0]):
        return noun.normal_form not in _SWALLOWED_PART
    # A participle describes its noun in any case («обожжённая глина»); a verb's object is in the accusative.
    bound = "accs" in noun.tag or found.tag.POS in ("PRTF", "PRTS")
    return bound and noun.normal_form not in _BODY_LEMMAS


def situations_of(parts: list[Clause], whole: str) -> dict[Situation, str]:
    """The situations in a text's clauses, each with the words that showed it (the evidence a card can quote);
    `whole`: the text as written, for the chat opener."""
    found: dict[Situation, str] = {}
    for clause in parts:
        for rule in _RULES:
            if rule.situation in found:
                continue
            if rule.unless is not None and rule.unless.search(clause.text):
                continue
            for match in rule.rx.finditer(clause.text):
                found[rule.situation] = _quote(clause.text, match)
                break
        if Situation.HARM not in found:
            injury = _harm(clause)
            if injury is not None:
                found[Situation.HARM] = injury
    if _is_opener(whole):
        found[Situation.WB_CHAT_OPENER] = whole.strip()
    return found


def _no_injury(text: str, match: re.Match[str]) -> bool:
    """«без травм», «не подавился», «глаза не щиплет», «тошноты не было»: the injury word is denied — but «чуть не
    подавился» is a near miss that counts."""
    before = text[: match.start()].split()[-2:]
    if match.group().startswith(("в кровь", "до крови")) and len(before) == 2 and before[0] in _DENIALS:
        return True  # «руки не сбиваю в кровь»: the verb before the phrase is denied
    nearly = len(before) == 2 and before[0] in _NEARLY and _CHOKED.search(match.group())
    if before and before[-1] in _DENIALS and not nearly:
        return True
    inner = match.group().split()
    if any(word in _DENIALS for word in inner[1:]):
        return True  # «глаза после неё не щиплет»: a body part and a denied symptom
    return bool(_DENIED_AFTER.match(text[match.end() :]))


def _quote(text: str, match: re.Match[str]) -> str:
    """The matched words with up to two words either side within the phrase (normalised text)."""
    before = text[: match.start()].rsplit(",", 1)[-1].split()[-2:]
    after = text[match.end() :].split(",", 1)[0].split()[:2]
    return " ".join([*before, match.group().strip(), *after]).strip(" ,")


def _is_opener(text: str) -> bool:
    lines = [line.strip(" ,?") for line in _OPENER_SPLIT.split(normalize(text).text) if line.strip(" ,?")]
    openers = [line for line in lines if _OPENER.match(line)]
    return bool(openers) and all(_OPENER.match(line) or _GREETING_LINE.match(line) for line in lines)
