"""Use cases that write appeal records; each logs to the audit trail in its transaction."""

from datetime import date

from django.db import transaction

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.disclosure_requests.published_years import check_open_year, record_correction

from .models import Appeal, AppealDocument, AppealKind, AppealResult
from .transitions import CLOSING_RESULTS


def current_reply(request):
    """The reply letter in force for a request (a corrected letter gives way to its correction), or None."""
    from gongkai.disclosure_requests.models import Document

    return (request.documents.filter(kind=Document.Kind.REPLY).exclude(replaced_by__isnull=False)
            .order_by("issued_on", "pk").last())


def _check_review_dates(*, kind: str, filed_on: date, copy_received_on: date | None, answered_on: date | None):
    if copy_received_on is not None and kind != AppealKind.REVIEW:
        raise DomainError("只有行政复议案件填写收到申请书副本日期", field="copy_received_on")
    if answered_on is not None and copy_received_on is None:
        raise DomainError("请先填写收到申请书副本日期", field="copy_received_on")
    if answered_on is not None and answered_on < copy_received_on:
        raise DomainError("提交书面答复日期不能早于收到申请书副本日期", field="answered_on")


def record_appeal(*, agency, kind: str, body: str, filed_on: date, actor, case_number: str = "",
                  applicant_name: str = "", request=None, summary: str = "", correction_reason: str = "",
                  copy_received_on: date | None = None, answered_on: date | None = None) -> Appeal:
    """A case filed in a year whose annual report is published changes its 表四: refused without a correction reason.

    A case against a request is linked to the reply letter in force when it is recorded (the act challenged)."""
    if kind not in AppealKind.values:
        raise DomainError(f"案件类型“{kind}”无效", field="kind")
    if not body.strip():
        raise DomainError("请填写复议机关或受理法院", field="body")
    if request is not None and request.agency_id != agency.pk:
        raise DomainError("所涉申请不属于本机关", field="request")
    _check_review_dates(kind=kind, filed_on=filed_on, copy_received_on=copy_received_on, answered_on=answered_on)
    reply = current_reply(request) if request is not None else None
    what = "复议诉讼案件立案"
    with transaction.atomic():
        published = check_open_year(agency, day=filed_on, what=what, correction_reason=correction_reason)
        appeal = Appeal.objects.create(agency=agency, kind=kind, body=body, filed_on=filed_on, request=request,
                                       case_number=case_number, applicant_name=applicant_name, summary=summary,
                                       reply=reply, copy_received_on=copy_received_on, answered_on=answered_on)
        log_action("appeals.appeal.recorded", actor=actor, obj=appeal,
                   data={"kind": kind, "filed_on": filed_on.isoformat(), "case_number": case_number})
        if published is not None:
            record_correction(published, obj=appeal, what=what, day=filed_on, correction_reason=correction_reason,
                              actor=actor, action="appeals.published_year.corrected")
    return appeal


def close_appeal(*, appeal: Appeal, result: str, closed_on: date, actor, correction_reason: str = "") -> Appeal:
    """A result dated into a year whose annual report is published changes its 表四: refused without a reason."""
    if result not in CLOSING_RESULTS:
        raise DomainError("审结时结果应为“结果维持”“结果纠正”或“其他结果”", field="result")
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.result != AppealResult.PENDING:
            raise DomainError(f"该案件已于{appeal.closed_on:%Y年%m月%d日}审结，不能再次审结")
        if closed_on < appeal.filed_on:
            raise DomainError("审结日期不能早于立案日期", field="closed_on")
        what = "复议诉讼案件审结"
        published = check_open_year(appeal.agency, day=closed_on, what=what, correction_reason=correction_reason)
        appeal.result, appeal.closed_on = result, closed_on
        appeal.save(update_fields=["result", "closed_on"])
        log_action("appeals.appeal.closed", actor=actor, obj=appeal,
                   data={"result": result, "closed_on": closed_on.isoformat()})
        if published is not None:
            record_correction(published, obj=appeal, what=what, day=closed_on, correction_reason=correction_reason,
                              actor=actor, action="appeals.published_year.corrected")
    return appeal


# Fields that decide where a case is counted in 表四 (which years, which row, which column).
_COUNTED = ("kind", "filed_on", "closed_on", "result")
_PLAIN = ("body", "case_number", "applicant_name", "summary", "copy_received_on", "answered_on")


def _counted_days(kind, filed_on: date, closed_on: date | None, today: date) -> dict[int, date]:
    """Each year whose 表四 holds the case, with the day that puts it there (queries.py's counting rule)."""
    last = closed_on.year if closed_on else max(today.year, filed_on.year)
    days = {}
    for year in range(filed_on.year, last + 1):
        if closed_on and closed_on.year == year:
            days[year] = closed_on
        elif filed_on.year == year:
            days[year] = filed_on
        else:
            days[year] = date(year, 1, 1)  # carried over as 尚未审结
    return days


def update_appeal(*, appeal: Appeal, actor, changes: dict, correction_reason: str = "") -> Appeal:
    """Edit a case. A change of type, dates or result moves it between cells of 表四 in every year it is counted
    (before and after the edit): a year whose report is published refuses it without a correction reason."""
    from django.utils import timezone

    unknown = set(changes) - set(_COUNTED) - set(_PLAIN)
    if unknown:
        raise DomainError(f"不能修改：{'、'.join(sorted(unknown))}")
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("agency").get(pk=appeal.pk)
        new = {name: changes.get(name, getattr(appeal, name)) for name in (*_COUNTED, *_PLAIN)}
        if new["kind"] not in AppealKind.values:
            raise DomainError(f"案件类型“{new['kind']}”无效", field="kind")
        if not (new["body"] or "").strip():
            raise DomainError("请填写复议机关或受理法院", field="body")
        if new["result"] not in AppealResult.values:
            raise DomainError("结果无效", field="result")
        if new["result"] == AppealResult.PENDING and new["closed_on"] is not None:
            raise DomainError("尚未审结的案件不填写审结日期；已审结的请选择结果", field="closed_on")
        if new["result"] in CLOSING_RESULTS and new["closed_on"] is None:
            raise DomainError("已审结的案件请填写审结日期", field="closed_on")
        if new["closed_on"] is not None and new["closed_on"] < new["filed_on"]:
            raise DomainError("审结日期不能早于立案日期", field="closed_on")
        _check_review_dates(kind=new["kind"], filed_on=new["filed_on"], copy_received_on=new["copy_received_on"],
                            answered_on=new["answered_on"])
        changed = {name: value for name, value in new.items() if getattr(appeal, name) != value}
        if not changed:
            return appeal
        published = []
        if set(changed) & set(_COUNTED):
            today = timezone.localdate()
            days = _counted_days(appeal.kind, appeal.filed_on, appeal.closed_on, today)
            for year, day in _counted_days(new["kind"], new["filed_on"], new["closed_on"], today).items():
                days.setdefault(year, day)
            what = "复议诉讼案件修改"
            for _year, day in sorted(days.items()):
                report = check_open_year(appeal.agency, day=day, what=what, correction_reason=correction_reason)
                if report is not None:
                    published.append((report, day))
        before = {name: _plain(getattr(appeal, name)) for name in changed}
        for name, value in changed.items():
            setattr(appeal, name, value)
        appeal.save(update_fields=list(changed))
        log_action("appeals.appeal.updated", actor=actor, obj=appeal,
                   data={"before": before, "after": {name: _plain(value) for name, value in changed.items()}})
        for report, day in published:
            record_correction(report, obj=appeal, what="复议诉讼案件修改", day=day,
                              correction_reason=correction_reason, actor=actor,
                              action="appeals.published_year.corrected")
    return appeal


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def add_document(*, appeal: Appeal, upload, actor) -> AppealDocument:
    """Store a paper of the case in the private storage (never a public URL) and audit it."""
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    if not name:
        raise DomainError("请选择要上传的文件", field="file")
    if not upload.size:
        raise DomainError("上传的文件是空文件", field="file")
    with transaction.atomic():
        document = AppealDocument(appeal=appeal, name=name, size=upload.size,
                                  uploaded_by=actor if getattr(actor, "pk", None) else None)
        document.file.save(name, upload, save=False)
        document.save()
        log_action("appeals.document.uploaded", actor=actor, obj=appeal,
                   data={"document": document.pk, "name": name, "size": upload.size})
    return document
