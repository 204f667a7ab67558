"""The Chinese name of every finding code: one table for the CLI, the checker page and the spreadsheet."""

from __future__ import annotations

FINDING_NAMES = {
    "missing_section": "缺少章节",
    "old_format": "使用旧格式",
    "before_format": "格式施行前的报告",
    "late_publication": "逾期公布",
    "date_incomplete": "落款日期不完整",
    "year_mismatch": "年度不一致",
    "self_reference": "机关名称或自称不符",
    "name_variant": "机关名称疑似错字",
    "narrative_mismatch": "正文与表格不符",
    "fee_statement_missing": "未说明信息处理费",
    "regulations_power": "无规章制定权却填报规章",
    "placeholder_left": "残留模板提示",
    "selfcheck_contradiction": "自查整改说法矛盾",
    "balance": "表三收支不平衡",
    "outcome_sum": "表三办理结果合计不符",
    "column_sum": "表三申请人合计不符",
    "appeal_sum": "表四合计不符",
    "counts": "数字不合法",
    "blank_cell": "空白单元格",
    "unreadable": "无法读取的单元格",
    "lost_label": "行名缺失",
    "format_unmapped": "旧格式内容未计入",
    "parse_note": "读取说明",
    "unconverted": "文件无法转换",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def finding_name(code: str) -> str:
    """The Chinese name of a finding; an unknown code is shown as it is."""
    return FINDING_NAMES.get(code, code)
