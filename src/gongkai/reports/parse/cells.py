"""From the value tokens after a row label to the row's cells.

A row needs `n` cells. What the source shows may be more (a 小计 column, grid padding), fewer
(blank cells, digits run together, a report cut short) or just right. Every reading that is kept
must be the only one that fits the row's own arithmetic; otherwise the cells are unreadable (None).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from .tokens import UNSURE, Kind, Token

Check = Callable[[Sequence[int]], bool]
MAX_PART_DIGITS = 7
MAX_EXTRA_DIGITS = 8  # at most this many cells of two or more digits in a run-together row


@dataclass
class RowReading:
    cells: list[int | float | None]
    blanks: list[int] = field(default_factory=list)  # positions read from a blank cell, as 0
    problem: str | None = None  # why cells are None, in Chinese
    note: str | None = None  # how the reading was found (run-together digits, a dropped column)


def sums_to_last(values: Sequence[int]) -> bool:
    """One row of 表三: the six applicant columns add up to 总计."""
    return sum(values[:-1]) == values[-1]


def groups_of_five(values: Sequence[int]) -> bool:
    """表四: in each group of five, 维持 + 纠正 + 其他 + 尚未审结 = 总计."""
    return all(sum(values[i : i + 4]) == values[i + 4] for i in range(0, len(values), 5))


def number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def read_row(
    values: Sequence[Token], n: int, *, check: Check | None = None, truncated: bool = False, drop_at: int | None = None
) -> RowReading:
    nums = [v for v in values if v.kind is Kind.NUM]
    if any(v.text == UNSURE for v in nums):
        return _unsure(nums, n)
    if len(nums) == n:
        return RowReading([number(v.text) for v in nums])
    if len(nums) > n:
        return _too_many(nums, n, check, drop_at)
    if truncated and values and values[0].kind is Kind.BLANK \
            and (len(values) == 1 or any(v.line == values[0].line for v in values[1:])):
        # “|  | 0 | 41 |…”: an empty first cell, or the padding of a Markdown row's label columns — with the row
        # cut, which is not known (a crawl's “|” alone on its line, with more after it, is an empty cell)
        return RowReading([None] * n, problem="报告在此行中断，空白与数字各属哪一列无法确定")
    if any(v.kind is Kind.BLANK for v in values) and len(values) >= n:
        return _with_blanks(list(values), n, check)
    if not truncated and nums and not any(v.kind is Kind.BLANK for v in values) \
            and sum(len(v.text) for v in nums) >= n and (check is not None or len(nums) > 1 or nums[0].text[0] == "0"
                                                          or nums[0].glued):
        # one number standing apart with no sum to hold it (表二's “148” on its own line) is one cell, its others left
        # blank, as likely as digits run together: split it only where it cannot be one number (“000”) or where it is
        # run into its label too (“行政规范性文件217”: the row's cells with no space between them)
        reading = _split_digits([v.text for v in nums], n, check)
        if reading is not None:
            return reading
    if truncated and len(nums) >= 3 and nums[0].line != nums[1].line \
            and sum(v.line == nums[1].line for v in nums) >= 2:
        # “国家秘密” “3” “0 0 1”: a number alone on its line before figures that share theirs — a page number, or
        # the row's first cell; with the row cut, which is not known
        return RowReading([None] * n, problem="报告在此行中断，首个数字单独成行，可能是页码，各数所在列无法确定")
    if truncated:
        cells: list[int | float | None] = [None if v.kind is Kind.BLANK else number(v.text) for v in values[:n]]
        blanks = [i for i, v in enumerate(values[:n]) if v.kind is Kind.BLANK]
        for i in blanks:
            cells[i] = 0
        cells += [None] * (n - len(cells))
        return RowReading(cells, blanks, problem="报告在此处中断，其后单元格无法读取")
    shown = " ".join(v.text or "□" for v in values) or "（无数字）"
    return RowReading([None] * n, problem=f"应有{n}个数字，实际读到：{shown}")


def _unsure(nums: list[Token], n: int) -> RowReading:
    """Cells that OCR read without confidence stay unknown; the others are kept only where the columns are sure."""
    shown = " ".join(v.text for v in nums)
    if len(nums) != n:
        return RowReading([None] * n, problem=f"文字识别置信度低，且数字个数不符（应有{n}个）：{shown}")
    cells = [None if v.text == UNSURE else 0 if v.kind is Kind.BLANK else number(v.text) for v in nums]
    columns = "、".join(str(i + 1) for i, v in enumerate(nums) if v.text == UNSURE)
    return RowReading(cells, problem=f"第{columns}个数字文字识别置信度低，按无法读取处理（{shown}）")


def _too_many(nums: list[Token], n: int, check: Check | None, drop_at: int | None) -> RowReading:
    values = [number(v.text) for v in nums]
    if len(values) != n + 1:
        return RowReading(
            [None] * n, problem=f"应有{n}个数字，实际读到{len(values)}个：{' '.join(v.text for v in nums)}"
        )
    positions = [drop_at] if drop_at is not None else range(len(values))
    readings = {tuple(values[:i] + values[i + 1 :]) for i in positions}
    if check is not None:
        readings = {r for r in readings if _fits(check, r)}
    if len(readings) == 1:
        return RowReading(
            list(readings.pop()), note=f"多出1个数字（{' '.join(v.text for v in nums)}），已按勾稽关系剔除"
        )
    return RowReading([None] * n, problem=f"应有{n}个数字，实际读到{len(values)}个，无法确定多出的是哪一个")


def _fits(check: Check, values: Sequence) -> bool:
    return all(isinstance(v, int) for v in values) and check(values)


def _with_blanks(values: list[Token], n: int, check: Check | None) -> RowReading:
    positions = [i for i, v in enumerate(values) if v.kind is Kind.NUM]
    first = positions[0] if positions else len(values) - n
    last = positions[-1] if positions else 0
    starts = [s for s in range(0, len(values) - n + 1) if s <= first and s + n - 1 >= last]
    readings = []
    for start in starts:
        window = values[start : start + n]
        cells = [0 if v.kind is Kind.BLANK else number(v.text) for v in window]
        readings.append((start, cells, [i for i, v in enumerate(window) if v.kind is Kind.BLANK]))
    if not readings:
        return RowReading([None] * n, problem="数字与空白单元格的位置无法对应到各列")
    distinct = {tuple(cells) for _, cells, _ in readings}
    if len(distinct) > 1 and check is not None:
        fitting = [r for r in readings if _fits(check, r[1])]
        if len({tuple(cells) for _, cells, _ in fitting}) == 1:
            readings = fitting
        elif fitting:
            return RowReading([None] * n, problem="空白单元格位置不明，多种读法都符合勾稽关系")
        else:
            return RowReading([None] * n, problem="空白单元格位置不明，各种读法都不符合勾稽关系")
    _, cells, blanks = readings[0]
    return RowReading(cells, blanks)


def _split_digits(parts: list[str], n: int, check: Check | None) -> RowReading | None:
    """Digits run together (`6000017`): the one split into n numbers that fits the row's arithmetic."""
    digits = sum(len(p) for p in parts)
    if any("." in p or p.startswith("-") for p in parts) or digits > n + MAX_EXTRA_DIGITS:
        return None
    if digits == n:  # one digit per cell: the only split there is
        options = [tuple(int(d) for d in "".join(parts))]
    else:
        options = [tuple(o) for o in _compositions(parts, n)]
    if check is not None:
        options = [o for o in options if check(o)]
    options = list(dict.fromkeys(options))
    shown = " ".join(parts)
    if len(options) == 1:
        return RowReading(list(options[0]), note=f"数字连写“{shown}”，按列数和总计唯一拆分")
    reason = "没有一种拆分符合勾稽关系" if not options else f"有{len(options)}种拆分都符合勾稽关系"
    return RowReading([None] * n, problem=f"数字连写“{shown}”无法唯一拆分为{n}个数（{reason}）")


def _compositions(parts: list[str], n: int):
    if not parts:
        if n == 0:
            yield []
        return
    head, rest = parts[0], parts[1:]
    min_rest = len(rest)
    for k in range(1, min(len(head), n - min_rest) + 1):
        for split in _splits(head, k):
            for tail in _compositions(rest, n - k):
                yield split + tail


def _splits(digits: str, k: int):
    for cuts in combinations(range(1, len(digits)), k - 1):
        bounds = (0, *cuts, len(digits))
        pieces = [digits[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        if all(len(p) <= MAX_PART_DIGITS and (p == "0" or not p.startswith("0")) for p in pieces):
            yield [int(p) for p in pieces]
