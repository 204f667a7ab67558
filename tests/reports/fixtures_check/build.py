"""Hand-made reports in the layouts real sites publish, built from one set of figures."""

from __future__ import annotations

from gongkai.statute.report import APPEAL_COLUMNS, APPEAL_GROUPS, COLUMNS, ROW_KEYS

LABELS_2021 = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_in": "二、上年结转政府信息公开申请数量",
    "granted": "三、本年度办理结果\t（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.state_secret": "（三）不予公开\t1.属于国家秘密",
    "denied.law_prohibited": "2.其他法律行政法规禁止公开",
    "denied.security_stability": "3.危及“三安全一稳定”",
    "denied.third_party": "4.保护第三方合法权益",
    "denied.internal_affairs": "5.属于三类内部事务信息",
    "denied.process_info": "6.属于四类过程性信息",
    "denied.enforcement_file": "7.属于行政执法案卷",
    "denied.inquiry": "8.属于行政查询事项",
    "unable.not_held": "（四）无法提供\t1.本机关不掌握相关政府信息",
    "unable.needs_creation": "2.没有现成信息需要另行制作",
    "unable.unclear": "3.补正后申请内容仍不明确",
    "not_processed.petition": "（五）不予处理\t1.信访举报投诉类申请",
    "not_processed.duplicate": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.excessive": "4.无正当理由大量反复申请",
    "not_processed.confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other.no_supplement": "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "total": "（七）总计",
    "carried_out": "四、结转下年度继续办理",
}


def figures() -> dict[str, list[int]]:
    """新收 10 (8 自然人, 2 商业企业), 上年结转 1; 6 granted, 2 partial, 1 not held, 1 duplicate; 1 carried out."""
    rows = {key: [0] * 7 for key in ROW_KEYS}
    rows["new"] = [8, 2, 0, 0, 0, 0, 10]
    rows["carried_in"] = [1, 0, 0, 0, 0, 0, 1]
    rows["granted"] = [5, 1, 0, 0, 0, 0, 6]
    rows["partial"] = [1, 1, 0, 0, 0, 0, 2]
    rows["unable.not_held"] = [1, 0, 0, 0, 0, 0, 1]
    rows["not_processed.duplicate"] = [1, 0, 0, 0, 0, 0, 1]
    rows["total"] = [8, 2, 0, 0, 0, 0, 10]
    rows["carried_out"] = [1, 0, 0, 0, 0, 0, 1]
    return rows


APPEALS = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def text_report(
    *,
    agency="叶城县宗朗乡人民政府",
    year=2024,
    date="2025年1月20日",
    rows=None,
    sep="\t",
    title=None,
    overview=None,
    problems=None,
    other=None,
    appeals=None,
    table2=None,
    keys=None,
    labels=None,
) -> str:
    rows = rows or figures()
    appeals = appeals or APPEALS
    short = agency.removesuffix("人民政府")
    lines = [
        title or f"{short}{year}年政府信息公开工作年度报告",
        "一、总体情况",
        overview or f"{year}年，我乡收到政府信息公开申请10件，均已按期答复。",
        "二、主动公开政府信息情况",
    ]
    lines += table2 or [
        "第二十条第（一）项",
        sep.join(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        sep.join(["规章", "0", "0", "0"]),
        sep.join(["行政规范性文件", "2", "1", "7"]),
        "第二十条第（五）项",
        sep.join(["信息内容", "本年处理决定数量"]),
        sep.join(["行政许可", "35"]),
        "第二十条第（六）项",
        sep.join(["信息内容", "本年处理决定数量"]),
        sep.join(["行政处罚", "4"]),
        sep.join(["行政强制", "0"]),
        "第二十条第（八）项",
        sep.join(["信息内容", "本年收费金额（单位：万元）"]),
        sep.join(["行政事业性收费", "1.25"]),
    ]
    lines += [
        "三、收到和处理政府信息公开申请情况",
        sep.join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
        sep.join(["自然人", "法人或其他组织", "总计"]),
        sep.join(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]),
    ]
    labels = labels or LABELS_2021
    for key in keys or ROW_KEYS:
        label = labels[key].replace("\t", sep)
        lines.append(sep.join([label, *(str(v) for v in rows[key])]))
    lines += [
        "四、政府信息公开行政复议、行政诉讼情况",
        sep.join(["行政复议", "行政诉讼"]),
        sep.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]),
        sep.join(str(v) for v in appeals),
        "五、存在的主要问题及改进情况",
        problems or "一是工作人员业务水平有待提高。二是将加强培训。",
        "六、其他需要报告的事项",
        other or "本年度未收取信息处理费。",
        agency,
        date,
    ]
    return "\n".join(lines) + "\n"


def rows_as_columns(rows) -> dict[str, dict[str, int]]:
    return {key: dict(zip(COLUMNS, values, strict=True)) for key, values in rows.items()}


def appeals_as_groups(values) -> dict[str, dict[str, int]]:
    it = iter(values)
    return {g: {c: next(it) for c in APPEAL_COLUMNS} for g in APPEAL_GROUPS}
