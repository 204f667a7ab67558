"""Use cases that write appeal records; each logs to the audit trail in its transaction."""

from datetime import date

from django.db import transaction

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.disclosure_requests.published_years import check_open_year, record_correction

from .models import Appeal, AppealKind, AppealResult
from .transitions import CLOSING_RESULTS


def record_appeal(*, agency, kind: str, body: str, filed_on: date, actor, case_number: str = "",
                  applicant_name: str = "", request=None, summary: str = "", correction_reason: str = "") -> Appeal:
    """A case filed in a year whose annual report is published changes its 表四: refused without a correction reason."""
    if kind not in AppealKind.values:
        raise DomainError(f"案件类型“{kind}”无效", field="kind")
    if request is not None and request.agency_id != agency.pk:
        raise DomainError("所涉申请不属于本机关", field="request")
    what = "复议诉讼案件立案"
    with transaction.atomic():
        published = check_open_year(agency, day=filed_on, what=what, correction_reason=correction_reason)
        appeal = Appeal.objects.create(agency=agency, kind=kind, body=body, filed_on=filed_on, request=request,
                                       case_number=case_number, applicant_name=applicant_name, summary=summary)
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
