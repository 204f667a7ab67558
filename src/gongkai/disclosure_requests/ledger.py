"""台账: the year's requests to .xlsx, and an existing ledger from .xlsx (all-or-nothing).

Import columns (header row 1, by name, any order; 标 * are required):
  受理机关*（机关全称）· 渠道*（当面提交/邮寄（需签收）/平常信函/传真/电子邮件）· 收到日期*（YYYY-MM-DD 或日期格式）
  · 申请人类型*（自然人/商业企业/科研机构/社会公益组织/法律服务机构/其他）· 申请人姓名* · 证件类型 · 证件号码
  · 单位名称 · 统一社会信用代码 · 联系电话 · 电子邮箱 · 通信地址 · 所需信息* · 获取形式*（纸质/电子邮件/光盘/当面查阅）
  · 获取方式*（邮寄/电子邮件/当面领取/网上查看）· 办结日期 · 办理结果（年报表三的行名称或键，如“予以公开”或 granted）
A row with 办结日期 and 办理结果 is recorded as answered on that day (no letter is generated for imported history).
"""

import io
from datetime import date, datetime

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongkai.agencies.models import Agency
from gongkai.core.errors import DomainError
from gongkai.core.spreadsheet import append_row, read_value
from gongkai.core.xlsx_upload import xlsx_rows
from gongkai.statute.outcomes import OUTCOMES

from . import services
from .forms import ApplicantForm
from .models import Channel, Delivery, EventKind, FormWanted, IdType, Request

EXPORT_COLUMNS = [
    ("申请编号", lambda r: r.number), ("受理机关", lambda r: r.agency.name),
    ("渠道", lambda r: r.get_channel_display()), ("收到日期", lambda r: r.received_on),
    ("申请人类型", lambda r: r.get_applicant_type_display()), ("申请人姓名", lambda r: r.applicant_name),
    ("证件类型", lambda r: r.get_id_type_display()), ("证件号码", lambda r: r.id_number),
    ("单位名称", lambda r: r.org_name), ("统一社会信用代码", lambda r: r.uscc), ("联系电话", lambda r: r.phone),
    ("电子邮箱", lambda r: r.email), ("通信地址", lambda r: r.address), ("所需信息", lambda r: r.description),
    ("获取形式", lambda r: r.get_form_wanted_display()), ("获取方式", lambda r: r.get_delivery_display()),
    ("状态", lambda r: r.get_state_display()), ("答复期限", lambda r: r.due_on),
    ("办结日期", lambda r: r.closed_on),
    ("办理结果", lambda r: next((o.short_label for o in OUTCOMES if o.key == r.outcome), "")),
]


def ledger_rows(qs, *, year: int):
    """The year's requests (received that year, or carried into it), one row each."""
    from django.db.models import Q

    qs = qs.filter(Q(received_on__year=year) | Q(received_on__lt=date(year, 1, 1), closed_on__isnull=True)
                   | Q(received_on__lt=date(year, 1, 1), closed_on__gte=date(year, 1, 1)))
    for r in qs.select_related("agency").order_by("received_on", "id").iterator(chunk_size=2000):
        yield [fn(r) for _, fn in EXPORT_COLUMNS]


# Column widths in characters (a CJK character counts about two); long free text wraps inside its width.
EXPORT_WIDTHS = {"申请编号": 26, "受理机关": 24, "渠道": 14, "收到日期": 12, "申请人类型": 14, "申请人姓名": 12,
                 "证件类型": 12, "证件号码": 20, "单位名称": 24, "统一社会信用代码": 20, "联系电话": 14,
                 "电子邮箱": 22, "通信地址": 30, "所需信息": 48, "获取形式": 10, "获取方式": 10, "状态": 14,
                 "答复期限": 12, "办结日期": 12, "办理结果": 16}
EXPORT_WRAPPED = {"受理机关", "单位名称", "通信地址", "所需信息", "办理结果"}
EXPORT_DATES = {"收到日期", "答复期限", "办结日期"}
DATE_FORMAT = "yyyy-mm-dd"


def export_xlsx(qs, *, year: int) -> bytes:
    """The ledger as a spreadsheet people read: bold frozen header, set widths, wrapped text, real dates."""
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = f"{year}年台账"
    headers = [name for name, _ in EXPORT_COLUMNS]
    append_row(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in ledger_rows(qs, year=year):
        append_row(ws, row)
    wrap, top = Alignment(vertical="top", wrap_text=True), Alignment(vertical="top")
    for index, name in enumerate(headers, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = EXPORT_WIDTHS.get(name, 14)
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            if name in EXPORT_DATES:
                cell.number_format = DATE_FORMAT
            cell.alignment = wrap if name in EXPORT_WRAPPED else top
    ws.freeze_panes = "A2"  # the header row stays in view while scrolling
    ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- import -------------------------------------------------------------------------------------

REQUIRED = ["受理机关", "渠道", "收到日期", "申请人类型", "申请人姓名", "所需信息", "获取形式", "获取方式"]
_BY_LABEL = {
    "渠道": {label: v for v, label in Channel.choices if v != Channel.ONLINE},
    "证件类型": {label: v for v, label in IdType.choices},
    "获取形式": {label: v for v, label in FormWanted.choices},
    "获取方式": {label: v for v, label in Delivery.choices},
}
_FIELD_OF = {"申请人姓名": "applicant_name", "证件号码": "id_number", "单位名称": "org_name",
             "统一社会信用代码": "uscc",
             "联系电话": "phone", "电子邮箱": "email", "通信地址": "address", "所需信息": "description"}
_COLUMN_OF = {**{v: k for k, v in _FIELD_OF.items()}, "applicant_type": "申请人类型", "id_type": "证件类型",
              "form_wanted": "获取形式", "delivery": "获取方式", "__all__": "（整行）"}


class LedgerError(DomainError):
    def __init__(self, problems: list[str]):
        super().__init__("台账导入失败，未导入任何记录：\n" + "\n".join(problems))
        self.problems = problems


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _outcome(text: str) -> str:
    for o in OUTCOMES:
        if text in (o.key, o.short_label, o.label, o.full_label):
            return o.key
    raise ValueError(text)


def _parse_row(n, row: dict, problems: list) -> dict | None:
    def bad(column, message):
        problems.append(f"第{n}行“{column}”列：{message}")

    for column in REQUIRED:
        if row.get(column) in (None, ""):
            bad(column, "不能为空")
    if any(p.startswith(f"第{n}行") for p in problems):
        return None
    parsed = {"fields": {}}
    agency = Agency.objects.filter(name=str(row["受理机关"]).strip()).first()
    if agency is None:
        bad("受理机关", f"找不到机关“{row['受理机关']}”")
    parsed["agency"] = agency
    for column in ("收到日期", "办结日期"):
        if row.get(column) not in (None, ""):
            try:
                parsed[column] = _date(row[column])
            except ValueError:
                bad(column, f"“{row[column]}”不是日期（应为 YYYY-MM-DD）")
    applicant_types = {label: key for key, label in _applicant_labels()}
    data = {"applicant_type": applicant_types.get(str(row["申请人类型"]).strip(), "")}
    if not data["applicant_type"]:
        bad("申请人类型", f"“{row['申请人类型']}”不是年报中的申请人类型")
    for column, choices in _BY_LABEL.items():
        text = str(row.get(column) or "").strip()
        if text and text not in choices:
            bad(column, f"“{text}”不是可选值（{'、'.join(choices)}）")
        parsed["fields"][column] = choices.get(text, "")
    if row.get("办理结果"):
        try:
            parsed["outcome"] = _outcome(str(row["办理结果"]).strip())
        except ValueError:
            bad("办理结果", f"“{row['办理结果']}”不是年报表三的办理结果")
        if "办结日期" not in parsed:
            bad("办结日期", "填写了办理结果时必须填写办结日期")
    data.update({field: str(row.get(column) or "").strip() for column, field in _FIELD_OF.items()})
    data.update(id_type=parsed["fields"]["证件类型"], form_wanted=parsed["fields"]["获取形式"],
                delivery=parsed["fields"]["获取方式"])
    form = ApplicantForm(data=data)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for e in errors:
                bad(_COLUMN_OF.get(field, field), e)
        return None
    parsed["applicant"] = {**form.cleaned_data, "channel": parsed["fields"]["渠道"]}
    return parsed


def _applicant_labels():
    from gongkai.statute.outcomes import APPLICANT_LABELS

    return [(k.value, v) for k, v in APPLICANT_LABELS.items()]


def import_xlsx(content: bytes, *, actor) -> list[Request]:
    """All rows or none: every problem is reported with its row and column before anything is saved."""
    # Our own export escaped text that looked like a formula; read it back as it was typed.
    rows = [[read_value(v) for v in row] for row in xlsx_rows(content, label="台账文件")]
    if not rows:
        raise LedgerError(["表格为空"])
    header = [str(h or "").strip() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise LedgerError([f"第1行缺少列：{'、'.join(missing)}"])
    problems, parsed = [], []
    for n, values in enumerate(rows[1:], start=2):
        if all(v in (None, "") for v in values):
            continue
        row = _parse_row(n, dict(zip(header, values, strict=False)), problems)
        if row is not None:
            parsed.append((n, row))
    if problems:
        raise LedgerError(problems)
    created = []
    with transaction.atomic():
        for n, row in parsed:
            try:
                created.append(_import_one(row, actor))
            except DomainError as exc:
                problems.append(f"第{n}行：{exc.message}")
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise LedgerError(problems)
    return created


def _import_one(row, actor) -> Request:
    request = services.register_request(agency=row["agency"], actor=actor, received_on=row["收到日期"],
                                        fields=row["applicant"])
    if row.get("outcome"):
        services.record_event(request, kind=EventKind.REPLIED, actor=actor, day=row["办结日期"],
                              reason="台账导入", data={"outcome": row["outcome"], "withheld": "台账导入",
                                                       "imported": True}, issue_letter=False)
    return request
