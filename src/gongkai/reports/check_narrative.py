"""The report's text against its own tables: 未收到 vs 表三, stated counts, percentages, the fee sentence."""

from __future__ import annotations

import re

from gongkai.statute.report import APPEAL_RESULTS, APPLICANT_KEYS, OUTCOME_KEYS, Finding, Severity

from .parse import Parsed
from .parse.document import place_of
from .parse.normalize import to_ascii

# --- the narrative against the tables ------------------------------------------------------------

NONE_RECEIVED = re.compile(
    r"(?:未|没有|无)(?:收到|受理|接到)(?:任何)?(?:政府信息公开|信息公开)?(?:的)?(?:依)?申请"
    r"|(?:依申请公开|政府信息公开申请)(?:事项|件数)?(?:为)?(?:0|零)件"
)
RECEIVED = re.compile(
    r"(?:共|累计|全年|本年度?)?(?:收到|受理|接收|接到)[^。；;,，\d]{0,12}?"
    r"(?:依申请|政府信息公开申请|申请)[^。；;,，\d]{0,8}?(\d+)\s*(?:件|条|份|个|次)"
)
PERCENT = re.compile(
    r"(予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|公开率|(?<!按时)(?<!按期)(?<!及时)(?:答复率|办结率))"
    r"[^。；;]{0,24}?"
    r"(\d+(?:\.\d+)?)\s*%"
)
PERCENT_ROWS = {
    "予以公开": ("granted",),
    "部分公开": ("partial",),
    "公开率": ("granted", "partial"),
    "不予公开": ("denied.",),
    "无法提供": ("unable.",),
    "不予处理": ("not_processed.",),
    "其他处理": ("other.",),
}


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


def check_narrative(parsed: Parsed) -> list[Finding]:
    """Numbers in the text must agree with 表三 (“未收到依申请公开事项”, “收到申请12件”, stated percentages)."""
    apps = known_cells(parsed)[0]
    new, carried = apps["new"]["total"], apps["carried_in"]["total"]
    text = to_ascii(parsed.text)
    narrative = _narrative(parsed, text)
    findings = []
    if new and NONE_RECEIVED.search(narrative):
        match = NONE_RECEIVED.search(narrative)
        findings.append(_mismatch(parsed, match.group(0), f"但表三本年新收申请{new}件"))
    if new is not None:
        for match in RECEIVED.finditer(narrative):
            stated = int(match.group(1))
            if stated not in {new, new + (carried or 0)}:
                findings.append(_mismatch(parsed, match.group(0), f"但表三本年新收申请为{new}件"))
    findings += _percentages(parsed, narrative)
    findings += _stated_counts(parsed, narrative)
    return findings


STATED_COUNT = re.compile(
    r"(予以公开|部分公开|不予公开|无法提供|不予处理|结转下一?年度?(?:继续办理)?|上年结转)"
    r"[ ]*(?:的|申请)?[ ]*(\d+)[ ]*件"
)


def _count_rows(word: str) -> tuple[str, ...]:
    if word.startswith("结转下"):
        return ("carried_out",)
    if word == "上年结转":
        return ("carried_in",)
    return PERCENT_ROWS[word]


def _stated_counts(parsed: Parsed, narrative: str) -> list[Finding]:
    """“予以公开5件” in the text against 表三 (only where the text names one outcome and a count)."""
    apps = known_cells(parsed)[0]
    findings = []
    for match in STATED_COUNT.finditer(narrative):
        prefixes = _count_rows(match.group(1))
        values = [row["total"] for key, row in apps.items() if key.startswith(prefixes)]
        if not values or any(v is None for v in values):
            continue
        stated, expected = int(match.group(2)), sum(values)
        if stated != expected:
            findings.append(_mismatch(parsed, match.group(0), f"但表三为{expected}件"))
    return findings


def _narrative(parsed: Parsed, text: str) -> str:
    sections = parsed.report.sections
    parts = [sections.overview or "", sections.problems or "", sections.other or ""]
    return to_ascii("\n".join(parts)) if any(parts) else text


def _percentages(parsed: Parsed, narrative: str) -> list[Finding]:
    apps = known_cells(parsed)[0]
    total = apps["total"]["total"]
    if not total:
        return []
    findings = []
    for match in PERCENT.finditer(narrative):
        word = match.group(1)
        if word in ("办结率", "答复率"):
            received = [apps["new"]["total"], apps["carried_in"]["total"]]
            if None in received or not sum(received):
                continue
            values, base = [total], sum(received)
        else:
            prefixes = PERCENT_ROWS.get(word)
            if not prefixes:
                continue
            values = [row["total"] for key, row in apps.items() if key.startswith(prefixes) and key not in ("total",)]
            base = total
        if any(v is None for v in values):
            continue
        expected = sum(values) * 100 / base
        stated = float(match.group(2))
        if abs(stated - expected) > 1.0:
            findings.append(_mismatch(parsed, match.group(0), f"按表三计算应为{expected:.1f}%（{sum(values)}/{base}）"))
    return findings


def _mismatch(parsed: Parsed, snippet: str, tables_say: str) -> Finding:
    """The narrative states `snippet`; `tables_say` is what table 三 shows instead."""
    message = f"正文称“{snippet}”，{tables_say}"
    return Finding("narrative_mismatch", Severity.ERROR, message, _where_text(parsed, snippet))


def _where_text(parsed: Parsed, snippet: str) -> str:
    position = to_ascii(parsed.text).find(snippet)
    return place_of(parsed, position) if position >= 0 else "正文"


# --- section 六 ----------------------------------------------------------------------------------

FEE_WORDS = re.compile(r"信息处理费|信息公开处理费|处理费|收取费用|收费|费用")


def check_fee_statement(parsed: Parsed) -> list[Finding]:
    """Section 六 should state the 信息处理费 collected (国办函〔2020〕109号; domain.md §3.6)."""
    other = parsed.report.sections.other
    if other is None or FEE_WORDS.search(other):
        return []
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
