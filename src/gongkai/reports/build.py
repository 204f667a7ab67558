"""build_report(agency, year): the records of the year → statute.report.Report, from SQL aggregates only.

Each part is one GROUP BY with conditional counts (a handful of result rows); no request, appeal or item
row is loaded into Python. By construction the result passes statute.report.check_arithmetic.
"""

from __future__ import annotations

import hashlib
import re
import weakref
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


_APPLICANTS = frozenset(APPLICANT_KEYS)
_OUTCOMES = frozenset(OUTCOME_KEYS)


def tally_rows(rows) -> dict[str, dict[str, int]]:
    """表三 from grouped tuples (applicant_type, outcome, new, carried_in, closed, carried_out)."""
    apps = zero_applications()
    new, carried_in, carried_out = apps["new"], apps["carried_in"], apps["carried_out"]
    for applicant_type, outcome, n_new, n_in, n_closed, n_out in rows:
        col = applicant_type if applicant_type in _APPLICANTS else "other_org"
        new[col] += n_new
        carried_in[col] += n_in
        carried_out[col] += n_out
        apps[outcome if outcome in _OUTCOMES else "other.other"][col] += n_closed
        apps["total"][col] += n_closed
    for cells in apps.values():
        cells["total"] = sum(cells[c] for c in APPLICANT_KEYS)
    return apps


def applications_table(agencies, year: int) -> dict[str, dict[str, int]]:
    Request = model_or_none("disclosure_requests.Request")
    if Request is None:
        return zero_applications()
    rows = application_rows(Request.objects.filter(agency__in=agencies), year)
    return tally_rows(rows.values_list("applicant_type", "outcome", "new", "carried_in", "closed", "carried_out"))


def appeals_table(agencies, year: int) -> dict[str, dict[str, int]]:
    if model_or_none("appeals.Appeal") is None:
        return zero_appeals()
    from gongkai.appeals.queries import appeal_table

    return appeal_table(agencies=agencies, year=year)


def document_rows(Item, agencies, year: int):
    """第二十条第（一）项 from the catalog: 规章 and 行政规范性文件 made, repealed and in force, per doc_kind.

    Counted over published catalog items with a doc_kind: made = 成文日期 in the year; repealed = the
    失效/废止 date in the year; in force = made by year end and not invalid by then.
    """
    start, end = _bounds(year)
    return Item.objects.filter(agency__in=agencies, state="published", doc_kind__in=["regulation", "normative"]) \
        .values("doc_kind").annotate(
            issued=Count("pk", filter=Q(written_on__gte=start, written_on__lte=end)),
            repealed=Count("pk", filter=Q(invalid_on__gte=start, invalid_on__lte=end)),
            in_force=Count("pk", filter=Q(written_on__lte=end) & (Q(invalid_on__isnull=True) | Q(invalid_on__gt=end))),
        ).order_by()


def tally_documents(rows) -> dict[str, DocumentCounts]:
    """From grouped tuples (doc_kind, issued, repealed, in_force)."""
    result = {"regulations": DocumentCounts(), "normative_documents": DocumentCounts()}
    for doc_kind, issued, repealed, in_force in rows:
        key = "regulations" if doc_kind == "regulation" else "normative_documents"
        result[key] = DocumentCounts(issued, repealed, in_force)
    return result


def document_counts(agencies, year: int) -> dict[str, DocumentCounts]:
    Item = model_or_none("catalog.Item")
    if Item is None:
        return tally_documents([])
    rows = document_rows(Item, agencies, year).values_list("doc_kind", "issued", "repealed", "in_force")
    return tally_documents(rows)


def figure_rows(agencies, year: int):
    """第二十条第（五）（六）（八）项 as entered or imported: one summed row (none when nothing was entered)."""
    from .models import ArticleTwentyFigures

    return ArticleTwentyFigures.objects.filter(agency__in=agencies, year=year).values("year").annotate(
        n_licensing=Sum("licensing"), n_penalty=Sum("penalty"), n_coercion=Sum("coercion"),
        n_fees=Sum("fees_10k_yuan")).order_by()


def proactive_from(docs: dict[str, DocumentCounts], figures) -> Proactive:
    """表二 from the document counts and the summed figures (licensing, penalty, coercion, fees) or None."""
    licensing, penalty, coercion, fees = figures or (0, 0, 0, 0)
    return Proactive(
        regulations=docs["regulations"], normative_documents=docs["normative_documents"],
        licensing=int(licensing or 0), penalty=int(penalty or 0), coercion=int(coercion or 0),
        fees_10k_yuan=float(fees or 0),
    )


def proactive_table(agencies, year: int) -> Proactive:
    rows = figure_rows(agencies, year).values_list("n_licensing", "n_penalty", "n_coercion", "n_fees")
    figures = next(iter(rows), None)  # not .first(): ordering by pk would split the GROUP BY
    return proactive_from(document_counts(agencies, year), figures)


# One agency's report is ONE SQL statement: the four GROUP BYs above (表三, 表四, 第二十条 documents, 第二十条
# figures), each compiled by the ORM, joined with UNION ALL into rows (part, key1, key2, n1..n4, fees). Building
# and compiling four querysets costs several times what the database spends on one agency's rows, so the
# statement is compiled once per database vendor (and set of installed tables) with sentinel parameters;
# each parameter is then bound by its role (agency, year, start, end) or kept as the constant it was.
# Fees have a column of their own so that the counts stay integers (a UNION column mixing bigint and
# numeric would come back as Decimal).
_SENTINELS = {"agency": -7654321, "year": 1901, "start": date(1901, 1, 1), "end": date(1901, 12, 31)}
_compiled: dict[tuple, tuple[str, list[tuple[bool, object]]]] = {}


def _part_querysets(present: dict[str, object]) -> list[tuple[str, object, list[str], list[str]]]:
    """(tag, values-queryset, key columns, count columns) for each part whose table exists."""
    agencies, year = [_SENTINELS["agency"]], _SENTINELS["year"]
    parts = []
    if present["request"] is not None:
        parts.append(("A", application_rows(present["request"].objects.filter(agency__in=agencies), year)))
    if present["appeal"] is not None:
        from gongkai.appeals.queries import appeal_rows

        parts.append(("B", appeal_rows(agencies=agencies, year=year)))
    if present["item"] is not None:
        parts.append(("C", document_rows(present["item"], agencies, year)))
    parts.append(("D", figure_rows(agencies, year)))
    return [(tag, qs, [] if tag == "D" else list(qs.query.values_select), list(qs.query.annotation_select))
            for tag, qs in parts]


def _compile_one_agency(present) -> tuple[str, list[tuple[bool, object]]]:
    key = (connection.vendor, tuple(k for k, v in present.items() if v is not None))
    if key not in _compiled:
        quote = connection.ops.quote_name
        selects, roles = [], []
        for tag, qs, keys, counts in _part_querysets(present):
            sql, params = qs.query.sql_with_params()
            fees = counts.pop() if tag == "D" else None
            # padding NULLs are typed: PostgreSQL resolves a column of untyped NULLs to text
            cols = [quote(n) for n in keys] + ["CAST(NULL AS varchar(40))"] * (2 - len(keys))
            cols += [quote(n) for n in counts] + ["CAST(NULL AS bigint)"] * (4 - len(counts))
            cols.append(quote(fees) if fees else "CAST(NULL AS numeric)")
            selects.append(f"SELECT '{tag}', {', '.join(cols)} FROM ({sql}) part_{tag}")
            for value in params:
                role = next((k for k, v in _SENTINELS.items() if value == v or value == str(v)), None)
                roles.append((True, role) if role else (False, value))
        _compiled[key] = (" UNION ALL ".join(selects), roles)
    return _compiled[key]


# The statement is parsed and planned once per database connection, as Python's sqlite3 module does by itself
# with its statement cache: on PostgreSQL, Django binds parameters client-side, so each call would otherwise
# send the whole text to be parsed and planned again — longer than executing it for one agency.
_prepared: dict[str, weakref.WeakSet] = {}
_PLACEHOLDER = re.compile(r"%s|%%")


def _numbered(sql: str) -> str:
    """Django's %s placeholders as PostgreSQL's $1, $2, … (and %% back to %) for PREPARE."""
    count = iter(range(1, sql.count("%s") + 1))
    return _PLACEHOLDER.sub(lambda m: f"${next(count)}" if m.group() == "%s" else "%", sql)


def _run_compiled(sql: str, args: list) -> list[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, args)
            return cursor.fetchall()
        name = "gongkai_report_" + hashlib.sha1(sql.encode()).hexdigest()[:16]
        done = _prepared.setdefault(name, weakref.WeakSet())
        if connection.connection not in done:
            cursor.execute(f"PREPARE {name} AS {_numbered(sql)}")
            done.add(connection.connection)
        cursor.execute(f"EXECUTE {name}({', '.join(['%s'] * len(args))})", args)
        return cursor.fetchall()


def _one_agency_tables(agency_id: int, year: int):
    present = {"request": model_or_none("disclosure_requests.Request"), "appeal": model_or_none("appeals.Appeal"),
               "item": model_or_none("catalog.Item")}
    sql, roles = _compile_one_agency(present)
    start, end = _bounds(year)
    adapt = connection.ops.adapt_datefield_value  # as the ORM binds dates (a string on SQLite)
    values = {"agency": agency_id, "year": year, "start": adapt(start), "end": adapt(end)}
    rows = _run_compiled(sql, [values[v] if is_role else v for is_role, v in roles])
    from gongkai.appeals.queries import tally_appeals

    apps, appeals, docs, figures = [], [], [], None
    for tag, k1, k2, n1, n2, n3, n4, fees in rows:
        if tag == "A":
            apps.append((k1, k2, n1, n2, n3, n4))
        elif tag == "B":
            appeals.append((k1, n1, n2, n3, n4))
        elif tag == "C":
            docs.append((k1, n1, n2, n3))
        else:
            figures = (n1, n2, n3, fees)
    return tally_rows(apps), tally_appeals(appeals), proactive_from(tally_documents(docs), figures)


@dataclass(frozen=True)
class FeeSummary:
    """信息处理费 of the year (国办函〔2020〕109号), counted in requests, never in notices: the requests sent a
    fee notice in the year, the requests that paid in the year, and the amount paid."""

    notices: int
    paid_count: int
    paid_yuan: int

    def sentence(self, year: int) -> str:
        if self.paid_yuan:
            return f"{year}年度共收取信息处理费{self.paid_yuan}元（{self.paid_count}件）。"
        if self.notices:
            return f"{year}年度向{self.notices}件申请发出收费通知，申请人未缴费，未收取信息处理费。"
        return f"{year}年度未收取信息处理费。"


def fee_summary(agencies, year: int) -> FeeSummary:
    FeeNotice = model_or_none("disclosure_requests.FeeNotice")
    if FeeNotice is None:
        return FeeSummary(0, 0, 0)
    start, end = _bounds(year)
    notified = Q(notified_on__gte=start, notified_on__lte=end)
    paid = Q(paid_on__gte=start, paid_on__lte=end)
    # A request counts once however many notices it has (a corrected notice replaces the one before it).
    row = FeeNotice.objects.filter(request__agency__in=agencies).aggregate(
        notices=Count("request", filter=notified, distinct=True),
        paid_count=Count("request", filter=paid, distinct=True),
        paid_yuan=Sum("amount_yuan", filter=paid),
    )
    return FeeSummary(row["notices"], row["paid_count"], row["paid_yuan"] or 0)


def build_report(agency, year: int, *, sections: Sections | None = None) -> Report:
    """The report of one agency and year, numbers from the records (one SQL statement); sections as given."""
    applications, appeals, proactive = _one_agency_tables(agency.pk, year)
    return Report(agency=agency.name, year=year, sections=sections or Sections(), proactive=proactive,
                  applications=applications, appeals=appeals)


def build_rollup(agencies, year: int) -> Report:
    """The summed tables over several agencies (a supervisor's county view), one query per table."""
    return Report(
        agency=None, year=year,
        proactive=proactive_table(agencies, year),
        applications=applications_table(agencies, year),
        appeals=appeals_table(agencies, year),
    )
