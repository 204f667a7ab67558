"""`gongkai backup`, `gongkai restore` and `gongkai migrate-db`, run on whole installations (installs.py):
a backup taken while requests keep coming in restores to a consistent state, with the manifest's row counts,
the files' checksums and the audit chain all agreeing; SQLite moves to PostgreSQL with numbers and search."""

import hashlib
import json
import shutil
import tarfile
import time

import pytest

from .installs import Install, PgDatabases


def manifest_of(archive) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Install:
    """One demo installation on SQLite, copied by each test (gongkai demo takes a while)."""
    install = Install(tmp_path_factory.mktemp("demo"))
    install.gongkai("migrate", "-v0")
    install.gongkai("demo")
    return install


@pytest.fixture
def pg():
    databases = PgDatabases()
    yield databases
    databases.drop_all()


def copy_of(demo: Install, root, database_url: str = "") -> Install:
    shutil.copytree(demo.var, root / "var")
    return Install(root, database_url)


def backup_while_submitting(source: Install, archive) -> int:
    """Run `gongkai backup` while another process submits requests with uploaded files."""
    stop, started = source.root / "stop", source.root / "started"
    submitter = source.popen_python(f"submit_until({str(stop)!r}, {str(started)!r})")
    deadline = time.monotonic() + 120
    while not started.exists() and submitter.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert started.exists(), submitter.communicate()
    try:
        source.gongkai("backup", archive)
    finally:
        stop.touch()
        out, err = submitter.communicate(timeout=120)
    assert submitter.returncode == 0, err
    return int(out.split()[-1])


def assert_restored_like(target: Install, manifest: dict) -> None:
    """Row counts, file checksums and the audit chain as the manifest says; no event, file or row orphaned."""
    counts = json.loads(target.python(
        "from gongkai.core.dbcopy import count_rows; import json; print(json.dumps(count_rows('default')))"))
    assert {t: counts[t] for t in manifest["tables"]} == manifest["tables"]
    for item in manifest["files"]:
        assert sha256(target.var / item["root"] / item["name"]) == item["sha256"], item["name"]
    verified = target.gongkai("audit", "verify", "--checkpoint", manifest["audit_checkpoint"])
    assert f"共{manifest['audit_checkpoint'].split(':')[0]}条记录" in verified.stdout
    state = json.loads(target.python("consistency()"))
    assert state["requests_without_events"] == 0
    assert state["files_without_rows"] == [] and state["rows_without_files"] == []
    assert len(state["numbers"]) == manifest["tables"]["disclosure_requests_request"]


def assert_numbers_and_search_continue(target: Install) -> None:
    after = json.loads(target.python("next_number_and_search('项目')"))
    assert after["number"] == after["expected"] and not after["repeat"]
    assert after["hits"] > 0


def test_a_sqlite_backup_taken_while_requests_come_in_restores_consistent(demo, tmp_path):
    source = copy_of(demo, tmp_path / "source")
    archive = tmp_path / "backup.tar.gz"
    submitted = backup_while_submitting(source, archive)
    manifest = manifest_of(archive)
    assert submitted >= 1
    assert any(f["name"].startswith("requests/") for f in manifest["files"])  # uploads taken before the snapshot
    assert (archive.stat().st_mode & 0o077) == 0  # personal data: owner only
    target = Install(tmp_path / "target")
    restored = target.gongkai("restore", archive)
    assert "恢复完成" in restored.stdout
    assert_restored_like(target, manifest)
    # The requests submitted after the snapshot are in the source, not in the restored copy.
    in_source = len(json.loads(source.python("consistency()"))["numbers"])
    assert manifest["tables"]["disclosure_requests_request"] <= in_source


def test_restore_refuses_a_database_that_holds_data_and_a_changed_archive(demo, tmp_path):
    source = copy_of(demo, tmp_path / "source")
    archive = tmp_path / "backup.tar.gz"
    source.gongkai("backup", archive)
    refused = source.gongkai("restore", archive, check=False)
    assert refused.returncode == 1 and "目标数据库不是空的" in refused.stderr
    # One uploaded file changed inside the archive: refused before anything is written.
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    changed = next((unpacked / "files" / "private").rglob("*.docx"))
    changed.write_bytes(changed.read_bytes() + b"x")
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(forged, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, path.relative_to(unpacked).as_posix())
    target = Install(tmp_path / "target")
    refused = target.gongkai("restore", forged, check=False)
    assert refused.returncode == 1 and "与清单不符" in refused.stderr
    assert not (target.var / "private").exists()


def test_a_file_the_database_names_but_the_disk_lacks_fails_the_backup(demo, tmp_path):
    source = copy_of(demo, tmp_path / "source")
    lost = next((source.private / "catalog").rglob("*.docx"))
    lost.unlink()
    archive = tmp_path / "backup.tar.gz"
    failed = source.gongkai("backup", archive, check=False)
    assert failed.returncode == 1 and "找不到" in failed.stderr and lost.name in failed.stderr
    assert not archive.exists() and not list(tmp_path.glob("*.part"))


@pytest.mark.postgres
def test_a_postgres_backup_taken_while_requests_come_in_restores_into_a_new_database(demo, tmp_path, pg):
    url = pg.create()
    copy_of(demo, tmp_path / "source").gongkai("migrate-db", "--to", url)
    source = Install(tmp_path / "source", url)  # same files, now on PostgreSQL
    archive = tmp_path / "backup.tar.gz"
    assert backup_while_submitting(source, archive) >= 1
    manifest = manifest_of(archive)
    assert manifest["vendor"] == "postgresql"
    target = Install(tmp_path / "target", pg.create())
    assert "恢复完成" in target.gongkai("restore", archive).stdout
    assert_restored_like(target, manifest)
    assert_numbers_and_search_continue(target)


@pytest.mark.postgres
def test_migrate_db_moves_sqlite_to_postgres_with_chain_numbers_and_search(demo, tmp_path, pg):
    source = copy_of(demo, tmp_path / "source")
    checkpoint = source.gongkai("audit", "checkpoint").stdout.strip()
    url = pg.create()
    moved = source.gongkai("migrate-db", "--to", url)
    assert "迁移完成" in moved.stdout
    target = Install(tmp_path / "source", url)
    assert "完好" in target.gongkai("audit", "verify", "--checkpoint", checkpoint).stdout
    counts = "from gongkai.core.dbcopy import count_rows; import json; print(json.dumps(count_rows('default')))"
    assert json.loads(target.python(counts)) == json.loads(source.python(counts))
    assert_numbers_and_search_continue(target)
    again = source.gongkai("migrate-db", "--to", url, check=False)
    assert again.returncode == 1 and "目标数据库不是空的" in again.stderr


@pytest.mark.postgres
def test_a_sqlite_backup_restores_into_postgres(demo, tmp_path, pg):
    source = copy_of(demo, tmp_path / "source")
    archive = tmp_path / "backup.tar.gz"
    assert backup_while_submitting(source, archive) >= 1
    manifest = manifest_of(archive)
    target = Install(tmp_path / "target", pg.create())
    assert "恢复完成" in target.gongkai("restore", archive).stdout
    assert_restored_like(target, manifest)
    assert_numbers_and_search_continue(target)
