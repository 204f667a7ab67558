"""`gongkai restore ARCHIVE`: an archive of `gongkai backup` into an empty database and empty file folders.

Before anything is written, every member's checksum is checked against the manifest; the database is
restored the way it was taken (SQLite's backup API, pg_restore), or, for a SQLite archive restored into
PostgreSQL, copied table by table (dbcopy). Done only when the row counts, the files' checksums and the audit
chain (against the archive's checkpoint) all agree with the manifest.
"""

import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from .audit import Checkpoint, verify_chain
from .backup import FORMAT, VERSION, sha256_file
from .databases import add_database_config, file_roots, files_present, holds_data, libpq_env, table_counts
from .dbcopy import copy_database
from .errors import DomainError


@dataclass
class Restored:
    manifest: dict
    rows: int
    files: int


def _read_archive(archive: Path, into: Path) -> dict:
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(into, filter="data")  # refuses absolute names, "..", links out of the folder
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DomainError(f"备份文件 {archive} 无法读取：{exc}") from None
    try:
        manifest = json.loads((into / "manifest.json").read_text())
    except (OSError, ValueError):
        raise DomainError(f"{archive} 不是 gongkai backup 生成的备份（缺少 manifest.json）") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise DomainError(f"{archive} 的格式（{manifest.get('format')} {manifest.get('version')}）无法识别")
    return manifest


def _check_members(manifest: dict, into: Path) -> None:
    wrong = []
    members = [manifest["database"], *manifest["files"]]
    for item in members:
        path = into / item["member"]
        if not path.is_file() or sha256_file(path) != item["sha256"]:
            wrong.append(item["member"])
    if wrong:
        raise DomainError(f"备份内容与清单不符（已损坏或被改动）：{'、'.join(wrong[:10])}")


def _check_empty() -> None:
    tables = holds_data(connection.alias)
    if tables:
        raise DomainError(f"目标数据库不是空的（{'、'.join(tables[:5])}等表已有数据）：只能恢复到空数据库")
    present = files_present()
    if present:
        raise DomainError(f"目标文件夹不是空的（如 {present[0]}）：请清空 PRIVATE_MEDIA_ROOT 和 MEDIA_ROOT 后再恢复")


def _restore_sqlite(snapshot: Path) -> None:
    connection.close()
    source, target = sqlite3.connect(snapshot), sqlite3.connect(connection.settings_dict["NAME"])
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_postgres(dump: Path) -> None:
    connection.close()
    done = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists",
                           "--single-transaction", "--exit-on-error",
                           f"--dbname={connection.settings_dict['NAME']}", str(dump)],
                          env=libpq_env(), capture_output=True, text=True)
    if done.returncode:
        raise DomainError(f"pg_restore 失败：{done.stderr.strip()}")


def _restore_database(manifest: dict, into: Path) -> None:
    archived, here = manifest["vendor"], connection.vendor
    snapshot = into / manifest["database"]["member"]
    if archived == here == "sqlite":
        _restore_sqlite(snapshot)
    elif archived == here == "postgresql":
        _restore_postgres(snapshot)
    elif archived == "sqlite" and here == "postgresql":
        add_database_config("archive", {"ENGINE": "django.db.backends.sqlite3", "NAME": str(snapshot)})
        copy_database("archive", connection.alias)
    else:
        raise DomainError("PostgreSQL 的备份只能恢复到 PostgreSQL 数据库（DATABASE_URL=postgres://…）")


def _place_files(manifest: dict, into: Path) -> None:
    roots = file_roots()
    for item in manifest["files"]:
        target = roots[item["root"]] / item["name"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(into / item["member"], target)


def verify_restored(manifest: dict) -> list[str]:
    """Differences between the restored database and folders and the manifest; [] when all agree."""
    problems = []
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = table_counts(cursor, [t for t in manifest["tables"] if t in existing])
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"表 {table}：应有{expected}行，实有{counts.get(table, '（缺表）')}行")
    roots = file_roots()
    for item in manifest["files"]:
        path = roots[item["root"]] / item["name"]
        if not path.is_file() or sha256_file(path) != item["sha256"]:
            problems.append(f"文件 {item['root']}/{item['name']} 缺失或与备份不符")
    checkpoint = Checkpoint.parse(manifest["audit_checkpoint"])
    problems += [b.message for b in verify_chain(checkpoint=checkpoint)]
    return problems


def restore(archive: Path) -> Restored:
    if not archive.is_file():
        raise DomainError(f"备份文件 {archive} 不存在")
    _check_empty()
    with tempfile.TemporaryDirectory(prefix="gongkai-restore-") as tmp:
        into = Path(tmp)
        manifest = _read_archive(archive, into)
        _check_members(manifest, into)
        _restore_database(manifest, into)
        _place_files(manifest, into)
    from .pagecache import invalidate_everything

    invalidate_everything()  # the cache may hold pages of the installation that was here before
    problems = verify_restored(manifest)
    if problems:
        raise DomainError("恢复后校验失败：\n  " + "\n  ".join(problems[:30]))
    return Restored(manifest, sum(manifest["tables"].values()), len(manifest["files"]))
