"""SQLite side of the catalog search: a contentless FTS5 table kept by triggers, queried newest first.

Only published, proactively public items are indexed, each with a facet token naming its agency, so one
agency's search is an intersection of two posting lists inside the index instead of a probe per hit, and a
search without other filters never has to visit catalog_item at all.
"""

from .search_terms import FACET_PREFIX, Filters, filter_clauses

FTS_TABLE = "catalog_item_fts"
_PUBLIC = "{row}.state = 'published' AND {row}.openness = 'proactive'"
_FACET = "'" + FACET_PREFIX + "' || {row}.agency_id"


def _fts_insert(row):
    return (f"INSERT INTO {FTS_TABLE}(rowid, search_text, facet) SELECT {row}.id, {row}.search_text, "
            f"{_FACET.format(row=row)} WHERE {_PUBLIC.format(row=row)};")


def _fts_delete(row):
    # Contentless FTS5: a delete must repeat the values exactly as they were indexed.
    return (f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text, facet) SELECT 'delete', {row}.id, "
            f"{row}.search_text, {_FACET.format(row=row)} WHERE {_PUBLIC.format(row=row)};")


# Idempotent: run again, it rebuilds the index from the table.
SETUP = [
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_text, facet, content='', tokenize='unicode61')",
    f"INSERT INTO {FTS_TABLE}(rowid, search_text, facet) SELECT i.id, i.search_text, {_FACET.format(row='i')} "
    f"FROM catalog_item i WHERE {_PUBLIC.format(row='i')}",
    f"CREATE TRIGGER IF NOT EXISTS catalog_item_fts_ai AFTER INSERT ON catalog_item BEGIN {_fts_insert('new')} END",
    f"CREATE TRIGGER IF NOT EXISTS catalog_item_fts_ad AFTER DELETE ON catalog_item BEGIN {_fts_delete('old')} END",
    "CREATE TRIGGER IF NOT EXISTS catalog_item_fts_au AFTER UPDATE OF search_text, state, openness, agency_id "
    f"ON catalog_item BEGIN {_fts_delete('old')} {_fts_insert('new')} END",
]


def newest_matches(cursor, terms: list[str], filters: Filters, limit: int) -> list[tuple[int, float]]:
    """(id, score) of the newest `limit` matches, newest first; a lower score is better (bm25)."""
    match = " AND ".join('search_text : "' + t.replace('"', '""') + '"' for t in terms)
    if filters.agency_id:
        match += f' AND facet : "{FACET_PREFIX}{int(filters.agency_id)}"'
    clauses, params = filter_clauses(filters)
    # FTS5 walks rowids backwards natively and stops at LIMIT; catalog_item is joined only for filters the
    # index does not hold (CROSS JOIN keeps the FTS scan driving).
    join = f"CROSS JOIN catalog_item i ON i.id = {FTS_TABLE}.rowid AND " + " AND ".join(clauses) if clauses else ""
    cursor.execute(f"SELECT {FTS_TABLE}.rowid, bm25({FTS_TABLE}, 1.0, 0.0) FROM {FTS_TABLE} {join} "
                   f"WHERE {FTS_TABLE} MATCH %s ORDER BY {FTS_TABLE}.rowid DESC LIMIT %s", [*params, match, limit])
    return cursor.fetchall()
