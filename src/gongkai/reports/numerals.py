"""Numbers as reports write them: 12 / 1,234 / 十二 / 一百二十三 / 两 / 三千零五 / 1.2万."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
          "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[零〇○一二两三四五六七八九十百千万]+"
NUMBER = rf"\d+(?:,\d{{3}})*(?:\.\d+)?(?:万)?|{CN_NUMBER}"


def chinese_int(text: str) -> int | None:
    """一百二十三 → 123, 两 → 2, 十二 → 12, 三千零五 → 3005, 一二三 → 123; None for what is no number."""
    if not text or any(c not in DIGITS and c not in UNITS and c != "万" for c in text):
        return None
    if not any(c in DIGITS for c in text) and not text.startswith("十"):
        return None  # 万 or 百 alone is a word, not a number
    if not any(c in UNITS or c == "万" for c in text):
        return int("".join(str(DIGITS[c]) for c in text))  # digit by digit: 二〇二四
    total, section, digit = 0, 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            section += (1 if digit is None else digit) * UNITS[char]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """An Arabic or Chinese number as written; None when it is neither."""
    text = text.strip()
    if not text:
        return None
    scale = 1
    if text.endswith("万") and re.match(r"\d", text):
        text, scale = text[:-1], 10000
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", text):
        return float(text.replace(",", "")) * scale
    value = chinese_int(text)
    return None if value is None else float(value)
