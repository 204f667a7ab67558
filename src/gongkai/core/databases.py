"""What backup, restore and migrate-db need to know about a database: its tables, the files its rows name,
whether it is empty, a second connection by URL, and the libpq environment for pg_dump/pg_restore."""

import os
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models

from .errors import DomainError

# Rows `migrate` itself writes: a freshly migrated database still counts as empty.
MIGRATE_FILLS = {"django_content_type", "auth_permission"}


def data_models() -> list[type[models.Model]]:
    """Every model with a table of its own (many-to-many tables included), in a stable order."""
    found = [m for m in apps.get_models(include_auto_created=True)
             if m._meta.managed and not m._meta.proxy and not m._meta.swapped]
    return sorted(found, key=lambda m: m._meta.db_table)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


@dataclass(frozen=True)
class FileRef:
    """A file a row names: the root it lives under ("private" or "media") and its name inside it."""

    root: str
    name: str

    @property
    def path(self) -> Path:
        return file_roots()[self.root] / self.name


def file_roots() -> dict[str, Path]:
    return {"private": Path(settings.PRIVATE_MEDIA_ROOT), "media": Path(settings.MEDIA_ROOT)}


def _root_of(storage) -> str:
    location = Path(storage.location).resolve()
    for root, path in file_roots().items():
        if location == path.resolve():
            return root
    raise DomainError(f"文件存储位置 {location} 既不是 PRIVATE_MEDIA_ROOT 也不是 MEDIA_ROOT，无法备份")


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    return [(m, f) for m in data_models() for f in m._meta.local_concrete_fields if isinstance(f, models.FileField)]


def referenced_files(cursor) -> set[FileRef]:
    """Every file named by a row the cursor sees (a snapshot's rows, when the cursor reads one)."""
    refs = set()
    for model, field in file_fields():
        column = quote(field.column)
        cursor.execute(f"SELECT DISTINCT {column} FROM {quote(model._meta.db_table)} WHERE {column} <> ''")
        refs.update(FileRef(_root_of(field.storage), name) for (name,) in cursor.fetchall())
    return refs


def audit_checkpoint(cursor) -> str:
    """COUNT:HASH of the chain the cursor sees (gongkai.core.audit.checkpoint, in plain SQL for snapshots)."""
    from .models import GENESIS_HASH, AuditEntry

    table = quote(AuditEntry._meta.db_table)
    cursor.execute(f"SELECT COUNT(*) FROM {table}")
    count = cursor.fetchone()[0]
    cursor.execute(f"SELECT hash FROM {table} ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    return f"{count}:{row[0] if row else GENESIS_HASH}"


def holds_data(alias: str) -> list[str]:
    """Tables of the database that hold rows (ignoring what `migrate` writes); [] for an empty database."""
    connection = connections[alias]
    existing = set(connection.introspection.table_names())
    tables = [m._meta.db_table for m in data_models()
              if m._meta.db_table in existing and m._meta.db_table not in MIGRATE_FILLS]
    with connection.cursor() as cursor:
        return [t for t, n in table_counts(cursor, tables).items() if n]


def files_present() -> list[Path]:
    """Files already under the private or the media root (a restore wants both empty)."""
    return [p for root in file_roots().values() if root.exists() for p in root.rglob("*") if p.is_file()]


def add_database(alias: str, url: str) -> str:
    """Register a connection to another database by URL (postgres:// or sqlite:///path)."""
    if not url.startswith(("postgres://", "postgresql://", "sqlite:")):
        raise DomainError(f"数据库地址“{url}”应为 postgres://用户@主机:端口/库名 或 sqlite:///文件路径")
    try:
        config = dj_database_url.parse(url)
    except (ValueError, ImproperlyConfigured) as exc:
        raise DomainError(f"数据库地址“{url}”无效：{exc}") from None
    return add_database_config(alias, config)


def add_database_config(alias: str, config: dict) -> str:
    connections.settings[alias] = connections.configure_settings({"default": {**connections.settings["default"]},
                                                                  alias: dict(config)})[alias]
    return alias


def libpq_env(alias: str = "default") -> dict[str, str]:
    """Environment for pg_dump/pg_restore naming the same database as Django's connection `alias`."""
    db = connections[alias].settings_dict
    env = dict(os.environ)
    for key, var in (("NAME", "PGDATABASE"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env
