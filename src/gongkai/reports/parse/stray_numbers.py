"""Numbers of 表三 read label by label that belong to no row: a segment whose label was lost (placed where the
template leaves one place), a page number where a page broke the table, and the rows they may have displaced.
A page number is left out only where nothing else fits; rows that may hold a neighbour's figures become
unreadable: a row left unread is better than a wrong one."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from gongkai.statute.report import Finding, Severity, where_applications

from .cells import RowReading
from .normalize import label_key
from .spine import align
from .tokens import Kind, Token

if TYPE_CHECKING:
    from .tables import Segment


def _page_number_like(token: Token) -> bool:
    return token.kind is Kind.NUM and re.fullmatch(r"\d{1,3}", token.text) is not None


def page_number_in_header(tokens: list[Token], i: int, is_header) -> bool:
    """A page number alone on its line inside the column headers (“法人或其他组织” “3” “总计”): the headers go on
    after it, so it starts no row (and “总计” after it is a column's heading, not the row (七))."""
    token = tokens[i]
    neighbours = tokens[max(i - 1, 0) : i] + tokens[i + 1 : i + 2]
    if not _page_number_like(token) or any(t.line == token.line for t in neighbours):
        return False
    after = next((t for t in tokens[i + 1 :] if t.kind is not Kind.BLANK), None)
    return after is not None and after.kind is Kind.LABEL and is_header(label_key(after.text))


def without_loose_numbers(tokens: list[Token], findings: list[Finding], truncated: bool = False) -> list[Token]:
    """In a table whose cells are separated (tabs or “|”), a number of one to three digits alone on a line
    without a separator is not a cell: it is the page number of a page break inside the table — unless it ends
    a text cut short, where the cut may have taken its separator (it is left out all the same, without a note)."""
    if truncated:
        tokens = _without_page_number_between_labels(tokens)
    values = [t for t in tokens if t.is_value]
    if not values or sum(t.separated for t in values) < 0.9 * len(values):
        return tokens
    per_line = Counter(t.line for t in tokens)
    loose = [t for t in values if _page_number_like(t) and not t.separated and per_line[t.line] == 1]
    for token in loose:
        if truncated and token is tokens[-1]:
            continue
        message = f"表三中不在单元格内、单独成行的数字“{token.text}”视为页码，未计入"
        findings.append(Finding("parse_note", Severity.INFO, message, "表三"))
    dropped = {id(t) for t in loose}
    return [t for t in tokens if id(t) not in dropped] if loose else tokens


def _without_page_number_between_labels(tokens: list[Token]) -> list[Token]:
    """In a text cut short, where no row can be checked against its 总计: a number (not 0) alone on its line between
    two labels — inside a block of labels printed before their rows (“1.属于国家秘密” “3” “2.其他法律…”) — is a
    page number; a row of one figure could not be read anyway."""
    per_line = Counter(t.line for t in tokens)
    lone = {id(t) for before, t, after in zip(tokens, tokens[1:], tokens[2:], strict=False)
            if _page_number_like(t) and t.text != "0" and per_line[t.line] == 1
            and before.kind is Kind.LABEL and after.kind is Kind.LABEL}
    return [t for t in tokens if id(t) not in lone] if lone else tokens


def cut_in_a_block(segments: list[Segment]) -> tuple[list[Segment], list[int]]:
    """The rows a cut text leaves in doubt where it stops in a block of labels printed before their rows of
    numbers (“4.无正当理由…” “5.要求行政机关…” then “0 0 3 …”): the numbers after the block's last label may be
    its first row's, and a text read label by label cannot tell. None of the block's rows is read, nor are the
    numbers after it placed under a later row: the segments up to the block, and the block's rows."""
    labelled = [i for i, s in enumerate(segments) if s.index is not None and s.label]
    if not labelled:
        return segments, []
    first = last = labelled[-1]
    while first > 0 and segments[first - 1].index is not None and segments[first - 1].label \
            and not segments[first - 1].values:
        first -= 1
    if last == first or not any(v.kind is Kind.NUM for s in segments[last:] for v in s.values):
        return segments, []
    return segments[: last + 1], [s.index for s in segments[first : last + 1]]


def stray_finding(values: list[Token], alone: bool = True) -> Finding:
    """Numbers between rows when every row has its own. A lone number of one to three digits on a line of
    its own is the page number PDF extraction leaves where a page broke the table (“3”); anything else may
    be cells that lost their place, which the reader must look at."""
    numbers = [v for v in values if v.kind is Kind.NUM]
    others = [v for v in values if v.kind not in (Kind.NUM, Kind.BLANK)]
    shown = " ".join(v.text for v in values if v.text)
    if alone and len(numbers) == 1 and not others and numbers[0].from_end == 0 and _page_number_like(numbers[0]):
        return Finding("parse_note", Severity.INFO, f"表三中单独成行的数字“{shown}”视为页码，未计入", "表三")
    return Finding("unreadable", Severity.WARNING, f"表三有一组数字不属于任何一行，未计入：{shown}", "表三")


def assign(segments: list[Segment], rows, findings: list[Finding]) -> tuple[dict[int, Segment], list[int]]:
    """Segments whose label was lost placed where the template leaves exactly one place for them; and where
    numbers were left under no row (the index of the row they follow, -1 before the first)."""
    assigned: dict[int, Segment] = {s.index: s for s in segments if s.index is not None}
    strays: list[int] = []
    bounds = [-1, *sorted(assigned), len(rows)]
    gaps: dict[int, list[Segment]] = {}
    current_gap = -1
    for segment in segments:
        if segment.index is not None:
            current_gap = segment.index
        else:
            gaps.setdefault(current_gap, []).append(segment)
    for start, gap in gaps.items():
        end = next(b for b in bounds if b > start)
        missing = [i for i in range(start + 1, end) if i not in assigned]
        with_numbers = [s for s in gap if any(v.kind is Kind.NUM for v in s.values)]
        if missing and len(gap) == len(missing):
            chosen = gap
        elif missing and len(with_numbers) == len(missing):
            chosen = with_numbers
        else:
            if with_numbers and not missing:
                finding = stray_finding(with_numbers[0].values, alone=len(with_numbers) == 1)
                findings.append(finding)
                if finding.severity is not Severity.INFO:
                    strays.append(start)
            continue
        for index, segment in zip(missing, chosen, strict=False):
            segment.index = index
            assigned[index] = segment
            findings.append(
                Finding(
                    "lost_label",
                    Severity.INFO,
                    f"“{rows[index][1]}”一行的行名缺失，按模板行序认定",
                    where_applications(rows[index][0]),
                )
            )
    return assigned, strays


def without_page_number(values, labels, rows, width, check, tokens) -> list[RowReading] | None:
    """One number too many in a torn table: a page number printed between its rows (“3” on a line of its own).
    Each such lone number is left out in turn; the reading stands when leaving out one of them, and only that
    one, lets every row add up to its 总计."""
    per_line = Counter(t.line for t in tokens)
    lone = [i for i, v in enumerate(values) if _page_number_like(v) and per_line[v.line] == 1 and v.from_end == 0]
    fits = []
    for i in lone:
        found = align(values[:i] + values[i + 1 :], labels, rows, width, check, ("split",))
        if found is not None and all(r.problem is None and adds_up(r.cells, check) for r in found):
            fits.append((i, found))
    if not fits:
        return None
    i, found = fits[0]
    found[0].note = "; ".join(filter(None, [found[0].note, f"表中单独成行的数字“{values[i].text}”视为页码，未计入"]))
    for row, reading in enumerate(found):
        if any(other[row].cells != reading.cells for _, other in fits[1:]):
            # a cell equal to the page number beside it: which of the two is the page number decides the columns
            found[row] = RowReading([None] * width,
                                    problem="表中有一个单独成行的数字可能是页码，本行各数所在列不能唯一确定")
    return found


def distrust_between(readings: list[RowReading | None], start: int, width: int) -> None:
    """Numbers under no row (after row `start`) and rows without (enough) numbers around them: labels were torn
    from their numbers and every row between may hold its neighbour's figures. Those rows become unreadable — a row
    left unread is better than another row's numbers."""
    empty = [i for i, reading in enumerate(readings) if _unread(reading)]
    before = [i for i in empty if i <= start]
    after = [i for i in empty if i > start]
    low = before[-1] + 1 if before else start + 1
    high = after[0] - 1 if after else start
    for i in range(low, high + 1):
        readings[i] = RowReading(
            [None] * width, problem="行名与数字分离（附近有不属于任何一行的数字，也有缺少数字的行），本行数字可能错位"
        )


def _unread(reading: RowReading | None) -> bool:
    return reading is None or reading.problem is not None


def overflowing(segments: list[Segment]) -> set[int]:
    """Rows right before a group of numbers under no row: they may have taken one number too many."""
    pairs = zip(segments, segments[1:], strict=False)
    return {s.index for s, after in pairs if s.index is not None and after.index is None and after.values}


def torn_rows_that_add_up(readings: list[RowReading | None], apart: set[int], check) -> list[RowReading | None]:
    """Labels torn from numbers that could not be cut along the template either: a row that does not add up is
    the agency's error only where its numbers stand on its label's line; apart from it, the row may have taken
    a page number or lost a cell to the next row, and is unreadable."""
    out = []
    for index, reading in enumerate(readings):
        if index in apart and reading is not None and reading.problem is None and not adds_up(reading.cells, check):
            shown = " ".join(str(c) for c in reading.cells)
            reading = RowReading([None] * len(reading.cells),
                                 problem=f"行名与数字分离，读到的“{shown}”不符合本行勾稽关系，可能有数字错位")
        out.append(reading)
    return out


def adds_up(cells, check) -> bool:
    return None in cells or not all(isinstance(c, int) for c in cells) or check(cells)
