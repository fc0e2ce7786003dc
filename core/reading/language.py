"""The reply language: "en" when the buyer writes English, else "ru" (WB's own language).

Kazakh, Uzbek, Kyrgyz and Tajik buyers are answered in Russian whatever the alphabet: Cyrillic text is Russian for
the reply; Latin text is English only when English words outweigh Central-Asian (and transliterated Russian) ones.
Too little Latin text to tell ("ok", a size "M", a brand) stays Russian.
"""

from __future__ import annotations

import re

from core.guardrails.normalize import normalize
from core.reading.text import vocabulary

DEFAULT = "ru"
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіўҳҷӣ]")
_LATIN_WORD = re.compile(r"[a-zʻʼ'ʻ`’ğşçıöüəñ]+")
# Letters and spellings English does not use: Uzbek o'/g' and Turkic letters.
_TURKIC_LETTERS = re.compile(r"[ğşçıəñ]|[og][ʻʼ'`’][a-z]|(?<=[a-z])[ʻʼ'`’][aeiou]")
_ENGLISH = vocabulary(
    "the a an and or but is are was were be been it its this that these those i my me we our you your he she they "
    "them of to in on at for with from by as not no don't doesn't didn't isn't wasn't can can't could would should "
    "will have has had do does did very too so just only also all any some what which who how when where why "
    "good great nice bad poor perfect excellent love like recommend thanks thank please hello hi dear size small "
    "large big fits fit quality item product order ordered delivery arrived fast slow broken return refund money "
    "colour color photo price cheap expensive works work working well after before one two day days week weeks "
    "waste awful terrible smell looks look still bought buy got received package box wear wearing want would"
)
# Central-Asian and transliterated Russian words WB buyers write in Latin letters.
_NOT_ENGLISH = vocabulary(
    "yaxshi yahshi rahmat raxmat rakhmet rakhmat zor juda judayam emas kerak uchun lekin bilan qildim men sizga bor "
    "yoq yo'q razmer razmeri razmerdan tovar tovari dostavka qachon qancha narx narxi nima qanday ham biroz uzun "
    "kichkina katta keldi kelmadi keladi ayolimga yoqdi sifat sifati sotuvchi sotuvchiga olib oldim zakaz "
    "jaqsy jaksy rahmet kerek bolady emes sapasy tauar ochen khorosho horosho spasibo privet zdravstvuyte "
    "zdravstvuite kachestvo prishlo prishel normalno normal'no ne net da tozhe kogda gde pochemu skolko "
    "mne nado hochu vernut vozvrat obmen tovar zakazala zakazal bolshoy malenkiy plohoy plokho "
    "assalomu alaykum salom qanaqa nechta bormi boladimi kak eto etot tak vse vsyo"
)
_MIN_LATIN_LETTERS = 4


def reply_language(text: str) -> str:
    """`en` when the buyer writes English, else `ru` (see the module docstring)."""
    if not text:
        return DEFAULT
    norm = normalize(text).text
    cyrillic = len(_CYRILLIC.findall(norm))
    words = _LATIN_WORD.findall(norm)
    latin = sum(len(w) for w in words)
    if latin < _MIN_LATIN_LETTERS or cyrillic * 2 > latin:
        return DEFAULT
    if _TURKIC_LETTERS.search(norm):
        return DEFAULT
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _NOT_ENGLISH for w in words)
    if english == 0 or other >= english:
        return DEFAULT
    return "en" if latin > 3 * cyrillic else DEFAULT
