"""Published catalog items that may already answer a request (条例 Art. 36(一)): a read of the catalog app."""

from importlib.util import find_spec

from django.db.models import Q

from .queries import tokens


def published_matches(text: str, *, agency_id=None, limit: int = 5) -> list:
    words = sorted(tokens(text or ""), key=len, reverse=True)[:5]
    if not words or find_spec("gongkai.catalog.models") is None:
        return []
    from django.apps import apps

    try:
        item = apps.get_model("catalog", "Item")
    except LookupError:
        return []
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word)
    qs = item.objects.filter(condition, state="published")
    if agency_id and str(agency_id).isdigit():
        qs = qs.filter(agency_id=agency_id)
    return list(qs.order_by("-published_at")[:limit])
