"""A supervisor's view of a subtree: the summed tables (as an annual-report object) and each agency's status."""

from rest_framework import serializers

from gongkai.reports.queries import STATUS_LABELS

from .serializers_common import AnnualReportField, FindingSerializer


class ReportStatusSerializer(serializers.Serializer):
    agency = serializers.CharField(help_text="机关名称")
    agency_code = serializers.CharField(help_text="机关统一社会信用代码（或平台内机关编号）")
    status = serializers.ChoiceField(choices=list(STATUS_LABELS.items()),
                                     help_text="状态：" + "；".join(f"{k}＝{v}" for k, v in STATUS_LABELS.items()))
    status_label = serializers.CharField(help_text="状态名称")
    deadline = serializers.DateField(help_text="发布期限（条例第四十九条：部门、乡镇1月31日，县级以上人民政府3月31日）")
    days_left = serializers.IntegerField(help_text="距发布期限的天数，已过期为负数")
    published_on = serializers.DateField(allow_null=True, help_text="发布日期，未发布为 null")
    findings = FindingSerializer(many=True, help_text="已发布报告的表格计算检查结果（条例规定的表格平衡关系）")


class RollupSerializer(serializers.Serializer):
    agency = serializers.CharField(help_text="汇总的上级机关")
    agency_code = serializers.CharField(help_text="上级机关统一社会信用代码（或平台内机关编号）")
    year = serializers.IntegerField(help_text="报告年度")
    agencies = serializers.IntegerField(help_text="汇总的机关数（本机关及全部下级机关）")
    rollup = AnnualReportField(help_text="全部机关的表二、表三、表四按记录汇总，格式同年度报告数据（agency 为 null）")
    statuses = ReportStatusSerializer(many=True, help_text="每个机关该年度报告的状态")
