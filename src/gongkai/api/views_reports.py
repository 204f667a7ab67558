"""Reports as data: a published annual report as the project's JSON; a supervising token's subtree roll-up and
status; the checker on an uploaded report, answering what `gongkai report check --json` prints."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from gongkai.reports.build import build_rollup
from gongkai.reports.check import check_bytes
from gongkai.reports.check_views import MAX_BYTES
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.parse import UnusableInput
from gongkai.reports.queries import statuses_for
from gongkai.reports.render import json as render_json
from gongkai.reports.services import report_data
from gongkai.statute.report import Report, check_arithmetic

from . import examples
from .base import ApiView
from .lookups import agency_or_404, code_of
from .permissions import CanCheck, CanSupervise, token_of
from .serializers_common import (
    AGENCY_CODE_PARAM,
    ANNUAL_REPORT_REF,
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    THROTTLED,
    TOO_LARGE,
    UNAUTHORIZED,
    YEAR_PARAM,
)
from .serializers_reports import RollupSerializer
from .throttles import CheckRateThrottle, TokenRateThrottle
from .tokens import agencies_of, covers

TAG = "年度报告数据"
MAX_MB = MAX_BYTES // (1024 * 1024)


class ReportView(ApiView):
    @extend_schema(
        tags=[TAG], operation_id="reports_retrieve", summary="已发布的年度报告（JSON）",
        description="机关某年度已发布的政府信息公开工作年度报告，格式符合 /schema/annual-report.schema.json，"
                    "数据为终审发布时冻结的数据。未发布的年度返回 404。不需要令牌。",
        parameters=[AGENCY_CODE_PARAM, YEAR_PARAM],
        responses={200: OpenApiResponse(ANNUAL_REPORT_REF, description="年度报告数据"), 404: NOT_FOUND},
        examples=[examples.REPORT],
    )
    def get(self, request, agency_code, year):
        agency = agency_or_404(agency_code)
        report = AnnualReport.objects.filter(agency=agency, year=year, state=ReportState.PUBLISHED).first()
        if report is None:
            raise Http404(f"{agency.name}{year}年度报告尚未发布")
        _name, content_type, body = render_json.render(report_data(report))
        return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


class RollupView(ApiView):
    permission_classes = [CanSupervise]

    @extend_schema(
        tags=[TAG], operation_id="reports_rollup", summary="下级机关年度报告汇总与状态（上级监督）",
        description="上级监督令牌：所指机关（须在令牌的下级范围内）及其全部下级机关的表格汇总，"
                    "以及每个机关该年度报告的状态（已发布、逾期、检查未通过等）。",
        parameters=[AGENCY_CODE_PARAM, YEAR_PARAM],
        responses={200: OpenApiResponse(RollupSerializer, description="汇总与各机关状态"),
                   401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND},
        examples=[examples.ROLLUP],
    )
    def get(self, request, agency_code, year):
        agency = agency_or_404(agency_code)
        token = token_of(request)
        if not covers(token, agency):
            raise Http404(f"未找到代码为“{agency_code}”的机关")
        agencies = list(agencies_of(token).filter(path__startswith=agency.path).order_by("path"))
        statuses = []
        for s in statuses_for(agencies, year, timezone.localdate()):
            findings = check_arithmetic(Report.from_json(s.report.frozen)) if s.report and s.report.frozen else []
            statuses.append({
                "agency": s.agency.name, "agency_code": code_of(s.agency), "status": s.key, "status_label": s.label,
                "deadline": s.deadline, "days_left": s.days_left,
                "published_on": s.report.published_on if s.report else None,
                "findings": [f.to_json() for f in findings]})
        body = {"agency": agency.name, "agency_code": code_of(agency), "year": year, "agencies": len(agencies),
                "rollup": build_rollup(agencies, year).to_json(), "statuses": statuses}
        return Response(RollupSerializer(body).data)


class CheckView(ApiView):
    permission_classes = [CanCheck]
    parser_classes = [MultiPartParser]
    throttle_classes = [TokenRateThrottle, CheckRateThrottle]

    @extend_schema(
        tags=[TAG], operation_id="check_create", summary="检查一份已发布的年度报告",
        description=f"上传一份年度报告（txt、html、docx、pdf，不超过{MAX_MB}MB），返回读出的报告数据和检查结果"
                    "（findings），与命令 gongkai report check --json 的输出相同。",
        request={"multipart/form-data": inline_serializer("CheckUpload", {
            "file": serializers.FileField(help_text=f"年度报告文件（txt、html、docx、pdf），不超过{MAX_MB}MB")})},
        responses={200: OpenApiResponse(ANNUAL_REPORT_REF, description="报告数据及检查结果"),
                   400: BAD_REQUEST, 401: UNAUTHORIZED, 403: FORBIDDEN, 413: TOO_LARGE,
                   429: THROTTLED},
        examples=[examples.CHECK_RESULT, examples.CHECK_TOO_LARGE],
    )
    def post(self, request):
        message = f"文件超过{MAX_MB}MB，未检查"
        too_large = Response({"detail": message, "errors": {"file": [message]}},
                             status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isascii() and declared.isdigit() and int(declared) > MAX_BYTES + 64 * 1024:
            return too_large  # refused before the body is read
        upload = request.FILES.get("file")
        if upload is None:
            message = "请上传年度报告文件（txt、html、docx、pdf）"
            return Response({"detail": message, "errors": {"file": [message]}}, status=status.HTTP_400_BAD_REQUEST)
        if upload.size > MAX_BYTES:
            return too_large
        try:
            report = check_bytes(upload.read(), upload.name)
        except UnusableInput as exc:
            return Response({"detail": str(exc), "errors": {"file": [str(exc)]}}, status=status.HTTP_400_BAD_REQUEST)
        return Response(report.to_json())
