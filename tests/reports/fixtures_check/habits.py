"""Publishing habits combined at random on a correct report: separators, page furniture inside table 三,
full-width digits, CRLF and trailing spaces, blank lines, indents, and (through torn.py) labels torn from
their numbers. A seed gives one combination, so a failure can be replayed."""

from __future__ import annotations

import random
import re

from .build import text_report
from .torn import balanced_figures, torn_report

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
PAGE_BREAKS = ["— 3 —", "- 2 -", "第 2 页 共 5 页", "2/5", "叶城县宗朗乡2024年政府信息公开工作年度报告", "3",
               "宗朗乡2024年政府信息公开年度报告"]
OVERVIEW = "2024年，我乡认真贯彻政府信息公开条例，按期答复全部申请。"


def dressed(text: str, rng: random.Random, breaks: int = 1) -> tuple[str, list[str]]:
    """The text with habits chosen by `rng`, and their names."""
    habits = []
    sep = rng.choice(["\t", "  ", " ", "   ", " | ", "\u3000"])
    habits.append(f"sep={sep!r}")
    text = text.replace("\t", sep)
    if sep.strip() == "|":
        text = "\n".join(f"| {line} |" if "|" in line else line for line in text.split("\n"))
    lines = text.split("\n")
    for _ in range(breaks):
        if rng.random() < 0.4:
            start = next(k for k, line in enumerate(lines) if line.startswith("三、收到"))
            at = rng.randint(start + 4, start + 28)
            furniture = rng.choice(PAGE_BREAKS)
            habits.append(f"page break {furniture!r} at +{at - start}")
            lines.insert(at, furniture)
    if rng.random() < 0.3:
        habits.append("full-width digits")
        lines = [line.translate(FULL_WIDTH) if re.search(r"\d", line) and "年" not in line else line for line in lines]
    if rng.random() < 0.3:
        habits.append("trailing spaces")
        lines = [line + "  " for line in lines]
    if rng.random() < 0.3:
        habits.append("blank lines")
        lines = [piece for line in lines for piece in ([line, ""] if rng.random() < 0.3 else [line])]
    if rng.random() < 0.3:
        habits.append("indents")
        lines = ["\u3000\u3000" + line if rng.random() < 0.5 else line for line in lines]
    text = "\n".join(lines)
    if "trailing spaces" in habits:
        text = text.replace("\n", "\r\n")
    return text, habits


def random_report(seed: int, breaks: int = 1) -> tuple[str, dict[str, list[int]], list[str]]:
    """A report of balanced figures in one random combination of habits: (text, figures, habits)."""
    rng = random.Random(1000 + seed)
    rows = balanced_figures(seed)
    habit = rng.choice(["none", "block", "wrap", "three"])
    if habit == "none":
        base = text_report(rows=rows, overview=OVERVIEW)
    else:
        base = torn_report(habit=habit, block=rng.choice([2, 3, 25]), per_line=rng.random() < 0.5,
                           numbers_at=rng.choice([1, 2]), rows=rows, overview=OVERVIEW)
    text, habits = dressed(base, rng, breaks)
    return text, rows, [habit, *habits]


def cut_report(seed: int) -> tuple[str, dict[str, list[int]], list[str]]:
    """A random report (as random_report) cut short anywhere from heading 三 on, as a page's crawl is: inside
    a figure, a label, a block of labels printed before their numbers, table 四."""
    text, rows, habits = random_report(seed)
    start = text.index("三、收到")
    cut = random.Random(seed).randint(start, len(text))
    return text[:cut], rows, [*habits, f"cut at +{cut - start}"]
