"""Table 三 of a report (依申请公开 applications), read from a token stream, with what could not be read; the
result type the other tables share (表二: proactive_table.py, 表四: appeals_table.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from gongkai.statute.report import COLUMN_LABELS, COLUMNS, ROW_KEYS, Finding, Severity, where_applications

from .cells import RowReading, read_row, sums_to_last
from .normalize import label_key, to_ascii
from .spine import align, put_back
from .stray_numbers import (
    adds_up,
    assign,
    cut_in_a_block,
    distrust_between,
    overflowing,
    page_number_in_header,
    torn_rows_that_add_up,
    without_loose_numbers,
    without_page_number,
)
from .tokens import Kind, Token, stops_in

ROW_NAMES = {
    "new": "本年新收政府信息公开申请数量",
    "carried_in": "上年结转政府信息公开申请数量",
    "granted": "予以公开",
    "partial": "部分公开",
    "denied.state_secret": "属于国家秘密",
    "denied.law_prohibited": "其他法律行政法规禁止公开",
    "denied.security_stability": "危及三安全一稳定",
    "denied.third_party": "保护第三方合法权益",
    "denied.internal_affairs": "属于三类内部事务信息",
    "denied.process_info": "属于四类过程性信息",
    "denied.enforcement_file": "属于行政执法案卷",
    "denied.inquiry": "属于行政查询事项",
    "unable.not_held": "本机关不掌握相关政府信息",
    "unable.needs_creation": "没有现成信息需要另行制作",
    "unable.unclear": "补正后申请内容仍不明确",
    "not_processed.petition": "信访举报投诉类申请",
    "not_processed.duplicate": "重复申请",
    "not_processed.publication": "要求提供公开出版物",
    "not_processed.excessive": "无正当理由大量反复申请",
    "not_processed.confirmation": "要求行政机关确认或重新出具已获取信息",
    "other.no_supplement": "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
    "other.fee_unpaid": "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
    "other.other": "其他",
    "total": "总计",
    "carried_out": "结转下年度继续办理",
}
ROWS_2021 = [(key, ROW_NAMES[key]) for key in ROW_KEYS]
ROWS_2019 = [
    (k, "其他处理" if k == "other.other" else n)
    for k, n in ROWS_2021
    if k not in ("other.no_supplement", "other.fee_unpaid")
]
GROUPS = ("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理")
MATCH_THRESHOLD = 78
# Labels that carry no row: units, notes, leftovers of page furniture.
BARE_NUMBER = re.compile(r"[(（]?[一二三四五六七八九十\d]{1,2}[)）.、]?")
NOISE_LABEL = re.compile(r"^(?:单位|计量单位)?(?:件|个|项|次|条|万元)$|^单位|^注[:：]?$|^续表|^\(续\)")


@dataclass
class TableResult:
    findings: list[Finding] = field(default_factory=list)
    found: bool = False
    blanks: list[tuple[str, str, str]] = field(default_factory=list)  # (table, row or group, column) read from a blank


def _match_row(key: str, rows: list[tuple[str, str]], after: int) -> int | None:
    best, best_score = None, 0.0
    for index in range(after + 1, len(rows)):
        name = rows[index][1]
        # a two-character name (其他, 总计) is that word alone: “其他法” is a piece of another row's label
        score = 100.0 if key == name else 0.0 if len(name) <= 2 else fuzz.ratio(key, name)
        if len(key) > len(name) + 2 and len(name) >= 4:
            score = max(score, fuzz.partial_ratio(name, key) - 5)
        if score > best_score:
            best, best_score = index, score
    return best if best_score >= MATCH_THRESHOLD else None


def _is_group(key: str, rows: list[tuple[str, str]]) -> bool:
    groups = GROUPS if len(rows) == len(ROWS_2021) else GROUPS[:-1]
    return any(key == g or fuzz.ratio(key, g) >= 85 for g in groups)


@dataclass
class Segment:
    index: int | None  # row index in the template, None where the label was lost
    values: list[Token] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    label: str = ""  # the label key the segment was opened under (matched or not)


COLUMN_WORDS = frozenset(
    ("自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "申请人情况")
)
HEADER_WORDS = COLUMN_WORDS | {"总计", "其他", "小计"}
# A group heading of table 三 by its own number: “(六) 其他” is 其他处理, never the row “3.其他”.
GROUP_MARK = re.compile(r"^\s*\(([三四五六])\)")
GROUP_BY_MARK = {"三": "不予公开", "四": "无法提供", "五": "不予处理", "六": "其他处理"}


def _header_lines(tokens: list[Token]) -> set[int]:
    """Lines that repeat the column headers (a page break, a converter's re-inserted header row).

    A line qualifies when it has no number and every label on it is a column heading, at least one
    of them a word only headers use; a lone 总计/其他 line qualifies right after such a line.
    """
    keys: dict[int, list[str]] = {}
    numbered: set[int] = set()
    for token in tokens:
        if token.kind is Kind.NUM:
            numbered.add(token.line)
        elif token.kind is Kind.LABEL:
            keys.setdefault(token.line, []).append(label_key(token.text))
    found: set[int] = set()
    previous = None
    for line in sorted(set(keys) | numbered):
        words = [k for k in keys.get(line, []) if k]
        if line not in numbered and words and all(k in HEADER_WORDS for k in words):
            if COLUMN_WORDS & set(words) or previous in found:
                found.add(line)
        previous = line
    return found


def _group_label(text: str, key: str, rows) -> bool:
    mark = GROUP_MARK.match(text)
    if not mark or len(rows) != len(ROWS_2021) or len(key) < 2:
        return False
    return GROUP_BY_MARK[mark.group(1)].startswith(key)


def _segments(tokens: list[Token], rows, row_mode: bool, width: int) -> tuple[list[Segment], list[str]]:
    segments: list[Segment] = []
    headers: list[str] = []
    current: Segment | None = None
    position, started = -1, False
    unmatched = ""
    header_lines = _header_lines(tokens)
    for i, token in enumerate(tokens):
        if started and token.line in header_lines or not started and page_number_in_header(tokens, i, _header):
            continue
        if token.kind is Kind.LABEL:
            key = label_key(token.text)
            if not key and started and BARE_NUMBER.fullmatch(token.text.strip()):
                current, unmatched = None, token.text.strip()  # a row's number alone (“3.”): its name may follow
            if not key or NOISE_LABEL.match(key):                # its figures (“3.” “0 1 …” “其他”)
                continue
            if started and _group_label(to_ascii(token.text), key, rows):
                current, unmatched = None, key
                continue
            if not started and _header(key):
                headers.append(key)
                continue
            if started and _continues(current, key, rows, position):
                current.label += key  # a long label wrapped onto the next line, its numbers after the end
                continue
            index = _match_row(key, rows, position)
            wrapped = _wrapped_before_numbers(segments, key, rows, position) if started else None
            if wrapped is not None:
                position, current = wrapped.index, wrapped
                continue
            if index is not None:
                position, started, unmatched = index, True, ""
                current = Segment(index, lines=[token.line], label=key)
                segments.append(current)
            elif started:
                current = None  # a group label, or one we cannot read: the numbers after it lost their row
                unmatched = key
            continue
        if not started and token.kind is Kind.BLANK:
            continue
        started = True
        if current is None or _overflows(current, token, row_mode, width):
            current = Segment(None, label=unmatched if current is None else "")
            segments.append(current)
        current.values.append(token)
        current.lines.append(token.line)
    return segments, headers


def _continues(current: Segment | None, key: str, rows, position: int) -> bool:
    """A label with no number before it that reads as the rest of the row label above it, not as a row of its own."""
    if current is None or current.index is None or current.values:
        return False
    name = rows[current.index][1]
    alone = _match_row(key, rows, position)
    together = fuzz.ratio(current.label + key, name)
    return together > fuzz.ratio(current.label, name) and (alone is None or together >= 100)


def _wrapped_before_numbers(segments: list[Segment], key: str, rows, position: int) -> Segment | None:
    """The start of a wrapped label, its numbers, then the rest of the label: the numbers are that row's.

    Only when the two pieces together match one row and the piece before the numbers matched none.
    """
    if not segments:
        return None
    last = segments[-1]
    if last.index is not None or not last.label or not any(v.kind is Kind.NUM for v in last.values):
        return None
    joined = key if BARE_NUMBER.fullmatch(last.label) else last.label + key
    index = _match_row(joined, rows, position)
    if index is None or fuzz.ratio(joined, rows[index][1]) < 90:
        return None
    last.index, last.label = index, joined
    return last


HEADER_KEYS = ("申请人", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益", "法律服务", "勾稽",
               "第三项加第四项")


def _header(key: str) -> bool:
    return key in ("总计", "其他", "小计") or any(word in key for word in HEADER_KEYS)


def _overflows(segment: Segment, token: Token, row_mode: bool, width: int) -> bool:
    filled = sum(v.kind is Kind.NUM for v in segment.values) if not row_mode else len(segment.values)
    if row_mode:
        return filled >= width and token.line != segment.lines[-1]
    return token.kind is Kind.NUM and filled >= width


def read_applications(tokens: list[Token], row_mode: bool, *, fmt: str, truncated: bool, apps: dict) -> TableResult:
    rows = ROWS_2021 if fmt == "2021" else ROWS_2019
    result = TableResult()
    tokens = without_loose_numbers(tokens, result.findings, truncated)
    segments, headers = _segments(tokens, rows, row_mode, 7)
    width, drop_at = 7, None
    if "小计" in headers:
        width, drop_at = 8, _subtotal_position(headers)
        segments, _ = _segments(tokens, rows, row_mode, 8)
    result.found = bool(segments)
    if not truncated and _all_blank(tokens, segments, rows):
        return _blank_table(rows, fmt, apps, result)
    segments, doubtful = cut_in_a_block(segments) if truncated else (segments, [])
    readings, findings, apart = _segment_readings(tokens, segments, rows, width, drop_at, truncated)
    for index in doubtful:
        readings[index] = RowReading([None] * width, problem="报告在行名与数字分开的几行中中断，数字属于哪一行不定")
    last_index = max((s.index for s in segments if s.index is not None), default=-1)
    # where the text stops in a row (not where a label follows it), the cut may have taken its other figures
    stopped = [s for s in segments if s.index == last_index and truncated and stops_in(s.values, tokens, s.lines)]
    zeros = _zeros_short(segments, findings, width) - {s.index for s in stopped}
    # Where every row was read beside its label, that reading stands (rows in an agency's own order included).
    # Else PDF text may have torn labels from numbers: the numbers along the template's rows (spine.py), first
    # where they fill the rows exactly (or with digits run together), then — when labels could not place them —
    # with rows short of numbers left unreadable. A report cut short is read label by label only.
    clean = not _torn(readings, findings) and all(r is not None and r.problem is None for r in readings)
    spine = None if truncated or clean else _along_template(tokens, rows, width, drop_at, ("exact", "split"))
    if spine is None and not truncated and _unplaced(findings):
        spine = _along_template(tokens, rows, width, drop_at, ("short",))
    if spine is not None:
        readings = _confirmed(spine, readings, _row_check(width, drop_at))
    else:
        result.findings += findings
        if not clean:  # in a cut text, only a row that ran on into numbers of no row (a page number among its)
            torn = apart & overflowing(segments) if truncated else apart
            readings = torn_rows_that_add_up(readings, torn, _row_check(width, drop_at))

    for index in zeros:
        if readings[index] is None or readings[index].problem:
            readings[index] = RowReading([0] * width, note="数字少于列数且均为0（空白单元格被略去），全部按0计")
    for index, (key, _name) in enumerate(rows):
        reading = readings[index]
        if reading is None:
            apps[key] = dict.fromkeys(COLUMNS)
            continue
        if width == 8 and reading.cells[0] is not None and len(reading.cells) == 8:
            reading = _drop_subtotal(reading, drop_at, key, result.findings)
        _store_row(apps, key, reading, result.findings)
        result.blanks += [("applications", key, COLUMNS[i]) for i in reading.blanks]
    _report_missing_rows(apps, rows, last_index, truncated, result)
    if fmt == "2019":
        # the 2021 rows the 2019 table has not: none — where the text reached the rows around them at all (not
        # in a page cut in (四))
        reached = result.found and any(v is not None for k in ("other.other", "total", "carried_out")
                                       for v in apps[k].values())
        for key in ("other.no_supplement", "other.fee_unpaid"):
            apps[key] = dict.fromkeys(COLUMNS, 0 if reached else None)
    return result


def _all_blank(tokens: list[Token], segments: list[Segment], rows) -> bool:
    """表三 is there — nearly every row's label found — yet holds no figure: a table printed with every cell
    blank, whose text (pdftotext, a crawled page) keeps the labels and drops the empty cells."""
    found = {s.index for s in segments if s.index is not None}
    return len(found) >= len(rows) - 2 and not any(t.is_value for t in tokens)


def _blank_table(rows, fmt: str, apps: dict, result: TableResult) -> TableResult:
    keys = [key for key, _name in rows] + (["other.no_supplement", "other.fee_unpaid"] if fmt == "2019" else [])
    for key in keys:
        apps[key] = dict.fromkeys(COLUMNS, 0)
    result.blanks += [("applications", key, col) for key, _name in rows for col in COLUMNS]
    result.findings.append(
        Finding("blank_cell", Severity.INFO, "表三各行均无数字（整张表空白），全部单元格按0计", "表三")
    )
    return result


def _zeros_short(segments: list[Segment], findings: list[Finding], width: int) -> set[int]:
    """Rows that show fewer figures than cells, every one 0: text that drops empty cells (“0 0 0 0 0” for seven)
    leaves them 0 wherever the blanks were — where no figure of the table is under no row or over a row's cells,
    so none of theirs can have gone elsewhere."""
    if _unplaced(findings) or any(sum(t.kind is Kind.NUM for t in s.values) > width for s in segments):
        return set()
    return {s.index for s in segments if s.index is not None
            and 0 < len(numbers := [t for t in s.values if t.kind is Kind.NUM]) < width
            and all(t.text == "0" for t in numbers)}


def _segment_readings(tokens, segments, rows, width, drop_at, truncated) -> tuple[list[RowReading | None], list,
                                                                                   set[int]]:
    """Each row read from the numbers after its label (None: no numbers found for it), what was found, and the
    rows whose numbers are not on their label's line (or whose label was lost)."""
    findings: list[Finding] = []
    assigned, strays = assign(segments, rows, findings)
    at_end = _numbers_at_end(tokens, width)
    readings: list[RowReading | None] = []
    apart: set[int] = set()
    for index in range(len(rows)):
        segment = assigned.get(index)
        if segment is None:
            readings.append(None)
            continue
        if not segment.label or any(line != segment.lines[0] for line in segment.lines):
            apart.add(index)
        is_last = truncated and segment is segments[-1] and stops_in(segment.values, tokens, segment.lines)
        values = _number_area(segment.values, width) if at_end else segment.values
        readings.append(read_row(values, width, check=_row_check(width, drop_at), truncated=is_last, drop_at=drop_at))
    for start in strays:
        distrust_between(readings, start, width)
    return readings, findings, apart


def _confirmed(spine: list[RowReading], by_label: list[RowReading | None], check) -> list[RowReading]:
    """A row of the spine that does not add up is kept (the agency's error) only where its label gave the same
    numbers; otherwise the cut may be off by a number that text extraction moved, and the row is unreadable."""
    out = []
    for along, labelled in zip(spine, by_label, strict=True):
        cells = along.cells
        if None in cells or not all(isinstance(c, int) for c in cells) or check(cells):
            out.append(along)
        elif labelled is not None and labelled.problem is None and labelled.cells == cells:
            out.append(along)
        else:
            shown = " ".join(str(c) for c in cells)
            problem = f"行名与数字分离，按模板行序读到的“{shown}”不符合本行勾稽关系，可能有数字错位"
            out.append(RowReading([None] * len(cells), problem=problem))
    return out


def _unplaced(findings: list[Finding]) -> bool:
    """Numbers the labels could not place: a group of numbers under no row, or rows placed by order alone."""
    return any(f.code == "lost_label" or (f.code == "unreadable" and "不属于任何一行" in f.message) for f in findings)


def _torn(readings: list[RowReading | None], findings: list[Finding]) -> bool:
    """Signs that labels and numbers were torn apart: rows without numbers, numbers without a row."""
    return any(r is None or (r.problem and "（无数字）" in r.problem) for r in readings) or _unplaced(findings)


def _along_template(tokens: list[Token], rows, width: int, drop_at: int | None, modes) -> list[RowReading] | None:
    """The table's number cells cut into the template's rows in order, where that cut is the only one (spine.py)."""
    header_lines = _header_lines(tokens)
    kept = [t for t in tokens if t.line not in header_lines]
    first = next((i for i, t in enumerate(kept) if t.kind is Kind.NUM), None)
    if first is None:
        return None
    last = max(i for i, t in enumerate(kept) if t.kind is Kind.NUM)
    values = [t for t in kept[first : last + 1] if t.is_value]
    labels = [t for t in kept if t.kind is Kind.LABEL]
    last_label = max((i for i, t in enumerate(kept) if t.kind is Kind.LABEL), default=-1)
    trailing = sum(t.is_value for t in kept[last_label + 1 : last + 1]) if last_label > first else 0
    check = _row_check(width, drop_at)
    found = align(values, labels, rows, width, check, modes)
    if found is None and "exact" in modes and len(values) == len(rows) * width + 1:
        return without_page_number(values, labels, rows, width, check, kept)
    if found is not None and "exact" in modes and trailing and any(not adds_up(r.cells, check) for r in found):
        return put_back(values, trailing, width, check, found) or found
    return found


def _numbers_at_end(tokens: list[Token], width: int) -> bool:
    """In a tab or pipe table, whether every complete row has its numbers in the row's last `width` cells."""
    numbers: dict[int, list[int]] = {}
    for token in tokens:
        if token.kind is Kind.NUM:
            numbers.setdefault(token.line, []).append(token.from_end)
    complete = [ends for ends in numbers.values() if len(ends) == width]
    expected = list(range(width, 0, -1))
    return len(complete) >= 3 and all(ends == expected for ends in complete)


def _number_area(values: list[Token], width: int) -> list[Token]:
    """A one-line row with blank cells: its last `width` cells, where the table's other rows put their numbers."""
    if not any(v.kind is Kind.BLANK for v in values) or len({v.line for v in values}) != 1:
        return values
    area = [v for v in values if 0 < v.from_end <= width]
    return area if len(area) == width and {v.from_end for v in area} == set(range(1, width + 1)) else values


def _subtotal_position(headers: list[str]) -> int:
    order = [h for h in headers if h in ("商业企业", "小计")]
    return 1 if order and order[0] == "小计" else 6


def _row_check(width: int, drop_at: int | None):
    if width == 7:
        return sums_to_last

    def check(values):
        cells = list(values)
        subtotal = cells.pop(drop_at)
        return sums_to_last(cells) and subtotal == sum(cells[1:6])

    return check


def _drop_subtotal(reading: RowReading, drop_at: int, key: str, findings: list[Finding]) -> RowReading:
    cells = list(reading.cells)
    subtotal = cells.pop(drop_at)
    blanks = [b - (b > drop_at) for b in reading.blanks if b != drop_at]
    orgs = cells[1:6]
    if None not in orgs and subtotal is not None and subtotal != sum(orgs):
        findings.append(
            Finding(
                "column_sum",
                Severity.ERROR,
                f"“{ROW_NAMES[key]}”一行：法人或其他组织五类之和为{sum(orgs)}，但“小计”填写{subtotal}（模板无小计列）",
                where_applications(key),
            )
        )
    return RowReading(cells, blanks, reading.problem, reading.note)


def _store_row(apps: dict, key: str, reading: RowReading, findings: list[Finding]) -> None:
    row = {}
    for col, value in zip(COLUMNS, reading.cells, strict=True):
        if value is not None and (not isinstance(value, int) or value < 0):
            findings.append(
                Finding(
                    "counts",
                    Severity.ERROR,
                    f"{where_applications(key, col)}应为非负整数，实际为{value}",
                    where_applications(key, col),
                )
            )
            value = None
        row[col] = value
    apps[key] = row
    if reading.blanks:
        names = "、".join(COLUMN_LABELS[COLUMNS[i]] for i in reading.blanks)
        findings.append(
            Finding(
                "blank_cell",
                Severity.INFO,
                f"“{ROW_NAMES[key]}”一行以下单元格空白，按0计：{names}",
                where_applications(key),
            )
        )
    if reading.problem:
        findings.append(
            Finding(
                "unreadable",
                Severity.WARNING,
                f"“{ROW_NAMES[key]}”一行无法读取：{reading.problem}",
                where_applications(key),
            )
        )
    if reading.note:
        findings.append(
            Finding("parse_note", Severity.INFO, f"“{ROW_NAMES[key]}”一行：{reading.note}", where_applications(key))
        )


def _report_missing_rows(apps: dict, rows, last_index: int, truncated: bool, result: TableResult) -> None:
    missing = [key for key, _ in rows if all(v is None for v in apps[key].values()) and key in apps]
    unreported = [
        k for k in missing if not any(f.where and f.where.startswith(where_applications(k)) for f in result.findings)
    ]
    if not unreported:
        return
    if not result.found:
        message = "未找到表三（收到和处理政府信息公开申请情况），全部单元格无法读取"
    else:
        names = "、".join(ROW_NAMES[k] for k in unreported)
        cause = "报告在表三中途中断" if truncated else "未找到这些行"
        message = f"表三以下各行无法读取（{cause}）：{names}"
    result.findings.append(Finding("unreadable", Severity.WARNING, message, "表三"))
