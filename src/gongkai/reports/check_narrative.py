"""The report's text against its own tables: 未收到 vs 表三, stated counts, percentages, the fee sentence."""

from __future__ import annotations

import re

from gongkai.statute.report import APPEAL_RESULTS, APPLICANT_KEYS, OUTCOME_KEYS, Finding, Severity

from .check_statements import check_statements
from .parse import Parsed
from .parse.document import place_of

# --- the narrative against the tables ------------------------------------------------------------

def blank_totals(parsed: Parsed) -> list[tuple[str, str, str]]:
    """Blank cells that state a total (总计 column, （七）总计 row) whose addends are not all 0.

    Such a blank is “not filled in”, not 0. A blank total over zero addends, and a blank addend (a zero
    left blank, common), stay 0, so a wrong total beside them is still an error.
    """
    report = parsed.report
    found = []
    for table, row, column in parsed.blank_cells:
        if table == "appeals" and column == "total":
            addends = [report.appeals[row][c] for c in APPEAL_RESULTS]
        elif table == "applications" and column == "total":
            addends = [report.applications[row][c] for c in APPLICANT_KEYS]
        elif table == "applications" and row == "total":
            addends = [report.applications[k][column] for k in OUTCOME_KEYS]
        else:
            continue
        if any(addends):
            found.append((table, row, column))
    return found


def known_cells(parsed: Parsed) -> tuple[dict, dict]:
    """表三 and 表四 with every total cell the source showed blank as None (unknown, not 0)."""
    report = parsed.report
    blanks = blank_totals(parsed)
    if not blanks:
        return report.applications, report.appeals
    tables = {"applications": {k: dict(v) for k, v in report.applications.items()},
              "appeals": {k: dict(v) for k, v in report.appeals.items()}}
    for table, row, column in blanks:
        tables[table][row][column] = None
    return tables["applications"], tables["appeals"]


def summed_cells(parsed: Parsed) -> tuple[dict, dict]:
    """表三 and 表四 with every total cell the source showed blank over figures replaced by the sum of those
    figures: what the table states of the row, for the text to be compared with (“予以公开258件” against a
    予以公开 row of 258, 12, 1, 1 and a blank 总计 states 272)."""
    report = parsed.report
    blanks = blank_totals(parsed)
    if not blanks:
        return report.applications, report.appeals
    apps = {k: dict(v) for k, v in report.applications.items()}
    appeals = {k: dict(v) for k, v in report.appeals.items()}

    def total(values):
        return None if any(v is None for v in values) else sum(values)

    # the （七）总计 row's columns first: a blank 总计 column of that row adds them up
    for table, row, column in sorted(blanks, key=lambda cell: cell[2] == "total"):
        if table == "appeals":
            appeals[row][column] = total([appeals[row][c] for c in APPEAL_RESULTS])
        elif column == "total":
            apps[row][column] = total([apps[row][c] for c in APPLICANT_KEYS])
        else:
            apps[row][column] = total([apps[k][column] for k in OUTCOME_KEYS])
    return apps, appeals


def check_narrative(parsed: Parsed) -> list[Finding]:
    """Counts and rates the text states (“收到申请12件”, “办结率100%”, “未发生行政复议”) against the tables."""
    applications, appeals = summed_cells(parsed)
    return check_statements(parsed, applications, appeals)


# --- section 六 ----------------------------------------------------------------------------------

FEE_WORDS = re.compile(r"信息处理费|信息公开处理费|处理费|收取费用|收费|费用")


FEE_RULES_FROM = 2021  # 国办函〔2020〕109号 took effect on 2021-01-01; the 2021 format asks for the line


def check_fee_statement(parsed: Parsed) -> list[Finding]:
    """Section 六 should state the 信息处理费 collected (国办函〔2020〕109号; domain.md §3.6)."""
    other = parsed.report.sections.other
    if other is None or FEE_WORDS.search(other):
        return []
    if parsed.report.year and parsed.report.year < FEE_RULES_FROM:
        return []  # the fee and the duty to report it date from 2021: reports on 2019 and 2020 owe no such line
    if parsed.report.published_on is None and re.search(r"[\u4e00-\u9fff\d]\s*$", other):
        return []  # the text stops in a word of 六 (“(一)通过信用网依法公”), no date after it: the rest is unknown
    return [
        Finding(
            "fee_statement_missing",
            Severity.WARNING,
            "“六、其他需要报告的事项”未说明信息处理费收取情况（国办函〔2020〕109号）",
            "六、其他需要报告的事项",
        )
    ]


# --- what a published report must not still say ------------------------------------------------

# “（请根据本年度工作实际填写。）”, “（请填写改进措施）”, “【请补充】”: a drafting template's prompt left in the text.
PLACEHOLDER = re.compile(r"[（(]\s*请[^（）()]{0,40}?(?:填写|补充|完善)[^（）()]*[)）]"
                         r"|【[^【】]{0,40}?(?:填写|补充)[^【】]*】")


def check_placeholders(parsed: Parsed) -> list[Finding]:
    """A template prompt that reached the text: the report says nothing where it should say something."""
    findings = []
    for match in PLACEHOLDER.finditer(parsed.text):
        findings.append(Finding("placeholder_left", Severity.ERROR,
                                f"正文仍有未填写的模板提示“{match.group(0)}”", place_of(parsed, match.start())))
    return findings


# Section 一 says the self-inspection's problems were all rectified …
ALL_RECTIFIED = re.compile(r"(?:已|均已|全部|均)(?:逐项|全部)?整改(?:到位|完毕|完成)?(?![^。；]*(?:中|推进))")
# … while section 五 lists a column as not updated, or blank, as an existing problem (not as fixed).
OPEN_COLUMN_PROBLEM = re.compile(r"[^。；]*(?:栏目[^。；]*(?:未更新|没有任何已发布信息)|空白栏目)[^。；]*")


def check_selfcheck_claims(parsed: Parsed) -> list[Finding]:
    """“年度自查发现问题3项，已逐项整改” against a section 五 that still lists stale or blank columns as problems."""
    sections = parsed.report.sections
    overview, problems = sections.overview or "", sections.problems or ""
    claim = ALL_RECTIFIED.search(overview)
    if not claim:
        return []
    existing = problems.split("改进措施")[0]  # （一）存在问题 … before （二）改进措施
    still_open = [m.group(0) for m in OPEN_COLUMN_PROBLEM.finditer(existing) if "已整改" not in m.group(0)]
    if not still_open:
        return []
    return [Finding("selfcheck_contradiction", Severity.ERROR,
                    f"“一、总体情况”称自查问题“{claim.group(0)}”，但“五、存在的主要问题及改进情况”仍列出"
                    f"“{still_open[0].strip('：: ')}”等未整改问题", "一、总体情况")]
