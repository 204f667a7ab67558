"""The report's tables laid out as the national template prints them, for the CLI and the web page.

Each cell is (value, where): `where` is the same place string the findings use, so a finding can be
marked on its cell.
"""

from __future__ import annotations

from gongkai.statute.outcomes import BY_KEY
from gongkai.statute.report import (
    APPEAL_COLUMN_LABELS,
    APPEAL_COLUMNS,
    APPEAL_GROUP_LABELS,
    APPEAL_GROUPS,
    COLUMN_LABELS,
    COLUMNS,
    DECISION_KINDS,
    DECISION_LABELS,
    DOCUMENT_COLUMN_LABELS,
    DOCUMENT_COLUMNS,
    DOCUMENT_KIND_LABELS,
    DOCUMENT_KINDS,
    ROW_KEYS,
    ROW_LABELS,
    Report,
    where_appeals,
    where_applications,
)


def proactive_rows(report: Report):
    headers = ["第二十条", *DOCUMENT_COLUMN_LABELS.values()]
    rows = []
    for kind in DOCUMENT_KINDS:
        counts = getattr(report.proactive, kind)
        where = f"表二 · {DOCUMENT_KIND_LABELS[kind]}"
        rows.append((f"（一）{DOCUMENT_KIND_LABELS[kind]}",
                     [(getattr(counts, c), f"{where} · {DOCUMENT_COLUMN_LABELS[c]}") for c in DOCUMENT_COLUMNS]))
    for kind in DECISION_KINDS:
        item = "（五）" if kind == "licensing" else "（六）"
        rows.append(
            (
                f"{item}{DECISION_LABELS[kind]} · 本年处理决定数量",
                [(getattr(report.proactive, kind), f"表二 · {DECISION_LABELS[kind]}")],
            )
        )
    rows.append(
        ("（八）行政事业性收费 · 本年收费金额（万元）", [(report.proactive.fees_10k_yuan, "表二 · 行政事业性收费")])
    )
    return headers, rows


def row_label(key: str) -> str:
    if key in BY_KEY:
        return BY_KEY[key].full_label
    return ROW_LABELS[key].removeprefix("三、本年度办理结果 ")


def application_rows(report: Report):
    headers = ["办理情况", *(COLUMN_LABELS[c] for c in COLUMNS)]
    rows = []
    for key in ROW_KEYS:
        if report.format == "2019" and key in ("other.no_supplement", "other.fee_unpaid"):
            continue  # the 2019 format's （六）其他处理 is one row, kept as other.other
        cells = [(report.applications[key][col], where_applications(key, col)) for col in COLUMNS]
        single = report.format == "2019" and key == "other.other"
        rows.append(("三、本年度办理结果 （六）其他处理" if single else row_label(key), cells))
    return headers, rows


def appeal_rows(report: Report):
    headers = ["案件情况", *(APPEAL_COLUMN_LABELS[c] for c in APPEAL_COLUMNS)]
    rows = [
        (APPEAL_GROUP_LABELS[g], [(report.appeals[g][c], where_appeals(g, c)) for c in APPEAL_COLUMNS])
        for g in APPEAL_GROUPS
    ]
    return headers, rows


def places(where: str | None) -> list[str]:
    """The places a finding names: “一、总体情况；表三 · … · 总计” is a sentence and the cell it contradicts."""
    return [part.strip() for part in (where or "").split("；") if part.strip()]


def names_cell(place: str, where: str) -> bool:
    """`place` names the cell `where`: the cell itself, its row, its table, or a group of rows and a column
    (“表三 · 三、本年度办理结果 （三）不予公开 · 总计” names the 总计 of every 不予公开 row)."""
    if where == place or where.startswith(place + " · "):
        return True
    if " · " not in place or " · " not in where:
        return False
    place_row, place_column = place.rsplit(" · ", 1)
    row, column = where.rsplit(" · ", 1)
    return column == place_column and row.startswith(place_row)


def is_marked(where: str, marked) -> bool:
    """A finding marks a cell when it names the cell, its row, its table, or its group of rows."""
    return any(names_cell(place, where) for m in marked for place in places(m))


def cell_findings(where: str, findings) -> list:
    """The findings (not information notes) that name the cell `where`."""
    return [f for f in findings if str(f.severity) != "info" and is_marked(where, {f.where})]
