"""The rule each move carries besides the transition table (条例 Arts. 30, 32–34, 36–37, 42; 国办函〔2020〕109号).

`record_event` in services.py calls GUARDS[kind] inside its transaction, after the table and role checks.
"""

from datetime import date

from gongkai.agencies.permissions import can_work_in
from gongkai.core.errors import DomainError
from gongkai.statute.clock import (
    MAX_EXTENSION_WORKDAYS,
    SUPPLEMENT_NOTICE_WORKDAYS,
    CalendarYearMissing,
    consultation_due,
    fee_payment_due,
    supplement_notice_due,
    workdays_between,
)
from gongkai.statute.fees import marginal_item_fee, quote_by_page
from gongkai.statute.outcomes import BY_KEY, OUTCOME_KEYS

from .clockfeed import fee_notice_day
from .models import EventKind as K
from .models import Request
from .transitions import APPLICANT, HEAD

LAPSE_ONLY_OUTCOMES = {"other.no_supplement", "other.fee_unpaid"}  # only a lapse gives these; a reply cannot


def no_guard(request, **_):
    return None


def last_event(events, kind):
    return next((e for e in reversed(events) if e.kind == kind), None)


def _guard_supplement_requested(request, *, events, day, data, calendar, **_):
    if last_event(events, K.SUPPLEMENT_REQUESTED):
        raise DomainError("补正通知应一次性发出（条例第三十条），本申请已经要求过补正")
    # Count the working days up to `day` first: that needs no day after it, so a notice sent in late
    # December is not refused just because the 7th working day would fall in an unentered year.
    if workdays_between(request.received_on, day, calendar) >= SUPPLEMENT_NOTICE_WORKDAYS and day > (
            latest := supplement_notice_due(request.received_on, calendar)):
        raise DomainError(f"补正通知应在收到申请之日起7个工作日内发出（最迟 {latest.isoformat()}），已超过期限")
    if not data.get("items"):
        raise DomainError("请写明需要补正的事项", field="items")
    supplement_due = data.get("supplement_due")
    if isinstance(supplement_due, str):
        supplement_due = date.fromisoformat(supplement_due)
    if not supplement_due or supplement_due <= day:
        raise DomainError("补正期限应晚于补正通知日期", field="supplement_due")
    data["supplement_due"] = supplement_due.isoformat()


def _guard_supplement_lapsed(request, *, day, **_):
    if request.step_due_on and day <= request.step_due_on:
        raise DomainError(f"补正期限 {request.step_due_on.isoformat()} 尚未届满")


def _guard_supplement_received(request, *, events, day, data, reason, roles, **_):
    if not (data.get("text") or data.get("attachments")):
        raise DomainError("请填写补正内容或上传补正材料", field="text")
    due = date.fromisoformat(last_event(events, K.SUPPLEMENT_REQUESTED).data["supplement_due"])
    if day > due:  # 条例 Art. 30: late without good reason = the application is treated as abandoned
        _accept_late(data, reason=reason, roles=roles, what="补正", limit=due)


def _accept_late(data, *, reason, roles, what, limit) -> None:
    """A step after its deadline goes on only with a 正当理由 recorded and accepted by the head (负责人)."""
    if APPLICANT in roles:  # the query page: the applicant explains the reason to the agency, which decides
        raise DomainError(f"{what}期限{limit.isoformat()}已过，网上不能再提交。如有正当理由，请与受理机关联系说明",
                          field="text")
    if not reason.strip():
        raise DomainError(f"{what}期限{limit.isoformat()}已过：逾期{what}须写明申请人的正当理由，"
                          f"否则视为放弃申请", field="reason")
    if HEAD not in roles:
        raise DomainError(f"{what}期限{limit.isoformat()}已过：逾期{what}的正当理由须经政府信息公开工作机构负责人"
                          "同意，请由负责人办理", field="reason")
    data["late"] = {"limit": limit.isoformat(), "accepted_by": "负责人"}


def _guard_consultation_opened(request, *, events, day, data, calendar, **_):
    if data.get("party_kind") not in ("third_party", "agency"):
        raise DomainError("请选择征求意见对象类型（第三方或其他机关）", field="party_kind")
    if not data.get("party_name"):
        raise DomainError("请填写征求意见对象名称", field="party_name")
    data["key"] = str(sum(1 for e in events if e.kind == K.CONSULTATION_OPENED) + 1)
    try:
        data["answer_due"] = consultation_due(day, calendar).isoformat()
    except CalendarYearMissing:  # the letter then states the 15 working days without a date
        data["answer_due"] = None


def _guard_consultation_answered(request, *, events, data, **_):
    opened = last_event(events, K.CONSULTATION_OPENED)
    data["key"] = opened.data["key"]
    if not isinstance(data.get("consent"), bool):
        raise DomainError("请选择对方是否同意公开", field="consent")


def _guard_consultation_lapsed(request, *, events, day, data, calendar, **_):
    opened = last_event(events, K.CONSULTATION_OPENED)
    limit = consultation_due(opened.day, calendar)
    if day <= limit:
        raise DomainError(f"征求意见期限 {limit.isoformat()} 尚未届满")
    # 条例 Art. 32: a silent third party has not consented; Art. 34: a silent agency is deemed to consent.
    data["key"] = opened.data["key"]
    data["consent"] = opened.data["party_kind"] == "agency"


def _guard_extended(request, *, events, day, data, **_):
    if last_event(events, K.EXTENDED):
        raise DomainError("答复期限只能延长一次（条例第三十三条）")
    try:
        days = int(data.get("days"))
    except (TypeError, ValueError):
        raise DomainError("请填写延长的工作日数", field="days") from None
    if not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise DomainError(f"延长期限最长不得超过{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条）", field="days")
    if request.due_on and day > request.due_on:
        raise DomainError(f"答复期限 {request.due_on.isoformat()} 已过，不能再延长")
    data["days"] = days


def nth_request_in_month(request: Request) -> int:
    """109号 Art. 4: this request's place among the applicant's requests received in the same natural month."""
    received = request.received_on
    same = Request.objects.filter(agency=request.agency, applicant_key=request.applicant_key,
                                  received_on__year=received.year, received_on__month=received.month)
    earlier = same.filter(received_on__lt=received).count()
    return earlier + same.filter(received_on=received, pk__lte=request.pk).count()


def _quote_fee(request, data) -> None:
    method = data.get("method")
    if method == "by_item":
        nth = nth_request_in_month(request)
        amount = marginal_item_fee(nth)
        data.update(quantity=nth, amount_yuan=amount,
                    explanation=[f"申请人本自然月第{nth}件申请（按件计收，超额累进）：{amount}元"])
    elif method == "by_page":
        try:
            pages = int(data.get("quantity"))
        except (TypeError, ValueError):
            raise DomainError("请填写页数", field="quantity") from None
        if pages < 0:
            raise DomainError("页数不能为负数", field="quantity")
        quote = quote_by_page(pages)
        data.update(quantity=pages, amount_yuan=quote.total_yuan, explanation=quote.explain())
    else:
        raise DomainError("请选择计费方式（按件或按量，不得同时按两种方式计收）", field="method")
    if data["amount_yuan"] == 0:
        raise DomainError(f"按所选方式计算应收费用为0元（{data['explanation'][-1]}），无需发出收费通知")


def _guard_fee_notified(request, *, events, day, data, **_):
    # 109号 Art. 3: one request is charged by one method, on one notice. A wrong notice is corrected
    # (更正收费通知) while unpaid; a second notice after payment would charge the request twice.
    earlier = last_event(events, K.FEE_NOTIFIED)
    if earlier is not None:
        method = _method_label(earlier.data["method"])
        raise DomainError(f"本申请已于{earlier.day.isoformat()}发出收费通知（{method}），"
                          "同一申请只能发出一份收费通知、按一种方式计收；通知有误的，请在缴费前更正收费通知",
                          field="method")
    # The fee notice is part of handling the request: it must go out within the reply period.
    if request.due_on and day > request.due_on:
        raise DomainError(f"答复期限 {request.due_on.isoformat()} 已过，不能再发出收费通知"
                          "（收费通知应在答复期限内发出）", field="day")
    _quote_fee(request, data)


def _guard_fee_corrected(request, *, events, day, data, reason, calendar, **_):
    if not reason.strip():
        raise DomainError("请写明更正收费通知的理由", field="reason")
    notice = last_event(events, K.FEE_NOTIFIED)
    if data.get("method") != notice.data["method"]:
        raise DomainError(f"同一申请只能按一种方式计收：本申请按{_method_label(notice.data['method'])}，更正时不能改变"
                          "计费方式", field="method")
    limit = fee_payment_due(fee_notice_day(events), calendar)
    if day > limit:
        raise DomainError(f"缴费期限 {limit.isoformat()} 已过，不能再更正收费通知", field="day")
    _quote_fee(request, data)


def _method_label(method: str) -> str:
    return {"by_item": "按件计收", "by_page": "按量计收"}.get(method, method)


def _guard_fee_paid(request, *, events, day, data, reason, roles, calendar, **_):
    limit = fee_payment_due(fee_notice_day(events), calendar)
    if day > limit:  # 109号: unpaid after 20 working days = the request is not processed further
        _accept_late(data, reason=reason, roles=roles, what="缴费", limit=limit)


def _guard_fee_lapsed(request, *, events, day, calendar, **_):
    limit = fee_payment_due(fee_notice_day(events), calendar)
    if day <= limit:
        raise DomainError(f"缴费期限 {limit.isoformat()} 尚未届满")


def _guard_assigned(request, *, data, **_):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=data.get("assignee")).first()
    if user is None or not can_work_in(user, request.agency):
        raise DomainError("经办人应为本机关工作人员", field="assignee")
    data["assignee_name"] = user.get_full_name()


def _guard_transferred(request, *, data, **_):
    if not data.get("competent_agency"):
        raise DomainError("请填写负责公开该信息的机关名称", field="competent_agency")


def _guard_replied(request, *, events, data, reason, **_):
    key = data.get("outcome")
    if key not in OUTCOME_KEYS or key in LAPSE_ONLY_OUTCOMES:
        raise DomainError("请选择一项办理结果", field="outcome")
    if key == "unable.unclear" and last_event(events, K.SUPPLEMENT_RECEIVED) is None:
        raise DomainError("“补正后申请内容仍不明确”只适用于申请人已补正的申请（条例第三十条）；"
                          "申请内容不明确的，应先发出补正通知", field="outcome")
    if key == "partial" and not (data.get("withheld") and reason):
        raise DomainError("部分公开须写明不予公开的内容及理由（条例第三十七条）", field="withheld")
    if BY_KEY[key].group in ("denied", "unable", "not_processed") and not reason:
        raise DomainError("请写明理由", field="reason")


def _guard_delivered(request, *, events, data, **_):
    from .models import Delivery

    if not any(e.kind in (K.REPLIED, K.TRANSFERRED) for e in events):
        raise DomainError("本申请没有作出答复或告知，没有需要送达的文书")
    if data.get("method") not in Delivery.values:
        raise DomainError("请选择送达方式", field="method")


def _guard_corrected(request, *, events, reason, **_):
    if last_event(events, K.REPLIED) is None:
        raise DomainError("本申请没有作出答复，没有可更正的答复告知书")
    if not reason:
        raise DomainError("请写明更正理由", field="reason")


GUARDS = {
    K.SUPPLEMENT_REQUESTED: _guard_supplement_requested,
    K.SUPPLEMENT_RECEIVED: _guard_supplement_received,
    K.SUPPLEMENT_LAPSED: _guard_supplement_lapsed,
    K.CONSULTATION_OPENED: _guard_consultation_opened,
    K.CONSULTATION_ANSWERED: _guard_consultation_answered,
    K.CONSULTATION_LAPSED: _guard_consultation_lapsed,
    K.EXTENDED: _guard_extended,
    K.FEE_NOTIFIED: _guard_fee_notified,
    K.FEE_CORRECTED: _guard_fee_corrected,
    K.FEE_PAID: _guard_fee_paid,
    K.FEE_LAPSED: _guard_fee_lapsed,
    K.ASSIGNED: _guard_assigned,
    K.TRANSFERRED: _guard_transferred,
    K.REPLIED: _guard_replied,
    K.DELIVERED: _guard_delivered,
    K.CORRECTED: _guard_corrected,
}
