"""Shapes shared by several endpoints: the error body, a finding, the annual report as a schema reference."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers

ANNUAL_REPORT_REF = {"$ref": "#/components/schemas/AnnualReport"}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="错误说明（中文）")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="字段有误时按字段列出的中文说明：字段名 → 说明列表；不属于某一字段的放在 non_field_errors")


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="检查项代码，如 balance（表三收支不平衡）")
    severity = serializers.ChoiceField(choices=[("error", "错误"), ("warning", "警告"), ("info", "提示")],
                                       help_text="级别：error＝错误；warning＝警告；info＝提示")
    message = serializers.CharField(help_text="中文说明")
    where = serializers.CharField(allow_null=True, help_text="位置（表、行、列），无则为 null")


@extend_schema_field(ANNUAL_REPORT_REF)
class AnnualReportField(serializers.JSONField):
    """The report object of /schema/annual-report.schema.json, passed through as it is."""


def _path(name: str, kind, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.PATH, description=description)


NUMBER_PARAM = _path("number", str, "申请编号，如“宗朗乡依申〔2026〕第1号”（在地址中按 UTF-8 进行 URL 编码）")
DOCUMENT_PARAM = _path("document_id", int, "文书编号（见状态结果 documents 中的 id）")
ITEM_PARAM = _path("id", int, "信息编号（见列表结果中的 id）")
AGENCY_CODE_PARAM = _path("agency_code", str, "机关统一社会信用代码（18位）；没有代码的机关用平台内机关编号")
YEAR_PARAM = _path("year", int, "报告年度，如 2025")

BAD_REQUEST = OpenApiResponse(ErrorSerializer, description="提交的内容有误：detail 为说明，errors 按字段列出中文说明")
UNAUTHORIZED = OpenApiResponse(ErrorSerializer, description="没有提供令牌，或令牌无效、已被吊销")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="令牌的权限范围不允许调用此接口")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="未找到；不属于本令牌范围的对象也返回 404")
TOO_LARGE = OpenApiResponse(ErrorSerializer, description="上传的文件超过大小限制")
THROTTLED = OpenApiResponse(ErrorSerializer, description="调用过于频繁；Retry-After 头给出需等待的秒数")
