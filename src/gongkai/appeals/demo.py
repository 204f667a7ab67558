"""Demo appeals for 宗朗乡 in 2025: one 行政复议 decided, one 行政诉讼 still pending at year end."""

from datetime import date

from .models import AppealKind, AppealResult
from .services import close_appeal, record_appeal


def _a_request(agency):
    from gongkai.reports.sources import model_or_none

    Request = model_or_none("disclosure_requests.Request")
    if Request is None:
        return None
    return Request.objects.filter(agency=agency, received_on__year=2025, outcome__isnull=False).order_by("pk").first()


def load(ctx):
    agency = ctx.agencies["zonglang"]
    request = _a_request(agency)
    review = record_appeal(agency=agency, kind=AppealKind.REVIEW, body="叶城县人民政府", filed_on=date(2025, 5, 12),
                           case_number="叶政复〔2025〕7号", applicant_name="艾力·买买提", request=request,
                           summary="申请人对不予公开告知不服，申请行政复议", actor="演示数据")
    close_appeal(appeal=review, result=AppealResult.UPHELD, closed_on=date(2025, 7, 8), actor="演示数据")
    record_appeal(agency=agency, kind=AppealKind.LITIGATION_DIRECT, body="叶城县人民法院",
                  filed_on=date(2025, 11, 20), case_number="（2025）新3126行初15号", applicant_name="某商贸有限公司",
                  summary="原告请求撤销政府信息公开答复", actor="演示数据")
    ctx.lines.append("复议诉讼案件 2 件（宗朗乡 2025：复议维持 1 件，诉讼尚未审结 1 件）")
