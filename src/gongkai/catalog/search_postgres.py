"""PostgreSQL side of the catalog search: a stored tsvector under a GIN index, read in windows of ids.

The stored vector holds the item's words, its agency facet and an "id bucket" token (ids 0–9,999 carry
zzid0, 10,000–19,999 zzid1, …), and is NULL for anything not published and proactively public. A GIN index
cannot return rows in id order, and the two plans the planner has for “the newest N matches” both fail at
a million rows: fetching every hit is slow for frequent words, walking the primary key backwards is slow
when the words rarely come together (安全 生产 检查: tens of thousands of rows visited). Asking the index for
the words AND the newest few buckets keeps the rows fetched close to N whatever the words: the first window
measures how dense the matches are, the next window is sized from that, and the last one takes all the rest.
"""

import math

from .search_terms import FACET_PREFIX, Filters, filter_clauses

BUCKET = 10_000
BUCKET_PREFIX = "zzid"
MAX_BUCKETS_PER_WINDOW = 64  # beyond this a window is no cheaper than taking everything older

_PUBLIC = "state = 'published' AND openness = 'proactive'"
# Idempotent: run again (by a migration that changes the expression), it rebuilds column and index.
SETUP = [
    "DROP INDEX IF EXISTS catalog_item_search_gin",
    "ALTER TABLE catalog_item DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE catalog_item ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"CASE WHEN {_PUBLIC} THEN to_tsvector('simple', search_text || ' {FACET_PREFIX}' || agency_id::text "
    f"|| ' {BUCKET_PREFIX}' || (id / {BUCKET})::text) END) STORED",
    "CREATE INDEX catalog_item_search_gin ON catalog_item USING GIN (search_vector)",
]


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(terms: list[str], facet: str = "") -> str:
    """to_tsquery input: every term (a phrase term's characters adjacent, <->), and the facet word if any."""
    parts = [" <-> ".join(_lexeme(w) for w in term.split()) for term in terms]
    return " & ".join(parts + ([_lexeme(facet)] if facet else []))


def _window(cursor, query: str, buckets: range | None, below: int, filters: Filters, limit: int):
    """Matches with id < `below`, restricted to the given buckets (None: all of them), newest first."""
    clauses, params = filter_clauses(filters)
    match = f"({query}) & ({' | '.join(f'{BUCKET_PREFIX}{b}' for b in buckets)})" if buckets is not None else query
    # "id + 0" hides the key order from the planner, so it takes the GIN bitmap and sorts the few hits.
    cursor.execute(
        "SELECT i.id, -ts_rank(i.search_vector, to_tsquery('simple', %s)) FROM catalog_item i "
        "WHERE i.search_vector @@ to_tsquery('simple', %s) AND i.id < %s "
        + "".join(f"AND {c} " for c in clauses) + "ORDER BY i.id + 0 DESC LIMIT %s",
        [query, match, below, *params, limit])
    return cursor.fetchall()


def newest_matches(cursor, terms: list[str], filters: Filters, limit: int) -> list[tuple[int, float]]:
    """(id, score) of the newest `limit` matches, newest first; a lower score is better (-ts_rank)."""
    query = tsquery_text(terms, f"{FACET_PREFIX}{int(filters.agency_id)}" if filters.agency_id else "")
    cursor.execute("SELECT max(id) FROM catalog_item")
    top = cursor.fetchone()[0]
    if top is None:
        return []
    # First window: the newest bucket, and the one before when the newest is less than half full.
    high = top // BUCKET
    low = high - (1 if top % BUCKET < BUCKET // 2 else 0)
    rows: list = []
    while True:
        low = max(low, 0)
        buckets = range(high, low - 1, -1) if low else None  # from bucket 0 on, no token is needed
        rows.extend(_window(cursor, query, buckets, (high + 1) * BUCKET, filters, limit - len(rows)))
        if len(rows) >= limit or not low:
            return rows
        density = len(rows) / (top + 1 - low * BUCKET)
        high = low - 1
        wanted = math.ceil(1.25 * (limit - len(rows)) / density / BUCKET) if density else math.inf
        low = high + 1 - wanted if wanted <= MAX_BUCKETS_PER_WINDOW else 0
