"""Table 四 of a report (行政复议 and 行政诉讼, five groups of five cells), read from a token stream."""

from __future__ import annotations

import re

from gongkai.statute.report import APPEAL_COLUMNS, APPEAL_GROUPS, Finding, Severity, where_appeals

from .cells import RowReading, groups_of_five, read_row
from .normalize import label_key
from .tables import TableResult
from .tokens import Kind, Token


def read_appeals(tokens: list[Token], *, truncated: bool, appeals: dict) -> TableResult:
    result = TableResult()
    last_label = max((i for i, t in enumerate(tokens) if t.kind is Kind.LABEL), default=-1)
    width = len(APPEAL_GROUPS) * len(APPEAL_COLUMNS)
    # the empty cells a header row is padded with (“| 复议后起诉 |  |  |”) are no cells of the figures' row
    headers = {t.line for t in tokens if t.kind is Kind.LABEL} - {t.line for t in tokens if t.kind is Kind.NUM}
    kept = [(i, t) for i, t in enumerate(tokens) if t.is_value and not (t.kind is Kind.BLANK and t.line in headers)]
    values = [t for i, t in kept if i > last_label]
    everything = [t for _, t in kept]
    if not any(v.kind is Kind.NUM for v in values) or (len(values) < width and len(everything) == width):
        # PDF text puts 行政复议's five numbers before 行政诉讼's headers: the table's numbers are all of them.
        values = everything
    if truncated and not any(v.kind is Kind.NUM for v in values):
        values = []  # the text stops before the figures: the empty cells of its header rows are none of them
    result.found = bool(values)
    if not values and not truncated and _only_the_header(tokens):
        # the table printed with every cell blank: text keeps its headings and drops the empty cells
        reading = RowReading([0] * width, blanks=list(range(width)))
    elif not values:
        reading = RowReading([None] * width, problem="未找到表四的数字")
    elif not truncated and len(everything) < width and all(v.text in ("0", "") for v in everything):
        # fewer figures than cells, every one 0: text that drops empty cells; the row is 0 wherever they were
        reading = RowReading([0] * width, note="数字少于单元格数且均为0（空白单元格被略去），全部按0计")
    else:
        stops_in_row = truncated and values[-1].line >= tokens[-1].line
        reading = read_row(values, width, check=groups_of_five, truncated=stops_in_row)
    cells = iter(reading.cells)
    columns = [(group, col) for group in APPEAL_GROUPS for col in APPEAL_COLUMNS]
    result.blanks += [("appeals", *columns[i]) for i in reading.blanks]
    for group in APPEAL_GROUPS:
        appeals[group] = {}
        for col in APPEAL_COLUMNS:
            value = next(cells)
            if value is not None and (not isinstance(value, int) or value < 0):
                result.findings.append(
                    Finding(
                        "counts",
                        Severity.ERROR,
                        f"{where_appeals(group, col)}应为非负整数，实际为{value}",
                        where_appeals(group, col),
                    )
                )
                value = None
            appeals[group][col] = value
    if reading.blanks:
        result.findings.append(
            Finding("blank_cell", Severity.INFO, f"表四有{len(reading.blanks)}个单元格空白，按0计", "表四")
        )
    if reading.problem:
        result.findings.append(Finding("unreadable", Severity.WARNING, f"表四无法读取：{reading.problem}", "表四"))
    if reading.note:
        result.findings.append(Finding("parse_note", Severity.INFO, f"表四：{reading.note}", "表四"))
    return result


def _only_the_header(tokens: list[Token]) -> bool:
    """The region holds 表四's whole header and nothing else: every heading of the national template is there
    (行政复议, 行政诉讼, its two groups and the five result columns), and no label but a heading, a unit or the
    table's own title — a sentence, or the next section's text run on where its heading was not found, is not a
    table printed blank."""
    joined = "".join(label_key(t.text) for t in tokens if t.kind is Kind.LABEL)  # a heading a line break cut
    return all(word in joined for word in HEADER_WORDS) and not _without_headings(joined)


# 表四's headings in the national template (two groups under 行政诉讼, five result columns under each group).
HEADER_WORDS = (
    "未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
)
# What else a header line may carry: a unit, the table's number or its title (政府信息公开行政复议、行政诉讼情况).
HEADER_EXTRAS = re.compile(r"单位|件|表四|表|政府信息公开|情况|和|及")


def _without_headings(label: str) -> str:
    for word in HEADER_WORDS:
        label = label.replace(word, "")
    return HEADER_EXTRAS.sub("", label)
