"""Open data: GET /api/v1/items/ (cursor pages, filters for harvesting) and GET /api/v1/items/{id}/.
No token needed; calls without one share the per-address limit."""

from datetime import datetime, time, timedelta

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from gongkai.catalog.models import Item
from gongkai.catalog.queries import public_attachments

from . import examples
from .base import ApiView
from .lookups import agency_by_code
from .serializers_common import BAD_REQUEST, ITEM_PARAM, NOT_FOUND, THROTTLED
from .serializers_items import ItemDetailSerializer, ItemFilterSerializer, ItemSerializer

TAG = "主动公开（开放数据）"
ORDERINGS = {"-published_at": ("-published_at", "-id"), "updated_at": ("updated_at", "id")}


class ItemCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_cursor_message = "翻页游标无效，请使用上一页结果中的 next 地址"

    def get_ordering(self, request, queryset, view):
        return ORDERINGS[view.filters.get("order") or "-published_at"]


class ItemPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True, help_text="下一页地址；没有下一页时为 null")
    previous = serializers.CharField(allow_null=True, help_text="上一页地址；第一页时为 null")
    results = ItemSerializer(many=True, help_text="本页的信息")


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_items(filters: dict):
    items = Item.objects.public().select_related("agency").prefetch_related("columns")
    if "agency" in filters:
        agency = agency_by_code(filters["agency"])
        if agency is None:
            raise serializers.ValidationError({"agency": [f"未找到代码为“{filters['agency']}”的机关"]})
        items = items.filter(agency=agency)
    if "column" in filters:
        items = items.filter(columns__id=filters["column"])
    if "art20" in filters:
        items = items.filter(art20_item=filters["art20"])
    if "published_from" in filters:
        items = items.filter(published_at__gte=_day_start(filters["published_from"]))
    if "published_to" in filters:
        items = items.filter(published_at__lt=_day_start(filters["published_to"] + timedelta(days=1)))
    if "updated_since" in filters:
        items = items.filter(updated_at__gt=filters["updated_since"])
    return items


class ItemListView(ApiView):
    @extend_schema(
        tags=[TAG], operation_id="items_list", summary="已发布的主动公开信息列表",
        description="只含已发布、主动公开的信息。游标翻页：按 next 地址取下一页，直到 next 为 null。"
                    "增量采集：记下已取到的最大 updated_at，下次以 updated_since=该时间、order=updated_at 取新变化。",
        parameters=[ItemFilterSerializer],
        responses={200: OpenApiResponse(ItemPageSerializer, description="一页信息"), 400: BAD_REQUEST, 429: THROTTLED},
        examples=[examples.ITEM_PAGE, examples.ITEMS_BAD_FILTER],
    )
    def get(self, request):
        checked = ItemFilterSerializer(data=request.query_params)
        checked.is_valid(raise_exception=True)
        self.filters = checked.validated_data
        paginator = ItemCursorPagination()
        page = paginator.paginate_queryset(filtered_items(self.filters), request, view=self)
        data = ItemSerializer(page, many=True, context={"request": request}).data
        return Response({"next": paginator.get_next_link(), "previous": paginator.get_previous_link(),
                         "results": data})


class ItemDetailView(ApiView):
    @extend_schema(
        tags=[TAG], operation_id="items_retrieve", summary="一条主动公开信息（含信息头和附件）",
        parameters=[ITEM_PARAM],
        responses={200: OpenApiResponse(ItemDetailSerializer, description="信息详情"), 404: NOT_FOUND, 429: THROTTLED},
        examples=[examples.ITEM_DETAIL],
    )
    def get(self, request, pk):
        item = (Item.objects.public().select_related("agency", "live_version").prefetch_related("columns")
                .filter(pk=pk).first())
        if item is None:
            raise Http404("未找到该信息，或该信息未公开")
        item.public_attachments = list(public_attachments(item))
        item.public_interprets = list(item.interprets.public().only("id", "title"))
        item.public_interpretations = list(item.interpretations.public().only("id", "title"))
        return Response(ItemDetailSerializer(item, context={"request": request}).data)
