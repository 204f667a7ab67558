"""Chinese full-text search: jieba segments text into `Item.search_text`; FTS5 (SQLite) or a GIN tsvector (PG).

Neither backend splits Chinese by itself (a whole sentence is one token), and FTS5's trigram tokenizer never
matches 2-character queries such as 财政. Pre-segmented text works on both, so the index stores words
separated by spaces and the query is segmented the same way.
"""

import html
import json
import logging
import math
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
# Only published, proactively public items are indexed, each with a facet token naming its agency, so one
# agency's search is an intersection of two posting lists inside the index instead of a probe per hit.
FACET_PREFIX = "zzjg"
_PUBLIC = "{row}.state = 'published' AND {row}.openness = 'proactive'"
_FACET = "'" + FACET_PREFIX + "' || {row}.agency_id"


def _fts_insert(row):
    return (f"INSERT INTO {FTS_TABLE}(rowid, search_text, facet) SELECT {row}.id, {row}.search_text, "
            f"{_FACET.format(row=row)} WHERE {_PUBLIC.format(row=row)};")


def _fts_delete(row):
    # Contentless FTS5: a delete must repeat the values exactly as they were indexed.
    return (f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text, facet) SELECT 'delete', {row}.id, "
            f"{row}.search_text, {_FACET.format(row=row)} WHERE {_PUBLIC.format(row=row)};")


SQLITE_SETUP = [
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_text, facet, content='', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS catalog_item_fts_ai AFTER INSERT ON catalog_item BEGIN {_fts_insert('new')} END",
    f"CREATE TRIGGER IF NOT EXISTS catalog_item_fts_ad AFTER DELETE ON catalog_item BEGIN {_fts_delete('old')} END",
    "CREATE TRIGGER IF NOT EXISTS catalog_item_fts_au AFTER UPDATE OF search_text, state, openness, agency_id "
    f"ON catalog_item BEGIN {_fts_delete('old')} {_fts_insert('new')} END",
]
# A stored tsvector (public items only, with the agency facet) under a GIN index: no to_tsvector per row at
# query time, and ts_rank reads the stored vector.
POSTGRES_SETUP = [
    "ALTER TABLE catalog_item ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "CASE WHEN state = 'published' AND openness = 'proactive' THEN "
    f"to_tsvector('simple', search_text || ' {FACET_PREFIX}' || agency_id::text) END) STORED",
    "CREATE INDEX IF NOT EXISTS catalog_item_search_gin ON catalog_item USING GIN (search_vector)",
]
# Ranking every hit of a frequent word (低保 is in one item in eight) costs time in proportion to the hits.
# Like large government search pages, rank only the newest CANDIDATES matches and show the count as “1000+”.
CANDIDATES = 1000


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
    total: int  # exact up to CANDIDATES; when `capped`, there are more than that
    ids: list[int]
    terms: list[str]
    capped: bool = False


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _where(filters: Filters) -> tuple[list[str], list]:
    clauses = ["i.state = 'published'", "i.openness = 'proactive'"]
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


def _sqlite_sql(terms, filters, cursor=None):
    match = " AND ".join('search_text : "' + t.replace('"', '""') + '"' for t in terms)
    if filters.agency_id:
        match += f' AND facet : "{FACET_PREFIX}{int(filters.agency_id)}"'
    clauses, params = _where(filters)
    # The FTS scan drives (CROSS JOIN pins the order) newest first, which FTS5 does natively and can stop early.
    # published_at as text (an expression has no declared type): ISO text sorts right and skips 1,000 conversions.
    return (f"SELECT i.id, bm25({FTS_TABLE}, 1.0, 0.0), i.published_at || '' FROM {FTS_TABLE} "
            f"CROSS JOIN catalog_item i ON i.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s AND "
            + " AND ".join(clauses) + f" ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s"), [match, *params]


def _postgres_estimate(cursor, words: str) -> float:
    cursor.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM catalog_item WHERE search_vector @@ "
                   "plainto_tsquery('simple', %s)", [words])
    plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


def _postgres_frequent(cursor, terms: list[str], facet: str) -> bool:
    """Whether walking the primary key backwards finds CANDIDATES hits sooner than fetching every hit.

    Walking visits about CANDIDATES * rows / hits rows, fetching visits `hits` rows; they cross at
    hits = sqrt(CANDIDATES * rows). The planner's own choice goes wrong both ways at 1M rows (500 ms for a rare
    word walked, 900 ms for 乡村 振兴 fetched), because it takes words as independent while the words of one
    compound (jieba splits 乡村振兴) nearly always come together. So the hits are estimated as those of the
    rarest word (with the agency facet), an upper bound the tsvector statistics give well.
    """
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'catalog_item'::regclass")
    rows = max(cursor.fetchone()[0], 0)
    hits = min(_postgres_estimate(cursor, f"{term} {facet}".strip()) for term in terms)
    return hits > math.sqrt(CANDIDATES * rows)


def _postgres_sql(terms, filters, cursor):
    facet = f"{FACET_PREFIX}{int(filters.agency_id)}" if filters.agency_id else ""
    words = " ".join([*terms, facet]).strip()
    clauses, params = _where(filters)
    # "i.id + 0" hides the key order from the planner, so it takes the GIN bitmap and sorts the few hits.
    order = "i.id" if _postgres_frequent(cursor, terms, facet) else "i.id + 0"
    return ("SELECT i.id, -ts_rank(i.search_vector, q), i.published_at "
            "FROM catalog_item i, plainto_tsquery('simple', %s) q WHERE i.search_vector @@ q AND "
            + " AND ".join(clauses) + f" ORDER BY {order} DESC LIMIT %s"), [words, *params]


def search_ids(q: str, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0) -> SearchPage:  # noqa: B008
    """Published, proactively public items matching every word of the query, best first.

    One bounded query fetches the newest CANDIDATES + 1 matches with their scores; they are ranked here.
    """
    terms = query_terms(q)
    if not terms:
        return SearchPage(0, [], [])
    build = _postgres_sql if connection.vendor == "postgresql" else _sqlite_sql
    with connection.cursor() as cursor:
        sql, params = build(terms, filters, cursor)
        cursor.execute(sql, [*params, CANDIDATES + 1])
        rows = cursor.fetchall()
    capped = len(rows) > CANDIDATES
    rows = sorted(rows[:CANDIDATES], key=lambda r: (r[2] is not None, r[2] or "", r[0]), reverse=True)
    rows.sort(key=lambda r: r[1])  # stable: equal scores stay newest first
    return SearchPage(len(rows), [r[0] for r in rows[offset:offset + limit]], terms, capped)


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
