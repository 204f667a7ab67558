"""The national template's tables (国办公开办函〔2021〕30号) as grids of cells with rowspan/colspan.

One layout, shared by the HTML and .docx renderers, so both print the same merged header cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.statute.outcomes import GROUP_LABELS, OUTCOMES, Group
from gongkai.statute.report import (
    APPEAL_COLUMN_LABELS,
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    COLUMN_LABELS,
    COLUMNS,
    DOCUMENT_COLUMN_LABELS,
    DOCUMENT_COLUMNS,
    DOCUMENT_KIND_LABELS,
    DOCUMENT_KINDS,
    Report,
)

BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    number: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    rows: list[list[Cell]]
    width: int  # number of grid columns

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def header_rows(self) -> int:
        """The leading rows made only of header cells: printed again at the top of every page the table spans."""
        count = 0
        for row in self.rows:
            if not row or not all(cell.header for cell in row):
                break
            count += 1
        return count

    @property
    def head(self) -> list[list[Cell]]:
        return self.rows[:self.header_rows]

    @property
    def body(self) -> list[list[Cell]]:
        return self.rows[self.header_rows:]


def _n(value) -> Cell:
    if isinstance(value, float):
        text = f"{value:.4f}".rstrip("0").rstrip(".") or "0"
    else:
        text = "" if value is None else str(value)
    return Cell(text, number=True)


def _h(text, rowspan=1, colspan=1) -> Cell:
    return Cell(text, rowspan, colspan, header=True)


def article20_tables(report: Report) -> list[Table]:
    p = report.proactive
    docs = [[_h("信息内容"), *(_h(DOCUMENT_COLUMN_LABELS[c]) for c in DOCUMENT_COLUMNS)]]
    for kind in DOCUMENT_KINDS:
        counts = getattr(p, kind)
        docs.append([Cell(DOCUMENT_KIND_LABELS[kind]), *(_n(getattr(counts, c)) for c in DOCUMENT_COLUMNS)])
    decision_head = [_h("信息内容"), _h("本年处理决定数量", colspan=3)]
    return [
        Table("第二十条第（一）项", docs, 4),
        Table("第二十条第（五）项", [decision_head, [Cell("行政许可"), Cell(_n(p.licensing).text, colspan=3,
                                                                             number=True)]], 4),
        Table("第二十条第（六）项", [decision_head,
                                     [Cell("行政处罚"), Cell(_n(p.penalty).text, colspan=3, number=True)],
                                     [Cell("行政强制"), Cell(_n(p.coercion).text, colspan=3, number=True)]], 4),
        Table("第二十条第（八）项", [
            [_h("信息内容"), _h("本年收费金额（单位：万元）", colspan=3)],
            [Cell("行政事业性收费"), Cell(_n(p.fees_10k_yuan).text, colspan=3, number=True)]], 4),
    ]


def _values(report: Report, key: str) -> list[Cell]:
    return [_n(report.applications[key][c]) for c in COLUMNS]


def applications_table(report: Report) -> Table:
    """表三: 3 header rows, 一 and 二, 22 rows under 三, then 四 — 10 grid columns (3 label + 7 numbers)."""
    rows: list[list[Cell]] = [
        [_h(BALANCE_NOTE, rowspan=3, colspan=3), _h("申请人情况", colspan=7)],
        [_h(COLUMN_LABELS["natural_person"], rowspan=2), _h("法人或其他组织", colspan=5),
         _h(COLUMN_LABELS["total"], rowspan=2)],
        [_h(COLUMN_LABELS[c]) for c in COLUMNS[1:6]],
        [Cell("一、本年新收政府信息公开申请数量", colspan=3), *_values(report, "new")],
        [Cell("二、上年结转政府信息公开申请数量", colspan=3), *_values(report, "carried_in")],
    ]
    group_sizes = {g: sum(1 for o in OUTCOMES if o.group is g) for g in Group}
    first = True
    for outcome in OUTCOMES:
        row: list[Cell] = []
        if first:
            row.append(Cell("三、本年度办理结果", rowspan=len(OUTCOMES) + 1))
            first = False
        if outcome.number == 0:
            row.append(Cell(GROUP_LABELS[outcome.group], colspan=2))
        else:
            if outcome.number == 1:
                row.append(Cell(GROUP_LABELS[outcome.group], rowspan=group_sizes[outcome.group]))
            row.append(Cell(f"{outcome.number}. {outcome.label}"))
        rows.append(row + _values(report, outcome.key))
    rows.append([Cell("（七）总计", colspan=2), *_values(report, "total")])
    rows.append([Cell("四、结转下年度继续办理", colspan=3), *_values(report, "carried_out")])
    return Table("三、收到和处理政府信息公开申请情况", rows, 10)


def appeals_table(report: Report) -> Table:
    """表四: one row of 15 numbers under a 3-level header."""
    results = [_h(APPEAL_COLUMN_LABELS[c]) for c in APPEAL_COLUMNS]
    rows = [
        [_h("行政复议", colspan=5), _h("行政诉讼", colspan=10)],
        [*(_h(APPEAL_COLUMN_LABELS[c], rowspan=2) for c in APPEAL_COLUMNS),
         _h("未经复议直接起诉", colspan=5), _h("复议后起诉", colspan=5)],
        results + results,
        [_n(report.appeals[g][c]) for g in APPEAL_GROUPS for c in APPEAL_COLUMNS],
    ]
    return Table("四、政府信息公开行政复议、行政诉讼情况", rows, 15)


def grid(table: Table) -> list[list[Cell | None]]:
    """The table as a full rectangle: each grid position holds its cell at the top-left corner, else None.

    Used by the .docx renderer (which merges ranges) and by tests that check the layout fills the grid.
    """
    out: list[list[Cell | None | bool]] = [[False] * table.width for _ in range(table.height)]
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while c < table.width and out[r][c] is not False:
                c += 1
            if c + cell.colspan > table.width or r + cell.rowspan > table.height:
                raise ValueError(f"{table.caption}: 第{r + 1}行的单元格超出表格")
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    out[r + dr][c + dc] = None
            out[r][c] = cell
            c += cell.colspan
    for r, row in enumerate(out):
        if any(v is False for v in row):
            raise ValueError(f"{table.caption}: 第{r + 1}行未填满")
    return out  # type: ignore[return-value]
