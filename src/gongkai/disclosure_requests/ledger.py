"""台账: the year's requests to .xlsx; ledger_import.py reads such a file (or one typed by hand) back, all-or-nothing.

The export writes every column the import reads — the receipt, 补正, 征求意见, 延期 and 收费 dates and the outcome —
so an exported request comes back with the same state, due dates and 表三 figures.
"""

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongkai.core.spreadsheet import append_row
from gongkai.statute.outcomes import OUTCOMES

from .models import EventKind as K
from .models import RequestEvent


def _first(kind, then=lambda e: e.day):
    """The day (or another value) of the request's first event of `kind`, from its prefetched events."""
    def read(r):
        event = next((e for e in r.ledger_events if e.kind == kind), None)
        return then(event) if event is not None else None
    return read


def _outcome_label(r) -> str:
    return next((o.short_label for o in OUTCOMES if o.key == r.outcome), "")


# Every column the import reads back: the clock's events (补正, 征求意见, 延期, 收费) are columns, so an exported
# request is imported with the same state, due dates and outcome (ledger_import.py).
EXPORT_COLUMNS = [
    ("申请编号", lambda r: r.number), ("受理机关", lambda r: r.agency.name),
    ("渠道", lambda r: r.get_channel_display()), ("提交日期", lambda r: r.submitted_on),
    ("收到日期", lambda r: r.received_on),
    ("申请人类型", lambda r: r.get_applicant_type_display()), ("申请人姓名", lambda r: r.applicant_name),
    ("证件类型", lambda r: r.get_id_type_display()), ("证件号码", lambda r: r.id_number),
    ("单位名称", lambda r: r.org_name), ("统一社会信用代码", lambda r: r.uscc), ("联系电话", lambda r: r.phone),
    ("电子邮箱", lambda r: r.email), ("通信地址", lambda r: r.address), ("邮政编码", lambda r: r.postcode),
    ("所需信息", lambda r: r.description), ("用途", lambda r: r.purpose),
    ("获取形式", lambda r: r.get_form_wanted_display()), ("获取方式", lambda r: r.get_delivery_display()),
    ("补正通知日期", _first(K.SUPPLEMENT_REQUESTED)),
    ("补正期限", _first(K.SUPPLEMENT_REQUESTED, lambda e: date.fromisoformat(e.data["supplement_due"]))),
    ("收到补正日期", _first(K.SUPPLEMENT_RECEIVED)),
    ("征求意见日期", _first(K.CONSULTATION_OPENED)), ("征求意见答复日期", _first(K.CONSULTATION_ANSWERED)),
    ("延期日期", _first(K.EXTENDED)), ("延长工作日数", _first(K.EXTENDED, lambda e: e.data.get("days"))),
    ("收费通知日期", _first(K.FEE_NOTIFIED)), ("缴费日期", _first(K.FEE_PAID)),
    ("状态", lambda r: r.get_state_display()), ("答复期限", lambda r: r.due_on),
    ("办结日期", lambda r: r.closed_on), ("办理结果", _outcome_label),
]
DATE_COLUMNS = {"提交日期", "收到日期", "补正通知日期", "补正期限", "收到补正日期", "征求意见日期", "征求意见答复日期",
                "延期日期", "收费通知日期", "缴费日期", "答复期限", "办结日期"}


def ledger_rows(qs, *, year: int):
    """The year's requests (received that year, or carried into it), one row each."""
    from django.db.models import Q

    qs = qs.filter(Q(received_on__year=year) | Q(received_on__lt=date(year, 1, 1), closed_on__isnull=True)
                   | Q(received_on__lt=date(year, 1, 1), closed_on__gte=date(year, 1, 1)))
    from django.db.models import Prefetch

    events = Prefetch("events", queryset=RequestEvent.objects.order_by("day", "id").only(
        "request_id", "kind", "day", "data"), to_attr="ledger_events")
    for r in (qs.select_related("agency").prefetch_related(events).order_by("received_on", "id")
              .iterator(chunk_size=2000)):
        yield [fn(r) for _, fn in EXPORT_COLUMNS]


# Column widths in characters (a CJK character counts about two); long free text wraps inside its width.
EXPORT_WIDTHS = {"申请编号": 26, "受理机关": 24, "渠道": 14, "收到日期": 12, "申请人类型": 14, "申请人姓名": 12,
                 "证件类型": 12, "证件号码": 20, "单位名称": 24, "统一社会信用代码": 20, "联系电话": 14,
                 "电子邮箱": 22, "通信地址": 30, "所需信息": 48, "获取形式": 10, "获取方式": 10, "状态": 14,
                 "答复期限": 12, "办结日期": 12, "办理结果": 16,
                 **{name: 12 for name in DATE_COLUMNS}}
EXPORT_WRAPPED = {"受理机关", "单位名称", "通信地址", "所需信息", "办理结果"}
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
            if name in DATE_COLUMNS:
                cell.number_format = DATE_FORMAT
            cell.alignment = wrap if name in EXPORT_WRAPPED else top
    ws.freeze_panes = "A2"  # the header row stays in view while scrolling
    ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- import (ledger_import.py) -------------------------------------------------------------------

from .ledger_import import LedgerError, import_xlsx  # noqa: E402,F401 - the import's historic home
