"""Importing a 台账 (.xlsx): every row checked before the first one is saved, then all saved in bulk, or none.

Three stages, each reported to `progress(stage, done, total)`:
1. read and check: the sheet is read by calamine (core.xlsx_upload), each row parsed into a compact tuple — the
   request's fields and its dated events — and checked: columns, choices, identity numbers, dates, the order of
   the steps (the transition table), the holiday calendar of the receipt year, the importing user's agencies,
   published annual reports. Any problem: LedgerError listing every bad row with its row number and column,
   nothing stored.
2. save, in one transaction: request numbers taken as one block per agency and year from the Counter; requests,
   their events and their audit rows inserted in batches without model instances (core.bulk: the ORM's per-value
   work was most of the time); state, due dates and outcome derived from the events by the same function a move
   uses (services.derived_fields, the calendar read once per year); one audit row per request, chained
   (core.audit.ChainAppender) and sealing that request's events with the digests `gongkai audit verify` checks.
3. done: one audit row for the import as a whole.

Rows are history: no letters are generated, and the steps have no guards beyond the order and dates.
"""

from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import can_work_in
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.core.sequences import reserve_numbers
from gongkai.core.spreadsheet import read_value
from gongkai.core.xlsx_upload import iter_xlsx_rows
from gongkai.statute.clock import MAX_EXTENSION_WORKDAYS, CalendarYearMissing
from gongkai.statute.outcomes import APPLICANT_LABELS, OUTCOMES
from gongkai.workdays.calendar import get_calendar

from . import published_years, services
from .forms import applicant_problems
from .ledger_writer import LedgerWriter
from .models import Channel, Delivery, FormWanted, IdType, Request
from .models import EventKind as K
from .transitions import next_state

HELP = """列（第1行为表头，按列名识别，顺序不限；标 * 的必填）：
  受理机关*（机关全称；在命令行导入时指定了机关的，不读此列）· 渠道*（当面提交/邮寄（需签收）/平常信函/传真/电子邮件/
  网上申请/网络平台转办/12345转办）· 提交日期（网上申请必填）
  · 收到日期*（如 2025-03-01，或单元格设为日期格式；网上申请未确认的可空）
  · 申请人类型*（自然人/商业企业/科研机构/社会公益组织/法律服务机构/其他）· 申请人姓名* · 证件类型 · 证件号码
  · 单位名称 · 统一社会信用代码 · 联系电话 · 电子邮箱 · 通信地址 · 邮政编码 · 所需信息* · 用途
  · 获取形式*（纸质/电子邮件/光盘/当面查阅）· 获取方式*（邮寄/电子邮件/当面领取/网上查看）
  · 补正通知日期 · 补正期限（有补正通知日期时必填）· 收到补正日期 · 征求意见日期 · 征求意见答复日期
  · 延期日期 · 延长工作日数（有延期日期时必填，1至20）· 收费通知日期 · 缴费日期
  · 办结日期 · 办理结果（年报表三的行名称，如“予以公开”“逾期不补正”）
“状态”“答复期限”两列由系统按上述日期重新计算，导入时不读。本系统导出的台账可直接导入。
全部行检查无误才导入；有任何问题则不导入任何记录，并列出每一处问题的行号和列名。导入的历史记录不生成文书。"""

BATCH = 2000
MAX_LISTED = 1000  # problems kept for a page or a job record; the exception holds them all

REQUIRED = ["渠道", "申请人类型", "申请人姓名", "所需信息", "获取形式", "获取方式"]
TEXTS = {"申请人姓名": "applicant_name", "证件号码": "id_number", "单位名称": "org_name", "统一社会信用代码": "uscc",
         "联系电话": "phone", "电子邮箱": "email", "通信地址": "address", "邮政编码": "postcode",
         "所需信息": "description", "用途": "purpose"}
CHOICES = {
    "渠道": ("channel", {label: v for v, label in Channel.choices}),
    "申请人类型": ("applicant_type", {label: k.value for k, label in APPLICANT_LABELS.items()}),
    "证件类型": ("id_type", {label: v for v, label in IdType.choices}),
    "获取形式": ("form_wanted", {label: v for v, label in FormWanted.choices}),
    "获取方式": ("delivery", {label: v for v, label in Delivery.choices}),
}
DATES = ["提交日期", "收到日期", "补正通知日期", "补正期限", "收到补正日期", "征求意见日期", "征求意见答复日期",
         "延期日期", "收费通知日期", "缴费日期", "办结日期"]
# The Request fields a row gives, in the order of the stored tuple.
FIELDS = ["channel", "applicant_type", "applicant_name", "id_type", "id_number", "org_name", "uscc", "phone", "email",
          "address", "postcode", "description", "purpose", "form_wanted", "delivery", "submitted_on"]
COLUMN_OF = {**{f: c for c, f in TEXTS.items()}, **{f: c for c, (f, _) in CHOICES.items()}}
# Closing outcomes that are lapses, not replies: recorded as the lapse the request went through.
LAPSES = {"other.no_supplement": K.SUPPLEMENT_LAPSED, "other.fee_unpaid": K.FEE_LAPSED}
IMPORTED = "台账导入"


class LedgerError(DomainError):
    def __init__(self, problems: list[str]):
        shown = problems[:20] + ([f"……共{len(problems)}处问题"] if len(problems) > 20 else [])
        super().__init__("台账导入失败，未导入任何记录：\n" + "\n".join(shown))
        self.problems = problems

    def listed(self) -> list[str]:
        """At most MAX_LISTED problems, for a page or a job record, with a line saying how many were left out."""
        extra = len(self.problems) - MAX_LISTED
        return self.problems[:MAX_LISTED] + ([f"……另有{extra}处问题未列出"] if extra > 0 else [])


class CommandLineActor:
    """Whoever runs `gongkai import ledger` on the server: the operator, not a staff account."""

    is_authenticated = False

    def __str__(self):
        return "台账导入（命令行）"


@dataclass
class ImportResult:
    count: int
    agencies: dict[str, int] = field(default_factory=dict)  # agency name → requests imported
    numbers: tuple[str, str] | None = None  # the first and the last request number given


def _none(*_args):
    return None


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _outcome_keys() -> dict[str, str]:
    keys = {}
    for o in OUTCOMES:
        for text in (o.key, o.short_label, o.label, o.full_label):
            keys.setdefault(text, o.key)
    # the short names ledgers use for the two lapses (and the events' own names)
    keys.update({"逾期不补正": "other.no_supplement", "逾期未补正": "other.no_supplement",
                 "逾期不缴费": "other.fee_unpaid", "逾期未缴费": "other.fee_unpaid"})
    return keys


class _RowChecker:
    """Parses one row into (agency id, field tuple, event tuple), or records its problems."""

    def __init__(self, header, *, actor, agency, calendar, today):
        self.index = {name: i for i, name in enumerate(header) if name}
        self.actor, self.agency, self.calendar, self.today = actor, agency, calendar, today
        self.outcomes = _outcome_keys()
        self.max_length = {f: Request._meta.get_field(f).max_length for f in TEXTS.values()}
        self.agencies: dict[str, Agency | None] = {}
        self.agency_rows: dict[int, list[int]] = {}
        self.reported_years: dict[tuple[int, int], int] = {}  # (agency, year) → first row with a reported step
        self.problems: list[str] = []
        self.payloads: dict[str, dict] = {}

    def cell(self, values, column):
        i = self.index.get(column)
        if i is None or i >= len(values):
            return None
        value = read_value(values[i])  # our own export escaped text that looked like a formula
        if isinstance(value, str):
            value = value.strip()
        return None if value == "" else value

    def check(self, n: int, values):
        bad_before = len(self.problems)

        def bad(column, message):
            self.problems.append(f"第{n}行“{column}”列：{message}")

        for column in REQUIRED:
            if self.cell(values, column) is None:
                bad(column, "不能为空")
        agency = self._agency(n, values, bad)
        data = {}
        for column, name in TEXTS.items():
            value = self.cell(values, column)
            text = "" if value is None else str(value)
            if len(text) > self.max_length[name]:
                bad(column, f"不能超过{self.max_length[name]}个字（现有{len(text)}个字）")
            data[name] = text
        for column, (name, choices) in CHOICES.items():
            value = self.cell(values, column)
            text = "" if value is None else str(value)
            if text and text not in choices:
                bad(column, f"“{text}”不是可选值（{'、'.join(choices)}）")
            data[name] = choices.get(text, "")
        if data["email"]:
            try:
                validate_email(data["email"])
            except ValidationError:
                bad("电子邮箱", f"“{data['email']}”不是有效的电子邮箱地址")
        for name, message in applicant_problems(data):
            bad(COLUMN_OF.get(name, name), message)
        days = {}
        for column in DATES:
            value = self.cell(values, column)
            if value is None:
                continue
            try:
                days[column] = _date(value)
            except ValueError:
                bad(column, f"“{value}”不是日期（应为年-月-日，如 2025-03-01）")
                continue
            if days[column] > self.today and column != "补正期限":
                bad(column, "不能晚于今天")
        if len(self.problems) > bad_before:
            return None
        events = self._events(data, days, values, bad)
        if events is None or agency is None:
            return None
        data["submitted_on"] = days.get("提交日期") or days.get("收到日期")
        self.agency_rows.setdefault(agency.pk, []).append(n)
        for kind, day, _data in events:
            if kind in published_years.REPORTED_KINDS:
                self.reported_years.setdefault((agency.pk, day.year), n)
        return agency.pk, tuple(data[f] for f in FIELDS), events

    def _agency(self, n, values, bad):
        if self.agency is not None:
            return self.agency
        name = self.cell(values, "受理机关")
        if name is None:
            bad("受理机关", "不能为空")
            return None
        name = str(name)
        if name not in self.agencies:
            self.agencies[name] = Agency.objects.filter(name=name).first()
        if self.agencies[name] is None:
            bad("受理机关", f"找不到机关“{name}”")
        return self.agencies[name]

    def _events(self, data, days, values, bad):
        """The request's dated steps in the order they happen, checked against the transition table."""
        channel, steps = data["channel"], []
        received = days.get("收到日期")
        if channel == Channel.ONLINE:
            if "提交日期" not in days:
                bad("提交日期", "网上申请须填写提交日期")
                return None
            steps.append((K.SUBMITTED, days["提交日期"], {"channel": channel}))
            if received:
                steps.append((K.CONFIRMED, received, {}))
        else:
            if received is None:
                bad("收到日期", "不能为空")
                return None
            if days.get("提交日期") and days["提交日期"] > received:
                bad("收到日期", "收到日期不能早于提交日期")
                return None
            steps.append((K.REGISTERED, received, {"channel": channel}))
        if received is not None:
            try:
                self.calendar.is_workday(received)
            except CalendarYearMissing as exc:
                bad("收到日期", f"{exc}；请管理员在“管理后台 → 节假日安排”录入")
                return None
        if "补正通知日期" in days:
            if "补正期限" not in days:
                bad("补正期限", "填写了补正通知日期时必须填写补正期限")
                return None
            steps.append((K.SUPPLEMENT_REQUESTED, days["补正通知日期"],
                          {"items": IMPORTED, "supplement_due": days["补正期限"].isoformat()}))
        if "收到补正日期" in days:
            steps.append((K.SUPPLEMENT_RECEIVED, days["收到补正日期"], {"text": "", "attachments": []}))
        if "征求意见日期" in days:
            steps.append((K.CONSULTATION_OPENED, days["征求意见日期"], {}))
        if "征求意见答复日期" in days:
            steps.append((K.CONSULTATION_ANSWERED, days["征求意见答复日期"], {}))
        if "延期日期" in days:
            extension = self.cell(values, "延长工作日数")
            try:
                extension = int(extension)
            except (TypeError, ValueError):
                extension = None
            if extension is None or not 1 <= extension <= MAX_EXTENSION_WORKDAYS:
                bad("延长工作日数", f"填写了延期日期时须填写延长的工作日数（1至{MAX_EXTENSION_WORKDAYS}）")
                return None
            steps.append((K.EXTENDED, days["延期日期"], {"days": extension}))
        if "收费通知日期" in days:
            steps.append((K.FEE_NOTIFIED, days["收费通知日期"], {}))
        if "缴费日期" in days:
            steps.append((K.FEE_PAID, days["缴费日期"], {}))
        text = self.cell(values, "办理结果")
        if text is not None:
            outcome = self.outcomes.get(str(text))
            if outcome is None:
                bad("办理结果", f"“{text}”不是年报表三的办理结果")
                return None
            if "办结日期" not in days:
                bad("办结日期", "填写了办理结果时必须填写办结日期")
                return None
            kind = LAPSES.get(outcome, K.REPLIED)
            steps.append((kind, days["办结日期"], {} if kind in LAPSES.values() else
                          {"outcome": outcome, "withheld": IMPORTED}))
        elif "办结日期" in days:
            bad("办理结果", "填写了办结日期时必须填写办理结果")
            return None
        steps.sort(key=lambda step: step[1])  # stable: same-day steps keep the order above
        return self._replay(steps, bad)

    def _replay(self, steps, bad):
        state, out = services.clockfeed.INITIAL_STATES[steps[0][0]], [steps[0]]
        for kind, day, data in steps[1:]:
            try:
                if state == "consulting" and kind not in ("consultation_answered", "extended", "withdrawn"):
                    # a consultation left unanswered lapsed before the next step (runperiodic records it so)
                    state = next_state(state, K.CONSULTATION_LAPSED)
                    out.append((K.CONSULTATION_LAPSED, day, {}))
                state = next_state(state, kind)
            except KeyError:
                what = services.State(state).label
                bad(_COLUMN_OF_KIND.get(kind, "办结日期"),
                    f"{day.isoformat()}申请处于“{what}”，不能“{K(kind).label}”（请检查各日期列的先后）")
                return None
            out.append((kind, day, data))
        return tuple((kind, day, self._shared(data)) for kind, day, data in out)

    def _shared(self, data: dict) -> dict:
        """One dict per distinct event payload, shared by every row that has it (read-only from here on): a
        100,000-row file keeps a few thousand dicts in memory instead of 400,000."""
        key = repr(sorted(data.items()))
        found = self.payloads.get(key)
        if found is None:
            found = self.payloads[key] = {**data, "imported": True}
        return found


_COLUMN_OF_KIND = {K.CONFIRMED: "收到日期", K.SUPPLEMENT_REQUESTED: "补正通知日期",
                   K.SUPPLEMENT_RECEIVED: "收到补正日期", K.CONSULTATION_OPENED: "征求意见日期",
                   K.CONSULTATION_ANSWERED: "征求意见答复日期",
                   K.EXTENDED: "延期日期", K.FEE_NOTIFIED: "收费通知日期", K.FEE_PAID: "缴费日期"}


def read_and_check(content, *, actor, agency=None, progress=_none, calendar=None):
    """Stage 1: every row parsed and checked; LedgerError with every problem, or the parsed rows."""
    calendar = calendar or get_calendar()
    rows = iter_xlsx_rows(content, label="台账文件")
    total = next(rows)
    total = total - 1 if total else None
    header = next(rows, None)
    if header is None:
        raise LedgerError(["表格为空"])
    header = [str(h or "").strip() for h in header]
    required = REQUIRED + ([] if agency is not None else ["受理机关"])
    missing = [c for c in required if c not in header]
    if missing:
        raise LedgerError([f"第1行缺少列：{'、'.join(missing)}"])
    checker = _RowChecker(header, actor=actor, agency=agency, calendar=calendar, today=timezone.localdate())
    parsed = []
    for n, values in enumerate(rows, start=2):
        if n % BATCH == 0:
            progress("检查", n - 1, total)
        if all(v in (None, "") for v in values):
            continue
        row = checker.check(n, values)
        if row is not None:
            parsed.append((n, *row))
    progress("检查", len(parsed), len(parsed))
    problems = checker.problems + _agency_problems(checker, actor)
    if problems:
        raise LedgerError(problems)
    if not parsed:
        raise LedgerError(["表格中没有申请记录"])
    return parsed


def _agency_problems(checker, actor) -> list[str]:
    problems = []
    names = {a.pk: a for a in Agency.objects.filter(pk__in=list(checker.agency_rows))}
    for pk, rows in checker.agency_rows.items():
        if getattr(actor, "is_authenticated", False) and not can_work_in(actor, names[pk]):
            problems.append(f"第{rows[0]}行等{len(rows)}行“受理机关”列：您不是“{names[pk].name}”的工作人员，"
                            "不能导入该机关的申请")
    for (pk, year), n in sorted(checker.reported_years.items(), key=lambda item: item[1]):
        try:
            published_years.check_open_year(names[pk], day=date(year, 12, 31), what="台账导入")
        except DomainError:
            problems.append(f"第{n}行起：{names[pk].name}{year}年度政府信息公开工作年度报告已发布，"
                            f"不能导入该年度的申请记录（请通过登记页面逐件补录并填写更正理由）")
    return problems


def save(parsed, *, actor, progress=_none, calendar=None) -> ImportResult:
    """Stages 2 and 3, in one transaction: numbers as blocks, bulk inserts, chained audit rows."""
    calendar = calendar or get_calendar()
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = ((user.get_full_name() or user.get_username()) if user else str(actor))[:150]
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in={row[1] for row in parsed})}
    per_block = Tally((row[1], row[3][0][1].year) for row in parsed)
    total, done, first_number, last_number = len(parsed), 0, None, None
    try:
        with transaction.atomic():
            serials = {key: reserve_numbers(agency=agencies[key[0]], scope="request", year=key[1], count=count)
                       for key, count in sorted(per_block.items())}
            writer = LedgerWriter(user, label, fields=FIELDS, reason=IMPORTED)
            for start in range(0, total, BATCH):
                batch = parsed[start:start + BATCH]
                requests = []
                for _n, agency_id, values, steps in batch:
                    agency, year = agencies[agency_id], steps[0][1].year
                    serial, serials[(agency_id, year)] = serials[(agency_id, year)], serials[(agency_id, year)] + 1
                    number = agency.request_number_format.format(short_name=agency.short_name, year=year,
                                                                  serial=serial)
                    requests.append((agency_id, number, values, steps))
                writer.write(batch, requests, calendar)
                first_number = first_number or requests[0][1]
                last_number = requests[-1][1]
                done += len(batch)
                progress("保存", done, total)
            writer.close()
            counts = Tally(agencies[row[1]].name for row in parsed)
            log_action("requests.ledger.imported", actor=actor, data={"count": total, "agencies": dict(counts)})
    except IntegrityError as exc:
        raise LedgerError([f"申请编号与已有申请重复，未导入任何记录（请检查机关的申请编号格式和编号计数器）：{exc}"]) \
            from None
    return ImportResult(count=total, agencies=dict(counts), numbers=(first_number, last_number))


def import_xlsx(content, *, actor, agency=None, progress=_none) -> ImportResult:
    """All rows or none: every problem is reported with its row and column before anything is saved."""
    calendar = get_calendar()
    parsed = read_and_check(content, actor=actor, agency=agency, progress=progress, calendar=calendar)
    return save(parsed, actor=actor, progress=progress, calendar=calendar)
