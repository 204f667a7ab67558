"""The other apps' models, looked up lazily: a model or table not there yet counts as an empty table
(the report then shows 0 for it, never a made-up number)."""

from django.apps import apps
from django.db import connection

_present: set[str] = set()  # tables seen once; a table never disappears while the process runs


def model_or_none(label: str):
    """`app_label.ModelName` when the model is installed and its table exists, else None."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    table = model._meta.db_table
    if table not in _present:
        if table not in connection.introspection.table_names():
            return None
        _present.add(table)
    return model
