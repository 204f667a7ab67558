"""Table 三 read along the national template's row order, when labels and numbers were torn apart.

PDF text extraction (pdftotext with or without -layout, Word → text) may put the label fragments of
several rows first and their numbers after, or a row's numbers a line away from its wrapped label.
The template fixes the rows' order and each row's width, so the sequence of number cells of the whole
table, cut into rows of `width`, gives each row its cells — when that cut is the only one there is:

- every value token is one cell (a number, or a blank cell read as 0), or digits run together that
  only one split fits the row's arithmetic;
- the cells add up to exactly the template's rows, no more, no fewer;
- no surviving label contradicts it: a line that holds one whole row of numbers and a label that
  names one row unmistakably must have been given that row.

Anything else returns None and the table is read label by label, with what it cannot place unreadable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from .cells import MAX_EXTRA_DIGITS, RowReading, _compositions, number
from .normalize import label_key
from .tokens import Kind, Token

Check = Callable[[Sequence[int]], bool]
ANCHOR_SCORE = 90  # a label this close to one row's name (and to no other) names that row
MAX_READINGS = 2  # enough to know a reading is not the only one


def align(
    values: list[Token], labels: list[Token], rows: list[tuple[str, str]], width: int, check: Check | None
) -> list[RowReading] | None:
    """One reading per template row, or None where the numbers do not cut into the rows one way only."""
    if not values or any(v.kind is Kind.NUM and ("." in v.text or v.text.startswith("-")) for v in values):
        return None
    cells = sum(1 if v.kind is Kind.BLANK else len(v.text) for v in values)
    if len(values) > len(rows) * width or cells < len(rows) * width:
        return None
    readings = _cut(values, len(rows), width, check)
    if len(readings) != 1:
        return None
    spans, cut = readings[0]
    if _contradicted(values, spans, labels, rows, width):
        return None
    out = []
    for (start, end), row_cells in zip(spans, cut, strict=True):
        blanks = [i for i, v in enumerate(values[start:end]) if v.kind is Kind.BLANK] if end - start == width else []
        glued = end - start < width
        note = f"数字连写“{' '.join(v.text for v in values[start:end])}”，按列数和总计唯一拆分" if glued else None
        out.append(RowReading(list(row_cells), blanks, note=note))
    return out


def _row_options(chunk: list[Token], width: int, check: Check | None) -> list[tuple[int, ...]]:
    if len(chunk) == width:
        return [tuple(0 if v.kind is Kind.BLANK else number(v.text) for v in chunk)]
    if any(v.kind is Kind.BLANK for v in chunk) or check is None:
        return []
    parts = [v.text for v in chunk]
    if sum(len(p) for p in parts) > width + MAX_EXTRA_DIGITS:
        return []
    return list(dict.fromkeys(tuple(o) for o in _compositions(parts, width) if check(o)))


def _cut(values: list[Token], n_rows: int, width: int, check: Check | None):
    """Every way (up to MAX_READINGS) to cut the value tokens into n_rows rows of `width` cells."""
    m = len(values)
    memo: dict[tuple[int, int], list] = {}

    def walk(position: int, row: int) -> list:
        if row == n_rows:
            return [([], [])] if position == m else []
        key = (position, row)
        if key in memo:
            return memo[key]
        found: list = []
        rest = n_rows - row - 1
        for end in range(position + 1, min(m, position + width) + 1):
            if m - end > rest * width:
                continue
            for option in _row_options(values[position:end], width, check):
                for spans, cut in walk(end, row + 1):
                    found.append(([(position, end), *spans], [option, *cut]))
                    if len(found) >= MAX_READINGS:
                        break
                if len(found) >= MAX_READINGS:
                    break
            if len(found) >= MAX_READINGS:
                break
        memo[key] = found
        return found

    return walk(0, 0)


def anchor(key: str, rows: list[tuple[str, str]]) -> int | None:
    """The one row a label names unmistakably (the whole name, or nearly), else None."""
    if len(key) < 4:
        return None
    scores = [100.0 if key == name else fuzz.ratio(key, name) for _, name in rows]
    best = max(scores)
    if best < ANCHOR_SCORE or sum(s >= ANCHOR_SCORE for s in scores) != 1:
        return None
    return scores.index(best)


def _contradicted(values, spans, labels, rows, width) -> bool:
    """A line with one whole row of numbers and a label naming one row, cut into another row."""
    row_of = {}
    for row, (start, end) in enumerate(spans):
        for token in values[start:end]:
            row_of[id(token)] = row
    by_line: dict[int, list[Token]] = {}
    for token in values:
        by_line.setdefault(token.line, []).append(token)
    for label in labels:
        line_values = by_line.get(label.line, [])
        if len(line_values) != width:
            continue
        named = anchor(label_key(label.text), rows)
        if named is not None and any(row_of[id(v)] != named for v in line_values):
            return True
    return False
