"""Reads for the staff pages: each agency's report status and countdown, the roll-up, the year-over-year series."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from gongkai.statute.clock import report_deadline
from gongkai.statute.report import Report, check_arithmetic

from .models import CLOSED_STATES, AnnualReport, ReportState
from .sources import model_or_none

STATUS_LABELS = {
    "not_started": "未开始", "drafting": "起草中", "in_review": "审核中", "published": "已发布",
    "late": "已逾期", "checks_failing": "检查未通过",
}
STATUS_BADGES = {"not_started": "", "drafting": "orange", "in_review": "orange", "published": "green",
                 "late": "red", "checks_failing": "red"}


def published_report(agency, year: int) -> AnnualReport | None:
    """The agency's current published report of the year (a superseded one is never current), or None."""
    return AnnualReport.objects.filter(agency=agency, year=year, state=ReportState.PUBLISHED).first()


def open_report(agency, year: int) -> AnnualReport | None:
    """The report of the year in drafting, review or awaiting sign-off — the first one, or a 更正 — or None."""
    return AnnualReport.objects.filter(agency=agency, year=year).exclude(state__in=CLOSED_STATES).first()


def working_report(agency, year: int) -> AnnualReport | None:
    """What the staff page works on: the open report if there is one, else the published one."""
    return open_report(agency, year) or published_report(agency, year)


def deadline_for(agency, year: int) -> date:
    return report_deadline(year, county_or_above_government=agency.is_county_or_above_government)


@dataclass
class ReportStatus:
    agency: object
    year: int
    report: AnnualReport | None
    key: str
    deadline: date
    days_left: int

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.key]

    @property
    def badge(self) -> str:
        return STATUS_BADGES[self.key]


def status_key(report: AnnualReport | None, deadline: date, today: date) -> str:
    if report is not None and report.state == ReportState.PUBLISHED:
        return "checks_failing" if check_arithmetic(Report.from_json(report.frozen)) else "published"
    if today > deadline:
        return "late"
    if report is None:
        return "not_started"
    return "drafting" if report.state == ReportState.DRAFTING else "in_review"


def statuses_for(agencies, year: int, today: date) -> list[ReportStatus]:
    """One query for the reports of all the agencies."""
    reports = {}
    for r in AnnualReport.objects.filter(agency__in=agencies, year=year).exclude(state=ReportState.SUPERSEDED):
        if r.agency_id not in reports or r.state == ReportState.PUBLISHED:  # a 更正 in progress: still published
            reports[r.agency_id] = r
    out = []
    for agency in agencies:
        deadline = deadline_for(agency, year)
        report = reports.get(agency.pk)
        out.append(ReportStatus(agency, year, report, status_key(report, deadline, today), deadline,
                                (deadline - today).days))
    return out


def yearly_series(agencies, years: list[int]) -> dict:
    """Year-over-year numbers for the chart: requests received, and closed by outcome group, per year.

    Two statements, each counting per year with date-range conditions (no per-row year extraction, which
    SQLite runs as a Python function and which no index can serve). A request closed in a year was
    received by its end."""
    Request = model_or_none("disclosure_requests.Request")
    series = {"years": years, "new": [0] * len(years), "groups": {}}
    if Request is None or not years:
        return series
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    ranges = {f"y{y}": (date(y, 1, 1), date(y, 12, 31)) for y in years}
    base = Request.objects.filter(agency__in=agencies)
    new = base.filter(received_on__gte=first, received_on__lte=last).aggregate(
        **{k: Count("pk", filter=Q(received_on__gte=a, received_on__lte=b)) for k, (a, b) in ranges.items()})
    series["new"] = [new[f"y{y}"] for y in years]
    # not `closed_on BETWEEN first AND last` in WHERE: SQLite would walk the closed_on index over every
    # agency's rows; bounded by received_on the (agency, received_on) index serves it
    closed = base.filter(received_on__lte=last, outcome__isnull=False).values("outcome") \
        .annotate(**{k: Count("pk", filter=Q(closed_on__gte=a, closed_on__lte=b)) for k, (a, b) in ranges.items()}) \
        .order_by()
    from gongkai.statute.outcomes import BY_KEY, GROUP_LABELS

    for row in closed:
        outcome = BY_KEY.get(row["outcome"])
        if outcome is None:
            continue
        label = GROUP_LABELS[outcome.group][3:].split("（")[0]
        counts = series["groups"].setdefault(label, [0] * len(years))
        for i, y in enumerate(years):
            counts[i] += row[f"y{y}"]
    return series


def series_table(series: dict) -> dict:
    """The chart's figures as a table (its text alternative): one row per year, 新收申请 then each outcome group."""
    labels = list(series.get("groups", {}))
    rows = [[year, series["new"][i], *(series["groups"][label][i] for label in labels)]
            for i, year in enumerate(series.get("years", []))]
    return {"headers": ["年度", "新收申请", *labels], "rows": rows}
