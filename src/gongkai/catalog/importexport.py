"""The catalogue as rows: export to .xlsx/JSON, and an all-or-nothing import of drafts from .xlsx."""

import io
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.core.errors import DomainError
from gongkai.core.params import id_or_none
from gongkai.core.spreadsheet import append_row, read_value
from gongkai.core.xlsx_upload import iter_xlsx_rows

from .models import ART20_LABELS, Column, DocKind, Genre, Item, Openness, Topic, Validity

HEADERS = ["索引号", "信息名称", "内容概述", "发布机构", "文号", "成文日期", "发布日期", "主题分类", "体裁分类",
           "公开属性", "第二十条", "文件类型", "有效性", "失效/废止日期", "栏目", "状态"]


def _iso(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localdate(value).isoformat()
    return value.isoformat()


def iterate_rows(items):
    """One dict per item, in HEADERS order (pretix's ListExporter shape)."""
    for item in items.prefetch_related("columns").order_by("published_at", "id"):
        yield {
            "索引号": item.index_number or "", "信息名称": item.title, "内容概述": item.summary,
            "发布机构": item.publisher, "文号": item.doc_number, "成文日期": _iso(item.written_on),
            "发布日期": _iso(item.published_at), "主题分类": item.get_topic_display(),
            "体裁分类": item.get_genre_display(), "公开属性": item.get_openness_display(),
            "第二十条": item.art20_item or "", "文件类型": item.get_doc_kind_display() if item.doc_kind else "",
            "有效性": item.get_validity_display() if item.doc_kind else "", "失效/废止日期": _iso(item.invalid_on),
            "栏目": "、".join(c.name for c in item.columns.all()), "状态": item.get_state_display(),
        }


def export_json(items) -> bytes:
    return json.dumps(list(iterate_rows(items)), ensure_ascii=False, indent=1).encode()


def export_xlsx(items) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "政府信息公开目录"
    append_row(ws, HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True, name="宋体")
    for row in iterate_rows(items):
        append_row(ws, [row[h] for h in HEADERS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        return f"第{self.row}行“{self.column}”列：{self.message}"


class ImportRejected(DomainError):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"导入未执行：发现{len(errors)}处错误，请修改后重新导入")
        self.errors = errors


def _by_label(choices) -> dict[str, str]:
    return {label: value for value, label in choices}


LABELS = {
    "主题分类": ("topic", _by_label(Topic.choices)), "体裁分类": ("genre", _by_label(Genre.choices)),
    "公开属性": ("openness", _by_label(Openness.choices)), "文件类型": ("doc_kind", _by_label(DocKind.choices)),
    "有效性": ("validity", _by_label(Validity.choices)),
}
DATES = {"成文日期": "written_on", "失效/废止日期": "invalid_on"}
TEXTS = {"信息名称": "title", "内容概述": "summary", "发布机构": "publisher", "文号": "doc_number"}


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _parse_row(values: dict, number: int, columns: dict, errors: list) -> dict:
    data = {field: str(values.get(h) or "").strip() for h, field in TEXTS.items()}
    if not data["title"]:
        errors.append(RowError(number, "信息名称", "不能为空"))
    for header, (field, mapping) in LABELS.items():
        text = str(values.get(header) or "").strip()
        if text and text not in mapping:
            errors.append(RowError(number, header, f"“{text}”不是可选值（{'、'.join(k for k in mapping if k)}）"))
        elif text:
            data[field] = mapping[text]
    for header, field in DATES.items():
        if values.get(header) not in (None, ""):
            try:
                data[field] = _date(values[header])
            except ValueError:
                errors.append(RowError(number, header, f"“{values[header]}”不是日期（应为 YYYY-MM-DD）"))
    if data.get("validity") in (Validity.EXPIRED, Validity.REPEALED) and not data.get("invalid_on"):
        errors.append(RowError(number, "失效/废止日期", "失效或废止的文件须填写失效/废止日期"))
    art = values.get("第二十条")
    if art not in (None, ""):
        if id_or_none(art) in ART20_LABELS:
            data["art20_item"] = int(str(art).strip())
        else:
            errors.append(RowError(number, "第二十条", f"“{art}”应为1至15的数字"))
    names = [n.strip() for n in str(values.get("栏目") or "").replace(",", "、").split("、") if n.strip()]
    unknown = [n for n in names if n not in columns]
    if unknown:
        errors.append(RowError(number, "栏目", f"本机关没有栏目“{'、'.join(unknown)}”"))
    data["column_ids"] = [columns[n] for n in names if n in columns]
    return data


BATCH = 2000


def _none(*_args):
    return None


def read_rows(agency, content, progress=_none) -> list[dict]:
    """Every row parsed, or ImportRejected naming each bad cell by row and column. Read streaming (bytes, a path
    or a binary file), with the zip-bomb guard of core.xlsx_upload."""
    rows = iter_xlsx_rows(content, label="目录文件", first_sheet=True)
    total = next(rows)
    header = [str(h or "").strip() for h in next(rows, ())]
    if "信息名称" not in header:
        raise ImportRejected([RowError(1, "信息名称", "表头缺少“信息名称”列")])
    columns = dict(Column.objects.filter(agency=agency).values_list("name", "pk"))
    parsed, errors = [], []
    for number, row in enumerate(rows, start=2):
        if number % 2000 == 0:
            progress("检查", number - 1, total - 1 if total else None)
        if not any(v not in (None, "") for v in row):
            continue
        values = [read_value(v) for v in row]  # our own export escaped text that looked like a formula
        parsed.append(_parse_row(dict(zip(header, values, strict=False)), number, columns, errors))
    if errors:
        raise ImportRejected(errors)
    return parsed


def import_xlsx(*, agency, user, content, progress=_none) -> int:
    """All rows become drafts (they still go through 三审), or none does. Returns how many.

    Every row is checked first (read_rows); then, in one transaction, the items, their first versions, their
    columns and one chained audit row each are inserted in batches — what services.create_item writes for one
    item, without a query per row. Drafts get their 索引号 when published, not here."""
    from gongkai.core.audit import append_entries
    from gongkai.core.models import AuditEntry

    from .models import VERSION_FIELDS, ItemVersion
    from .permissions import can_edit_items

    if not can_edit_items(user, agency):
        raise DomainError("您不是本机关的工作人员，不能撰写公开信息")
    rows = read_rows(agency, content, progress)
    progress("检查", len(rows), len(rows))
    through = Item.columns.through
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            versions, items = [], []
            for data in batch:
                if not data.get("doc_kind"):
                    data["validity"], data["invalid_on"] = Validity.VALID, None
                version = ItemVersion(number=1, author=user, column_ids=sorted(set(data["column_ids"])),
                                      **{f: data[f] for f in VERSION_FIELDS if f in data})
                item = Item(agency=agency, author=user, **{f: getattr(version, f) for f in VERSION_FIELDS})
                versions.append(version)
                items.append(item)
            Item.objects.bulk_create(items)
            for item, version in zip(items, versions, strict=True):
                version.item = item
            ItemVersion.objects.bulk_create(versions)
            through.objects.bulk_create([through(item_id=item.pk, column_id=column)
                                         for item, version in zip(items, versions, strict=True)
                                         for column in version.column_ids])
            append_entries([AuditEntry(created_at=now, action="catalog.item.created", actor=user,
                                       actor_label=user.get_full_name() or user.get_username(), agency_id=agency.pk,
                                       object_type=item._meta.label_lower, object_id=str(item.pk),
                                       object_repr=str(item)[:300], data={"version": 1}) for item in items])
            progress("保存", start + len(batch), len(rows))
    return len(rows)
