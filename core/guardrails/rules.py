"""The default rule table and the public-vs-chat severity policy.

Policy (BLOCK = never sent, WARN = shown to whoever approves):

| category  | reviews, questions (public) | chats | why chats are softer |
|-----------|------|------|------|
| ai        | BLOCK | WARN  | a buyer may ask "are you a bot?" and the operator has to answer |
| incentive | BLOCK | BLOCK | paying or pressing for a review (or its change/removal) breaks WB's rules anywhere |
| refund    | BLOCK | WARN  | chats are where returns get sorted out; allowed outright when the buyer raised it |
| blame     | BLOCK | WARN  | in private an operator may need to explain a misuse, carefully |
| redirect  | BLOCK | WARN  | sometimes WB support is the right answer in a private chat |
| contact.url | BLOCK | WARN for WB's own sites, else BLOCK | a link to a WB product card can help in a chat |
| contact (phone, e-mail, messenger, @handle) | BLOCK | BLOCK | taking buyers off the marketplace breaks WB's rules |
| secret (a WB API token or another key) | BLOCK | BLOCK | never sent, never stored in clear |
| profanity, format.empty, format.too_short/long, custom | BLOCK | BLOCK | |
| tone (praise on a 1–3★ review), format.caps | WARN | WARN | matters of style |

Phrase syntax is described in `core.guardrails.phrases`. Rule ids are stable: they are stored in verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.guardrails.verdict import Severity
from core.models.enums import Channel

B, W = Severity.BLOCK, Severity.WARN


# Channels whose outgoing text only the buyer reads (WB shows a claim's comment in the buyer's application).
PRIVATE_CHANNELS = frozenset({Channel.CHAT, Channel.RETURN})


@dataclass(frozen=True)
class Rule:
    """A guardrail rule: id, message key, severity per kind of channel, and its phrases (for phrase rules)."""

    id: str
    reason_key: str
    public: Severity
    chat: Severity
    phrases: tuple[str, ...] = ()

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]

    def severity(self, channel: Channel) -> Severity:
        """The severity on `channel`: what only the buyer reads (a chat, a claim's comment) gets the softer one."""
        return self.chat if channel in PRIVATE_CHANNELS else self.public


_POLICY: dict[str, tuple[Severity, Severity]] = {
    "ai": (B, W),
    "incentive": (B, B),
    "refund": (B, W),
    "blame": (B, W),
    "redirect": (B, W),
    "contact": (B, B),
    "profanity": (B, B),
    "secret": (B, B),
    "tone": (W, W),
}


def _phrases(rule_id: str, phrases: str) -> Rule:
    """A phrase rule of the category named by the id's prefix; `phrases` are separated by `|`."""
    category = rule_id.split(".", 1)[0]
    public, chat = _POLICY[category]
    return Rule(rule_id, f"guard-{category}", public, chat, tuple(p.strip() for p in phrases.split("|")))


# "За пятёрку — бонус": a good rating and a reward in one breath (either order, a word or two apart). A rating
# alone is thanked for all the time ("спасибо за высокую оценку"), so it never counts without the reward.
_GOOD_RATINGS = (
    "за пятерк*",
    "за 5 звезд*",
    "за пять звезд*",
    "за оценк* 5",
    "за оценк* пять",
    "за положительн* оценк*",
    "за положительн* отзыв*",
    "за хорош* оценк*",
    "за хорош* отзыв*",
    "за высок* оценк*",
    "за отзыв* с фото",
)
_REWARDS: tuple[str, ...]
_REWARDS = ("бонус*", "подар*", "скидк*", "промокод*", "кешбэк*", "кэшбэк*", "деньг*", "рубл*", "вернем", "пришлем")
_REWARDS += ("вышлем", "дадим", "дарим", "получите", "компенс*", "сертификат*", "баллы")
_GOOD_RATING_FOR_REWARD = " | ".join(
    f"{rating} .. {reward} | {reward} .. {rating}" for rating in _GOOD_RATINGS for reward in _REWARDS
)
# A reward offered for WB's review supplement (issue 31: "answers that win buyers back" must be won honestly). Thanking
# a buyer for their supplement stays clean: only a reward next to "дополн* отзыв" blocks.
_REWARD_FOR_SUPPLEMENT = " | ".join(
    f"{reward} .. дополн* .. отзыв* | дополн* .. отзыв* .. {reward}" for reward in _REWARDS
)

PHRASE_RULES: tuple[Rule, ...] = (
    _phrases("ai.neural_network", "нейросет* | нейронн* сет* | нейронк* | neural net* | neural network*"),
    _phrases("ai.artificial_intelligence", "искусственн* интеллект* | ии | ai | artificial intelligence"),
    _phrases(
        "ai.bot",
        "бот | бота | боту | ботом | боты | ботов | чат бот* | виртуальн* помощник* | виртуальн* ассистент* | "
        "bot | bots | chat bot* | virtual assistant*",
    ),
    _phrases(
        "ai.model",
        "chat gpt | gpt* | чат гпт | гпт | openai | deepseek | дипсик | языков* модел* | language model* | llm",
    ),
    _phrases(
        "ai.program",
        "умн* программ* | интеллектуальн* программ* | интеллектуальн* систем* | компьютерн* программ* | "
        "программ* .. ответил* | ответил* .. программ* | отвечает .. программ* | написал* .. программ* | "
        "автоматизированн* систем* | машинн* обучен* | clever program* | smart program* | computer program* | "
        "written by a .. program | answered by a .. program | automated system* | machine learning | "
        "written by a robot",
    ),
    _phrases(
        "ai.generated",
        "сгенерирован* | автоматическ* ответ* | автоответ* | auto generated | "
        "automatically generated | generated by | auto reply | automated response* | "
        "automated reply*",
    ),
    _phrases(
        "incentive.review_change",
        "измен* .. отзыв* | исправ* .. отзыв* | удал* .. отзыв* | убер* .. отзыв* | "
        "перепиш* .. отзыв* | измен* .. оценк* | исправ* .. оценк* | повыс* .. оценк* | "
        "поменя* .. оценк* | change .. review* | update .. review* | edit .. review* | "
        "delete .. review* | remove .. review* | change .. rating | raise .. rating | "
        "update .. rating | обнов* .. отзыв* | обнов* .. оценк* | revise .. review* | revise .. rating | "
        "revise .. feedback | amend .. review* | amend .. feedback | update .. feedback | change .. feedback | "
        "edit .. feedback | improve .. rating",
    ),
    _phrases(
        "incentive.reward",
        "подар* за .. отзыв* | бонус* за .. отзыв* | кешбэк* за .. отзыв* | кэшбэк* за .. отзыв* | "
        "кешбек* за .. отзыв* | скидк* за .. отзыв* | промокод* за .. отзыв* | "
        "деньги за .. отзыв* | компенсац* за .. отзыв* | за .. отзыв* .. подарим | "
        "за .. отзыв* .. дарим | за .. отзыв* .. скидк* | gift* for .. review* | "
        "discount* for .. review* | bonus* for .. review* | cashback for .. review* | "
        "reward* for .. review* | coupon* for .. review* | в обмен на .. отзыв* | in exchange for .. review* | "
        f"{_GOOD_RATING_FOR_REWARD} | {_REWARD_FOR_SUPPLEMENT} | "
        "кешбэк* | кэшбэк* | кешбек* | кэшбек* | cashback* | cash back | поставите пятерк* | "
        "поставите 5 | получите бонус* | получите подар* | получите промокод* | for a five star* | "
        "for a 5 star* | for five star* | for 5 star* | for positive review* | for a positive review* | "
        "for a good review* | pay for .. review* | paid review* | 5 stars and get | five stars and get",
    ),
    # Money and gifts offered outside WB, said in other words (issue 28): paraphrases per intent.
    _phrases(
        "incentive.payment",
        "перевед* .. на карт* | перевед* .. стоимост* | перевед* .. деньг* | перевед* .. компенсац* | "
        "перевест* .. стоимост* | перевест* .. деньг* | скин* .. на карт* | скин* .. деньг* | скин* .. компенсац* | "
        "рубл* на .. карт* | отправ* .. на карт* | перечисл* .. на карт* | на карту сбер* | на сбер* | наличн* | "
        "наличк* | перечисл* .. деньг* | перечисл* .. напрямую | переводом на карт* | перевед* .. по номеру | "
        "перевест* .. по номеру | скин* .. по номеру | to your card | in cash | paypal | pay you back | "
        "wire you | "
        "send you the money | send you .. money | bank transfer | transfer the cost | transfer the money",
    ),
    _phrases(
        "incentive.gift",
        "втор* .. в подарок | товар в подарок | в подарок втор* | дарим | подарим | вышлем .. подар* | "
        "пришлем .. подар* | отправим .. подар* | положим .. подар* | подарок к .. заказу | пару бесплатно | "
        "вещь бесплатно | комплект бесплатно | товар бесплатно | штуку бесплатно | free gift | for free | "
        "free sample* | send you .. free | gift with your",
    ),
    _phrases(
        "incentive.rating_request",
        "поставьте 5 звезд* | поставьте пять звезд* | поставьте пятерк* | оцените на 5 | "
        "оцените на пять | leave .. 5 star* | leave .. five star* | give us 5 star* | rate us 5",
    ),
    _phrases(
        "refund.money_back",
        "верн* .. деньг* | возврат* денег | возврат* средств | деньги назад | верн* .. стоимост* | "
        "refund* | money back | reimburs*",
    ),
    _phrases(
        "refund.return",
        "возврат* | вернуть товар | return .. item* | return .. order* | return .. product* | make a return | returns",
    ),
    _phrases("refund.compensation", "компенсац* | компенсир* | возмест* | возмещ* | compensat*"),
    _phrases(
        "refund.replacement",
        "бесплатн* замен* | замен* .. бесплатно | free replacement | replacement free of charge | "
        "replace .. free of charge",
    ),
    _phrases(
        "blame.fault",
        "сами виноват* | ваша вина | вашей вине | вы виноват* | your fault | your own fault | "
        "you are to blame | blame yourself",
    ),
    _phrases(
        "blame.misuse",
        "вы неправильно | вы неверно | неправильно использ* | неправильн* эксплуатац* | "
        "нарушили .. инструкц* | you used .. wrong* | used .. incorrectly | misuse* | "
        "improper use | did not follow the instructions",
    ),
    _phrases(
        "blame.inattentive",
        "вы не прочитал* | надо было читать | читайте описани* | внимательн* читайте | "
        "вы невнимательн* | были невнимательн* | вы ошиблись | вы перепутали | you did not read | "
        "you didn t read | should have read | read the description | you were careless | "
        "you made a mistake",
    ),
    _phrases(
        "redirect.support",
        "обрат* в .. поддержк* | напиш* в .. поддержк* | служб* поддержк* | техподдержк* | "
        "тех поддержк* | обрат* в службу | обратитесь к менеджер* | contact .. support | "
        "customer service | customer support | support team | support service | helpdesk | "
        "help desk",
    ),
    _phrases(
        "redirect.contact_us",
        "свяж* с нами | свяжитесь с .. менеджер* | напиш* нам | пиш* нам | позвон* нам | "
        "звон* нам | в личн* сообщен* | в личку | в директ | contact us | write to us | call us | "
        "email us | e mail us | message us | dm us | direct message* | private message*",
    ),
    _phrases(
        "redirect.elsewhere",
        "на нашем сайте | наш сайт | озон | озоне | ozon | яндекс маркет* | "
        "yandex market | авито | avito | aliexpress | алиэкспресс* | on our website | our website | "
        "our site",
    ),
    _phrases(
        "contact.messenger",
        "telegram* | телеграм* | телега | телеге | tg | тг | whatsapp* | whats app | вотсап* | "
        "ватсап* | вацап* | viber | вайбер* | вконтакт* | vk | вк | instagram* | инстаграм* | "
        "инста | инсту | инсте | инстой | insta | facebook | фейсбук* | телегу | телегой | уотсап* | вотс ап | "
        "ватс ап | вибер* | viber* | директ* инст* | скайп* | skype | дискорд* | discord | wa me",
    ),
    # Asking for the buyer's number or a private line, and the call-back promise that goes with it.
    _phrases(
        "contact.callback",
        "оставьте .. номер | оставьте .. номер телефона | оставьте .. телефон* | оставьте .. контакт* | "
        "пришлите .. номер телефона | ваш номер телефона | свой номер телефона | перезвон* | позвоним | "
        "наберем вас | наберу вас | напишите мне | пишите мне | в лс | dm me | pm me | message me | text me | "
        "send me a .. message | call you back | leave your .. number | leave your .. phone | your phone number",
    ),
    _phrases(
        "profanity.placeholder",
        "хуй* | хуе* | хуя* | пизд* | бля | блять | блядь | бляд* | ебан* | ебат* | ебал* | заеб* | "
        "наеб* | охуе* | сука | суки | мудак* | говно* | дерьм* | идиот* | дебил* | fuck* | shit* | "
        "bitch* | asshole* | bullshit | crap",
    ),
    # Active only for a review rated 1–3: thanking for a praise the buyer did not give reads as mockery.
    _phrases(
        "tone.praise_on_negative",
        "высок* оценк* | отличн* оценк* | спасибо за 5 звезд* | спасибо за пять звезд* | "
        "спасибо за пятерк* | рады что .. понравил* | рады что .. довольн* | high rating | "
        "five stars | 5 stars | glad you .. liked | glad you .. enjoyed | happy you .. liked",
    ),
)

# Buyer wording that counts as the buyer raising a refund/return themselves (on top of the refund phrases).
BUYER_REFUND_CUES = ("верните", "вернуть", "вернете", "деньги", "замен*", "return*", "replace*", "exchange")

PATTERN_RULES: tuple[Rule, ...] = (
    Rule("contact.url", "guard-contact-url", B, W),
    Rule("contact.phone", "guard-contact-phone", B, B),
    Rule("contact.email", "guard-contact-email", B, B),
    Rule("contact.handle", "guard-contact-handle", B, B),
    Rule("secret.token", "guard-secret", B, B),
    Rule("format.caps", "guard-format-caps", W, W),
    Rule("format.empty", "guard-format-empty", B, B),
    Rule("format.too_short", "guard-format-too-short", B, B),
    Rule("format.too_long", "guard-format-too-long", B, B),
)

CUSTOM_RULE = Rule("custom.phrase", "guard-custom", B, B)

RULES: dict[str, Rule] = {rule.id: rule for rule in (*PHRASE_RULES, *PATTERN_RULES, CUSTOM_RULE)}

# Length limits per channel (WB's own: 2–5000 characters for review and question answers, 1000 for chat messages).
LENGTH_LIMITS: dict[Channel, tuple[int, int]] = {
    Channel.REVIEW: (2, 5000),
    Channel.QUESTION: (2, 5000),
    Channel.CHAT: (1, 1000),
    # WB's limits of a claim comment (`rejectcustom`, `approvecc1`).
    Channel.RETURN: (10, 1000),
}
