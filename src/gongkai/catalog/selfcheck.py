"""Self-inspection (定期自查) against 国办秘函〔2019〕19号 and 条例 Art. 26, as a list of findings."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Q
from django.utils import timezone

from gongkai.statute.clock import CalendarYearMissing, publication_due

from .models import Attachment, Column, ColumnKind, DocKind, Item, ItemState, Openness, Validity

# 国办秘函〔2019〕19号 单项否决 “栏目不更新”: 动态、要闻 2 weeks; 通知公告、政策文件 6 months; ≥5 such columns.
STALE_DAYS = {ColumnKind.DYNAMIC: 14}
STALE_MONTHS = {ColumnKind.NOTICE: 6, ColumnKind.POLICY: 6}
STALE_VETO_COUNT = 5
# 栏目不更新 (b): “该更新但长期未更新的栏目” ≥10 is a veto of its own. It counts every column that has an update
# duty and missed it: the kinds above by their rule, any other column by its own `update_days` (人事、规划计划类
# columns have a fixed frequency the indicator does not state, so the agency records it per column).
LONG_STALE_VETO_COUNT = 10
BLANK_VETO_COUNT = 5  # 空白栏目 ≥5 is a veto too
# Local rules commonly give 行政规范性文件 a validity of at most 5 years; review them 3 months before.
NORMATIVE_VALID_YEARS = 5
NORMATIVE_REVIEW_NOTICE = timedelta(days=90)


@dataclass(frozen=True)
class Finding:
    code: str  # column.stale / column.blank / columns.stale_veto / columns.long_stale_veto / document.validity_review
    #            / columns.blank_veto / attachment.missing / item.late / calendar.missing
    severity: str  # "veto" (单项否决), "warning", "info"
    message: str
    where: str = ""


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def stale_since(kind: str, today: date, update_days: int | None = None) -> date | None:
    """The last day an update must have come on or after for the column to count as kept up."""
    if kind not in STALE_DAYS and kind not in STALE_MONTHS and update_days:
        return today - timedelta(days=update_days)
    if kind in STALE_DAYS:
        return today - timedelta(days=STALE_DAYS[kind])
    if kind in STALE_MONTHS:
        return months_before(today, STALE_MONTHS[kind])
    return None


def column_state(kind: str, update_days: int | None, last: date | None, today: date) -> str:
    """"blank" (nothing published), "stale" (missed its update rule), or "" for one column."""
    if last is None:
        return "blank"
    since = stale_since(kind, today, update_days)
    return "stale" if since is not None and last < since else ""


def published_before(today: date) -> datetime:
    """The end of `today`: what was published by then counts."""
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


def column_counts(agency_ids, today: date) -> dict[int, dict[str, int]]:
    """{agency id: {"stale": n, "blank": n}} for many agencies in one GROUP BY (the last public item of each
    column), by the same rule as `column_findings`; an agency with neither is left out."""
    public = Q(items__state=ItemState.PUBLISHED, items__openness=Openness.PROACTIVE,
               items__published_at__lt=published_before(today))
    columns = (Column.objects.filter(agency_id__in=list(agency_ids)).values("agency_id", "kind", "update_days")
               .annotate(last=Max("items__published_at", filter=public)).values_list(
                   "agency_id", "kind", "update_days", "last").order_by())
    counts: dict[int, dict[str, int]] = {}
    for agency_id, kind, update_days, last in columns:
        state = column_state(kind, update_days, timezone.localdate(last) if last else None, today)
        if state:
            row = counts.setdefault(agency_id, {"stale": 0, "blank": 0})
            row[state] += 1
    return counts


def _public_items(agency, today):
    return Item.objects.filter(agency=agency, state=ItemState.PUBLISHED, openness=Openness.PROACTIVE,
                               published_at__lt=published_before(today))


def _columns_with_last(agency, today: date):
    """The agency's columns, each with `last`: when its newest public item was published (None: blank)."""
    public = _public_items(agency, today).values_list("pk", flat=True)
    return Column.objects.filter(agency=agency).annotate(
        last=Max("items__published_at", filter=Q(items__pk__in=public)))


def column_findings(agency, today: date) -> list[Finding]:
    columns = _columns_with_last(agency, today)
    findings, stale, long_stale, blank = [], 0, 0, 0
    for column in columns:
        last = timezone.localdate(column.last) if column.last else None
        state = column_state(column.kind, column.update_days, last, today)
        if state == "blank":
            blank += 1
            findings.append(Finding("column.blank", "warning", f"栏目“{column.name}”没有任何已发布信息（空白栏目）",
                                    column.name))
            continue
        if state != "stale":
            continue
        long_stale += 1
        if column.kind in STALE_DAYS or column.kind in STALE_MONTHS:
            stale += 1
            rule = "2周" if column.kind in STALE_DAYS else "6个月"
            kind = column.get_kind_display()
        else:
            rule, kind = f"{column.update_days}天的更新周期", "应定期更新"
        findings.append(Finding("column.stale", "warning",
                                f"栏目“{column.name}”（{kind}）最近一次更新为{last:%Y-%m-%d}，超过{rule}未更新",
                                column.name))
    if stale >= STALE_VETO_COUNT:
        findings.append(Finding("columns.stale_veto", "veto",
                                f"不更新栏目累计{stale}个（≥{STALE_VETO_COUNT}个），触及国办秘函〔2019〕19号单项否决"))
    if long_stale >= LONG_STALE_VETO_COUNT:
        findings.append(Finding("columns.long_stale_veto", "veto",
                                f"应更新但长期未更新的栏目{long_stale}个（≥{LONG_STALE_VETO_COUNT}个），"
                                "触及国办秘函〔2019〕19号单项否决"))
    if blank >= BLANK_VETO_COUNT:
        findings.append(Finding("columns.blank_veto", "veto",
                                f"空白栏目{blank}个（≥{BLANK_VETO_COUNT}个），触及国办秘函〔2019〕19号单项否决"))
    return findings


SOON_STALE_DAYS = 15  # the home page warns this many days before a column goes stale


@dataclass(frozen=True)
class SoonStale:
    """A column kept up today that goes stale on `stale_on` unless something is published before then."""

    column: Column
    last: date
    stale_on: date
    days_left: int


def soon_stale_columns(agency, today: date, within: int = SOON_STALE_DAYS) -> list[SoonStale]:
    """Columns not stale today that `column_findings` will call stale within `within` days if nothing is published:
    the same rule (`stale_since`) asked of each coming day, so the warning and the finding never disagree."""
    out = []
    for column in _columns_with_last(agency, today):
        if column.last is None:
            continue  # blank already: column_findings says so
        last = timezone.localdate(column.last)
        since = stale_since(column.kind, today, column.update_days)
        if since is None or last < since:
            continue  # no update duty, or stale already
        for ahead in range(1, within + 1):
            day = today + timedelta(days=ahead)
            if last < stale_since(column.kind, day, column.update_days):
                out.append(SoonStale(column, last, day, ahead))
                break
    return sorted(out, key=lambda s: (s.stale_on, s.column.name))


def validity_findings(agency, today: date) -> list[Finding]:
    findings = []
    documents = _public_items(agency, today).filter(
        doc_kind__in=[DocKind.REGULATION, DocKind.NORMATIVE], validity=Validity.VALID, written_on__isnull=False)
    for item in documents.order_by("written_on"):
        written = item.written_on
        expires = _add_years(written, NORMATIVE_VALID_YEARS)
        if today >= expires - NORMATIVE_REVIEW_NOTICE:
            findings.append(Finding("document.validity_review", "warning",
                                    f"{item.get_doc_kind_display()}“{item.title}”成文于{written:%Y-%m-%d}，"
                                    f"有效期（{NORMATIVE_VALID_YEARS}年）将于{expires:%Y-%m-%d}届满，请评估并标注有效性",
                                    item.index_number or ""))
    return findings


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def attachment_findings(agency, today: date) -> list[Finding]:
    findings = []
    attachments = Attachment.objects.filter(item__in=_public_items(agency, today)).select_related("item")
    for attachment in attachments:
        if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
            findings.append(Finding("attachment.missing", "warning",
                                    f"“{attachment.item.title}”的附件“{attachment.name}”无法打开（文件不存在）",
                                    attachment.item.index_number or ""))
    return findings


def late_findings(agency, today: date, calendar) -> list[Finding]:
    """条例 Art. 26: published more than 20 working days after it was made."""
    findings, missing = [], set()
    items = _public_items(agency, today).filter(written_on__isnull=False).order_by("published_at")
    for item in items.only("title", "written_on", "published_at", "index_number"):
        try:
            due = publication_due(item.written_on, calendar)
        except CalendarYearMissing as exc:
            missing.add(getattr(exc, "year", item.written_on.year))
            continue
        published = timezone.localdate(item.published_at)
        if published > due:
            findings.append(Finding("item.late", "warning",
                                    f"“{item.title}”成文于{item.written_on:%Y-%m-%d}，{published:%Y-%m-%d}才发布，"
                                    f"超过条例第二十六条规定的20个工作日（应于{due:%Y-%m-%d}前）",
                                    item.index_number or ""))
    for year in sorted(missing):
        findings.append(Finding("calendar.missing", "info", f"{year}年节假日安排未录入，无法核对该年信息的发布时限"))
    return findings


def run_selfcheck(agency, today: date, calendar=None) -> list[Finding]:
    """Everything a 定期自查 names, veto findings first."""
    if calendar is None:
        from gongkai.workdays.calendar import get_calendar

        calendar = get_calendar()
    findings = (column_findings(agency, today) + validity_findings(agency, today)
                + attachment_findings(agency, today) + late_findings(agency, today, calendar))
    order = {"veto": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: order[f.severity])
