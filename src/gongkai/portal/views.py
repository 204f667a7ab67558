"""Public pages of /xxgk/: no login, only published 主动公开 items, every agency on the platform selectable."""

from importlib.util import find_spec

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalog import services
from gongkai.catalog.downloads import attachment_response
from gongkai.catalog.forms import FeedbackForm
from gongkai.catalog.models import ART20_CHOICES, Column, ColumnKind, Item, Topic
from gongkai.catalog.queries import CatalogFilters, public_attachments, public_catalog, publishers_for
from gongkai.catalog.search import highlight, search_ids
from gongkai.catalog.search_terms import Filters, plain_text
from gongkai.core.pagecache import across_agencies, by_agency, by_item, cached_page
from gongkai.core.params import ID_MAX, int_param, year_param

CATALOG_PARAMS = ("year", "topic", "publisher", "column", "art20", "page")
SEARCH_PARAMS = ("q", "agency", "year", "topic", "column", "page")


def _int(value) -> int | None:
    """A lenient id filter: anything but a plausible id is no filter at all."""
    return int(value) if value and str(value).isascii() and str(value).isdigit() and int(value) <= ID_MAX else None


def _ctx(agency, **extra):
    request_url = "/ysqgk/" if find_spec("gongkai.disclosure_requests.public_urls") else None
    return {"agency": agency, "request_url": request_url, "topics": Topic.choices, **extra}


@cached_page(scope=across_agencies, params=("agency",))
def index(request):
    """The platform's entry: pick an agency (?agency=<id> goes straight there)."""
    wanted = _int(request.GET.get("agency"))
    if wanted:
        return redirect("xxgk:agency", agency_id=wanted)
    agencies = Agency.objects.annotate(
        public=Count("items", filter=Q(items__state="published", items__openness="proactive"))).order_by("path")
    if len(agencies) == 1:
        return redirect("xxgk:agency", agency_id=agencies[0].pk)
    return render(request, "portal/index.html", _ctx(None, agencies=agencies))


@cached_page(scope=by_agency)
def agency_home(request, agency_id):
    agency = get_object_or_404(Agency, pk=agency_id)
    latest = Item.objects.public().filter(agency=agency).order_by("-published_at")[:10]
    columns = Column.objects.filter(agency=agency)
    # Current reports only: a version superseded by a correction is listed, marked, on the reports page.
    from gongkai.reports.superseded import annual_report_listing

    reports = [entry.item for entry in annual_report_listing(agency)[:5]]
    return render(request, "portal/agency.html", _ctx(agency, latest=latest, columns=columns, reports=reports))


@cached_page(scope=by_agency)
def guide(request, agency_id):
    agency = get_object_or_404(Agency, pk=agency_id)
    columns = Column.objects.filter(agency=agency)
    return render(request, "portal/guide.html", _ctx(agency, columns=columns))


def _column_items(agency, kind):
    return Item.objects.public().filter(agency=agency, columns__kind=kind).distinct().order_by("-published_at")


@cached_page(scope=by_agency)
def system(request, agency_id):
    agency = get_object_or_404(Agency, pk=agency_id)
    return render(request, "portal/list.html", _ctx(agency, heading="政府信息公开制度",
                                                    items=_column_items(agency, ColumnKind.SYSTEM)))


@cached_page(scope=by_agency)
def annual_reports(request, agency_id):
    """One current report per year; a superseded version (更正) is linked under it, marked as such."""
    from gongkai.reports.superseded import annual_report_listing

    agency = get_object_or_404(Agency, pk=agency_id)
    return render(request, "portal/annual_reports.html", _ctx(agency, heading="政府信息公开工作年度报告",
                                                              listing=annual_report_listing(agency)))


@cached_page(scope=by_agency)
def statutory(request, agency_id):
    """法定主动公开内容, by 条例 Art. 20 item and by column."""
    agency = get_object_or_404(Agency, pk=agency_id)
    public = Item.objects.public().filter(agency=agency)
    counts = dict(public.exclude(art20_item=None).values_list("art20_item").annotate(n=Count("id")))
    articles = [(n, label, counts.get(n, 0)) for n, label in ART20_CHOICES]
    columns = Column.objects.filter(agency=agency).annotate(
        n=Count("items", filter=Q(items__in=public))).order_by("position", "id")
    return render(request, "portal/statutory.html", _ctx(agency, articles=articles, columns=columns))


@cached_page(scope=by_agency, params=CATALOG_PARAMS)
def catalog(request, agency_id):
    agency = get_object_or_404(Agency, pk=agency_id)
    filters = CatalogFilters(year=year_param(request.GET), topic=request.GET.get("topic", ""),
                             publisher=request.GET.get("publisher", ""), column_id=_int(request.GET.get("column")),
                             art20_item=_int(request.GET.get("art20")))
    page = Paginator(public_catalog(agency, filters).prefetch_related("columns"), 20).get_page(request.GET.get("page"))
    years = range(timezone.localdate().year, 2007, -1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/catalog.html", _ctx(
        agency, page=page, filters=filters, years=years, publishers=publishers_for(agency),
        columns=Column.objects.filter(agency=agency), querystring=query.urlencode()))


def _public_item(pk) -> Item:
    return get_object_or_404(Item.objects.public().select_related("agency", "live_version"), pk=pk)


@cached_page(scope=by_item)
def item(request, pk):
    from gongkai.reports.superseded import current_version_of

    obj = _public_item(pk)
    columns = list(obj.columns.all())
    # Both directions of 政策解读 in one query: the item's interpretations, and the documents it interprets.
    related = list(Item.objects.public().filter(Q(interprets=obj) | Q(interpretations=obj))
                   .annotate(interprets_this=Exists(Item.interprets.through.objects.filter(
                       from_item=OuterRef("pk"), to_item=obj.pk)))
                   .distinct().only("pk", "title", "published_at").order_by("-published_at", "-id"))
    # Only a report can be superseded by a later one (更正): other items skip the report query.
    annual = any(c.kind == ColumnKind.ANNUAL_REPORT for c in columns)
    return render(request, "portal/item.html", _ctx(
        obj.agency, item=obj, interpretations=[i for i in related if i.interprets_this],
        interprets=[i for i in related if not i.interprets_this], attachments=public_attachments(obj),
        columns=columns, superseded_by=current_version_of(obj) if annual else None))


def attachment(request, pk, attachment_pk):
    """A file of the approved version only: a draft's file, or one whose removal passed 三审, is a plain 404,
    the same answer as an id that never existed, so drafts cannot be probed."""
    obj = _public_item(pk)
    found = get_object_or_404(public_attachments(obj), pk=attachment_pk)
    # no-cache: once a removal is approved, no intermediate cache should keep handing the file out.
    return attachment_response(request, found, cache_control="no-cache")


MAX_PAGE = 1000  # search ranks at most CANDIDATES (1000) matches, 20 a page


@cached_page(scope=across_agencies, params=SEARCH_PARAMS)
def search(request):
    q = request.GET.get("q", "").strip()[:100]
    agency = Agency.objects.filter(pk=_int(request.GET.get("agency"))).first()
    filters = Filters(agency_id=agency.pk if agency else None, year=year_param(request.GET),
                      topic=request.GET.get("topic", ""), column_id=_int(request.GET.get("column")))
    number = min(int_param(request.GET, "page", label="页码", default=1), MAX_PAGE)
    result = search_ids(q, filters, limit=20, offset=(number - 1) * 20) if q else None
    hits = []
    if result:
        by_id = Item.objects.select_related("agency").in_bulk(result.ids)
        for pk in result.ids:
            found = by_id[pk]
            snippet = found.summary or plain_text(found.body)
            hits.append({"item": found, "title": highlight(found.title, result.terms),
                         "snippet": highlight(snippet, result.terms, width=120)})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/search.html", _ctx(
        agency, q=q, result=result, hits=hits, filters=filters, page_number=number,
        has_next=bool(result and result.total > number * 20), querystring=query.urlencode(),
        years=range(timezone.localdate().year, 2007, -1),
        columns=Column.objects.filter(agency=agency) if agency else []))


@cached_page(scope=by_agency)
def feedback(request, agency_id):
    agency = get_object_or_404(Agency, pk=agency_id)
    form = FeedbackForm(request.POST or None)
    sent = None
    if request.method == "POST" and form.is_valid():
        sent = services.receive_feedback(agency=agency, **form.cleaned_data)
        form = FeedbackForm()
    return render(request, "portal/feedback.html", _ctx(agency, form=form, sent=sent))
