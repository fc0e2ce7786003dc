"""The buyer's mood from the text and the rating together.

A review's rating sets the frame and the text moves it: praise and complaint together are `mixed`; a 1–2★ review
that uses praise words around a complaint with a tell of irony («"отличное" качество», «ну спасибо», «браво»,
«ага», a 👍 on 1★) is `sarcastic`; otherwise praise on 1–2★ is `mixed` when nothing is complained about (on 2★
also when praise and complaint are contrasted), else `negative` — never `positive`. A pre-purchase question is
`neutral` unless it scolds or reports a fault or a situation; a chat is `negative` with a complaint or a situation,
`positive` with thanks.
"""

from __future__ import annotations

import re

from core.reading.model import Mood, Situation
from core.topics.model import Topic

_PRAISE_WORDS = re.compile(
    r"спс\b|спасиб|топчик|зач[её]т\b|отличн|супер|класс|рекоменд|доволь|нравит|понрав|огонь|бомба|шикарн|восторг|"
    r"прекрасн|замечательн|идеальн|"
    r"красив|люблю|лучш|топ\b|кайф|спасибо|благодар|молодц|\bхорош|норм\b|нормальн|рахмет|рахмат|rahmat|zor\b|yaxshi|"
    r"жақсы|great|perfect|love|excellent|awesome|recommend|nice|good|thanks|👍|❤|😍|🔥|🥰|☺|😊|💯|👌"
)
_NEGATIVE_WORDS = re.compile(
    r"ужас|кошмар|отврат|разочаров|не (советую|рекомендую|покупайте|берите|заказывайте)|треш|трэш|позор|обман|"
    r"(это|какой.то|полный|просто|китайский) (хлам|мусор)|на помойку|выкинул|выбросил|в шоке|\bзла\b|\bзлая|бесит|"
    r"возмущ|безобраз|никому не|(?<!не)плох|жуть|жутк|"
    r"awful|terrible|horrible|disappoint|waste|worst|never again|😡|🤬|👎|😤|😢|😭|🤡|где (мой|мои|моя) |"
    r"жду (уже )?\d+ (дн|недел|месяц)|уже \d+ (дн|недел)\w* прошл"
)
_IRONY = re.compile(
    r"[«\"“'](отличн|прекрасн|замечательн|супер|шикарн|качествен|лучш|хорош)\w*[»\"”']|\bага\b|\bбраво\b|"
    r"ну спасибо|спасибо (\w+ )?за (\w+ )?(подделк|брак|испорчен|обман|тряпк|подарок)|шикарно\b|ну просто|"
    r"\bтипа\b|как же|великолепно\b|молодцы\b|thanks a lot|great job|just great|🤡|👍|👏|🎉|праздник|космос|"
    r"на высоте|[«\"“][а-яa-z]+[»\"”]|'[а-яa-z]+'|😂|🤣|🙃|😏|\bвау\b|рекорд|низкий поклон|спасибо огромное за"
)
_BARE_IRONY = re.compile(r"\bага\b|\bтипа\b|\bбраво\b|\bвау\b|рекорд|👏")
_CONTRAST = re.compile(r"\b(но|хотя|зато|однако|а так|but|though)\b")
# «Единственное — …», «из минусов»: a 4–5★ review that names a drawback.
_DRAWBACK = re.compile(r"единственн(ое|ый|ая)|из минусов|минус(ы)? в том|один минус|only (downside|issue|problem)")
# In a chat these topics are a complaint whatever the phrasing; the rest are often only asked about.
_CHAT_COMPLAINTS = frozenset({Topic.DEFECT, Topic.WRONG_ITEM, Topic.INCOMPLETE, Topic.SIZE_SMALL, Topic.SIZE_LARGE})
_QUESTION_COMPLAINTS = frozenset({Topic.DEFECT, Topic.WRONG_ITEM, Topic.INCOMPLETE})
# A 4★ review that only mentions these (a remark about stock or compatibility) is still positive.
_STORY_TOPICS = frozenset({Topic.AVAILABILITY, Topic.COMPATIBILITY, Topic.SIZE_ADVICE})
_CHAT_PRAISE = re.compile(
    r"спасиб|спс\b|благодар|рахмет|рахмат|rahmat|супер|отличн|класс|огонь|понрав|доволь|thank|great|love|perfect|"
    r"👍|❤|😍|🥰|🔥|👌|🙏|☺|😊"
)
_CAPS_PRAISE = re.compile(r"\b(ОТЛИЧН|СУПЕР|ПРЕКРАСН|ШИКАРН|ЛУЧШ)\w*")
# Topics that are not a complaint when a buyer only mentions them (a question, a remark, a story).
_NEUTRAL_TOPICS = frozenset(
    {Topic.SIZE_ADVICE, Topic.AVAILABILITY, Topic.USAGE, Topic.COMPATIBILITY, Topic.WARRANTY, Topic.RETURN}
)
_COMPLAINING_SITUATIONS = frozenset(Situation) - {
    Situation.WB_CHAT_OPENER,
    Situation.DISCOUNT_REQUEST,
    Situation.CANCEL_OR_CHANGE,
    Situation.OFF_PLATFORM_CONTACT,
}


def mood_of(
    raw: str,
    prepared: str,
    *,
    rating: int | None,
    topics: tuple[Topic, ...],
    situations: set[Situation],
    question: bool = False,
    praised: bool = False,
) -> Mood:
    """The mood of one buyer text (`raw`: as written, for quotes and capitals; `prepared`: normalised).

    `question`: a pre-purchase question (WB's questions channel), neutral unless it swears or scolds; `praised`: the
    text praises the item as a whole, which counts as a compliment though it names no aspect.
    """
    praise_words = bool(_PRAISE_WORDS.search(prepared) or _PRAISE_WORDS.search(raw))
    praise = any(t.praise for t in topics) or praise_words
    negative_words = bool(_NEGATIVE_WORDS.search(prepared + raw))
    strong_complaint = bool(situations & _COMPLAINING_SITUATIONS) or negative_words
    complaint = strong_complaint or any(not t.praise and t not in _NEUTRAL_TOPICS for t in topics)
    praise_topics = praised or any(t.praise for t in topics)
    ironic = bool(_IRONY.search(raw.lower()) or _CAPS_PRAISE.search(raw))
    if rating is None:
        if question:
            # A question that reports a fault, a harm or a stuck claim complains, whatever WB's channel calls it.
            faulty = any(t in _QUESTION_COMPLAINTS for t in topics) or situations & _COMPLAINING_SITUATIONS
            return Mood.NEGATIVE if negative_words or faulty else Mood.NEUTRAL
        if strong_complaint or any(t in _CHAT_COMPLAINTS for t in topics):
            return Mood.SARCASTIC if ironic and praise_words else Mood.NEGATIVE
        # "Хорошо, жду" is an OK, not praise: a chat is positive with thanks or a compliment.
        return Mood.POSITIVE if praise_topics or _CHAT_PRAISE.search(raw.lower()) else Mood.NEUTRAL
    if rating <= 2:
        if ironic and (praise or _BARE_IRONY.search(raw.lower())):
            return Mood.SARCASTIC
        if praise_topics and (not complaint or (rating == 2 and _CONTRAST.search(prepared))):
            return Mood.MIXED  # praise on 1–2★: a mis-click or a mixed review, never positive
        return Mood.NEGATIVE
    if rating == 3:
        if complaint and not praise and strong_complaint:
            return Mood.NEGATIVE
        return Mood.MIXED
    if rating == 4 and any(not t.praise and t not in _STORY_TOPICS for t in topics):
        return Mood.MIXED
    if _DRAWBACK.search(prepared) and any(not t.praise for t in topics):
        return Mood.MIXED
    if complaint and (rating == 4 or praise_topics or strong_complaint):
        return Mood.MIXED
    return Mood.POSITIVE
