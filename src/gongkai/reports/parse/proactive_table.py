"""表二 of a report (主动公开政府信息情况), 2021 or 2019 format, read from a token stream."""

from __future__ import annotations

from gongkai.statute.report import DECISION_LABELS, DOCUMENT_COLUMNS, DOCUMENT_KIND_LABELS, Finding, Severity

from .cells import RowReading, read_row
from .normalize import label_key
from .tables import TableResult
from .tokens import Kind, Token

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
    ("fees_10k_yuan", ("事业性收费",), 1, 2, None),
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
    "上一年项目数量",
    "本年增",
    "采购项目数量",
    "采购总金额",
)


def proactive_row(key: str):
    for row in PROACTIVE_ROWS:
        if any(word in key for word in row[1]) and not (row[0] == "regulations" and "规范" in key):
            return row
    return None


def read_proactive(tokens: list[Token], *, fmt: str, truncated: bool, proactive) -> TableResult:
    result = TableResult()
    found: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    orphans = 0  # figures under no row's label
    unlabelled: list[Token] = []  # figures before any row's label
    for token in tokens:
        if token.kind is Kind.LABEL:
            key = label_key(token.text)
            row = proactive_row(key)
            if row is None and (len(key) <= 2 or any(word in key for word in COLUMN_WORDS)):
                # a column heading between a row's label and its number (PDF text), or a character or two of
                # one that OCR put in the row's cell (“行政强制 | 制 | 7”): the row goes on
                continue
            current = found.setdefault(row[0], []) if row and row[0] not in found else None
        elif current is not None:
            current.append(token)
        elif token.kind is Kind.NUM:
            orphans += 1
            if not found:
                unlabelled.append(token)
    if len(unlabelled) == 3 and next(iter(found), None) == "normative_documents":
        # the first row of 第二十条第（一）项, its label cell left blank: 规章, by the template's order
        found = {"regulations": unlabelled, **found}
        orphans -= len(unlabelled)
        result.findings.append(
            Finding("lost_label", Severity.INFO, "表二第一行的行名空白，按模板行序认定为“规章”", "表二 · 规章")
        )
    result.found = bool(found)
    blanks_dropped = not truncated and not orphans and _none_over(found, fmt)
    last_key = next(reversed(found), None) if found else None
    for key, _words, n2021, n2019, keep in PROACTIVE_ROWS:
        n = n2019 if fmt == "2019" else n2021
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
        if blanks_dropped and not any(t.is_value for t in found[key]):
            # a row printed blank, in text that drops empty cells: no figure anywhere could be this row's
            reading = RowReading([0] * n, blanks=list(range(n)))
        else:
            reading = read_row(found[key], n, truncated=truncated and key == last_key)
        _proactive_findings(key, reading, fmt, result.findings)
        cells = reading.cells
        if fmt == "2019":
            cells = [cells[keep]] if keep is not None and key not in ("regulations", "normative_documents") else cells
        _set_proactive(proactive, key, cells, fmt, result.findings)
    missing = [key for key, *_ in PROACTIVE_ROWS if key not in found and key not in UNMAPPED_NAMES]
    if missing:
        names = "、".join(_proactive_name(k) for k in missing)
        message = "未找到表二（主动公开政府信息情况）" if not found else f"表二未找到以下各行：{names}"
        result.findings.append(Finding("unreadable", Severity.WARNING, message + "，相应单元格无法读取", "表二"))
    return result


def _none_over(found: dict[str, list[Token]], fmt: str) -> bool:
    """No row holds more figures than it has cells: none was torn from a row left empty."""
    cells = {key: (n2019 if fmt == "2019" else n2021) for key, _w, n2021, n2019, _k in PROACTIVE_ROWS}
    return all(sum(t.kind is Kind.NUM for t in values) <= cells[key] for key, values in found.items())


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
