"""Rule-based intent: weighted keyword/regex cues in Russian and English over normalised text.

Every cue that matches adds its weight to its intent; the best total wins. Confidence grows with the winner's lead
over the runner-up, so a text that hits two intents equally (e.g. "size" and "return" in "не подошёл размер, как
вернуть?") comes out unsure and may be handed to the LLM. Ties go to the intent listed first in `_TIE_ORDER`
(the one needing the most care). Cues are stems so inflected Russian forms match without a morphology library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    SIZE = "size"
    DELIVERY = "delivery"
    RETURN = "return"
    DEFECT = "defect"
    AVAILABILITY = "availability"
    USAGE = "usage"
    OTHER = "other"


class IntentSource(StrEnum):
    RULES = "rules"
    LLM = "llm"
    DEFAULT = "default"


@dataclass(frozen=True)
class IntentResult:
    intent: Intent
    confidence: float
    source: IntentSource


# Below this the rules are "unsure": the LLM fallback (when enabled) gets a say.
UNSURE_BELOW = 0.6

# Verb stems after "как …" / "можно ли …" that ask how to use or care for the product.
_HOW_TO = (
    "пользоват|использова|включ|настро|подключ|собрат|стира|ухажива|заряжа|мыть|чист|"
    "хранит|нанос|примен|установ|крепит|прикреп|надева|сушит|гладит|принимат"
)
_CAN_I = (
    "стира|мыть|суши|глади|использ|примен|нагрева|в посудомо|в микроволн|в духовк|"
    "замачива|отбелива|брать|ставить|класть|готовить"
)

_CUES: dict[Intent, list[tuple[str, int]]] = {
    Intent.SIZE: [
        (r"размерн\w* сетк|таблиц\w* размер", 4),
        (r"\bразмер", 2),
        (r"маломер|большемер|\bмер(ит|ят|ки|ками)\b|\bсадит|\bсидит|по фигуре|оверсайз", 2),
        (
            r"\bрост\w*\b|\bвес(ом|е)? \d|\d+ ?кг\b|обхват|\bталии|\bталия|\bбедр|\bгруд[ьи]|\bплеч|"
            r"длин\w* рукав",
            2,
        ),
        (r"\bстоп[аеы]\b|длин\w* стоп|\bстельк|полнот|окружност|диаметр|\bпояс\b|в поясе|\bобъем", 2),
        (
            r"на размер (больше|меньше)|какой размер|размер брать|какой брать|какой взять|какой выбрать|"
            r"\b\d{2} (брать|взять)\b",
            3,
        ),
        (
            r"\b(xxs|xs|xl|xxl|xxxl|[2-5]xl)\b|\b\d{2}-\d{2}\b|\b\d{2} ?см\b|"
            r"\b(велик|мал|мала|мало|узк\w*|широк\w*)\b",
            1,
        ),
        (
            r"\bsizes?\b|\bsizing\b|\bfits?\b|true to size|runs? (small|large|big)|measurements|\bwaist|"
            r"\bchest|height",
            3,
        ),
    ],
    Intent.DELIVERY: [
        (r"достав|привез|привоз|\bпривезут|\bкурьер|\bпвз\b|пункт\w* выдачи|постамат|\bтрек", 3),
        (
            r"когда (придет|приедет|прийдет|доставят|отправ|получу|будет доставк)|"
            r"сколько (дней )?(ехать|идет|будет идти|едет)",
            4,
        ),
        (
            r"\bотправ|\bпосылк|\bзаказ\w* (еще |до сих пор )?(не )?(пришел|приходит|едет|идет)|"
            r"\bидет (уже )?(долго|неделю)",
            2,
        ),
        (r"успеет ли|застрял|где (мой |наш )?заказ|заказ где|\bжду\b", 2),
        (r"\bсклад|\bв (мой |наш )?город|\bсроки\b|\bв пути|\bотслед", 1),
        (r"deliver|shipping|\bship\b|\bshipped|arriv|tracking|courier|pickup point|dispatch|\bparcel", 3),
    ],
    Intent.RETURN: [
        (r"возврат|вернуть|\bверну\b|\bвернут|возвращ|\bобмен|обменя|поменять", 3),
        (r"\bсдать\b|\bсдам\b|отказаться от|\bденьги\b|\bденег\b|компенсац|\bчек\b", 2),
        (r"\breturn|refund|exchange|send (it )?back|money back", 3),
    ],
    Intent.DEFECT: [
        (
            r"\bбрак|дефект|\bслом|не работает|перестал\w* работать|не включа|не заряжается|не нажима|\bзапал|"
            r"не греет|не светит",
            4,
        ),
        (
            r"не хватает|нет в комплекте|некомплект|не доложил|не тот (цвет|размер|товар|артикул)|"
            r"другой товар|перепутал|две левые|два левых|не было в|в коробке не было|не положили",
            4,
        ),
        (r"пришел друг|прислали друг|пришла друг|пришло друг", 4),
        (
            r"поврежд|порван|\bдыр|\bпятн(о|а|ом|ами|ышк\w*)?\b|трещин|треснул|царапин|\bскол(ом|ы)?\b|откол|"
            r"порвал|отлетел|разбит|помят|\bмят\w*\b|облез|полинял|линяет|катышк",
            3,
        ),
        (
            r"отклеил|отвалил|оторвал|распорол|разош\w* шов|кривой шов|торчат нитки|воняет|неприятн\w* запах|"
            r"протек|\bтечет",
            3,
        ),
        (r"\bкачеств\w*\b|\bзапах", 1),
        (
            r"broken|defect|damaged|doesn.?t work|does not work|not working|stopped working|\btorn|missing|"
            r"wrong item",
            4,
        ),
        (r"\bbroke\b|\bcrack|scratch|\bstain|faulty|\bripped|falls apart|smell", 3),
    ],
    Intent.AVAILABILITY: [
        (
            r"в наличии|\bналичи|поступлен|\bпоступ(ит|ят|ят ли)\b|завез|пополн|\bзакончил|нет в продаже|"
            r"снова в продаже",
            4,
        ),
        (
            r"когда (будет|будут|появ|снова)|будет ли (еще|снова|в продаже)|будут ли|появится ли|появятся ли",
            3,
        ),
        (
            r"есть ли (\w+ )?(\d{2}|друг\w*|еще|в (\w+ )?цвет|размер\w* \d|расцвет|xs|xl|s|m|l)\b|"
            r"\d{2} размер\w* (есть|будет|нет)",
            3,
        ),
        (
            r"\bостат|\bосталось|сколько (штук|шт)|другого цвета|других цвет|другом цвете|\bрасцветк|"
            r"предзаказ|такая же|такой же|такие же|\bнету\b|\bв \w+(ом|ем) (цвете|будет)",
            2,
        ),
        (
            r"in stock|out of stock|restock|back in stock|availab|sold out|other colou?rs|other sizes|"
            r"will there be",
            4,
        ),
    ],
    Intent.USAGE: [
        (
            r"как (правильно )?(им )?(" + _HOW_TO + ")",
            4,
        ),
        (
            r"инструкц|"
            r"можно ли (его |ее |их )?(" + _CAN_I + ")",
            4,
        ),
        (
            r"\bстира|\bстирк|машинке|гладить|\bутюг|химчистк|\bуход|посудомоечн|микроволн|духовк|морозилк",
            2,
        ),
        (
            r"совместим|"
            r"подойдет (ли )?(для|к) (iphone|айфон|samsung|самсунг|модел|телефон|машин|авто|ноутбук|xiaomi|плит)",
            3,
        ),
        (
            r"\bподключ|\bзарядк|\bзаряжа|\bзаряд\b|аккумулятор|батаре|приложени|bluetooth|блютуз|\bсборк|"
            r"\bсобрать|дозировк|\bсуши|сушильн|\bпринимать|раз в день|менять фильтр",
            2,
        ),
        (
            r"how (do i|to|should i) (use|wash|clean|charge|install|assemble|set up|connect|apply|store|care)",
            4,
        ),
        (
            r"instructions|\bmanual\b|compatib|dishwasher|microwave|washing machine|\bcharg|bluetooth|\bapp\b",
            3,
        ),
    ],
}
_COMPILED = {intent: [(re.compile(rx), w) for rx, w in cues] for intent, cues in _CUES.items()}
_TIE_ORDER = (Intent.DEFECT, Intent.RETURN, Intent.DELIVERY, Intent.AVAILABILITY, Intent.SIZE, Intent.USAGE)
_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, ё → е, punctuation dropped, whitespace collapsed: what the cues are written against."""
    text = text.lower().replace("ё", "е").replace("’", "'").replace("'", "")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def scores(text: str) -> dict[Intent, int]:
    """The summed cue weights per intent (intents with no cue are left out)."""
    norm = normalise(text)
    totals = {intent: sum(w for rx, w in cues if rx.search(norm)) for intent, cues in _COMPILED.items()}
    return {intent: total for intent, total in totals.items() if total}


def classify(text: str) -> IntentResult:
    """The intent of a buyer's question or chat message by the rules, with a confidence in 0..1."""
    found = scores(text)
    if not found:
        return IntentResult(Intent.OTHER, 0.5 if text.strip() else 0.9, IntentSource.RULES)
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], _TIE_ORDER.index(kv[0])))
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    confidence = min(0.98, 0.5 + 0.08 * best_score + 0.07 * (best_score - runner_up))
    return IntentResult(best, round(confidence, 2), IntentSource.RULES)
