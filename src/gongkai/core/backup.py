"""`gongkai backup OUT`: one .tar.gz with a consistent database snapshot, the files its rows name, the audit
checkpoint and a manifest of row counts and checksums.

Consistency while requests keep coming in: the database snapshot is taken first (SQLite's online backup API
copies one consistent state; on PostgreSQL one REPEATABLE READ transaction exports its snapshot to pg_dump),
and everything else is read from that same state: the row counts, the audit checkpoint and the list of files.
Only files named by the snapshot's rows are copied, so a file uploaded after the snapshot is left out with its
row, and a file the snapshot names but the disk lacks fails the backup loudly.
"""

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from .databases import (
    FileRef,
    audit_checkpoint,
    data_models,
    file_roots,
    libpq_env,
    referenced_files,
    table_counts,
)
from .errors import DomainError

FORMAT = "gongkai-backup"
VERSION = 1
DB_MEMBER = {"sqlite": "database/gongkai.sqlite3", "postgresql": "database/gongkai.pgdump"}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Snapshot:
    vendor: str
    db_file: Path
    counts: dict[str, int]
    files: set[FileRef]
    checkpoint: str


def _read_snapshot(cursor, vendor: str, db_file: Path) -> Snapshot:
    tables = [m._meta.db_table for m in data_models()]
    return Snapshot(vendor, db_file, table_counts(cursor, tables), referenced_files(cursor),
                    audit_checkpoint(cursor))


def snapshot_sqlite(workdir: Path) -> Snapshot:
    target = workdir / "gongkai.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        with copy:
            connection.connection.backup(copy, sleep=0.05)  # one consistent state, even while others write
        return _read_snapshot(copy.cursor(), "sqlite", target)
    finally:
        copy.close()


def snapshot_postgres(workdir: Path) -> Snapshot:
    target = workdir / "gongkai.pgdump"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot_id,) = cursor.fetchone()
        done = subprocess.run(["pg_dump", "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"],
                              env=libpq_env(), capture_output=True, text=True)
        if done.returncode:
            raise DomainError(f"pg_dump 失败：{done.stderr.strip()}")
        return _read_snapshot(cursor, "postgresql", target)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
    tar.addfile(info, io.BytesIO(data))


class _Hashing:
    """Reads a file into the archive and hashes the very bytes written, so the checksum matches the copy."""

    def __init__(self, f):
        self.f, self.digest = f, hashlib.sha256()

    def read(self, size=-1):
        data = self.f.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, member: str) -> dict:
    info = tar.gettarinfo(path, member)
    with open(path, "rb") as f:
        reader = _Hashing(f)
        tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def _manifest(snap: Snapshot, files: list[dict]) -> dict:
    return {
        "format": FORMAT, "version": VERSION, "created_at": timezone.now().isoformat(), "vendor": snap.vendor,
        "database": {"member": DB_MEMBER[snap.vendor], "sha256": sha256_file(snap.db_file),
                     "size": snap.db_file.stat().st_size},
        "tables": snap.counts, "files": files, "audit_checkpoint": snap.checkpoint,
    }


def _media_extras(refs: set[FileRef]) -> set[FileRef]:
    """Everything else under MEDIA_ROOT (agencies' own letter templates): no row names them."""
    root = file_roots()["media"]
    found = {FileRef("media", p.relative_to(root).as_posix()) for p in root.rglob("*") if p.is_file()} \
        if root.exists() else set()
    return found - refs


def write_backup(out: Path) -> dict:
    """Take the snapshot, then write OUT (via a .part file, renamed when complete); returns the manifest."""
    if connection.vendor not in DB_MEMBER:
        raise DomainError(f"不支持备份 {connection.vendor} 数据库")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-") as tmp:
        snap = (snapshot_sqlite if connection.vendor == "sqlite" else snapshot_postgres)(Path(tmp))
        missing = sorted(f"{ref.root}/{ref.name}" for ref in snap.files if not ref.path.is_file())
        if missing:
            raise DomainError(f"备份失败：数据库记载的{len(missing)}个文件在磁盘上找不到："
                              + "、".join(missing[:10]) + ("……" if len(missing) > 10 else ""))
        part = out.with_name(out.name + ".part")
        files = []
        part.unlink(missing_ok=True)
        part.touch(mode=0o600)  # applicants' personal data: readable by the service account only
        with tarfile.open(part, "w:gz") as tar:
            tar.add(snap.db_file, DB_MEMBER[snap.vendor])
            for ref in sorted(snap.files | _media_extras(snap.files), key=lambda r: (r.root, r.name)):
                member = f"files/{ref.root}/{ref.name}"
                files.append({"root": ref.root, "name": ref.name, "member": member, **_add_file(tar, ref.path, member)})
            manifest = _manifest(snap, files)
            _add_bytes(tar, "audit-checkpoint.txt", (snap.checkpoint + "\n").encode())
            _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        shutil.move(part, out)
    return manifest
