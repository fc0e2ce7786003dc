"""Telegram's HTML parse mode and storing rules, rule by rule (tdlib's parse_html and fix_formatted_text)."""

from __future__ import annotations

import pytest

from sandbox.telegram.formatted import TextRefused, normalise
from sandbox.telegram.html_parser import EntityParseError, checked_link, parse_html


def bold(offset: int, length: int) -> dict[str, object]:
    return {"type": "bold", "offset": offset, "length": length}


ACCEPTED = {
    # Tag names are case-insensitive, in start and end tags alike.
    "upper-case tag": ("<B>x</B>", "x", [bold(0, 1)]),
    "mixed-case tag": ("<StRoNg>x</strong>", "x", [bold(0, 1)]),
    # `</>` closes the innermost open tag.
    "empty end tag": ("<b><i>x</></>", "x", [bold(0, 1), {"type": "italic", "offset": 0, "length": 1}]),
    # A bare `&` is text; only four named references are decoded, the rest stay literal.
    "bare ampersand": ("Tom & Jerry", "Tom & Jerry", []),
    "ampersand in a word": ("AT&T", "AT&T", []),
    "four named references": ("&lt;&gt;&amp;&quot;", '<>&"', []),
    "unknown named references": ("&nbsp;&copy;&apos;&LT;", "&nbsp;&copy;&apos;&LT;", []),
    # tdlib takes a known name without its `;` too (the `;` is optional after the letters).
    "known name without semicolon": ("&lt5 &amp", "<5 &", []),
    "numeric references": ("&#65;&#x41;&#x1F600;", "AA😀", []),
    "upper-case X is not hex": ("&#X41;", "&#X41;", []),
    "reference to zero or past U+10FFFE": ("&#0;&#x110000;&#x10FFFF;", "&#0;&#x110000;&#x10FFFF;", []),
    "too many digits": ("&#00000065;", "&#00000065;", []),
    "no digits": ("&#;&#x;", "&#;&#x;", []),
    # Unknown attributes are ignored; attribute names are case-sensitive.
    "unknown attributes": ("<b class=\"x\" data-y='z' hidden>x</b>", "x", [bold(0, 1)]),
    "HREF is not href": ('<a HREF="https://x.io">click here</a>', "click here", []),
    "unquoted name token": (
        "<a href=example.com>x</a>",
        "x",
        [{"type": "text_link", "offset": 0, "length": 1, "url": "http://example.com/"}],
    ),
    "quoted value with references": (
        '<a href="https://x.io/?a=1&amp;b=2">x</a>',
        "x",
        [{"type": "text_link", "offset": 0, "length": 1, "url": "https://x.io/?a=1&b=2"}],
    ),
    "link without href links its text": (
        "<a>https://ya.ru</a>",
        "https://ya.ru",
        [{"type": "text_link", "offset": 0, "length": 13, "url": "https://ya.ru/"}],
    ),
    "a link Telegram cannot use is dropped": ('<a href="javascript:alert(1)">x</a>', "x", []),
    "spoiler span": ('<span class="tg-spoiler">x</span>', "x", [{"type": "spoiler", "offset": 0, "length": 1}]),
    "custom emoji": (
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "👍",
        [{"type": "custom_emoji", "offset": 0, "length": 2, "custom_emoji_id": "5368324170671202286"}],
    ),
    "pre with a language": (
        '<pre><code class="language-python">x</code></pre>',
        "x",
        [{"type": "pre", "offset": 0, "length": 1, "language": "python"}],
    ),
    "code alone loses its language": (
        '<code class="language-py">x</code>',
        "x",
        [{"type": "code", "offset": 0, "length": 1}],
    ),
    "expandable blockquote": (
        "<blockquote expandable>q</blockquote>",
        "q",
        [{"type": "expandable_blockquote", "offset": 0, "length": 1}],
    ),
    "empty entities vanish": ("<b></b>x", "x", []),
    "offsets are UTF-16": ("😀 <i>я</i>", "😀 я", [{"type": "italic", "offset": 3, "length": 1}]),
    "a lone > is text": ("a > b", "a > b", []),
}


@pytest.mark.parametrize(("markup", "text", "entities"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_markup(markup: str, text: str, entities: list[dict[str, object]]) -> None:
    assert parse_html(markup) == (text, entities)


REFUSED = {
    "non-ASCII tag name": ("<тег>x</тег>", 'Unsupported start tag "тег" at byte offset 0'),
    "non-ASCII tag keeps its case": ("<ТЕГ>", 'Unsupported start tag "ТЕГ" at byte offset 0'),
    "byte offset, not characters": ("ёж <q>", 'Unsupported start tag "q" at byte offset 5'),
    "byte offset after an emoji": ("😀<div>", 'Unsupported start tag "div" at byte offset 4'),
    "script": ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
    "self-closing br": ("a<br/>", 'Unsupported start tag "br/" at byte offset 1'),
    "self-closing b": ("<b />", 'Empty attribute name in the tag "b" at byte offset 0'),
    "bare < before a space": ("price < 5", 'Unsupported start tag "" at byte offset 6'),
    "bare < at the end": ("a <", "Unclosed start tag at byte offset 2"),
    "unclosed start tag": ("a<b", "Unclosed start tag at byte offset 1"),
    "lone surrogate, hex": ("&#xD800;", "Text contains invalid Unicode characters after decoding HTML entities"),
    "lone surrogate, decimal": ("x&#56320;", "Text contains invalid Unicode characters after decoding HTML entities"),
    "surrogate pair as two references": ("&#xD83D;&#xDE00;", "Text contains invalid Unicode characters"),
    "unquoted value with a colon": ("<a href=https://x>y</a>", "Unexpected end of name token at byte offset 8"),
    "unquoted value with a slash": ("<a href=x/y>z</a>", "Unexpected end of name token at byte offset 8"),
    "empty attribute name": ('<a ="x">y</a>', 'Empty attribute name in the tag "a" at byte offset 0'),
    "unterminated quote": ('<a href="x>y</a>', "Unclosed start tag at byte offset 0"),
    "nothing after =": ("<a href=", 'Unclosed start tag "a" at byte offset 0'),
    "attribute at the end": ("<b hidden", 'Unclosed start tag "b" at byte offset 0'),
    "unclosed end tag": ("<b>x</b", "Unclosed end tag at byte offset 4"),
    "junk in an end tag": ("<b>x</b y>", "Unclosed end tag at byte offset 4"),
    "end tag without a start": ("x</b>", "Unexpected end tag at byte offset 1"),
    "unmatched end tag": ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    "crossed tags": ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    "unclosed tag at the end": ("<b>open", "Can't find end tag corresponding to start tag b"),
    "span without class": ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    "span with another class": ('<span class="x">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    "emoji id not a number": ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
    "emoji id zero": ('<tg-emoji emoji-id="0">x</tg-emoji>', "Invalid custom emoji identifier specified"),
    "emoji id missing": ("<tg-emoji>x</tg-emoji>", "Invalid custom emoji identifier specified"),
}


@pytest.mark.parametrize(("markup", "error"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_markup(markup: str, error: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_html(markup)
    assert str(caught.value).startswith(error)


STORED = {
    # Leading and trailing spaces and newlines go; U+2028–U+202E and \r are dropped; controls become spaces.
    "trimmed": ("  \n hi \n ", [], "hi", []),
    "bidi overrides dropped": ("a\u202ab\u202bc\u202cd\u202de\u202ef", [], "abcdef", []),
    "line separators dropped": ("a\u2028b\u2029c", [], "abc", []),
    "carriage return dropped, tab a space": ("a\r\nb\tc", [], "a\nb c", []),
    "entity shifts with dropped characters": ("\u202ex\u202ey", [bold(1, 3)], "xy", [bold(0, 2)]),
    "leading space inside an entity stays": ("  x", [bold(1, 2)], " x", [bold(0, 2)]),
    "trailing spaces cut from an entity": ("x  ", [bold(0, 3)], "x", [bold(0, 1)]),
    "adjacent bold merged": ("ab", [bold(0, 1), bold(1, 1)], "ab", [bold(0, 2)]),
    "LRM run": ("\u200e\u200f\u200ex", [], "\u200c\u200c\u200ex", []),
}


@pytest.mark.parametrize(("text", "entities", "stored", "stored_entities"), STORED.values(), ids=STORED.keys())
def test_stored_text(text: str, entities: list, stored: str, stored_entities: list) -> None:
    assert normalise(text, entities, allow_empty=False) == (stored, stored_entities)


@pytest.mark.parametrize(
    "text", [" ", "\n\n", "\u200b", "\u00a0", "\u2800", "\ufeff\u200d", "\u3000 \u2002", "\u202e", "\t\r"]
)
def test_empty_after_trimming_is_refused(text: str) -> None:
    with pytest.raises(TextRefused, match="text must be non-empty"):
        normalise(text, [], allow_empty=False)


def test_checked_link_normalises_and_drops() -> None:
    assert checked_link("HTTPS://Example.COM") == "https://example.com/"
    assert checked_link("example.com?q=1") == "http://example.com/?q=1"
    assert checked_link("tg://resolve?domain=x") == "tg://resolve?domain=x"
    assert checked_link("ftp://x.io") == "" and checked_link("a b") == "" and checked_link("x.io:99999") == ""
