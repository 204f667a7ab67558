"""build_report(agency, year): the records of the year → statute.report.Report, from SQL aggregates only.

Each part is one GROUP BY with conditional counts (a handful of result rows); no request, appeal or item
row is loaded into Python. By construction the result passes statute.report.check_arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, Q, Sum

from gongkai.statute.outcomes import APPLICANT_KEYS, OUTCOME_KEYS
from gongkai.statute.report import (
    DocumentCounts,
    Proactive,
    Report,
    Sections,
    zero_appeals,
    zero_applications,
)

from .sources import model_or_none


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def requests_in_scope(requests, year: int):
    """Requests the year's 表三 is about: received by year end and not closed before the year began."""
    start, end = _bounds(year)
    return requests.filter(received_on__isnull=False, received_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def application_rows(requests, year: int):
    """One GROUP BY applicant_type, outcome: each group's new / carried_in / closed / carried_out counts."""
    start, end = _bounds(year)
    return requests_in_scope(requests, year).values("applicant_type", "outcome").annotate(
        new=Count("pk", filter=Q(received_on__gte=start)),
        carried_in=Count("pk", filter=Q(received_on__lt=start)),
        closed=Count("pk", filter=Q(closed_on__isnull=False, closed_on__lte=end)),
        carried_out=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
    ).order_by()


def tally_rows(rows) -> dict[str, dict[str, int]]:
    """表三 from grouped rows (applicant_type, outcome, new, carried_in, closed, carried_out)."""
    apps = zero_applications()
    for row in rows:
        col = row["applicant_type"] if row["applicant_type"] in APPLICANT_KEYS else "other_org"
        outcome = row["outcome"] if row["outcome"] in OUTCOME_KEYS else "other.other"
        for key, n in (("new", row["new"]), ("carried_in", row["carried_in"]), ("carried_out", row["carried_out"]),
                       (outcome, row["closed"]), ("total", row["closed"])):
            apps[key][col] += n
    for cells in apps.values():
        cells["total"] = sum(cells[c] for c in APPLICANT_KEYS)
    return apps


def applications_table(agencies, year: int) -> dict[str, dict[str, int]]:
    Request = model_or_none("disclosure_requests.Request")
    if Request is None:
        return zero_applications()
    if isinstance(agencies, list | tuple) and len(agencies) == 1:
        return tally_rows(_one_agency_rows(Request, agencies[0].pk, year))
    return tally_rows(application_rows(Request.objects.filter(agency__in=agencies), year))


# The ORM's SQL for one agency, compiled once per database vendor: building and compiling the queryset
# costs several times what the database spends on one agency's rows. Parameters are bound by role, found
# by compiling once with sentinel values.
_SENTINELS = {"agency": -7654321, "start": date(1901, 1, 1), "end": date(1901, 12, 31)}
_compiled: dict[str, tuple[str, list[str], list[str]]] = {}


def _one_agency_sql(Request) -> tuple[str, list[str], list[str]]:
    vendor = connection.vendor
    if vendor not in _compiled:
        qs = Request.objects.filter(agency_id=_SENTINELS["agency"])
        rows = application_rows(qs, 1901)
        sql, params = rows.query.sql_with_params()
        roles = []
        for value in params:
            role = next((k for k, v in _SENTINELS.items() if value in (v, str(v))), None)
            if role is None:
                raise RuntimeError(f"unexpected SQL parameter {value!r}")
            roles.append(role)
        _compiled[vendor] = (sql, roles, list(rows.query.values_select) + list(rows.query.annotation_select))
    return _compiled[vendor]


def _one_agency_rows(Request, agency_id: int, year: int):
    sql, roles, names = _one_agency_sql(Request)
    start, end = _bounds(year)
    values = {"agency": agency_id, "start": start, "end": end}
    with connection.cursor() as cursor:
        cursor.execute(sql, [values[r] for r in roles])
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def appeals_table(agencies, year: int) -> dict[str, dict[str, int]]:
    if model_or_none("appeals.Appeal") is None:
        return zero_appeals()
    from gongkai.appeals.queries import appeal_table

    return appeal_table(agencies=agencies, year=year)


def document_counts(agencies, year: int) -> dict[str, DocumentCounts]:
    """第二十条第（一）项 from the catalog: 规章 and 行政规范性文件 made, repealed and in force.

    Counted over published catalog items with a doc_kind: made = 成文日期 in the year; repealed = the
    失效/废止 date in the year; in force = made by year end and not invalid by then.
    """
    Item = model_or_none("catalog.Item")
    result = {"regulations": DocumentCounts(), "normative_documents": DocumentCounts()}
    if Item is None:
        return result
    start, end = _bounds(year)
    rows = Item.objects.filter(agency__in=agencies, state="published", doc_kind__in=["regulation", "normative"]) \
        .values("doc_kind").annotate(
            issued=Count("pk", filter=Q(written_on__gte=start, written_on__lte=end)),
            repealed=Count("pk", filter=Q(invalid_on__gte=start, invalid_on__lte=end)),
            in_force=Count("pk", filter=Q(written_on__lte=end) & (Q(invalid_on__isnull=True) | Q(invalid_on__gt=end))),
        ).order_by()
    for row in rows:
        key = "regulations" if row["doc_kind"] == "regulation" else "normative_documents"
        result[key] = DocumentCounts(row["issued"], row["repealed"], row["in_force"])
    return result


def proactive_table(agencies, year: int) -> Proactive:
    from .models import ArticleTwentyFigures

    docs = document_counts(agencies, year)
    figures = ArticleTwentyFigures.objects.filter(agency__in=agencies, year=year).aggregate(
        licensing=Sum("licensing"), penalty=Sum("penalty"), coercion=Sum("coercion"), fees=Sum("fees_10k_yuan"))
    return Proactive(
        regulations=docs["regulations"], normative_documents=docs["normative_documents"],
        licensing=figures["licensing"] or 0, penalty=figures["penalty"] or 0, coercion=figures["coercion"] or 0,
        fees_10k_yuan=float(figures["fees"] or 0),
    )


@dataclass(frozen=True)
class FeeSummary:
    """信息处理费 of the year (国办函〔2020〕109号): notices issued and the amount actually paid."""

    notices: int
    paid_count: int
    paid_yuan: int

    def sentence(self, year: int) -> str:
        if self.paid_yuan:
            return f"{year}年度共收取信息处理费{self.paid_yuan}元（{self.paid_count}件）。"
        return f"{year}年度未收取信息处理费。"


def fee_summary(agencies, year: int) -> FeeSummary:
    FeeNotice = model_or_none("disclosure_requests.FeeNotice")
    if FeeNotice is None:
        return FeeSummary(0, 0, 0)
    start, end = _bounds(year)
    row = FeeNotice.objects.filter(request__agency__in=agencies).aggregate(
        notices=Count("pk", filter=Q(notified_on__gte=start, notified_on__lte=end)),
        paid_count=Count("pk", filter=Q(paid_on__gte=start, paid_on__lte=end)),
        paid_yuan=Sum("amount_yuan", filter=Q(paid_on__gte=start, paid_on__lte=end)),
    )
    return FeeSummary(row["notices"], row["paid_count"], row["paid_yuan"] or 0)


def build_report(agency, year: int, *, sections: Sections | None = None) -> Report:
    """The report of one agency and year, numbers from the records; sections as given (or empty)."""
    agencies = [agency]
    return Report(
        agency=agency.name,
        year=year,
        sections=sections or Sections(),
        proactive=proactive_table(agencies, year),
        applications=applications_table(agencies, year),
        appeals=appeals_table(agencies, year),
    )


def build_rollup(agencies, year: int) -> Report:
    """The summed tables over several agencies (a supervisor's county view), one query per table."""
    return Report(
        agency=None, year=year,
        proactive=proactive_table(agencies, year),
        applications=applications_table(agencies, year),
        appeals=appeals_table(agencies, year),
    )
