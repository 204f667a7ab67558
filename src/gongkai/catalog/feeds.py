"""Atom feed of the newest public items of one column."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Column, Item


class ColumnFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, pk):
        return get_object_or_404(Column.objects.select_related("agency"), pk=pk)

    def title(self, column):
        return f"{column.agency.name} · {column.name}"

    def subtitle(self, column):
        return f"{column.agency.name}政府信息公开平台“{column.name}”栏目的最新信息"

    def link(self, column):
        return reverse("xxgk:catalog", args=[column.agency_id]) + f"?column={column.pk}"

    def items(self, column):
        return Item.objects.public().filter(columns=column).order_by("-published_at")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse("xxgk:item", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_guid(self, item):
        return item.index_number
