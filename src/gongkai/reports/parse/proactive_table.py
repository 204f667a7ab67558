"""表二 of a report (主动公开政府信息情况), 2021 or 2019 format, read from a token stream."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.statute.report import DECISION_LABELS, DOCUMENT_COLUMNS, DOCUMENT_KIND_LABELS, Finding, Severity

from .cells import RowReading, read_row
from .normalize import label_key
from .tables import TableResult
from .tokens import Kind, Token, stops_in

PROACTIVE_ROWS = (
    # (key, words any of which identifies the row label, cells in 2021, cells in 2019, index kept in 2019)
    ("other_services", ("对外管理服务",), 0, 3, None),
    ("procurement", ("集中采购",), 0, 2, None),
    ("other_documents", ("其他主动公开",), 0, 3, None),
    ("regulations", ("规章",), 3, 3, 0),
    ("normative_documents", ("规范性文件", "规范性档案", "规范性"), 3, 3, 0),
    ("licensing", ("行政许可",), 1, 3, 2),
    ("penalty", ("行政处罚",), 1, 3, 2),
    ("coercion", ("行政强制",), 1, 3, 2),
    ("fees_10k_yuan", ("事业性收费", "事业型收费", "行政事业收费"), 1, 2, None),  # 型: a typo seen on a page
)
UNMAPPED_NAMES = {
    "other_services": "其他对外管理服务事项",
    "procurement": "政府集中采购",
    "other_documents": "其他主动公开文件",
}
# Column headings of 表二 (both formats): they never end a row.
COLUMN_WORDS = (
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "处理决定数量",
    "本年收费金额",
    "新制作数量",
    "新公开数量",
    "对外公开总数量",
    "上一年项目数",  # 上一年项目数量, or with its 量 lost
    "本年增",
    "采购项目数量",
    "采购总金额",
)


def proactive_row(key: str):
    for row in PROACTIVE_ROWS:
        if any(word in key for word in row[1]) and not (row[0] == "regulations" and "规范" in key):
            return row
    return None


# Words only one format's column headings have: a block's own header (from its 信息内容 or 第二十条 on) says how
# many cells its rows have — a 2021 report may keep the 2019 columns for 规章 and give 许可 one value.
BLOCK_WORDS_2019 = (
    "新制作数量", "新公开数量", "对外公开总数量", "上一年项目数", "本年增", "增/减", "增减", "采购项目数量",
    "采购总金额",
)
BLOCK_WORDS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "处理决定数量", "本年收费金额")
# The 2019 rows of 上一年项目数量, 本年增/减, 处理决定数量
CHANGE_ROWS = ("licensing", "other_services", "penalty", "coercion")


@dataclass
class FoundRow:
    values: list[Token] = field(default_factory=list)
    fmt: str | None = None  # the format its block's own header names; None where the block shows no header
    line: int = -1  # the line its label stands on


@dataclass
class Scan:
    rows: dict[str, FoundRow] = field(default_factory=dict)
    orphans: list[Token] = field(default_factory=list)  # figures under no row's label
    unlabelled: list[Token] = field(default_factory=list)  # figures before any row's label
    heading_lines: set[int] = field(default_factory=set)  # lines with a label that is no row's


def read_proactive(tokens: list[Token], *, fmt: str, truncated: bool, proactive) -> TableResult:
    result = TableResult()
    scan = _scan(tokens)
    _restore_lost_labels(scan, result.findings)
    found = scan.rows
    result.found = bool(found)
    blanks_dropped = not truncated and not scan.orphans and _none_over(found, fmt)
    rows_a_line = not truncated and _rows_a_line(scan) and _none_over(found, fmt)
    # the row the text stops in: the last found, where the text stops in it
    last_key = next(reversed(found), None) if found else None
    if last_key and not stops_in(found[last_key].values, tokens, [found[last_key].line]):
        last_key = None
    for key, _words, _n2021, _n2019, _keep in PROACTIVE_ROWS:
        if key in UNMAPPED_NAMES:
            if key in found:
                result.findings.append(
                    Finding(
                        "format_unmapped",
                        Severity.INFO,
                        f"表二“{UNMAPPED_NAMES[key]}”一行不在2021年格式中，未计入",
                        "表二",
                    )
                )
            continue
        if key not in found:
            _set_proactive(proactive, key, [None] * 3, fmt)
            continue
        row_fmt = found[key].fmt or fmt
        reading = _read_found_row(key, found[key], row_fmt, blank=blanks_dropped or rows_a_line,
                                  truncated=truncated and key == last_key)
        _proactive_findings(key, reading, fmt, result.findings)
        _set_proactive(proactive, key, _kept_cells(key, reading.cells, row_fmt), row_fmt, result.findings)
    missing = [key for key, *_ in PROACTIVE_ROWS if key not in found and key not in UNMAPPED_NAMES]
    if missing:
        names = "、".join(_proactive_name(k) for k in missing)
        message = "未找到表二（主动公开政府信息情况）" if not found else f"表二未找到以下各行：{names}"
        if not found and any(t.kind is Kind.LABEL and ("第二十条" in t.text or label_key(t.text) in COLUMN_WORDS)
                             for t in tokens):
            message = "未找到表二（主动公开政府信息情况）的各行，只见表头"  # a page cut in its header
        result.findings.append(Finding("unreadable", Severity.WARNING, message + "，相应单元格无法读取", "表二"))
    return result


def _scan(tokens: list[Token]) -> Scan:
    """Each row's figures, and the format its block's header names, in the order the rows come."""
    scan = Scan()
    current: list[Token] | None = None
    header: list[str] | None = None  # the block header being read, until its first row
    block_fmt: str | None = None
    for token in tokens:
        if token.kind is Kind.LABEL:
            key = label_key(token.text)
            row = row_of_label(token.text)
            if row is None:
                if "第二十条" in key or key.startswith("信息内容"):
                    header, block_fmt = [], None  # a new block: its rows are counted by its own header
                if header is not None:
                    header.append(key)
                scan.heading_lines.add(token.line)
                if len(key) <= 2 or any(word in key for word in COLUMN_WORDS):
                    # a column heading between a row's label and its number (PDF text), or a character or two of
                    # one that OCR put in the row's cell (“行政强制 | 制 | 7”): the row goes on
                    continue
                current = None
                continue
            if header is not None:
                block_fmt, header = _block_format("".join(header)), None
            current = None
            if row[0] not in scan.rows:
                scan.rows[row[0]] = FoundRow(fmt=block_fmt, line=token.line)
                current = scan.rows[row[0]].values
        elif current is not None:
            current.append(token)
        elif token.kind is Kind.NUM:
            scan.orphans.append(token)
            if not scan.rows:
                scan.unlabelled.append(token)
    return scan


def row_of_label(text: str):
    """The row a label names: by the words before its colon where it goes on with a definition
    (“行政处罚:指…不同于行政许可”), else by its words."""
    head, colon, _definition = text.partition(":")
    named = proactive_row(label_key(head)) if colon else None
    return named or proactive_row(label_key(text))


def _block_format(header: str) -> str | None:
    if any(word in header for word in BLOCK_WORDS_2019):
        return "2019"  # 2019's 许可 header names 处理决定数量 too, after 上一年项目数量 and 本年增/减
    if any(word in header for word in BLOCK_WORDS_2021):
        return "2021"
    return None


def _restore_lost_labels(scan: Scan, findings: list[Finding]) -> None:
    """Figures before any row's label, where only the first row of 第二十条第（一）项 can be missing."""
    unlabelled, found = scan.unlabelled, scan.rows
    first = next(iter(found), None)
    if len(unlabelled) != 3 or first != "normative_documents":
        return
    # the first row, its label cell left blank: 规章, by the template's order
    scan.rows = {"regulations": FoundRow(unlabelled, found[first].fmt), **found}
    scan.orphans = scan.orphans[len(unlabelled) :]
    findings.append(Finding("lost_label", Severity.INFO, "表二第一行的行名空白，按模板行序认定为“规章”", "表二 · 规章"))


def _cells(key: str, fmt: str) -> int:
    row = next(r for r in PROACTIVE_ROWS if r[0] == key)
    return row[3] if fmt == "2019" else row[2]


def _read_found_row(key: str, row: FoundRow, fmt: str, *, blank: bool, truncated: bool) -> RowReading:
    n = _cells(key, fmt)
    if blank and not any(t.is_value for t in row.values):
        # a row printed blank, in text that drops empty cells or a row a line: no figure anywhere could be this row's
        return RowReading([0] * n, blanks=list(range(n)))
    if fmt == "2019" and key in CHANGE_ROWS and (pinned := _pinned_by_sign(row.values, truncated)):
        return pinned
    values, shared = _one_number_a_cell(row.values, n)
    reading = read_row(values, n, truncated=truncated)
    if not shared:
        return reading
    cells = [None if i in shared else cell for i, cell in enumerate(reading.cells)]
    kept = _kept_positions(key, fmt, n)
    problem = reading.problem
    if not problem and any(i in kept for i in shared):
        problem = "第" + "、".join(str(i + 1) for i in shared if i in kept) + "格写有两个数字，无法读取"
    return RowReading(cells, reading.blanks, problem, reading.note)


def _pinned_by_sign(values: list[Token], truncated: bool) -> RowReading | None:
    """A 2019 row of 上一年项目数量, 本年增/减, 处理决定数量 that shows two figures, one of them signed (“19” “+4”):
    the signed one is 本年增/减, which places the other; the third cell was left empty (or the text stops)."""
    nums = [t for t in values if t.kind is Kind.NUM]
    if len(nums) != 2 or any(t.kind is Kind.BLANK for t in values) or [t.signed for t in nums].count(True) != 1:
        return None
    first, second = (int(t.text) if t.text.lstrip("-").isdigit() else None for t in nums)
    if first is None or second is None:
        return None
    if nums[1].signed:
        if truncated:
            return RowReading([first, second, None], problem="报告在此处中断，其后单元格无法读取")
        return RowReading([first, second, 0], blanks=[2])
    return RowReading([0, first, second], blanks=[0])


def _one_number_a_cell(values: list[Token], n: int) -> tuple[list[Token], list[int]]:
    """A row with one figure too many where a cell of a tab or “|” row holds two (the 2019 增/减 column written
    “+(0) -(0)”): that cell counted once, its position returned — its value is not known."""
    nums = [t for t in values if t.kind is Kind.NUM]
    if len(nums) <= n:
        return values, []
    merged: list[Token] = []
    shared: list[int] = []
    for token in values:
        before = merged[-1] if merged else None
        if (token.kind is Kind.NUM and before is not None and before.kind is Kind.NUM and token.separated
                and before.separated and (token.line, token.from_end) == (before.line, before.from_end)):
            position = sum(t.kind is Kind.NUM for t in merged) - 1
            shared += [] if position in shared else [position]
            continue
        merged.append(token)
    if sum(t.kind is Kind.NUM for t in merged) != n:
        return values, []
    return merged, shared


def _kept_positions(key: str, fmt: str, n: int) -> list[int]:
    """The cells of a row the schema keeps: in 2019, 新制作数量 of 规章 and 处理决定数量 of 许可/处罚/强制."""
    if key in UNMAPPED_NAMES:
        return []
    keep = next(r[4] for r in PROACTIVE_ROWS if r[0] == key)
    if fmt == "2019":
        return [keep] if keep is not None else []
    return list(range(n))


def _kept_cells(key: str, cells: list, fmt: str) -> list:
    keep = next(r[4] for r in PROACTIVE_ROWS if r[0] == key)
    if fmt == "2019" and keep is not None and key not in ("regulations", "normative_documents"):
        return [cells[keep]]
    return cells


def _rows_a_line(scan: Scan) -> bool:
    """The table is written a row a line (each row's figures on its label's line) and every figure no row owns
    stands on a heading's or caption's line: a row whose own line shows no figure is blank there."""
    figured = [row for row in scan.rows.values() if any(t.kind is Kind.NUM for t in row.values)]
    if len(figured) < 2 or not all(t.line in scan.heading_lines for t in scan.orphans):
        return False
    return all(next(t for t in row.values if t.kind is Kind.NUM).line == row.line for row in figured)


def _none_over(found: dict[str, FoundRow], fmt: str) -> bool:
    """No row holds more figures than it has cells: none was torn from a row left empty."""
    for key, row in found.items():
        n = _cells(key, row.fmt or fmt)
        if sum(t.kind is Kind.NUM for t in _one_number_a_cell(row.values, n)[0]) > n:
            return False
    return True


def _proactive_name(key: str) -> str:
    return DOCUMENT_KIND_LABELS.get(key) or DECISION_LABELS.get(key) or "行政事业性收费"


def _proactive_findings(key: str, reading: RowReading, fmt: str, findings: list[Finding]) -> None:
    where = f"表二 · {_proactive_name(key)}"
    if reading.blanks:
        findings.append(
            Finding("blank_cell", Severity.INFO, f"表二“{_proactive_name(key)}”一行有空白单元格，按0计", where)
        )
    if reading.problem:
        findings.append(
            Finding(
                "unreadable", Severity.WARNING, f"表二“{_proactive_name(key)}”一行无法读取：{reading.problem}", where
            )
        )


def _set_proactive(proactive, key: str, cells: list, fmt: str, findings: list[Finding] | None = None) -> None:
    def valid(value, fee=False):
        if value is None:
            return None
        if (not fee and not isinstance(value, int)) or value < 0:
            if findings is not None:
                findings.append(
                    Finding(
                        "counts",
                        Severity.ERROR,
                        f"表二“{_proactive_name(key)}”一行数字{value}不是非负" + ("数" if fee else "整数"),
                        f"表二 · {_proactive_name(key)}",
                    )
                )
            return None
        return float(value) if fee else value

    if key in ("regulations", "normative_documents"):
        counts = getattr(proactive, key)
        if fmt == "2019":
            counts.issued = valid(cells[0])
            counts.repealed = counts.in_force = None
            if findings is not None:
                findings.append(
                    Finding(
                        "format_unmapped",
                        Severity.INFO,
                        f"表二“{_proactive_name(key)}”为2019年格式（新制作/新公开/对外公开总数），“本年新制作数量”计为本年制发件数，"
                        "本年废止件数、现行有效件数无对应数据",
                        f"表二 · {_proactive_name(key)}",
                    )
                )
            return
        for col, value in zip(DOCUMENT_COLUMNS, cells, strict=False):
            setattr(counts, col, valid(value))
        return
    if key == "fees_10k_yuan":
        if fmt == "2019":
            proactive.fees_10k_yuan = None
            if findings is not None:
                findings.append(
                    Finding(
                        "format_unmapped",
                        Severity.INFO,
                        "表二“行政事业性收费”为2019年格式（项目数量、增减），无本年收费金额",
                        "表二 · 行政事业性收费",
                    )
                )
            return
        proactive.fees_10k_yuan = valid(cells[0], fee=True)
        return
    setattr(proactive, key, valid(cells[0]))
