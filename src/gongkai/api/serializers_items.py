"""Open data: published 主动公开 items with their 信息头 (索引号, 发布机构, 文号, dates, classification)."""

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from gongkai.catalog.models import ART20_CHOICES, DocKind, Genre, Topic, Validity


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class ColumnRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="栏目编号（可用作 column 筛选条件）")
    name = serializers.CharField(help_text="栏目名称")


TOPICS, GENRES = dict(Topic.choices), dict(Genre.choices)


def _stamp(value):
    return timezone.localtime(value).isoformat() if value else None


class ItemSerializer(serializers.Serializer):
    """The fields below document the shape; `to_representation` builds the same dict directly, because DRF's
    field-by-field walk (a signature inspection per callable source, a URL reverse per link) costs more than the
    query for a page of 50 (tests/api/test_items.py holds the two to the same output)."""

    id = serializers.IntegerField(help_text="信息编号（平台内部编号）")
    index_number = serializers.CharField(allow_null=True, help_text="索引号")
    title = serializers.CharField(help_text="信息名称")
    agency = serializers.CharField(source="agency.name", help_text="发布机关")
    agency_code = serializers.CharField(source="agency.uscc", allow_null=True, help_text="发布机关统一社会信用代码")
    publisher = serializers.CharField(help_text="发布机构（信息头所列）")
    doc_number = serializers.CharField(help_text="文号，无则为空字符串")
    written_on = serializers.DateField(allow_null=True, help_text="成文日期")
    published_at = serializers.DateTimeField(help_text="发布时间（北京时间，ISO 8601）")
    updated_at = serializers.DateTimeField(help_text="最近更新时间（发布、审核通过的新版本、撤稿），用于增量采集")
    topic = serializers.ChoiceField(choices=Topic.choices, help_text="主题分类代码")
    topic_label = serializers.CharField(source="get_topic_display", help_text="主题分类名称")
    genre = serializers.ChoiceField(choices=Genre.choices, help_text="体裁分类代码")
    genre_label = serializers.CharField(source="get_genre_display", help_text="体裁分类名称")
    art20_item = serializers.ChoiceField(choices=ART20_CHOICES, allow_null=True,
                                         help_text="对应条例第二十条第几项（1–15），不属于法定主动公开内容时为 null")
    columns = ColumnRefSerializer(many=True, source="columns.all", help_text="所属栏目")
    url = serializers.SerializerMethodField(help_text="本条信息的接口地址（详情）")
    html_url = serializers.SerializerMethodField(help_text="本条信息在门户网站上的页面地址")

    def get_url(self, obj) -> str:
        return _absolute(self.context, reverse("api:item-detail", kwargs={"pk": obj.pk}))

    def get_html_url(self, obj) -> str:
        return _absolute(self.context, reverse("xxgk:item", kwargs={"pk": obj.pk}))

    def _links(self) -> tuple[str, str]:
        links = self.context.get("_links")
        if links is None:  # reverse once per page, then format per item
            links = (_absolute(self.context, reverse("api:item-detail", kwargs={"pk": 0})).replace("/0/", "/{}/"),
                     _absolute(self.context, reverse("xxgk:item", kwargs={"pk": 0})).replace("/0/", "/{}/"))
            self.context["_links"] = links
        return links

    def to_representation(self, obj):
        api_url, html_url = self._links()
        return {
            "id": obj.pk, "index_number": obj.index_number, "title": obj.title, "agency": obj.agency.name,
            "agency_code": obj.agency.uscc, "publisher": obj.publisher, "doc_number": obj.doc_number,
            "written_on": obj.written_on.isoformat() if obj.written_on else None,
            "published_at": _stamp(obj.published_at), "updated_at": _stamp(obj.updated_at),
            "topic": obj.topic, "topic_label": TOPICS.get(obj.topic, obj.topic),
            "genre": obj.genre, "genre_label": GENRES.get(obj.genre, obj.genre), "art20_item": obj.art20_item,
            "columns": [{"id": c.pk, "name": c.name} for c in obj.columns.all()],
            "url": api_url.format(obj.pk), "html_url": html_url.format(obj.pk),
        }

    def field_by_field(self, obj):
        """DRF's own walk over the declared fields: what to_representation must equal."""
        return serializers.Serializer.to_representation(self, obj)


class AttachmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="附件编号")
    name = serializers.CharField(help_text="附件名称")
    size = serializers.IntegerField(help_text="大小（字节）")
    url = serializers.SerializerMethodField(help_text="下载地址（门户网站的附件下载，只提供已发布版本的附件）")

    def get_url(self, obj) -> str:
        path = reverse("xxgk:attachment", kwargs={"pk": obj.item_id, "attachment_pk": obj.pk})
        return _absolute(self.context, path)


class ItemRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="信息编号")
    title = serializers.CharField(help_text="信息名称")


class ItemDetailSerializer(ItemSerializer):
    summary = serializers.CharField(help_text="内容概述")
    body = serializers.CharField(help_text="正文（HTML，已按白名单清洗）")
    doc_kind = serializers.ChoiceField(choices=DocKind.choices,
                                       help_text="文件类型：regulation＝规章；normative＝行政规范性文件；空字符串＝其他信息")
    validity = serializers.ChoiceField(choices=Validity.choices,
                                       help_text="有效性（规章、行政规范性文件适用）：valid＝有效；expired＝失效；"
                                                 "repealed＝废止；amended＝已修改")
    invalid_on = serializers.DateField(allow_null=True, help_text="失效或废止日期")
    attachments = AttachmentRefSerializer(many=True, source="public_attachments", help_text="附件（已发布版本的）")
    interprets = ItemRefSerializer(many=True, source="public_interprets", help_text="本条解读的政策文件")
    interpretations = ItemRefSerializer(many=True, source="public_interpretations", help_text="本条的政策解读")

    def to_representation(self, obj):  # one item: DRF's walk costs little here
        return serializers.Serializer.to_representation(self, obj)


class ItemFilterSerializer(serializers.Serializer):
    """Query parameters of the item list; bad values get a Chinese message naming the parameter."""

    agency = serializers.CharField(required=False, help_text="发布机关：统一社会信用代码（或平台内机关编号）")
    column = serializers.IntegerField(required=False, min_value=1, help_text="栏目编号",
                                      error_messages={"invalid": "column 应为栏目编号（整数）",
                                                      "min_value": "column 应为栏目编号（正整数）"})
    art20 = serializers.IntegerField(required=False, min_value=1, max_value=15,
                                     help_text="条例第二十条第几项（1–15）",
                                     error_messages={"invalid": "art20 应为1至15的整数",
                                                     "min_value": "art20 应为1至15的整数",
                                                     "max_value": "art20 应为1至15的整数"})
    published_from = serializers.DateField(required=False, help_text="发布日期不早于（含），YYYY-MM-DD",
                                           error_messages={"invalid": "published_from 格式应为 YYYY-MM-DD"})
    published_to = serializers.DateField(required=False, help_text="发布日期不晚于（含），YYYY-MM-DD",
                                         error_messages={"invalid": "published_to 格式应为 YYYY-MM-DD"})
    updated_since = serializers.DateTimeField(
        required=False, help_text="只列出此时间之后（不含）更新的信息，ISO 8601，如 2026-01-01T00:00:00+08:00；"
                                  "增量采集时与 order=updated_at 一起使用",
        error_messages={"invalid": "updated_since 格式应为 ISO 8601，如 2026-01-01T00:00:00+08:00"})
    order = serializers.ChoiceField(
        required=False, choices=[("-published_at", "按发布时间从新到旧"), ("updated_at", "按更新时间从旧到新")],
        help_text="排序：-published_at（默认）＝按发布时间从新到旧；updated_at＝按更新时间从旧到新（增量采集）",
        error_messages={"invalid_choice": "order 应为 -published_at 或 updated_at"})
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=200,
                                         help_text="每页条数，默认50，最多200",
                                         error_messages={"invalid": "page_size 应为1至200的整数",
                                                         "min_value": "page_size 应为1至200的整数",
                                                         "max_value": "page_size 应为1至200的整数"})
    cursor = serializers.CharField(required=False, help_text="翻页游标：取上一页结果中 next 地址里的值，不要自己构造")

    def validate(self, attrs):
        start, end = attrs.get("published_from"), attrs.get("published_to")
        if start and end and start > end:
            raise serializers.ValidationError({"published_to": ["published_to 不能早于 published_from"]})
        return attrs
