"""What the catalog search indexes and asks for: jieba words, the agency facet token, the filters.

Neither SQLite nor PostgreSQL splits Chinese by itself (a whole sentence is one token), and FTS5's trigram
tokenizer never matches 2-character queries such as 财政. Pre-segmented text works on both, so the index
stores words separated by spaces and the query is segmented the same way.
"""

import html
import logging
import re
from dataclasses import dataclass
from datetime import datetime

import jieba
from django.utils import timezone

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"\w", re.UNICODE)
_SINGLE_HAN = re.compile(r"[\u3400-\u9fff]")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6]|tr|blockquote)>", re.IGNORECASE)

# Each indexed item also carries this token + its agency id, so one agency's search is answered in the index.
FACET_PREFIX = "zzjg"


def plain_text(body: str) -> str:
    return html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", body or "")))


def segment(text: str) -> str:
    """Index form: every word and its dictionary sub-words (财政预算 → 财政 预算 财政预算)."""
    return " ".join(w for w in jieba.cut_for_search(text or "", HMM=False) if _WORD.search(w))


def search_text_for(item) -> str:
    parts = [item.title, item.summary, item.doc_number, item.publisher, plain_text(item.body)]
    return segment(" ".join(p for p in parts if p))


def query_terms(q: str) -> list[str]:
    """The words every match must hold, at most 12.

    jieba leaves a name it does not know, such as 宗朗乡, as single characters, and the index holds them the
    same way, side by side. Such a run becomes one phrase term, its characters separated by spaces
    ("宗 朗 乡"): matched as adjacent words, so an item with 宗, 朗 and 乡 scattered about does not count.
    """
    terms: list[str] = []
    run: list[str] = []
    for w in [*jieba.cut(q or "", HMM=False), ""]:
        w = w.strip()
        if _SINGLE_HAN.fullmatch(w):
            run.append(w)
            continue
        if run:
            terms.append(" ".join(run))
            run = []
        if _WORD.search(w):
            terms.append(w)
    return list(dict.fromkeys(terms))[:12]


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None
    year: int | None = None
    topic: str = ""
    column_id: int | None = None


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def filter_clauses(filters: Filters) -> tuple[list[str], list]:
    """SQL conditions on catalog_item `i` for the filters the index does not hold (agency is a facet token)."""
    clauses: list[str] = []
    params: list = []
    if filters.year:
        clauses.append("i.published_at >= %s AND i.published_at < %s")
        params.extend(_year_bounds(filters.year))
    if filters.topic:
        clauses.append("i.topic = %s")
        params.append(filters.topic)
    if filters.column_id:
        clauses.append("EXISTS (SELECT 1 FROM catalog_item_columns c WHERE c.item_id = i.id AND c.column_id = %s)")
        params.append(filters.column_id)
    return clauses, params
