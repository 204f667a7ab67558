"""When an annual report may be published — every rule checked at the head's sign-off, in this one place.

- The statistics period is the calendar year, 1 January to 31 December (国办公开办函〔2021〕30号): the report
  of year Y tells the whole year, so it is published from 1 January of Y+1, never before. Drafting and the
  三审 may start earlier; the sign-off that publishes is refused until then.
- The document as it will be published passes the platform's own checker (check.py) with no error: the
  arithmetic of the tables, the narrative against the tables, no drafting prompt left in the text
  (check_narrative.check_placeholders), no self-inspection claim that section 五 contradicts
  (check_narrative.check_selfcheck_claims). A late publication (条例第四十九条) is an error the checker
  reports, but it does not block: a late report must still be published.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.errors import DomainError
from gongkai.statute.report import Finding, Report, Severity

# Findings the checker reports that describe when, not what: they never keep a true report from the public.
NOT_BLOCKING = frozenset({"late_publication"})


def publication_opens(year: int) -> date:
    """The first day a report of `year` may be published: the day after its statistics period ends."""
    return date(year + 1, 1, 1)


def ensure_period_over(year: int, today: date) -> None:
    opens = publication_opens(year)
    if today < opens:
        raise DomainError(f"{year}年度报告的统计期为{year}年1月1日至12月31日，"
                          f"须于{opens.year}年{opens.month}月{opens.day}日起方可发布", field="published_on")


def checker_findings(data: Report) -> list[Finding]:
    """Every finding of the checker on the document rendered as it will be published (HTML, read back as a
    reader would)."""
    from .check import check_bytes
    from .render.html import render

    name, _, content = render(data)
    return list(check_bytes(content, name).findings)


def blocking_findings(data: Report, findings: list[Finding] | None = None) -> list[Finding]:
    """The checker's errors that keep the report from the public."""
    findings = checker_findings(data) if findings is None else findings
    return [f for f in findings if f.severity == Severity.ERROR and f.code not in NOT_BLOCKING]


def ensure_publishable(data: Report, today: date) -> list[Finding]:
    """Refuses, with the checker's own words, a report that is not yet due or not yet true; else returns every
    finding of the checker (kept with the published report: the supervisor's overview counts them)."""
    ensure_period_over(data.year, today)
    findings = checker_findings(data)
    errors = blocking_findings(data, findings)
    if errors:
        listed = "；".join(f"{f.where}：{f.message}" if f.where else f.message for f in errors[:5])
        more = f"等{len(errors)}项" if len(errors) > 5 else ""
        raise DomainError(f"报告未通过检查，不能发布：{listed}{more}。请退回修改后重新提交")
    return findings
