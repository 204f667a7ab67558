"""Text normalisation for published reports: one character in, one character out.

Full-width ASCII (digits, letters, （）：，) becomes ASCII and the ideographic space a space, so that
regular expressions see one alphabet; Traditional characters become Simplified (opencc) when the
text has any. Character positions in the normalised text match the Simplified text, so sections can
be cut from the readable text with positions found in the normalised one.
"""

from __future__ import annotations

import re
from collections import Counter
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


# A pinyin reading some sites' converters put after a character: “規(guī)章”, “件數(shù)” (a tone mark in it).
RUBY = re.compile(rf"(?<=[{_CJK}])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = RUBY.sub("", text)
    text = page_edge_numbers(text)
    text = to_simplified(text)
    text = chinese_dates(text)
    # the blank lines and spaces a text ends in say nothing — where a page is cut inside a table saved as
    # paragraphs (a blank line for each empty cell), they are where the cut fell, not empty cells
    return drop_page_furniture(text).rstrip() + "\n"


# --- years and dates written in Chinese numerals: 二〇二三年 / 二○二四年一月二十日 -------------------

CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "O": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_YEAR = re.compile(r"二[〇○零OＯ][〇○零OＯ一二三四五六七八九]{2}(?=\s*年)")
CN_MONTH_DAY = re.compile(
    r"(?<=20\d{2}年)(\s*)([一二三四五六七八九十]{1,3})(\s*月)(?:(\s*)([一二三四五六七八九十]{1,3})(\s*日))?"
)


def cn_number(text: str) -> int:
    """一 … 三十一 (months and days): 十 = 10, 二十一 = 21."""
    if "十" not in text:
        return CN_DIGITS[text[0]] if len(text) == 1 else int("".join(str(CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def chinese_dates(text: str) -> str:
    if not CN_YEAR.search(text):
        return text
    text = CN_YEAR.sub(lambda m: "".join(str(CN_DIGITS[c]) for c in m.group(0)), text)

    def month_day(match: re.Match) -> str:
        month = cn_number(match.group(2))
        if month > 12:
            return match.group(0)
        out = f"{match.group(1)}{month}{match.group(3)}"
        if match.group(5):
            out += f"{match.group(4)}{cn_number(match.group(5))}{match.group(6)}"
        return out

    return CN_MONTH_DAY.sub(month_day, text)


# --- PDF page furniture: page numbers and running headers that interrupt a table ----------------------

PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－－]\s*\d{1,3}\s*[-—–－－]"
    r"|第\s*\d{1,3}\s*页\s*[,，/／、]?\s*(?:共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*[,，/／、]?\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3}"
    r"|page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)\s*$",
    re.I,
)
RUNNING_HEADER = re.compile(r"(?:年度报告|政府信息公开工作报告|政府信息公开年度报告)\s*$")


BARE_NUMBER = re.compile(r"\s*(\d{1,3})\s*")


def page_edge_numbers(text: str) -> str:
    """Pages separated by form feeds (pdftotext, and the PDF reader here): a bare number that is the first or
    last line of its page is its page number when the page numbers it gives run with the pages (the same
    offset on at least two pages). A table's last cell at a page's end is not taken for one by chance."""
    if "\f" not in text:
        return text
    pages = [page.split("\n") for page in text.split("\f")]
    found = []  # (offset from the page's index, page, line)
    for k, lines in enumerate(pages):
        filled = [i for i, line in enumerate(lines) if line.strip()]
        for i in sorted({filled[0], filled[-1]}) if filled else ():
            match = BARE_NUMBER.fullmatch(lines[i])
            if match:
                found.append((int(match.group(1)) - k, k, i))
    offsets = Counter(offset for offset, _, _ in found)
    if offsets:
        offset, count = offsets.most_common(1)[0]
        if count >= 2:
            for at, k, i in found:
                if at == offset:
                    pages[k][i] = ""
    return "\n".join("\n".join(lines) for lines in pages)


def drop_page_furniture(text: str) -> str:
    """Page numbers (“- 3 -”, “第 3 页 共 5 页”) and a title repeated at the top of each page become blank lines.

    The running title is the title again, or a shorter form of it (“宗朗乡2024年政府信息公开年度报告”): a
    title-like line is dropped when it repeats one seen before, or when a title with a year (or section 一)
    came before it."""
    lines = text.split("\n")
    seen: set[str] = set()
    titled = begun = False
    changed = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if re.match(r"一\s*[、.．]", stripped):
            titled = begun = True  # the first section begins: whatever the title said, it is behind
        if PAGE_NUMBER.match(stripped):
            lines[i], changed = "", True
        elif len(stripped) >= 8 and "|" not in stripped and "\t" not in stripped and RUNNING_HEADER.search(stripped):
            key = re.sub(r"\s+", "", stripped)
            dated = bool(re.search(r"(?:20\d{2}|[〇一二][〇零一二三四五六七八九]{3})年", key))
            # before section 一, a fuller title after a site's short one is the report's own (kept for its name)
            fuller = not begun and all(len(key) > len(other) for other in seen)
            if key in seen or (titled and dated and not fuller):
                lines[i], changed = "", True
            seen.add(key)
            titled = titled or dated
    return "\n".join(lines) if changed else text


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
