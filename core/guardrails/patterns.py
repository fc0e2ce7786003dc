"""Shape rules on the normalised text: phone numbers, links and bare IPs, e-mails, @handles; secrets and ALL CAPS on
the original text.

Written against an adversary, not a dictionary (issue 28):
- a phone is a run of ≥ 10 digits in a phone-like shape, whatever separates them (slashes, underscores, dashes,
  dots, runs of spaces), with look-alike letters in digit context (O→0, I/l→1, З→3, б→6) and numbers in words
  («восемь девятьсот шестнадцать…», "eight nine one…") counted as digits; runs that are prices, article numbers,
  dates or size lists are not phones;
- a link is a domain by shape: any label before a known zone (gTLDs, Cyrillic zones such as `.рф`/`.онлайн`, or
  any two-letter country zone when the dot is a real dot), the dot also written as "точка", "dot", "[.]",
  "(dot)", spaced out; punycode (`xn--`), bare IPv4 addresses, `http(s)://` and `www.`;
- an e-mail is local part, at sign (also "(at)", "[at]", " at ", «собака»), host and zone (or a known mail host);
- a secret is a JWT (a WB API token: three base64url parts) or any long token-like string, a Telegram bot token.

Each pattern has a cheap pre-check so the common clean reply pays for a plain substring or prefix search only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# ---- numbers in words -----------------------------------------------------------------------------------------
# word -> (value, order): order 3 hundreds, 2 tens, 1 units and teens; "hundred" multiplies (order -1).
_RU_NUMBERS = {
    **dict.fromkeys(("ноль", "нуль"), (0, 1)),
    **dict.fromkeys(("один", "одна", "одну"), (1, 1)),
    **dict.fromkeys(("два", "две"), (2, 1)),
    "три": (3, 1),
    "четыре": (4, 1),
    "пять": (5, 1),
    "шесть": (6, 1),
    "семь": (7, 1),
    "восемь": (8, 1),
    "девять": (9, 1),
    "десять": (10, 1),
    "одиннадцать": (11, 1),
    "двенадцать": (12, 1),
    "тринадцать": (13, 1),
    "четырнадцать": (14, 1),
    "пятнадцать": (15, 1),
    "шестнадцать": (16, 1),
    "семнадцать": (17, 1),
    "восемнадцать": (18, 1),
    "девятнадцать": (19, 1),
    "двадцать": (20, 2),
    "тридцать": (30, 2),
    "сорок": (40, 2),
    "пятьдесят": (50, 2),
    "шестьдесят": (60, 2),
    "семьдесят": (70, 2),
    "восемьдесят": (80, 2),
    "девяносто": (90, 2),
    "сто": (100, 3),
    "двести": (200, 3),
    "триста": (300, 3),
    "четыреста": (400, 3),
    "пятьсот": (500, 3),
    "шестьсот": (600, 3),
    "семьсот": (700, 3),
    "восемьсот": (800, 3),
    "девятьсот": (900, 3),
}
_EN_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
_EN_UNITS += " seventeen eighteen nineteen"
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_EN_NUMBERS = {word: (value, 1) for value, word in enumerate(_EN_UNITS.split())}
_EN_NUMBERS.update({word: (value, 2) for value, word in zip(range(20, 100, 10), _EN_TENS.split(), strict=True)})
_EN_NUMBERS["hundred"] = (100, -1)
NUMBER_WORDS: dict[str, tuple[int, int]] = {**_RU_NUMBERS, **_EN_NUMBERS}
# Longest first, so "семьдесят" is not read as "семь".
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

# ---- phones ---------------------------------------------------------------------------------------------------
# Look-alike letters read as digits inside a digit run (after lower-casing; Cyrillic о, з, б, Ukrainian і).
_LOOKALIKE_DIGITS = str.maketrans(
    {"o": "0", "о": "0", "i": "1", "l": "1", "і": "1", "ı": "1", "з": "3", "б": "6", "s": "5", "ѕ": "5"}
)
_LOOK = "oоilіıзбsѕ"
_SEP = r"(?:[^\w\n₽$€£¥%°№#&]|_){1,6}"
# A unit of a run: digits (with look-alikes), look-alikes before a digit, a few look-alikes alone between units
# ("9O5 OOO 12"), or (in a text that says numbers in words) a number word.
_DIGIT_UNIT = (
    rf"(?:[0-9][0-9{_LOOK}]*|[{_LOOK}]{{1,3}}[0-9][0-9{_LOOK}]*|[{_LOOK}]{{1,3}}(?=[^\w\n]{{1,6}}[0-9{_LOOK}]))"
)
_UNIT = rf"(?:{_DIGIT_UNIT}|(?:{_NUMBER_WORD}))"
_EDGE_BEFORE = r"(?<![^\W_])"
_EDGE_AFTER = r"(?![^\W_])"
_RUN_UNITS = rf"{_EDGE_BEFORE}{_UNIT}{_EDGE_AFTER}(?:{_SEP}{_EDGE_BEFORE}{_UNIT}{_EDGE_AFTER})*"
# A run that starts with a digit (the scan jumps between digits), and one that may start with a number word.
# A digit may follow look-alike letters of its own token ("з7", "б9"): the run is widened back over them.
_RUN_DIGIT = re.compile(
    rf"[0-9](?<![^\W\d_{_LOOK}][0-9])(?<![0-9][0-9])(?:[0-9{_LOOK}]*{_EDGE_AFTER})"
    rf"(?:{_SEP}{_EDGE_BEFORE}{_DIGIT_UNIT}{_EDGE_AFTER})*"
)
_RUN_WORDS = re.compile(_RUN_UNITS)
_TOKEN = re.compile(rf"[0-9{_LOOK}]+|{_NUMBER_WORD}")
_LOCAL_NUMBER = re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{2}")  # 123-45-67, a run of its own
_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})[./]([0-9]{1,2})[./](?:[0-9]{4}|[0-9]{2})(?![0-9]|[./][0-9])")
_PHONE_DIGITS = (10, 13)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f,][0-9]{3})+")
# A run shorter than this holds neither a phone (10 digits, or 123-45-67) nor an IP (1.1.1.1 is 7).
_RUN_MIN_CHARS = 7


def _groups(run: str) -> list[str]:
    """The digit groups of a run: each digit token, and each number said in words, as its digits."""
    groups: list[str] = []
    value, order = None, 9
    for token in _TOKEN.findall(run):
        word = NUMBER_WORDS.get(token)
        if word is None:
            if value is not None:
                groups.append(str(value))
                value, order = None, 9
            groups.append(token.translate(_LOOKALIKE_DIGITS))
            continue
        amount, rank = word
        if amount == 0:  # "ноль" is a digit of its own: "восемьдесят ноль" is 80 0, not 80
            if value is not None:
                groups.append(str(value))
            groups.append("0")
            value, order = None, 9
        elif rank == -1:  # "hundred" multiplies the unit before it
            value, order = (value or 1) * 100, 3
        elif value is not None and rank < order and not (order == 2 and rank == 1 and amount >= 10):
            value, order = value + amount, rank
        else:
            if value is not None:
                groups.append(str(value))
            value, order = amount, rank
    if value is not None:
        groups.append(str(value))
    return groups


def _phone_like(run: str, plus: bool) -> bool:
    groups = _groups(run)
    digits = "".join(groups)
    if not _PHONE_DIGITS[0] <= len(digits) <= _PHONE_DIGITS[1]:
        return False
    if len(groups) == 1 or max(map(len, groups)) > 4:
        # One long number (or a long group in it): a phone only in a phone's own shape, not an article or order.
        return bool(re.fullmatch(r"[78][0-9]{10}|9[0-9]{9}", digits)) or (plus and len(groups) > 1)
    if not plus and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]) and _THOUSANDS.fullmatch(run):
        return False  # one number with thousands apart: 1 000 000 000
    if len(set(map(len, groups))) == 1 and len(groups) > 2:
        values = [int(g) for g in groups]
        if values == sorted(values) and len(groups[0]) >= 2:
            return False  # a list of sizes or years: 42-44-46-48-50, 2019-2020-2021
    # Dates or a date range (12.03.2025-15.03.2025) are not phones.
    return not any(1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12 for m in _DATE.finditer(run))


def _digit_runs(text: str, spelled: bool) -> Iterator[re.Match[str]]:
    # Runs that start with a digit (the scan jumps between digits); with numbers said in words, runs of words too.
    return (_RUN_WORDS if spelled else _RUN_DIGIT).finditer(text)


def _phone_span(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    start, end = match.span()
    while start and text[start - 1] in _LOOK:
        start -= 1
    if start != match.start() and start and text[start - 1].isalpha():
        start = match.start()  # the letters belong to a word ("iPhone 15"), not to the number
    run = text[start:end]
    if _LOCAL_NUMBER.fullmatch(run):
        return start, end
    plus = text[max(0, start - 3) : start].strip().endswith("+")
    if not _phone_like(run, plus):
        return None
    return (start - 1 if text[start - 1 : start] == "+" else start), end


# ---- links, IPs, e-mails --------------------------------------------------------------------------------------
_GTLDS = (
    "com net org info biz pro io me co ly cc tv shop store online site app link top xyz club fun space website tech "
    "live blog cloud digital email market click group agency studio host expert guru sale plus moscow tatar one "
    "art best news world life page today center company design media games fashion clothing shoes kids style "
    "ru su by kz ua uz am ge az kg tj md de uk us eu fr it es pl cz cn jp tr ae"
)
_CYRILLIC_TLDS = "рф рус онлайн сайт москва орг ком дети бел укр срб"
_TLD_LIST = "|".join(sorted({*_GTLDS.split(), *_CYRILLIC_TLDS.split()}, key=len, reverse=True))
# Zones said in words, only after a dot said in words ("точка ру", "dot com").
_SPOKEN_TLD = "ру|ком|нет|орг|рф|онлайн|ru|com|net|org|online"
# One way only to match a label (possessive, then "ends in a letter or digit"): an optional group here would let
# "a . a . a …" be split in 2^n ways.
_LABEL = r"[a-z0-9а-я][a-z0-9а-я'_-]*+(?<=[a-z0-9а-я])"
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789абвгдежзийклмнопрстуфхцчшщъыьэюя'_-.")
_WORD_DOT = r"(?:dot|точка|тчк)"
# Labels before the zone in a disguised domain: a bound keeps "a . a . a …" (5 000 characters) linear.
_MAX_LABELS = 6
_DOT = r"\."
# A dot in disguise: "[.]", "(.)", "{.}", "[dot]", "(точка)", " dot ", " точка ", " . ".
_DOT_LOOSE = rf"(?:\s*[\[({{]\s*(?:\.|{_WORD_DOT})\s*[\])}}]\s*|\s+{_WORD_DOT}\s+|\s+\.\s+)"
# Alternatives that each start with a literal: the engine skips to their first characters.

# The disguised forms are searched only in a window around a hint: a full scan costs as much as all other rules.
_WINDOW = 64
_PATH = re.compile(r"[/:][^\s<>\"']*")
_END = r"(?![\w-])"
_SCHEME = re.compile(r"(?:https?://|www\.)[^\s<>\"']+|xn--[a-z0-9-]+(?:\.[a-z0-9-]+)*")
# A real dot right before a zone: the scan jumps from dot to dot; the labels before it are read backwards.
_TIGHT = re.compile(rf"\.(?=[a-zа-я])(?:({_TLD_LIST})|[a-z]{{2,24}}){_END}")  # a sentence's end fails at once
# Names after a dot that are file types, not zones ("фото.jpg", "инструкция.pdf").
_FILE_TYPES = frozenset(
    [
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "heic",
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "txt",
        "csv",
        "mp4",
        "mov",
        "avi",
        "zip",
        "rar",
        "svg",
    ]
)
_LOOSE = re.compile(
    rf"(?<![\w.@'-]){_LABEL}(?:(?:{_DOT}|{_DOT_LOOSE}){_LABEL}){{0,{_MAX_LABELS}}}?"
    rf"(?:{_DOT_LOOSE}(?:{_TLD_LIST})|\s*[\[({{]?\s*{_WORD_DOT}\s*[\])}}]?\s*(?:{_SPOKEN_TLD})){_END}"
)
_IP_DOT = rf"(?:\.|\s\.\s|\[\.\]|\(\.\)|\s?\[?{_WORD_DOT}\]?\s?)"
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IP = re.compile(rf"(?<![\w.]){_OCTET}(?:{_IP_DOT}{_OCTET}){{3}}(?![\w]|\.[0-9])")
_AT = r"(?:\s*(?:@|[\[({]\s*(?:at|собака|собачка)\s*[\])}])\s*|\s+(?:at|собака|собачка)\s+)"

_MAIL_HOSTS = "gmail|mail|yandex|яндекс|inbox|bk|list|rambler|outlook|hotmail|icloud|proton|protonmail|ya"
# An e-mail is read outwards from its at sign (found by `contacts`' hints): the local part backwards, then the at
# sign in any disguise and the host forwards. A scan of the whole text for the same shape costs ten times more.
_AT_TOKEN = re.compile(r"\s*[\[({]?\s*(?:@|at|собака|собачка)\s*[\])}]?\s*")
_EMAIL_HOST = re.compile(
    rf"{_LABEL}(?:(?:{_DOT}|{_DOT_LOOSE}){_LABEL}){{0,{_MAX_LABELS}}}(?:{_DOT}|{_DOT_LOOSE})[a-zа-я]{{2,10}}{_END}"
    rf"|(?:{_MAIL_HOSTS}){_END}"
)
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._+-абвгдежзийклмнопрстуфхцчшщъыьэюя")


def _emails(text: str, spots: list[int]) -> Iterator[tuple[int, int]]:
    """Spans of e-mails whose at sign (or "at", «собака») starts at one of `spots`."""
    for spot in spots:
        end = spot
        while end and text[end - 1] in " \\t[({":
            end -= 1
        start = end
        while start and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        if start == end:
            continue
        at = _AT_TOKEN.match(text, end)
        host = at and _EMAIL_HOST.match(text, at.end())
        if host:
            yield start, host.end()


_HANDLE = re.compile(r"(?<![\w@])@[a-z0-9_]{3,32}(?![\w@])")


def _with_path(text: str, end: int) -> int:
    path = _PATH.match(text, end)
    return path.end() if path else end


# Link hosts with a one-letter name (a one-letter label is otherwise an abbreviation: "т.е.", "г.Москва").
_ONE_LETTER_HOSTS = frozenset({"t.me", "t.co", "g.co", "x.com", "g.page", "m.vk.com", "m.ok.ru"})


def _tight_domains(text: str, original: str | None) -> Iterator[tuple[int, int]]:
    for match in _TIGHT.finditer(text):
        start = match.start()
        while start and text[start - 1] in _DOMAIN_CHARS:
            start -= 1
        while start < match.start() and text[start] in ".'_-":
            start += 1
        labels = text[start : match.start()]
        first = labels.split(".", 1)[0]
        short = len(first) < 2 and text[start : match.end()] not in _ONE_LETTER_HOSTS
        if short or not any(c.isalpha() for c in labels):
            continue  # "т.е.", "г.Москва", "10.5kg"
        if match.group(1) is None and (
            not labels.isascii()
            or match.group()[1:] in _FILE_TYPES
            or (original is not None and original[match.start() + 1].isupper())
        ):
            # Another zone only after a Latin name and in lower case: "shop.rocks", not "спасибо.ок", "photo.jpg",
            # or a sentence run on without a space ("Thanks.Have a nice day").
            continue
        yield start, _with_path(text, match.end())


# Words that announce a rarer shape: the phrase matcher (`core.guardrails.check`) finds them in its one pass over
# the text and hands their positions to `contacts`, so no extra scan is spent on the common clean reply.
HINT_WORDS: dict[str, str] = {
    **dict.fromkeys(("dot", "точка", "тчк"), "loose"),
    **dict.fromkeys(("at", "собака", "собачка"), "at"),
    **dict.fromkeys(("http*", "www", "xn"), "scheme"),
}
# A dot in brackets or between spaces ("[.]", "(.)", " . "): the scan jumps from dot to dot.
_ODD_DOT = re.compile(r"\.(?<=[\[({ ]\.)")


_HINT_SCAN = re.compile(r"(?<![\w])(" + "|".join(w.rstrip("*") for w in HINT_WORDS) + ")")


def _hint_words(text: str) -> dict[str, list[int]]:
    kinds = {word.rstrip("*"): kind for word, kind in HINT_WORDS.items()}
    hints: dict[str, list[int]] = {}
    for match in _HINT_SCAN.finditer(text):
        hints.setdefault(kinds[match.group(1)], []).append(match.start())
    return hints


def _around(pattern: re.Pattern[str], text: str, hints: list[int]) -> Iterator[tuple[int, int]]:
    """Spans of `pattern` within `_WINDOW` characters of the hint positions (the rare disguised forms are not
    worth a scan of the whole text). Overlapping windows are merged, so each character is scanned once."""
    windows: list[list[int]] = []
    for at in sorted(hints):
        if windows and at - _WINDOW <= windows[-1][1]:
            windows[-1][1] = at + _WINDOW
        else:
            windows.append([max(0, at - _WINDOW), at + _WINDOW])
    for start, end in windows:
        for match in pattern.finditer(text, start, end):
            yield match.start(), _with_path(text, match.end())


def contacts(
    text: str, *, spelled: bool = False, hints: dict[str, list[int]] | None = None, original: str | None = None
) -> Iterator[tuple[str, int, int]]:
    """(rule id, start, end) of every e-mail, link, IP, phone and @handle in normalised `text`, without overlaps.

    `spelled`: the text says several numbers in words (the phone scan then reads words too); `hints`: positions of
    the `HINT_WORDS` by kind, as the phrase matcher found them (None: find them here, for callers without one);
    `original`: the text before normalisation when its characters line up with `text` (case tells a zone from the
    next sentence's first word).
    """
    hints = _hint_words(text) if hints is None else hints
    if "@" in text:
        hints = {**hints, "at": sorted([*hints.get("at", ()), *(m.start() for m in re.finditer("@", text))])}
    odd_dots = [m.start() for m in _ODD_DOT.finditer(text)]
    if odd_dots:
        hints = {**hints, "loose": sorted([*hints.get("loose", ()), *odd_dots])}
    found: list[tuple[str, int, int]] = []
    if hints.get("at"):
        found += [("contact.email", *span) for span in _emails(text, hints["at"])]
    if hints.get("scheme"):
        found += [("contact.url", *m.span()) for m in _SCHEME.finditer(text)]
    found += [("contact.url", *span) for span in _tight_domains(text, original)]
    if hints.get("loose"):
        found += [("contact.url", *span) for span in _around(_LOOSE, text, hints["loose"])]
        found += [("contact.url", *span) for span in _around(_IP, text, hints["loose"])]
    for run in _digit_runs(text, spelled):
        if run.end() - run.start() < _RUN_MIN_CHARS:
            continue
        ip = _IP.match(run.group())
        if ip and (ip.end() == len(run.group()) or run.group()[ip.end()] == ":"):  # an address, maybe with a port
            found.append(("contact.url", run.start(), _with_path(text, run.start() + ip.end())))
        elif span := _phone_span(text, run):
            found.append(("contact.phone", *span))
    if "@" in text:
        found += [("contact.handle", *m.span()) for m in _HANDLE.finditer(text)]
    if not found:
        return
    # Earlier kinds win an overlap: the domain of an e-mail is not a separate link.
    taken: list[tuple[int, int]] = []
    for rule_id, start, end in found:
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            yield rule_id, start, end


# ---- secrets --------------------------------------------------------------------------------------------------
_B64 = "A-Za-z0-9_-"
_SECRET = re.compile(
    rf"eyJ[{_B64}]{{8,}}\s?\.\s?[{_B64}]{{8,}}\s?\.\s?[{_B64}]{{8,}}"  # a JWT: WB API tokens
    r"|(?<![0-9])[0-9]{8,10}:[A-Za-z0-9_-]{35}"  # a Telegram bot token
    rf"|(?<![{_B64}])(?=[{_B64}]*[0-9])(?=[{_B64}]*[A-Z])(?=[{_B64}]*[a-z])[{_B64}]{{40,}}(?![{_B64}])"
)
_SECRET_MIN = 40
# A long token (other than a JWT) has a digit with 16 token characters on one side of it: a scan that jumps from
# digit to digit finds it (a random 40-character token lacks a digit once in 5 000; such a one is not caught).
_TOKEN_DIGIT = re.compile(rf"[0-9](?:(?<=[{_B64}]{{16}}[0-9])|(?=[{_B64}]{{16}}))")
REDACTED = "…[redacted]"


def secrets(text: str) -> Iterator[tuple[int, int]]:
    """Spans of API tokens and other long secrets in the original `text` (case matters for base64)."""
    # Every secret is one "word" of 40+ characters, or a JWT (which starts with "eyJ" even when spaced out).
    if len(text) < _SECRET_MIN or ("eyJ" not in text and _TOKEN_DIGIT.search(text) is None):
        return
    for match in _SECRET.finditer(text):
        yield match.span()


def redact(text: str) -> str:
    """`text` with every secret kept to its first 3 characters: `eyJ…[redacted]`."""
    spans = list(secrets(text))
    for start, end in reversed(spans):
        text = text[:start] + text[start : start + 3] + REDACTED + text[end:]
    return text


# ---- shouting -------------------------------------------------------------------------------------------------
# Two plain classes, not `{2}`: a leading class lets the engine scan fast, a repeat does not.
_CAPS_HINT = re.compile("[A-ZА-ЯЁ][A-ZА-ЯЁ]")
_CAPS = re.compile(r"\b[A-ZА-ЯЁ]{2,}(?:[^\w\n]+[A-ZА-ЯЁ]{2,})*\b")
# Letters in a run of capitals before it counts as shouting: abbreviations such as "ООО", "WB" stay quiet.
CAPS_MIN_LETTERS = 10


def shouting(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ALL CAPS runs with at least `CAPS_MIN_LETTERS` letters in the original `text`."""
    if not _CAPS_HINT.search(text):
        return
    for match in _CAPS.finditer(text):
        if sum(char.isalpha() for char in match.group()) >= CAPS_MIN_LETTERS:
            yield match.start(), match.end()
