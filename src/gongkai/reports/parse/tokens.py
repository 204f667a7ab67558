"""A table region of a report as a stream of tokens: labels, numbers and blank cells.

Published tables reach us as tab-separated rows, `a | b | c` rows, one cell per line (with or
without `|`), or a whole page on one line. Every layout becomes the same stream; only a cell the
source shows as empty (between two separators) becomes a BLANK token.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from .normalize import INSTRUCTION

_CJK = "\u4e00-\u9fff"
UNSURE = "□"  # written by the OCR reader for a number cell it read with too little confidence
SEPARATOR_LINE = re.compile(r"^[\s|:+=_]*-{3,}[\s|\-:+=_]*$")
DASH_CELL = re.compile(r"^(?:-+|/+|\\|—+|_+|＿+|无|－|空|／|\*)$")  # “_”: 深圳市龙华区 2020
# A number with thousands separators (1,234) or its unit (12件) in a cell of its own.
WHOLE_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(?:件|个|次|项|条|人次|万元)?$")
# Before a numbering mark a new label starts: （三） 三、 2.
LABEL_START = re.compile(
    rf"(\([一二三四五六七八九十]\)|(?<![{_CJK}])[一二三四五六七八九十]、|[一二三四]、(?=本年|上年|结转)"
    rf"|\d[.、](?=\s*[{_CJK}“\"]))"
)
RUNS = re.compile(r"(?P<space>\s*)(?P<number>(?<![\d.])-?\d+(?:\.\d+)?(?![\d.]))|(?P<text>(?:[^\d-]|-(?!\d))+)")


WORD = re.compile(rf"[{_CJK}A-Za-z]")
NO_CHANGE = re.compile(r"未增未减|无增无减|未增减|无增减|不增不减|无变化|没有变化")
# A 2019 table's 本年增/减 cell with its sign and no figure (“增”): no value shown
SIGN_ONLY = re.compile(r"[增减+]|增加|减少")
# “+4”, “增98”, “-3”: a signed figure, which only the 2019 table's 本年增/减 column holds
SIGN_BEFORE = re.compile(r"(?:[+]|增|减|增加|减少)\s*$")
YEAR_IN_WORDS = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?=\s*年)")
YEAR_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
# A converter's own header row above a Markdown table: `| 数据1 | 数据2 |`, `| Column 1 |`, `| 列1 |`.
PLACEHOLDER_CELL = re.compile(r"^(?:数据|列|字段|column|col)\s*\d{1,3}$", re.I)
CUT_PLACEHOLDER = re.compile(r"^(?:数据?|列|字段?|c(?:o(?:l(?:u(?:m(?:n)?)?)?)?)?)\s*\d{0,3}$", re.I)


class Kind(StrEnum):
    LABEL = "label"
    NUM = "num"
    BLANK = "blank"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    line: int
    glued: bool = False  # a number written against its label or another number, no separator
    signed: bool = False  # written with its sign (“+4”, “增98”, “-3”): a 2019 table's 本年增/减
    from_end: int = 0  # in a tab or pipe row: 1 for a token of the row's last cell, 2 for the one before …; 0 unknown
    separated: bool = False  # its line has the table's separator (a tab or “|”): it stands in a cell

    @property
    def is_value(self) -> bool:
        return self.kind is not Kind.LABEL


def split_cells(line: str, mode: str) -> list[str]:
    if mode == "tab":
        return line.split("\t")
    if mode == "pipe" and "|" in line:
        pieces = line.split("|")
        if line.rstrip().endswith("|"):
            pieces = pieces[:-1]
        return pieces
    return [line]


def layout(text: str) -> str:
    lines = text.split("\n")
    if sum("\t" in line for line in lines) >= 2:
        return "tab"
    if sum("|" in line for line in lines) >= 3 or any(line.count("|") >= 2 for line in lines):
        return "pipe"
    return "text"


def cell_tokens(cell: str, line: int) -> list[Token]:
    text = cell.strip()
    if text == UNSURE:
        return [Token(Kind.NUM, UNSURE, line)]  # a value OCR could not read with confidence: a cell, not a guess
    if DASH_CELL.match(text):
        return [Token(Kind.BLANK, text, line)]
    if SIGN_ONLY.fullmatch(text):
        return [Token(Kind.BLANK, text, line)]
    if NO_CHANGE.fullmatch(text):
        return [Token(Kind.NUM, "0", line)]  # a 2019 table's 本年增/减 written out: “未增未减”
    if re.fullmatch(r"(?:19|20)\d{2}\s*年度?", text):
        return [Token(Kind.LABEL, text, line)]  # “2025年” where a page is cut after a table: a sentence's start
    whole = WHOLE_NUMBER.match(text)
    if whole:
        return [Token(Kind.NUM, whole.group(1).replace(",", "") + (whole.group(2) or ""), line)]
    text = INSTRUCTION.sub("", text)
    # “叶城县宗朗乡2024年政府信息公”, a running title a cut page stops in: the year is words, not a cell
    text = YEAR_IN_WORDS.sub(lambda m: m.group(0).translate(YEAR_DIGITS), text)
    tokens: list[Token] = []
    for piece in LABEL_START.sub(lambda m: "\x00" + m.group(1), text).split("\x00"):
        previous_text, signed = False, False
        for run in RUNS.finditer(piece):
            if run.group("number"):
                glued = previous_text and not run.group("space")
                signed = signed or run.group("number").startswith("-")
                tokens.append(Token(Kind.NUM, run.group("number"), line, glued=glued, signed=signed))
                previous_text, signed = False, False
            else:
                signed = bool(SIGN_BEFORE.search(run.group("text")))
                if WORD.search(run.group("text")):
                    tokens.append(Token(Kind.LABEL, run.group("text").strip(), line))
                    previous_text = not run.group("text")[-1].isspace()
    return tokens


def paragraph_cells(text: str) -> str:
    """A table saved as paragraphs — every cell its own line and a blank line after each, an empty cell one
    more blank line (web pages whose cells hold <p>s, as some crawlers save them) — written one cell a line
    with “|”, an empty cell a bare “|”: the blank lines are the only trace of the empty cells."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line]  # “ ” too: an empty cell saved as <p>&nbsp;</p>
    if len(filled) < 10 or any("|" in line or "\t" in line for line in lines):
        return text
    if any(b == a + 1 for a, b in zip(filled, filled[1:], strict=False)):
        return text  # two lines of text in a row: not one paragraph a cell
    if any(TWO_NUMBERS.search(lines[i]) for i in filled):
        return text  # a row's figures on one line
    # blank lines after each paragraph, the last one's up to the region's end (whose final “\n” ends a line)
    runs = [b - a - 1 for a, b in zip(filled, [*filled[1:], len(lines) - 1], strict=True)]
    if max(runs, default=0) < 2 and all(lines[i].strip() for i in filled):
        return text  # no empty cell to show
    out = []
    for at, run in zip(filled, runs, strict=True):
        out.append(f"{lines[at].rstrip()} |" if lines[at].strip() else "|")
        out += ["|"] * (run - 1)
    return "\n".join(out)


TWO_NUMBERS = re.compile(r"\d\s+\d")
PIPES_ONLY = re.compile(r"^\s*\|{2,}\s*$")


def without_row_padding(text: str) -> str:
    """A crawl that writes a row's filled cells one a line and then one line of “|” for all its empty cells
    together (“7 |”, “1 |”, “8 |”, “||||||”): where no empty cell stands on a line of its own, such a line closing
    a row says how many cells were empty, not where — it is left out, and the row is read from its figures alone."""
    lines = text.split("\n")
    if any(line.strip() == "|" for line in lines) or not any(PIPES_ONLY.match(line) for line in lines):
        return text
    following = [""] * len(lines)  # the next line with text after each line
    for index in range(len(lines) - 2, -1, -1):
        following[index] = lines[index + 1] if lines[index + 1].strip() else following[index + 1]
    kept: list[str] = []
    previous = ""
    for index, line in enumerate(lines):
        if (PIPES_ONLY.match(line) and re.search(r"\d", previous)
                and (not following[index] or re.search(r"[\u4e00-\u9fff]", following[index]))):
            continue  # after a row's figures; after a label alone it stands for a row of empty cells, kept
        kept.append(line)
        previous = line if line.strip() else previous
    return "\n".join(kept)


PADDED_END = re.compile(r"\|[ \t]*\|{2,}[ \t]*$")
BLANK_BETWEEN = re.compile(r"\d[ \t]*\|[ \t]*\|[ \t]*\d")


def without_padded_ends(text: str) -> str:
    """A crawl that writes each row's figures and then, at the row's end, a run of “||” for all its empty cells
    (“| 二、上年结转… | 0 | 0 | |||||||”): where no empty cell stands between two figures, the run says how many
    cells were empty, not where — it is left out, and the row is read from its figures alone."""
    lines = text.split("\n")
    if sum(1 for line in lines if PADDED_END.search(line)) < 2 or any(BLANK_BETWEEN.search(line) for line in lines):
        return text
    return "\n".join(PADDED_END.sub("|", line) for line in lines)


def without_cut_padded_row(text: str) -> str:
    """A page cut short in a padded crawl's row: the figures it shows could be any of the row's cells — its
    labels are kept (the row is where the text stops), its figures not."""
    lines = text.rstrip().split("\n")
    if len(lines) > 1 and PADDED_END.search(lines[-1]) and without_padded_ends(text) != text:
        labels = [cell for cell in lines[-1].split("|") if re.search(r"[\u4e00-\u9fff]", cell)]
        return "\n".join(lines[:-1] + ["| " + " | ".join(labels) + " |"]) + "\n"
    return text


# A sentence written between a heading and its table (“2022年，…共收到8份…申请，…其中，予以公开2件，…。”):
# text, not cells — its words would be taken for row labels and its numbers for figures.
PROSE = re.compile(r"^[^|\t]*[\u4e00-\u9fff][^|\t]{8,}。[^|\t]*$")
# A 2019 table's row name with its definition (“规章:地方行政规章指…不得称“条例”。 |”): the row, not a sentence
DEFINED_ROW = re.compile(r"^[ \t]*(规章|(?:行政)?规范性文件|行政许可|行政处罚|行政强制|行政事业性收费)\s*:[^|\t]*")


def tokenize(text: str) -> tuple[list[Token], bool]:
    """The tokens of a region, and whether a line of it is a table row (row mode)."""
    text = without_padded_ends(without_row_padding(paragraph_cells(text)))
    mode = layout(text)
    tokens: list[Token] = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if (defined := DEFINED_ROW.match(line)) and PROSE.search(defined.group(0)):
            line = defined.group(1) + line[defined.end() :]
        if not line.strip() or SEPARATOR_LINE.match(line) or PROSE.search(line.rstrip(" |")):
            continue
        cells = split_cells(line, mode)
        if mode != "text" and _placeholder_header(cells, lines, number):
            continue
        separated = (mode == "tab" and "\t" in line) or (mode == "pipe" and "|" in line)
        for index, cell in enumerate(cells):
            from_end = len(cells) - index if len(cells) > 1 else 0
            if not cell.strip():
                if mode == "text":
                    continue
                tokens.append(Token(Kind.BLANK, "", number, from_end=from_end, separated=separated))
                continue
            found = cell_tokens(cell, number)
            if from_end or separated:
                found = [replace(t, from_end=from_end, separated=separated) for t in found]
            tokens.extend(found)
    return tokens, _row_mode(tokens)


def _placeholder_header(cells: list[str], lines: list[str], number: int) -> bool:
    """A Markdown table's made-up header row: `| 数据1 | 数据2 |…`, or `| | | |` right above its `|---|` line."""
    filled = [c.strip() for c in cells if c.strip()]
    if filled:
        # where a page is cut in such a row, its last cell is what is left of one: “| 数据1 | 数据2 | 数”
        cut = number == len(lines) - 1 or not any(line.strip() for line in lines[number + 1 :])
        last = CUT_PLACEHOLDER if cut and len(filled) >= 2 else PLACEHOLDER_CELL
        return all(PLACEHOLDER_CELL.match(c) for c in filled[:-1]) and bool(last.match(filled[-1]))
    after = [line for line in lines[number + 1 :] if line.strip()]
    if not after:
        return False  # a row of empty cells that ends its table (a blank row, its label lost)
    # a page cut inside the `|---|` line below it: “|-”
    cut_separator = len(after) == 1 and re.fullmatch(r"\s*\|[\s|:]*-[\s|:\-]*", after[0])
    return any(line.strip() for line in lines[number + 1 : number + 4]) and bool(
        SEPARATOR_LINE.match(after[0]) or cut_separator)


def _row_mode(tokens: list[Token]) -> bool:
    per_line: dict[int, int] = {}
    for token in tokens:
        if token.kind is Kind.NUM:
            per_line[token.line] = per_line.get(token.line, 0) + 1
    if len(per_line) < 3:
        return False
    return sum(count >= 3 for count in per_line.values()) * 2 >= len(per_line)


def stops_in(values: list[Token], tokens: list[Token], label_lines: Sequence[int] = ()) -> bool:
    """Whether a row is the one a cut text stops in: its last figure on the text's last line, or none shown. A row
    of dashes (“| 予以公开 | / | / |”), or with nothing in its cells on its label's last line, that more lines follow
    is whole: the empty cell before the next row's label (“| (二)部分”) is no cell of it."""
    lines = [v.line for v in values if v.kind is Kind.NUM] or [v.line for v in values if v.text]
    if not lines and label_lines and all(v.line == label_lines[-1] for v in values):
        lines = [label_lines[-1]]  # its empty cells on its own line, or none (a converter drops a row's empty cells)
    return not lines or lines[-1] >= tokens[-1].line
