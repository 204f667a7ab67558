"""Every check of a published report → findings (stable code, severity, Chinese message, where).

The arithmetic rules live in statute.report (check_arithmetic); this module adds what a reader of
the published text checks: missing sections, the old format, the publication date, what the report
calls itself, the year, the narrative against the tables, the fee statement of section 六, a template prompt
left in the text, and a self-inspection claim that section 五 contradicts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz

from gongkai.statute.clock import report_deadline
from gongkai.statute.report import Finding, Report, Severity, check_arithmetic

from .agency_names import is_own_name
from .check_narrative import (
    blank_totals,
    check_fee_statement,
    check_narrative,
    check_placeholders,
    check_selfcheck_claims,
    known_cells,
)
from .parse import Parsed, missing_sections, parse_bytes, parse_path
from .parse.document import place_of, place_of_word
from .parse.metadata import AGENCY_SUFFIX, same_agency
from .parse.normalize import to_ascii

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check_parsed(parsed: Parsed) -> Report:
    """Parse findings first, then every check; the report comes back with its findings."""
    report = parsed.report
    if report.year and report.year < FIRST_FORMAT_YEAR:
        return _before_the_format(parsed)
    findings = list(report.findings)
    findings += missing_sections(parsed)
    findings += _arithmetic(parsed)
    for check in TEXT_CHECKS:
        findings += check(parsed)
    report.findings = findings
    return report


# 国办公开办函〔2019〕60号 set the sections and tables of reports on 2019 onwards; earlier reports followed the
# 2008 条例 (主动公开, 依申请, 收费, 复议诉讼, 问题, 其他) and are no omission of them
FIRST_FORMAT_YEAR = 2019


def _before_the_format(parsed: Parsed) -> Report:
    report = parsed.report
    kept = [f for f in report.findings if f.code not in ("unreadable", "blank_cell", "lost_label")]
    kept.append(Finding("before_format", Severity.INFO,
                        f"{report.year}年度报告早于国办公开办函〔2019〕60号规定的格式，按原条例编写，未检查章节和表格",
                        "标题与前言"))
    # the 2008 条例's deadline was 31 March for every agency: no late_publication by the present rule
    report.findings = kept + check_self_reference(parsed) + check_year_mismatch(parsed)
    return report


SUM_CODES = frozenset(("balance", "outcome_sum", "column_sum", "appeal_sum"))


def _arithmetic(parsed: Parsed) -> list[Finding]:
    """The arithmetic rules; a rule that fails only because a blank total cell was read as 0 is not an error.

    A blank total may mean 0 or “not filled in”: where the sums hold with it as 0 it stays 0; where they
    fail, the failure is reported as `blank_cell` information, never as the agency's arithmetic error.
    """
    report = parsed.report
    findings = check_arithmetic(report)
    if not blank_totals(parsed) or not any(f.code in SUM_CODES for f in findings):
        return findings
    applications, appeals = known_cells(parsed)
    unknown = replace(report, applications=applications, appeals=appeals, findings=[])
    without_blanks = {(f.code, f.where) for f in check_arithmetic(unknown)}
    kept = []
    for finding in findings:
        if finding.code in SUM_CODES and (finding.code, finding.where) not in without_blanks:
            finding = Finding("blank_cell", Severity.INFO,
                              f"{finding.message}（涉及空白的总计单元格，空白不一定是0，不按错误计）", finding.where)
        kept.append(finding)
    return kept


def check_path(path: str | Path) -> Report:
    return check_parsed(parse_path(path))


def check_bytes(data: bytes, name: str) -> Report:
    return check_parsed(parse_bytes(data, name))


def counts_by_severity(report: Report) -> Counter:
    return Counter(str(f.severity) for f in report.findings)


# --- the format and the date ---------------------------------------------------------------------


def check_old_format(parsed: Parsed) -> list[Finding]:
    """国办公开办函〔2021〕30号 replaced the 2019 format for reports on 2021 onwards."""
    report = parsed.report
    if report.format == "2019" and report.year and report.year >= 2021:
        return [
            Finding(
                "old_format",
                Severity.WARNING,
                f"{report.year}年度报告仍使用2019年格式（国办公开办函〔2019〕60号），应使用国办公开办函〔2021〕30号格式",
                "表二、表三",
            )
        ]
    return []


COUNTY_OR_ABOVE = re.compile(r"(?:省|自治区|市|县|区|旗|州|盟)人民政府$")
TOWNSHIP = re.compile(r"(?:乡|镇|街道|苏木)(?:人民政府|办事处)?$")


def is_county_or_above_government(agency: str | None) -> bool:
    """“XX县/区/市/省人民政府” itself (a district is county-level), not its departments, towns or streets."""
    if not agency:
        return False
    name = agency.strip()
    if not COUNTY_OR_ABOVE.search(name) or TOWNSHIP.search(name.removesuffix("人民政府")):
        return False
    core = name.removesuffix("人民政府")
    return not re.search(r"(?:乡|镇|街道)$", core)


def check_late_publication(parsed: Parsed) -> list[Finding]:
    """条例 Art. 49: by 31 January of the next year; a county-or-above government's own report by 31 March."""
    report = parsed.report
    if report.year and not report.published_on and parsed.partial_date:
        return _partial_date(parsed)
    if not report.year or not report.published_on:
        return []
    government = is_county_or_above_government(report.agency)
    due = report_deadline(report.year, county_or_above_government=government)
    if report.published_on <= due:
        return []
    who = "县级以上人民政府年度报告" if government else "部门、乡镇（街道）年度报告"
    return [
        Finding(
            "late_publication",
            Severity.ERROR,
            f"报告落款日期为{report.published_on:%Y年%m月%d日}，晚于{who}的公布期限{due:%Y年%m月%d日}（条例第四十九条）",
            "落款日期",
        )
    ]


def _partial_date(parsed: Parsed) -> list[Finding]:
    """“2025年1月 日”: the day was never filled in; late anyway when the whole month is after the deadline."""
    report = parsed.report
    year, month = parsed.partial_date
    findings = [
        Finding(
            "date_incomplete",
            Severity.WARNING,
            f"落款日期只写到“{year}年{month}月”，缺少日",
            "落款日期",
        )
    ]
    government = is_county_or_above_government(report.agency)
    due = report_deadline(report.year, county_or_above_government=government)
    if (year, month) > (due.year, due.month):
        who = "县级以上人民政府年度报告" if government else "部门、乡镇（街道）年度报告"
        findings.append(
            Finding(
                "late_publication",
                Severity.ERROR,
                f"报告落款为{year}年{month}月，晚于{who}的公布期限{due:%Y年%m月%d日}（条例第四十九条）",
                "落款日期",
            )
        )
    return findings


# --- what the report calls itself ------------------------------------------------------------------

SELF_WORDS = ("乡", "镇", "街道", "县", "区", "市", "局", "委", "办")
WRONG_SELF = {
    "乡": {"镇", "街道", "局", "委"},
    "镇": {"乡", "街道", "局", "委"},
    "街道": {"乡", "镇", "局", "委"},
    "县": {"乡", "镇", "街道", "区", "局", "委"},
    "区": {"乡", "镇", "街道", "县", "局", "委"},
    "市": {"乡", "镇", "街道", "局", "委"},
    "局": {"乡", "镇", "街道", "委"},
    "委": {"乡", "镇", "街道", "局"},
    "department": {"乡", "镇", "街道"},
}
OWN_WORD = {"department": "本机关", "局": "我局", "委": "我委"}
# What may follow 我X without it being the agency's self-name: 我县政府, 我委托, 我局长 …
NOT_SELF_AFTER = "(?!政府|府|人民|委托|员会|办公|办法|长|书|属|托)"
OTHER_AGENCY = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:乡|镇)人民政府|[\u4e00-\u9fff]{2,12}?街道办事处)")
NOT_A_NAME = ("我|通过|主要|持续|完善|加强|推进|依托|指导|督促|协调|联合|会同|配合|的|更新|公开|发布|建立|健全|落实"
              "|开展|提升|优化|规范|实现|全面|积极|深化|强化|围绕|聚焦|推动|做好|加大|提高|明确|发挥|召开|参加|按照|结合"
              "|公布|[一二三四五六七八九十]是|是在|为"  # “二是在街道办事处政务公开宣传栏…”, “主管领导为街道办事处…”
              "|与|由|在线|网站|门户|平台")  # “请与街道办事处联系”, “福田政府在线街道办事处主页”: its own, on a site
ADDRESS = re.compile(r"(?:地址|住址|地点|位于|坐落于)\s*[:：]?[^;；)）。\n]*$")
COLLECTIVE = re.compile(r"各|全|所属|所辖|辖区|下属|乡镇|有关|相关|周边|邻近")
REPORTING_AGENCY = re.compile(
    # not “准确发布区政府办公室2024年度部门预算”: what is published after the year is the report
    r"(?:公布|发布|本报告由|现将)\s*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX
    + r")\s*(?:20\d{2}\s*年度?\s*(?:的)?\s*(?:政府|政务)?信息公开|编制|根据)"
    r"|(?:^|\n)\s*([\u4e00-\u9fff]{2,30}?"
    + AGENCY_SUFFIX
    + r")\s*20\d{2}\s*年度?\s*(?:的)?\s*政府信息公开[^。\n]{0,8}?报告"
)


# “吉村镇人民政府办公室”, “县人民政府办公室”: a government's office reports for that government and may call it 我镇
OFFICE_OF_GOVERNMENT = re.compile(r"(?:(?<=人民政府)|(?<=办事处))(?:党政)?(?:办公室|办公厅|办)$")


def agency_kind(agency: str | None) -> str | None:
    if not agency:
        return None
    agency = re.sub(r"(?<!人民)政府$", "人民政府", OFFICE_OF_GOVERNMENT.sub("", agency))  # “下湿壕镇政府”
    core = agency.removesuffix("人民政府").removesuffix("办事处")
    for kind in ("街道", "乡", "镇"):
        if core.endswith(kind):
            return kind
    if agency.endswith("人民政府"):
        for kind in ("县", "区", "市", "旗"):
            if core.endswith(kind):
                return "县" if kind == "旗" else kind
        return None
    if core.endswith("局"):
        return "局"
    if core.endswith(("委员会", "委")) and not core.endswith("管理委员会"):
        return "委"
    return "department"


def check_self_reference(parsed: Parsed) -> list[Finding]:
    """The report calls its agency something it is not: 我镇 in a 乡's report, 我局 in a 委's, another agency's name."""
    report = parsed.report
    findings: list[Finding] = []
    kind = agency_kind(report.agency)
    body = _body(parsed)
    for wrong in sorted(WRONG_SELF.get(kind or "", set())):
        count = len(re.findall(f"我{wrong}{NOT_SELF_AFTER}", body))
        if count:
            own = OWN_WORD.get(kind, f"我{kind}")
            findings.append(
                Finding(
                    "self_reference",
                    Severity.WARNING,
                    f"报告机关为“{report.agency}”，正文却{count}处自称“我{wrong}”（应为“{own}”），疑似套用其他机关的报告",
                    place_of_word(parsed, f"我{wrong}"),
                )
            )
    findings += _other_names(parsed)
    return findings


# The nationalities a 民族乡 names between its place and 乡 (“盘龙彝族乡”, “xx回族土族乡”)
ETHNIC = re.compile(
    "(?:(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇"
    "|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京"
    "|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族)+(?=乡|镇|苏木)")


def names_match(name: str, own: str) -> bool:
    """One agency however written: 宗朗乡 / 叶城县宗朗乡人民政府 / 市科委 / 县政府办 / a misread character."""
    if is_own_name(name, own) or is_own_name(own, name):
        return True
    name, own = OFFICE_OF_GOVERNMENT.sub("", name), OFFICE_OF_GOVERNMENT.sub("", own)
    name, own = ETHNIC.sub("", name), ETHNIC.sub("", own)  # “盘龙彝族乡” is “盘龙乡”
    # “两英镇政府” is “两英镇人民政府”
    a, b = (n.removesuffix("人民政府").removesuffix("政府").removesuffix("办事处") for n in (name, own))
    if a in b or b in a or same_agency(name, own):
        return True
    # “特别是以南源街道办事处名义”: words of the sentence before the name; the agency's own 乡/镇/街道 ends it
    local = re.sub(r"^.*(?:省|市|区|县|州|旗|盟)(?:人民政府)?", "", b)
    if len(local) >= 3 and local.endswith(("乡", "镇", "街道")) and a.endswith(local):
        return True
    return len(a) >= 3 and len(b) >= 3 and (a.endswith(b[-3:]) or b.endswith(a[-3:])) and fuzz.partial_ratio(a, b) >= 80


def _other_names(parsed: Parsed) -> list[Finding]:
    report = parsed.report
    findings = []
    if parsed.name_variant:
        title, signature = parsed.name_variant
        findings.append(
            Finding(
                "name_variant",
                Severity.INFO,
                f"标题中的机关“{title}”与落款“{signature}”仅差一字，按同一机关处理（疑似错字或识别错误）",
                "标题与落款",
            )
        )
    elif parsed.signature_agency and parsed.title_agency:
        title, signature = parsed.title_agency, parsed.signature_agency
        if title not in signature and signature not in title and not names_match(title, signature):
            findings.append(
                Finding(
                    "self_reference",
                    Severity.ERROR,
                    f"标题中的机关“{title}”与落款“{signature}”不一致",
                    "标题与落款",
                )
            )
    if not report.agency:
        return findings
    findings += _other_reporting_agency(parsed)
    if agency_kind(report.agency) in ("县", "区", "市", None):
        return findings  # a government's report names its towns and departments as a matter of course
    seen = set()
    for match in OTHER_AGENCY.finditer(parsed.text):
        # “我镇主要通过镇人民政府…”, “持续完善街道办事处…”: the words before a name are not part of it
        name = re.sub(rf"^.*(?:{NOT_A_NAME})", "", match.group(1))
        core = name.removesuffix("人民政府").removesuffix("办事处")
        if len(core) < 2 or core in ("街道", "乡", "镇"):
            continue
        if core in seen or COLLECTIVE.search(core) or names_match(name, report.agency):
            continue
        if ADDRESS.search(parsed.text[max(0, match.start() - 40) : match.start()]):
            continue  # “(地址:合江县符阳街道办事处少岷南路329号…)”: a place in an address
        seen.add(core)
        findings.append(
            Finding(
                "self_reference",
                Severity.ERROR,
                f"报告机关为“{report.agency}”，文中却出现其他机关名称“{name}”，疑似套用其他机关的报告",
                place_of(parsed, match.start()),
            )
        )
    return findings


def _other_reporting_agency(parsed: Parsed) -> list[Finding]:
    """“现公布XX局2023年政府信息公开工作年度报告” in a report signed by another agency."""
    own = parsed.report.agency
    findings, seen = [], set()
    names = {own, parsed.title_agency, parsed.signature_agency} - {None}
    for match in REPORTING_AGENCY.finditer(to_ascii(parsed.text[:3000])):
        name = match.group(1) or match.group(2)
        name = re.sub(r"^(?:关于|根据|依据|现将|现)", "", name)
        if name in seen or len(name) < 3 or COLLECTIVE.match(name) or any(names_match(name, n) for n in names):
            continue
        if name in ("本机关", "本单位", "本局", "本委", "本办", "我局", "我委", "我办", "我单位"):
            continue
        seen.add(name)
        findings.append(
            Finding(
                "self_reference",
                Severity.ERROR,
                f"报告机关为“{own}”，文中却称这是“{name}”的年度报告，疑似套用其他机关的报告",
                place_of(parsed, match.start()),
            )
        )
    return findings


def _body(parsed: Parsed) -> str:
    return parsed.text


# --- the year ------------------------------------------------------------------------------------


def check_year_mismatch(parsed: Parsed) -> list[Finding]:
    """The year of the title, of the statistics period and of the text must be one year."""
    stated = {"标题": parsed.title_year, "统计期限": parsed.period_year, "前言": parsed.stated_year}
    stated = {k: v for k, v in stated.items() if v}
    findings = []
    if len(set(stated.values())) > 1:
        shown = "，".join(f"{k}为{v}年" for k, v in stated.items())
        findings.append(Finding("year_mismatch", Severity.ERROR, f"报告年度前后不一致：{shown}", "标题与前言"))
    year = parsed.report.year
    if year:
        findings += _text_years(parsed, year)
    if year and parsed.report.published_on and parsed.report.published_on.year != year + 1:
        findings.append(
            Finding(
                "year_mismatch",
                Severity.WARNING,
                f"{year}年度报告的落款日期为{parsed.report.published_on:%Y年%m月%d日}，应在{year + 1}年",
                "落款日期",
            )
        )
    return findings


YEAR_STATEMENT = re.compile(r"(20\d{2})\s*年(?:度)?\s*[,，]?\s*(?:我|本|全|共|累计)([^。；;\n]*)")
# “2025年，我乡将进一步…”: a later year with a plan is what the agency means to do, not the year it reports on.
PLAN = re.compile(r"将|计划|拟|力争|预计|继续|进一步|下一步|着力|持续")


def _text_years(parsed: Parsed, year: int) -> list[Finding]:
    """“2023年我乡…” in the report on 2024: a year in the text's own statements that is not the report's."""
    findings = []
    sections = parsed.report.sections
    for name, body in (("一、总体情况", sections.overview), ("五、存在的主要问题及改进情况", sections.problems)):
        if not body:
            continue
        mentions = Counter(
            int(match.group(1))
            for match in YEAR_STATEMENT.finditer(to_ascii(body))
            if not (int(match.group(1)) > year and PLAN.search(match.group(2)))
        )
        wrong = {y: n for y, n in mentions.items() if y != year and y > year - 1}
        if wrong and year not in mentions:
            shown = "、".join(f"{y}年" for y in sorted(wrong))
            findings.append(
                Finding("year_mismatch", Severity.WARNING, f"{year}年度报告的“{name}”叙述的是{shown}的工作", name)
            )
    return findings


# 《立法法》第九十一条、第九十三条: 规章 are made by 国务院 departments and by the people's governments of 省,
# 自治区, 直辖市, 设区的市 and 自治州. A 乡/镇/街道, a county-level government (县, 旗, 市辖区) or a department of
# one has none to issue, repeal or keep in force — a figure there is the higher level's rules it applies.
COUNTY_DEPARTMENT = re.compile(r"(?<!自治)(?:县|旗|区)[\u4e00-\u9fff]{1,20}(?:局|委员会|委|办公室|办|中心)$")


def check_regulations_power(parsed: Parsed) -> list[Finding]:
    agency = parsed.report.agency
    below = agency and not agency.removesuffix("人民政府").endswith("自治区") and (
        agency_kind(agency) in ("乡", "镇", "街道", "县", "区") or COUNTY_DEPARTMENT.search(agency))
    who = f"“{agency}”"
    if not agency and (own := _own_township(parsed)):
        below, who = True, f"本机关（自称“我{own}”）"
    if not below:
        return []
    regulations = parsed.report.proactive.regulations
    shown = [f"{label}{value:g}件" for label, value in (("本年制发", regulations.issued),
                                                      ("本年废止", regulations.repealed),
                                                      ("现行有效", regulations.in_force)) if value]
    if not shown:
        return []
    return [Finding("regulations_power", Severity.WARNING,
                    f"{who}无规章制定权（《立法法》第九十一条、第九十三条），表二“规章”却填写{'、'.join(shown)}；"
                    "本机关执行的上级规章不在此填报，应为0", "表二 · 规章")]


def _own_township(parsed: Parsed) -> str | None:
    """A page that names no agency may still say it is a township's: “我镇”, “本乡” (not “本乡镇”)."""
    words = Counter(m.group(1) for m in re.finditer(r"[我本](镇|乡(?!镇)|街道)", _body(parsed)))
    return words.most_common(1)[0][0] if words else None


TEXT_CHECKS = (
    check_old_format,
    check_regulations_power,
    check_late_publication,
    check_self_reference,
    check_year_mismatch,
    check_narrative,
    check_fee_statement,
    check_placeholders,
    check_selfcheck_claims,
)
