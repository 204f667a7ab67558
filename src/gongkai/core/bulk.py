"""Inserting many rows of one model without building model instances: for the bulk imports (100,000 rows).

`bulk_create` builds the SQL of every batch through the ORM compiler and calls each field's `get_db_prep_save`
for every value; at a few hundred thousand rows that is most of an import's time. Here the statement is
built once per model and only the values that need it are converted (dates, timestamps, JSON), with the
backend's own adapters, so what is stored is what `bulk_create` would store.

Rows are tuples in the order of `fields` (a foreign key's value is the target's key); every other concrete
field gets its default (auto_now / auto_now_add fields: the time the inserter was made). Runs in the caller's
transaction.
"""

from collections.abc import Callable, Sequence
from contextlib import closing

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# The fields whose Python value the database drivers take as is.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)
_POSTGRES_VARIABLES = 65535


def _converter(field, connection) -> Callable | None:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.ForeignKey) and not isinstance(field.target_field, models.AutoField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, _PLAIN) and not isinstance(field, models.JSONField):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def _max_variables(connection) -> int:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            import sqlite3

            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # Python < 3.11; since SQLite 3.32 the limit is 32,766 (Django still assumes 999)
            return 999
    if connection.vendor == "postgresql":
        return _POSTGRES_VARIABLES
    return connection.features.max_query_params or 999


class RowInserter:
    """The INSERT statement of one model and the converters of its columns, prepared once."""

    def __init__(self, model, fields: Sequence[str], *, ready: Sequence[str] = (), using: str = DEFAULT_DB_ALIAS):
        """`ready`: fields whose values the caller gives already converted (`prepare`), e.g. a JSON payload
        shared by many rows, converted once."""
        self.connection = connections[using]
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        names = {f.attname for f in given}
        now = timezone.now()
        rest = [f for f in meta.concrete_fields if f.attname not in names and not f.primary_key]
        # the converters of the given columns run per row; the defaults are converted here, once
        self.converters = [(i, c) for i, f in enumerate(given)
                           if f.name not in ready and (c := _converter(f, self.connection))]
        self.fields = {f.name: f for f in given}
        self.defaults = tuple(self._default(f, now) for f in rest)
        columns = given + rest
        quote = self.connection.ops.quote_name
        self.table = quote(meta.db_table)
        self.columns = ", ".join(quote(f.column) for f in columns)
        self.width = len(columns)
        self.pk_column = quote(meta.pk.column)
        self.pk_name = meta.pk.column
        self.per_statement = max(1, _max_variables(self.connection) // self.width)

    def _default(self, field, now):
        value = now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) \
            else field.get_default()
        convert = _converter(field, self.connection)
        return value if value is None or convert is None else convert(value)

    def _cursor(self):
        """The driver's cursor (it takes %s on SQLite and PostgreSQL alike), not Django's wrapper: with DEBUG on,
        the wrapper would keep the text of every statement with all its values (~100 MB for 100,000 rows). On
        PostgreSQL a plain psycopg cursor, for COPY (Django's is a client-side binding one)."""
        self.connection.ensure_connection()
        if self.connection.vendor == "postgresql":
            import psycopg

            return closing(psycopg.Cursor(self.connection.connection))
        return closing(self.connection.create_cursor())

    def prepare(self, name: str, value):
        """`value` of field `name` as the database takes it (for a `ready` field)."""
        convert = _converter(self.fields[name], self.connection)
        return value if value is None or convert is None else convert(value)

    def insert(self, rows: Sequence[tuple], *, returning: bool = False) -> list[int] | None:
        """Insert `rows`; with `returning`, their primary keys in the order of `rows` (RETURNING, as bulk_create)."""
        converters = self.converters
        prepared = []
        for row in rows:
            values = [*row, *self.defaults]
            for i, convert in converters:
                if values[i] is not None:
                    values[i] = convert(values[i])
            prepared.append(values)
        # Django's wrapper turns the driver's errors into its own (IntegrityError for a duplicate number)
        with self.connection.wrap_database_errors, self._cursor() as cursor:
            if self.connection.vendor == "postgresql":
                return self._copy(cursor, prepared, returning)
            one = "(" + ", ".join(["%s"] * self.width) + ")"
            insert = f"INSERT INTO {self.table} ({self.columns}) VALUES "
            if not returning:
                cursor.executemany(insert + one, prepared)
                return None
            ids = []
            for start in range(0, len(prepared), self.per_statement):
                chunk = prepared[start:start + self.per_statement]
                cursor.execute(f"{insert}{', '.join([one] * len(chunk))} RETURNING {self.pk_column}",
                               [v for values in chunk for v in values])
                ids += [row[0] for row in cursor.fetchall()]
            return ids

    def _copy(self, cursor, prepared: list[list], returning: bool) -> list[int] | None:
        """PostgreSQL: the rows streamed by COPY (one statement; an INSERT per row, even pipelined, spent most of
        the time in round trips). The keys are taken from the column's sequence first, in one query, and written
        with the rows: in ascending order, as RETURNING would give them."""
        columns, ids = self.columns, None
        if returning:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [self.table, self.pk_name, len(prepared)])
            ids = sorted(row[0] for row in cursor.fetchall())
            columns = f"{self.pk_column}, {columns}"
        with cursor.copy(f"COPY {self.table} ({columns}) FROM STDIN") as copy:
            if returning:
                for pk, values in zip(ids, prepared, strict=True):
                    copy.write_row([pk, *values])
            else:
                for values in prepared:
                    copy.write_row(values)
        return ids
