"""Text normalisation for published reports: one character in, one character out.

Full-width ASCII (digits, letters, （）：，) becomes ASCII and the ideographic space a space, so that
regular expressions see one alphabet; Traditional characters become Simplified (opencc) when the
text has any. Character positions in the normalised text match the Simplified text, so sections can
be cut from the readable text with positions found in the normalised one.
"""

from __future__ import annotations

import re
from functools import lru_cache

FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
FULL_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20, 0xFEFF: 0x20})
FULL_WIDTH.update(
    {ord("．"): ord("."), ord("﹒"): ord("."), ord("－"): ord("-"), ord("—"): ord("-"), ord("–"): ord("-")}
)

# Characters that occur in Traditional text of these reports and never in Simplified text.
TRADITIONAL_MARKERS = frozenset(
    "報開資條項數為關請訊處總計證規範體機應務門戶發會們這與個過時來對動據辦廳當實際據統衛復訴訟結轉權"
    "內護經營銷費額權屬議審導區鄉鎮縣廣東義齊禮標準圖書館職網頁電話檔說讀"
)

_CJK = r"\u4e00-\u9fff"


@lru_cache(maxsize=1)
def _converter():
    import opencc  # opencc-python-reimplemented

    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    return sum(1 for ch in text[:4000] if ch in TRADITIONAL_MARKERS) >= 3


def to_simplified(text: str) -> str:
    """Traditional → Simplified, character by character so that positions keep their meaning."""
    if not is_traditional(text):
        return text
    convert = _converter().convert
    # Converting line by line keeps the length of each line (the few phrase rules that change
    # length are rare in reports; a line that changes length is kept as converted anyway).
    return "\n".join(convert(line) for line in text.split("\n"))


def to_ascii(text: str) -> str:
    """Full-width punctuation and digits → ASCII, the same length."""
    return text.translate(FULL_WIDTH)


def clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return to_simplified(text)


INSTRUCTION = re.compile(rf"\([^()]*[{_CJK}][^()]*[{_CJK}][^()]*\)")
QUOTES = re.compile(r"[“”\"'‘’「」『』]")
NUMBERING = re.compile(r"^\s*(?:\([一二三四五六七八九十]\)|[一二三四五六七八九十]、|\d{1,2}\s*[.、])\s*")


def label_key(label: str) -> str:
    """The part of a row label that identifies it: no numbering, no filling instructions, no spaces."""
    text = INSTRUCTION.sub("", label)
    previous = None
    while previous != text:
        previous, text = text, NUMBERING.sub("", text)
    text = QUOTES.sub("", text)
    return re.sub(r"[\s,，、:：;；.。()*]", "", text)
