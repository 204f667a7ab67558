"""The portal's view of annual reports: one current report per year, each superseded version kept reachable
under it (a 更正's predecessor, or a copy of the year published before the platform's report)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import CLOSED_STATES, AnnualReport, ReportState
from .sources import model_or_none


def superseded_items(agency) -> dict[int, int]:
    """Catalog item id → the item id of its year's current published report, for every item it supersedes."""
    reports = list(AnnualReport.objects.filter(agency=agency, state__in=CLOSED_STATES)
                   .values_list("year", "state", "catalog_item_id", "replaced_item_ids"))
    current = {year: item for year, state, item, _ in reports if state == ReportState.PUBLISHED and item}
    out = {}
    for year, state, item, replaced in reports:
        target = current.get(year)
        if target is None:
            continue
        older = list(replaced or []) + ([item] if state == ReportState.SUPERSEDED and item else [])
        out.update({pk: target for pk in older if pk != target})
    return out


@dataclass
class Listed:
    item: object
    superseded: list = field(default_factory=list)


def annual_report_listing(agency) -> list[Listed]:
    """The annual-report column, newest first: each current report with the versions it superseded."""
    Item = model_or_none("catalog.Item")
    if Item is None:
        return []
    items = list(Item.objects.public().filter(agency=agency, columns__kind="annual_report").distinct()
                 .order_by("-published_at", "-pk"))
    successor = superseded_items(agency)
    listed = {i.pk: Listed(i) for i in items if i.pk not in successor}
    for i in items:
        if i.pk in successor and successor[i.pk] in listed:
            listed[successor[i.pk]].superseded.append(i)
    return list(listed.values())


def current_version_of(item):
    """The current report item that supersedes this catalog item, or None when it is current (or no report)."""
    target = superseded_items(item.agency).get(item.pk)
    if target is None:
        return None
    Item = model_or_none("catalog.Item")
    return Item.objects.public().filter(pk=target).first()
