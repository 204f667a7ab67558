"""Chinese full-text search: jieba segments text into `Item.search_text`; FTS5 (SQLite) or a GIN tsvector (PG).

Neither backend splits Chinese by itself (a whole sentence is one token), and FTS5's trigram tokenizer never
matches 2-character queries such as 财政. Pre-segmented text works on both, so the index stores words
separated by spaces and the query is segmented the same way.
"""

import html
import logging
import re
from dataclasses import dataclass
from datetime import datetime

import jieba
from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(r"\w", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6]|tr|blockquote)>", re.IGNORECASE)

FTS_TABLE = "catalog_item_fts"
SQLITE_SETUP = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_text, content='catalog_item', content_rowid='id', tokenize='unicode61')",
    # External-content FTS: triggers keep the index in step with the column, whoever writes it.
    f"""CREATE TRIGGER IF NOT EXISTS catalog_item_fts_ai AFTER INSERT ON catalog_item BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS catalog_item_fts_ad AFTER DELETE ON catalog_item BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS catalog_item_fts_au AFTER UPDATE OF search_text ON catalog_item BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
]
POSTGRES_SETUP = [
    "CREATE INDEX IF NOT EXISTS catalog_item_search_gin ON catalog_item "
    "USING GIN (to_tsvector('simple', search_text))",
]


def setup_index(apps=None, schema_editor=None):
    """Run from the migration: the search index is backend-specific DDL Django's ORM cannot express."""
    conn = schema_editor.connection if schema_editor else connection
    statements = {"sqlite": SQLITE_SETUP, "postgresql": POSTGRES_SETUP}.get(conn.vendor, [])
    with conn.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def plain_text(body: str) -> str:
    return html.unescape(_TAG.sub("", _BLOCK_END.sub("\n", body or "")))


def segment(text: str) -> str:
    """Index form: every word and its dictionary sub-words (财政预算 → 财政 预算 财政预算)."""
    return " ".join(w for w in jieba.cut_for_search(text or "", HMM=False) if _WORD.search(w))


def search_text_for(item) -> str:
    parts = [item.title, item.summary, item.doc_number, item.publisher, plain_text(item.body)]
    return segment(" ".join(p for p in parts if p))


def query_terms(q: str) -> list[str]:
    words = [w.strip() for w in jieba.cut(q or "", HMM=False)]
    seen: list[str] = []
    for w in words:
        if _WORD.search(w) and w not in seen:
            seen.append(w)
    return seen[:12]


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None
    year: int | None = None
    topic: str = ""
    column_id: int | None = None


@dataclass
class SearchPage:
    total: int
    ids: list[int]
    terms: list[str]


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _where(filters: Filters) -> tuple[list[str], list]:
    clauses = ["i.state = 'published'", "i.openness = 'proactive'"]
    params: list = []
    if filters.agency_id:
        clauses.append("i.agency_id = %s")
        params.append(filters.agency_id)
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


def _sqlite_sql(terms, filters):
    match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    clauses, params = _where(filters)
    # CROSS JOIN pins the order in SQLite: the FTS match drives, so the planner never walks every published
    # item probing the index row by row (that plan took 20 s on 200,000 items).
    base = (f"FROM {FTS_TABLE} CROSS JOIN catalog_item i ON i.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND " + " AND ".join(clauses))
    return base, [match, *params], f"bm25({FTS_TABLE})"  # bm25: smaller is better


def _postgres_sql(terms, filters):
    clauses, params = _where(filters)
    base = ("FROM catalog_item i, plainto_tsquery('simple', %s) q "
            "WHERE to_tsvector('simple', i.search_text) @@ q AND " + " AND ".join(clauses))
    return base, [" ".join(terms), *params], "-ts_rank(to_tsvector('simple', i.search_text), q)"


def search_ids(q: str, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0) -> SearchPage:  # noqa: B008
    """Published, proactively public items matching every word of the query, best first."""
    terms = query_terms(q)
    if not terms:
        return SearchPage(0, [], [])
    build = _postgres_sql if connection.vendor == "postgresql" else _sqlite_sql
    base, params, rank = build(terms, filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", params)
        total = cursor.fetchone()[0]
        cursor.execute(f"SELECT i.id {base} ORDER BY {rank}, i.published_at DESC LIMIT %s OFFSET %s",
                       [*params, limit, offset])
        ids = [row[0] for row in cursor.fetchall()]
    return SearchPage(total, ids, terms)


def highlight(text: str, terms: list[str], *, width: int | None = None) -> str:
    """Escaped text with each term in <mark>; with `width`, a window around the first hit."""
    text = text or ""
    if width and len(text) > width:
        positions = [p for p in (text.find(t) for t in terms) if p >= 0]
        start = max(0, min(positions) - width // 4) if positions else 0
        text = ("…" if start else "") + text[start:start + width] + "…"
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
