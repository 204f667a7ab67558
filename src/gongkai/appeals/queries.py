"""Reads: the report's 表四 for one agency and year, from one GROUP BY with conditional counts.

Counting rule (documented in docs/architecture.md): a year's table holds every case filed in the year
plus every case filed earlier and still open on 1 January. Its column is its result when it was closed
within the year, otherwise 尚未审结. A case open at the end of a year therefore shows as pending that
year and again, with its final result, in the year it ends.
"""

from datetime import date

from django.db.models import Count, Q

from gongkai.statute.report import APPEAL_GROUPS, APPEAL_RESULTS, zero_appeals

from .models import Appeal


def appeals_in_scope(*, agencies, year: int):
    start, end = date(year, 1, 1), date(year, 12, 31)
    return Appeal.objects.filter(agency__in=agencies, filed_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def appeal_rows(*, agencies, year: int):
    """One GROUP BY kind with a conditional count per result column (values-queryset)."""
    end = date(year, 12, 31)
    closed_in_year = Q(closed_on__isnull=False, closed_on__lte=end)
    counts = {result: Count("pk", filter=closed_in_year & Q(result=result))
              for result in APPEAL_RESULTS if result != "pending"}
    counts["pending"] = Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    return appeals_in_scope(agencies=agencies, year=year).values("kind").annotate(**counts).order_by()


def tally_appeals(rows) -> dict[str, dict[str, int]]:
    """表四 from grouped tuples (kind, upheld, corrected, other, pending) — the order of APPEAL_RESULTS."""
    table = zero_appeals()
    for kind, *counts in rows:
        if kind not in APPEAL_GROUPS:
            continue
        cells = table[kind]
        cells.update(zip(APPEAL_RESULTS, counts, strict=True))
        cells["total"] = sum(counts)
    return table


def appeal_table(*, agencies, year: int) -> dict[str, dict[str, int]]:
    """表四 for the agencies (a queryset, a list or one-element list) and year."""
    return tally_appeals(appeal_rows(agencies=agencies, year=year).values_list("kind", *APPEAL_RESULTS))


def open_appeals_for(*, agency):
    return Appeal.objects.filter(agency=agency, closed_on__isnull=True)
