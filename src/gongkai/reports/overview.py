"""县政务公开办's overview: one row per agency it supervises — requests open, due within 3 working days and
overdue; stale and blank columns; the year's report status (late by how many days); the checker's findings on
the published report.

A fixed number of statements whatever the number of agencies: one GROUP BY per source (requests, columns),
one for the reports, the calendar's look-ups, and at most one UPDATE storing checker results not yet stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from .models import AnnualReport, ReportState
from .published_check import ensure_checked
from .queries import deadline_for
from .sources import model_or_none

# the report's way from nothing to published, for the status column and its sort order
REPORT_STEPS = {
    "not_started": "未开始", ReportState.DRAFTING: "起草中", ReportState.FIRST_REVIEW: "待初审",
    ReportState.SECOND_REVIEW: "待复审", ReportState.FINAL_REVIEW: "待终审",
    ReportState.SIGN_OFF: "待负责人签发", ReportState.PUBLISHED: "已发布",
}
STEP_ORDER = {key: n for n, key in enumerate(REPORT_STEPS)}


@dataclass
class OverviewRow:
    agency: object
    deadline: date
    open: int = 0
    soon: int = 0
    overdue: int = 0
    stale: int = 0
    blank: int = 0
    report: AnnualReport | None = None
    late_days: int = 0  # past the deadline unpublished (to today), or published after it (to the publication)
    checker: dict | None = field(default=None)

    @property
    def report_key(self) -> str:
        return str(self.report.state) if self.report else "not_started"

    @property
    def report_label(self) -> str:
        return REPORT_STEPS[self.report_key]

    @property
    def late_text(self) -> str:
        if not self.late_days:
            return ""
        verb = "发布" if self.report_key == ReportState.PUBLISHED else ""
        return f"逾期{self.late_days}天{verb}"

    def findings(self, severity: str) -> int | None:
        return self.checker["counts"].get(severity, 0) if self.checker else None

    @property
    def errors(self) -> int | None:
        return self.findings("error")

    @property
    def warnings(self) -> int | None:
        return self.findings("warning")

    @property
    def infos(self) -> int | None:
        return self.findings("info")


def overview_rows(agencies, year: int, today: date, calendar=None) -> list[OverviewRow]:
    """One row per agency, in the order given (the tree order by default)."""
    agencies = list(agencies)
    rows = {a.pk: OverviewRow(agency=a, deadline=deadline_for(a, year)) for a in agencies}
    if not rows:
        return []
    _request_counts(rows, today, calendar)
    _column_counts(rows, today)
    _reports(rows, year, today)
    return [rows[a.pk] for a in agencies]


def _request_counts(rows, today, calendar) -> None:
    Request = model_or_none("disclosure_requests.Request")
    if Request is None:
        return
    from gongkai.disclosure_requests.queries import due_condition, soon_limit

    if calendar is None:
        from gongkai.workdays.calendar import get_calendar

        calendar = get_calendar()
    soon = soon_limit(today, calendar)
    counts = (Request.objects.filter(agency_id__in=list(rows), is_open=True).values("agency_id")
              .annotate(n_open=Count("pk"),
                        n_soon=Count("pk", filter=due_condition("soon", today=today, soon=soon)),
                        n_overdue=Count("pk", filter=due_condition("overdue", today=today, soon=soon)))
              .order_by())
    for c in counts:
        row = rows[c["agency_id"]]
        row.open, row.soon, row.overdue = c["n_open"], c["n_soon"], c["n_overdue"]


def _column_counts(rows, today) -> None:
    if model_or_none("catalog.Column") is None:
        return
    from gongkai.catalog.selfcheck import column_counts

    for agency_id, counts in column_counts(list(rows), today).items():
        rows[agency_id].stale, rows[agency_id].blank = counts["stale"], counts["blank"]


def _reports(rows, year, today) -> None:
    found = {}
    reports = (AnnualReport.objects.filter(agency_id__in=list(rows), year=year).exclude(state=ReportState.SUPERSEDED)
               .defer("frozen", "overview", "problems", "other"))  # the texts are not shown here
    for r in reports:
        if r.agency_id not in found or r.state == ReportState.PUBLISHED:  # a 更正 in progress: still published
            found[r.agency_id] = r
    ensure_checked(found.values())
    for agency_id, row in rows.items():
        report = found.get(agency_id)
        row.report = report
        if report is not None and report.state == ReportState.PUBLISHED:
            row.checker = report.checker_result
            published = report.published_on or today
            row.late_days = max((published - row.deadline).days, 0)
        else:
            row.late_days = max((today - row.deadline).days, 0)


# --- sorting ---------------------------------------------------------------------------------------

SORT_KEYS = {
    "agency": lambda r: r.agency.path, "open": lambda r: r.open, "soon": lambda r: r.soon,
    "overdue": lambda r: r.overdue, "stale": lambda r: r.stale, "blank": lambda r: r.blank,
    "report": lambda r: STEP_ORDER[r.report_key], "late": lambda r: r.late_days,
    "errors": lambda r: -1 if r.errors is None else r.errors,
    "warnings": lambda r: -1 if r.warnings is None else r.warnings,
}


def parse_sort(value: str | None) -> tuple[str, bool]:
    """`?sort=overdue` ascending, `?sort=-overdue` descending; anything else: the agency tree order."""
    value = value or ""
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in SORT_KEYS:
        return "agency", False
    return key, descending


def sort_rows(rows: list[OverviewRow], key: str, descending: bool) -> list[OverviewRow]:
    """Stable: rows with equal values keep the tree order, in either direction."""
    in_tree_order = sorted(rows, key=lambda r: r.agency.path)
    if key == "agency":
        return in_tree_order[::-1] if descending else in_tree_order
    return sorted(in_tree_order, key=SORT_KEYS[key], reverse=descending)
