"""Published catalog items that may already answer a request (条例 Art. 36(一)): a read of the catalog app.

Ranked for the applicant who types the name of what they want: an item whose title holds the words of the
request comes first (the share of the request's characters its title covers, then the longest phrase the two
have in common), then an item whose body holds them, then the newest.
"""

from difflib import SequenceMatcher
from importlib.util import find_spec

import jieba
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

# Words that say how a request is made, not what it is about: they would match every title.
STOP_WORDS = frozenset({
    "申请", "公开", "政府", "信息", "政府信息", "关于", "有关", "相关", "提供", "需要", "希望", "请求", "获取",
    "我们", "本人", "查询", "以及", "要求", "依法", "复印件", "纸质", "电子", "一份", "内容",
})
QUERY_CHARS = 200  # only the head of a long description is read: a request is told by its start
MAX_WORDS = 12
CANDIDATES = 30  # best title matches brought back from the database to be ranked here


def query_words(text: str) -> list[str]:
    """The request's content words, longest first (more specific), at most MAX_WORDS.

    A compound brings its parts (财政预算 → 财政, 预算), so a title that has only one of them is found."""
    words = {w.strip() for w in jieba.cut_for_search((text or "")[:QUERY_CHARS], HMM=False)}
    words = {w for w in words if len(w) > 1 and w not in STOP_WORDS and any(c.isalnum() for c in w)}
    return sorted(words, key=lambda w: (-len(w), w))[:MAX_WORDS]


def _coverage(field: str, words: list[str]):
    """SQL: how many characters of the request's words the field holds (a longer word counts more)."""
    return sum((Case(When(**{f"{field}__icontains": w}, then=Value(len(w))), default=Value(0),
                     output_field=IntegerField()) for w in words), Value(0))


def rank_key(text: str, words: list[str], item) -> tuple:
    title = item.title or ""
    title_cover = sum(len(w) for w in words if w.lower() in title.lower())
    all_in_title = title_cover == sum(len(w) for w in words)
    common = SequenceMatcher(None, text, title, autojunk=False)
    phrase = common.find_longest_match(0, len(text), 0, len(title)).size
    published = item.published_at.timestamp() if item.published_at else 0
    return (all_in_title, title_cover, phrase, item.body_cover, published, item.pk)


def published_matches(text: str, *, agency_id=None, limit: int = 5) -> list:
    text = (text or "").strip()[:QUERY_CHARS]
    words = query_words(text)
    if not words or find_spec("gongkai.catalog.models") is None:
        return []
    from django.apps import apps

    try:
        item = apps.get_model("catalog", "Item")
    except LookupError:
        return []
    agency = _agency_id(agency_id)
    public = item.objects.public()
    if agency is not None:
        public = public.filter(agency_id=agency)
    title_hits = Q()
    for word in words:
        title_hits |= Q(title__icontains=word)
    by_title = list(public.filter(title_hits).annotate(title_cover=_coverage("title", words))
                    .order_by("-title_cover", "-published_at", "-id").values_list("id", flat=True)[:CANDIDATES])
    by_body = _search_index_ids(words, agency)
    ids = list(dict.fromkeys(by_title + by_body))
    if not ids:
        return []
    found = (public.filter(pk__in=ids).select_related("agency").defer("body", "search_text")
             .annotate(body_cover=Coalesce(_coverage("body", words), Value(0))))
    return sorted(found, key=lambda i: rank_key(text, words, i), reverse=True)[:limit]


def _agency_id(value) -> int | None:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _search_index_ids(words: list[str], agency: int | None) -> list[int]:
    """Items holding every word anywhere (body included), from the catalog's full-text index."""
    from gongkai.catalog.search import search_ids
    from gongkai.catalog.search_terms import Filters

    return search_ids(" ".join(words), Filters(agency_id=agency), limit=10).ids
