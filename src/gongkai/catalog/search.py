"""Chinese full-text search over the public catalog: the newest matches of every query word, ranked.

What is indexed and how a query is cut into words: search_terms. The index itself is backend-specific DDL
Django's ORM cannot express: search_sqlite (FTS5) and search_postgres (GIN over a stored tsvector).
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import search_postgres, search_sqlite
from .search_terms import Filters, query_terms

# Ranking every hit of a frequent word (低保 is in one item in eight) costs time in proportion to the hits.
# Like large government search pages, rank only the newest CANDIDATES matches and show the count as “1000+”.
CANDIDATES = 1000
_BACKENDS = {"sqlite": search_sqlite, "postgresql": search_postgres}


def setup_index(apps=None, schema_editor=None):
    """Run from migrations: (re)builds the search index of the database's vendor."""
    conn = schema_editor.connection if schema_editor else connection
    backend = _BACKENDS.get(conn.vendor)
    with conn.cursor() as cursor:
        for sql in backend.SETUP if backend else []:
            cursor.execute(sql)


@dataclass
class SearchPage:
    total: int  # exact up to CANDIDATES; when `capped`, there are more than that
    ids: list[int]
    terms: list[str]
    capped: bool = False


def search_ids(q: str, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0) -> SearchPage:  # noqa: B008
    """Published, proactively public items matching every word of the query, best first.

    The backend fetches the newest CANDIDATES + 1 matches with their scores; they are ranked here, equal
    scores newest first.
    """
    terms = query_terms(q)
    if not terms:
        return SearchPage(0, [], [])
    with connection.cursor() as cursor:
        rows = _BACKENDS[connection.vendor].newest_matches(cursor, terms, filters, CANDIDATES + 1)
    capped = len(rows) > CANDIDATES
    rows = sorted(rows[:CANDIDATES], key=lambda r: (r[1], -r[0]))
    return SearchPage(len(rows), [r[0] for r in rows[offset:offset + limit]], terms, capped)


def highlight(text: str, terms: list[str], *, width: int | None = None) -> str:
    """Escaped text with each term in <mark>; with `width`, a window around the first hit."""
    text = text or ""
    words = sorted((t.replace(" ", "") for t in terms), key=len, reverse=True)  # a phrase term is adjacent
    if width and len(text) > width:
        positions = [p for p in (text.find(w) for w in words) if p >= 0]
        start = max(0, min(positions) - width // 4) if positions else 0
        text = ("…" if start else "") + text[start:start + width] + "…"
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
