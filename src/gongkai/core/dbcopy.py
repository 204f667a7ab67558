"""Copying every table from one database to another through the ORM (SQLite → PostgreSQL).

Like dumpdata/loaddata, but streamed and with the rows' own ids: content types and permissions written by
`migrate` on the target are replaced by the source's, so every foreign key, request number and 索引号 comes
over unchanged. Rows are inserted raw (no save(), no auto_now), so append-only models and timestamps stay as
they were and the audit chain verifies on the target. PostgreSQL's foreign keys are deferred to the commit,
so the tables may come in any order. Afterwards the id sequences are set past the highest id
(sqlsequencereset) and the catalog's search column and index are rebuilt.
"""

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction

from .databases import data_models, quote, table_counts


def _insert(model, objs: list, alias: str) -> None:
    fields = model._meta.local_concrete_fields
    size = connections[alias].ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager.using(alias)._insert(objs[start:start + size], fields=fields, raw=True)


def _copy_model(model, source: str, target: str, batch: int = 1000) -> int:
    rows, copied = [], 0
    for obj in model._base_manager.using(source).order_by("pk").iterator(chunk_size=2000):
        rows.append(obj)
        if len(rows) == batch:
            _insert(model, rows, target)
            copied, rows = copied + len(rows), []
    if rows:
        _insert(model, rows, target)
    return copied + len(rows)


def _empty_tables(alias: str, tables: list[str]) -> None:
    with connections[alias].cursor() as cursor:
        if connections[alias].vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {quote(table)}")


def _reset_sequences(alias: str, models: list) -> None:
    with connections[alias].cursor() as cursor:
        for sql in connections[alias].ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def rebuild_search(alias: str) -> None:
    from gongkai.catalog.search import setup_index

    with connections[alias].schema_editor() as editor:
        setup_index(None, editor)


def copy_database(source: str, target: str, *, progress=None) -> dict[str, int]:
    """Migrate `target`, then copy every row of `source` into it in one transaction; returns the row counts."""
    call_command("migrate", database=target, interactive=False, verbosity=0)
    models = data_models()
    counts = {}
    with transaction.atomic(using=source), transaction.atomic(using=target):
        _empty_tables(target, [m._meta.db_table for m in models])
        with connections[target].constraint_checks_disabled():
            for model in models:
                counts[model._meta.db_table] = _copy_model(model, source, target)
                if progress:
                    progress(model._meta.db_table, counts[model._meta.db_table])
        connections[target].check_constraints()
        _reset_sequences(target, models)
    rebuild_search(target)
    from .pagecache import invalidate_everything

    invalidate_everything()  # pages cached from the old database are not served from the new one
    return counts


def count_rows(alias: str) -> dict[str, int]:
    with connections[alias].cursor() as cursor:
        return table_counts(cursor, [m._meta.db_table for m in data_models()])
