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
from itertools import combinations_with_replacement

from rapidfuzz import fuzz

from .cells import RowReading, _compositions, _unsure, number
from .normalize import label_key
from .tokens import UNSURE, Kind, Token

Check = Callable[[Sequence[int]], bool]
MAX_SPLITS = 2  # numbers run together in one row: at most this many cells hidden in another's digits
SHORT = ("short",)  # a row with fewer numbers than cells: its cells cannot be placed
MODES = ("exact", "split", "short")  # tried in this order; the first that cuts the whole table is kept
ANCHOR_SCORE = 90  # a label this close to one row's name (and to no other) names that row


def align(
    values: list[Token],
    labels: list[Token],
    rows: list[tuple[str, str]],
    width: int,
    check: Check | None,
    modes: tuple[str, ...] = MODES,
) -> list[RowReading] | None:
    """One reading per template row, or None where the numbers cannot be cut into the template's rows at all.

    Where more than one cut fits, a row keeps its cells only if every cut gives it the same ones. When the
    numbers are too few (blank cells that text extraction dropped), a second try cuts them into rows that
    each add up to their 总计, and rows short of numbers, which are unreadable.
    """
    if not values or any(v.kind is Kind.NUM and ("." in v.text or v.text.startswith("-")) for v in values):
        return None
    if len(values) > len(rows) * width:
        return None
    anchored = _anchored(values, labels, rows, width)
    choices = None
    for mode in modes:
        if mode != "exact" and check is None:
            break
        choices = _cuts(values, len(rows), width, check, anchored, mode)
        if choices is not None:
            break
    if choices is None:
        return None
    out = []
    for options in choices:
        readings = {cut for _, _, cut in options}
        if len(readings) != 1:
            shown = "、".join(" ".join(str(c) for c in cut) for cut in sorted(readings, key=str)[:3] if cut != SHORT)
            problem = f"行名与数字分离，数字按模板行序有多种对应方式（{shown or '无法确定'}）"
            out.append(RowReading([None] * width, problem=problem))
            continue
        start, end, cut = options[0]
        chunk = values[start:end]
        if cut == SHORT:
            shown = " ".join(v.text for v in chunk) or "无"
            problem = f"行名与数字分离，且本行数字不足{width}个（{shown}），无法确定各数所在列"
            out.append(RowReading([None] * width, problem=problem))
            continue
        if any(v.text == UNSURE for v in chunk):
            out.append(_unsure(chunk, width))
            continue
        blanks = [i for i, v in enumerate(chunk) if v.kind is Kind.BLANK] if len(chunk) == width else []
        note = None
        if len({(s, e) for s, e, _ in options}) == 1 and len(chunk) < width:
            note = f"数字连写“{' '.join(v.text for v in chunk)}”，按列数和总计唯一拆分"
        out.append(RowReading(list(cut), blanks, note=note))
    return out


def _fits(check: Check | None, option) -> bool:
    return check is not None and all(isinstance(v, int) for v in option) and check(option)


def _row_options(chunk: list[Token], width: int, check: Check | None, mode: str) -> list[tuple]:
    if len(chunk) == width:
        # a cell OCR could not read is unknown (None): such a row fits only an exact cut, never a sum-checked one
        option = tuple(None if v.text == UNSURE else 0 if v.kind is Kind.BLANK else number(v.text) for v in chunk)
        return [option] if mode == "exact" or _fits(check, option) else []
    if mode == "short":
        return [SHORT]
    unknown = any(v.kind is Kind.BLANK or v.text == UNSURE for v in chunk)
    if mode == "exact" or unknown or width - len(chunk) > MAX_SPLITS:
        return []
    parts = [v.text for v in chunk]
    return list(dict.fromkeys(tuple(o) for o in _compositions(parts, width) if check(o)))


def _cuts(values: list[Token], n_rows: int, width: int, check: Check | None, anchored: dict[int, int], mode: str):
    """Per row, every (start, end, cells) on some complete cut of the values into the rows; None if none.

    exact: every row is `width` value tokens, whatever they add up to. split: every row adds up to its 总计,
    digits run together split where the sum allows. short: every row adds up, or has fewer numbers (SHORT).
    """
    m = len(values)
    options: dict[tuple[int, int, int], list] = {}  # (row, start, end) → readings of that chunk as that row
    least = 0 if mode == "short" else 1

    def chunk_options(row: int, start: int, end: int) -> list:
        key = (row, start, end)
        if key not in options:
            if any(anchored.get(i, row) != row for i in range(start, end)):
                options[key] = []
            else:
                options[key] = _row_options(values[start:end], width, check, mode)
        return options[key]

    def ends(row: int, start: int):
        for end in range(start + least, min(m, start + width) + 1):
            if m - end <= (n_rows - row - 1) * width:
                yield end

    # forward: positions reachable after `row` rows; backward: positions from which the rest completes.
    forward = [{0}]
    for row in range(n_rows):
        forward.append({end for start in forward[-1] for end in ends(row, start) if chunk_options(row, start, end)})
    if m not in forward[n_rows]:
        return None
    backward = [set() for _ in range(n_rows + 1)]
    backward[n_rows] = {m}
    for row in range(n_rows - 1, -1, -1):
        for start in forward[row]:
            if any(end in backward[row + 1] and chunk_options(row, start, end) for end in ends(row, start)):
                backward[row].add(start)
    choices = []
    for row in range(n_rows):
        found = []
        for start in forward[row] & backward[row]:
            for end in ends(row, start):
                if end in backward[row + 1]:
                    found += [(start, end, cut) for cut in chunk_options(row, start, end)]
        choices.append(found)
    return choices


MAX_DISPLACED = 4  # numbers printed after the table's last label, out of their rows
WINDOW_ROWS = 5  # … put back into the table's last rows only


def put_back(values: list[Token], trailing: int, width: int, check: Check, cut: list[RowReading]):
    """Plain pdftotext may print a few cells of a table's last rows after its last label. When the rows cut in
    order do not add up and fewer than `width` numbers follow the last label, those numbers are put back, in
    their order, into the last rows: kept only if exactly one placement makes every one of those rows add up."""
    if not 0 < trailing <= min(MAX_DISPLACED, width - 1) or len(cut) < WINDOW_ROWS:
        return None
    body, moved = values[:-trailing], values[-trailing:]
    window = (len(cut) - WINDOW_ROWS) * width
    tail = body[window:]
    fits = set()
    for places in combinations_with_replacement(range(len(tail) + 1), trailing):
        merged: list[Token] = []
        at = 0
        for place, token in zip(places, moved, strict=True):
            merged += tail[at:place] + [token]
            at = place
        merged += tail[at:]
        rows = [tuple(_cell(v) for v in merged[i : i + width]) for i in range(0, len(merged), width)]
        if all(_fits(check, r) for r in rows):
            fits.add(tuple(rows))
            if len(fits) > 1:
                return None
    if len(fits) != 1:
        return None
    note = f"表末“{' '.join(v.text for v in moved)}”印在行名之后（PDF 文字提取错位），放回唯一使各行相符的位置"
    out = cut[: len(cut) - WINDOW_ROWS]
    out += [RowReading(list(r), note=note) for r in fits.pop()]
    return out


def _cell(token: Token):
    return 0 if token.kind is Kind.BLANK else number(token.text)


def _anchored(values, labels, rows, width) -> dict[int, int]:
    """Value positions that a label on their line ties to one row: a line of one whole row of numbers and its name."""
    by_line: dict[int, list[int]] = {}
    for position, token in enumerate(values):
        by_line.setdefault(token.line, []).append(position)
    found: dict[int, int] = {}
    for label in labels:
        positions = by_line.get(label.line, [])
        if len(positions) != width:
            continue
        named = anchor(label_key(label.text), rows)
        if named is not None:
            found.update(dict.fromkeys(positions, named))
    return found


def anchor(key: str, rows: list[tuple[str, str]]) -> int | None:
    """The one row a label names unmistakably (the whole name, or nearly), else None."""
    if len(key) < 4:
        return None
    scores = [100.0 if key == name else fuzz.ratio(key, name) for _, name in rows]
    best = max(scores)
    if best < ANCHOR_SCORE or sum(s >= ANCHOR_SCORE for s in scores) != 1:
        return None
    return scores.index(best)
