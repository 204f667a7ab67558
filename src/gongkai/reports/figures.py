"""第二十条 (五)(六)(八) figures: entered by hand or imported from the agency systems' CSV/.xlsx exports.

The file has a header row with these columns (order free): 机关 (full name, short name or code),
年度, 行政许可, 行政处罚, 行政强制, 行政事业性收费（万元）. Every row is checked before any is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai.agencies.lookup import find_agency
from gongkai.agencies.permissions import can_work_in
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.params import YEAR_MAX, YEAR_MIN
from gongkai.core.xlsx_upload import decode_text, xlsx_rows

from .models import ArticleTwentyFigures, FigureSource

HEADERS = {
    "机关": "agency", "年度": "year", "行政许可": "licensing", "行政处罚": "penalty", "行政强制": "coercion",
    "行政事业性收费（万元）": "fees_10k_yuan", "行政事业性收费(万元)": "fees_10k_yuan",
    "行政事业性收费": "fees_10k_yuan",
}
COUNT_FIELDS = ("licensing", "penalty", "coercion")
FILE_LABEL = "第二十条数据文件"


@dataclass
class FigureRow:
    agency: object
    year: int
    licensing: int
    penalty: int
    coercion: int
    fees_10k_yuan: Decimal


def enter_figures(*, agency, year: int, actor, licensing: int, penalty: int, coercion: int,
                  fees_10k_yuan: Decimal, source: str = FigureSource.MANUAL, source_note: str = ""):
    if getattr(actor, "is_authenticated", False) and not can_work_in(actor, agency):
        raise PermissionDenied("您不是本机关的工作人员，不能填报第二十条数据")
    for name, value in (("行政许可", licensing), ("行政处罚", penalty), ("行政强制", coercion)):
        if value < 0:
            raise DomainError(f"{name}处理决定数量不能为负数")
    if fees_10k_yuan < 0:
        raise DomainError("行政事业性收费金额不能为负数")
    with transaction.atomic():
        figures, _ = ArticleTwentyFigures.objects.select_for_update().update_or_create(
            agency=agency, year=year, defaults={
                "licensing": licensing, "penalty": penalty, "coercion": coercion, "fees_10k_yuan": fees_10k_yuan,
                "source": source, "source_note": source_note,
                "entered_by": actor if getattr(actor, "is_authenticated", False) else None})
        log_action("reports.figures.entered", actor=actor, obj=figures, agency=agency, data={
            "year": year, "licensing": licensing, "penalty": penalty, "coercion": coercion,
            "fees_10k_yuan": str(fees_10k_yuan), "source": source, "source_note": source_note})
    return figures


def _table_rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        rows = xlsx_rows(content, label=FILE_LABEL)
        return [["" if v is None else str(v).strip() for v in row] for row in rows]
    text = decode_text(content, label=FILE_LABEL)
    try:
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error:
        raise DomainError(f"{FILE_LABEL}：不是有效的 CSV 表格", field="file") from None


def _number(text: str, where: str, *, decimal=False):
    text = text or "0"
    try:
        if len(text) > 30:  # a real figure never has this many characters; 1e999999999 would not fit in memory
            raise ValueError(text)
        value = Decimal(text)
        if not value.is_finite():
            raise ValueError(text)
        value = value if decimal else int(value)
    except (InvalidOperation, ValueError):
        raise DomainError(f"{where}“{text[:30]}”不是数字") from None
    if value < 0 or (not decimal and Decimal(text) != value):
        raise DomainError(f"{where}“{text}”应为非负{'数' if decimal else '整数'}")
    if value >= 10**9 or (decimal and value.normalize().as_tuple().exponent < -4):
        raise DomainError(f"{where}“{text}”超出范围（整数部分不超过9位，小数不超过4位）")
    return value


def _year(text: str, where: str) -> int:
    year = _number(text, where)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise DomainError(f"{where}“{text}”不是有效的年份（{YEAR_MIN}至{YEAR_MAX}）")
    return year


def parse_figures(content: bytes, filename: str) -> list[FigureRow]:
    rows = [r for r in _table_rows(content, filename) if any(r)]
    if not rows:
        raise DomainError("文件为空")
    columns = [HEADERS.get(h.replace(" ", "")) for h in rows[0]]
    missing = {"agency", "year", *COUNT_FIELDS, "fees_10k_yuan"} - set(columns)
    if missing:
        labels = [k for k, v in HEADERS.items() if v in missing]
        raise DomainError("表头缺少列：" + "、".join(dict.fromkeys(labels)))
    parsed = []
    for n, row in enumerate(rows[1:], start=2):
        cells = {key: row[i] if i < len(row) else "" for i, key in enumerate(columns) if key}
        where = f"第{n}行"
        parsed.append(FigureRow(
            agency=find_agency(cells["agency"]), year=_year(cells["year"], f"{where}年度"),
            **{f: _number(cells[f], f"{where}{f}") for f in COUNT_FIELDS},
            fees_10k_yuan=_number(cells["fees_10k_yuan"], f"{where}收费金额", decimal=True)))
    return parsed


def import_figures(*, content: bytes, filename: str, actor) -> list[ArticleTwentyFigures]:
    """All rows or none: a bad row names its line and nothing is written."""
    rows = parse_figures(content, filename)
    source = FigureSource.XLSX if filename.lower().endswith(".xlsx") else FigureSource.CSV
    with transaction.atomic():
        return [enter_figures(agency=r.agency, year=r.year, actor=actor, licensing=r.licensing, penalty=r.penalty,
                              coercion=r.coercion, fees_10k_yuan=r.fees_10k_yuan, source=source,
                              source_note=f"导入文件 {filename}") for r in rows]
