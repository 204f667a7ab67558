"""Whole installations for the backup, restore and migrate-db tests: each with its own var/ folder and
database (a SQLite file, or a PostgreSQL database created and dropped here with a unique name), driven
through the `gongkai` command line in a subprocess, as an operator would."""

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import gongkai

SRC = Path(gongkai.__file__).resolve().parent.parent
REPO = SRC.parent
AUDIT_KEY = "test-audit-key-kept-outside-the-database"
SEED = "from tests.core.seed import *; "


@dataclass
class Install:
    root: Path
    database_url: str = ""  # "": SQLite under root/var
    extra_env: dict = field(default_factory=dict)

    @property
    def var(self) -> Path:
        return self.root / "var"

    @property
    def private(self) -> Path:
        return self.var / "private"

    def __post_init__(self):
        self.root.mkdir(parents=True, exist_ok=True)

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("GONGKAI_", "DATABASE_URL", "DJANGO_", "PYTEST"))}
        return {**env, "PYTHONPATH": f"{SRC}{os.pathsep}{REPO}", "GONGKAI_VAR_DIR": str(self.var),
                "DATABASE_URL": self.database_url, "GONGKAI_AUDIT_KEY": AUDIT_KEY,
                "DJANGO_SETTINGS_MODULE": "gongkai.settings", **self.extra_env}

    def gongkai(self, *args, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "gongkai.cli", *map(str, args)], env=self.env(),
                              cwd=self.root, capture_output=True, text=True, timeout=600)
        if check and done.returncode:
            raise AssertionError(f"gongkai {' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def popen_python(self, code: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", "import django; django.setup(); " + SEED + code],
                                env=self.env(), cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)

    def python(self, code: str) -> str:
        process = self.popen_python(code)
        out, err = process.communicate(timeout=600)
        if process.returncode:
            raise AssertionError(f"python failed:\n{out}\n{err}")
        return out


def pg_server_url() -> str:
    """postgres://user@host:port of the server the test run uses (settings' default database)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


class PgDatabases:
    """Creates uniquely named PostgreSQL databases and drops them all at the end."""

    def __init__(self):
        self.names: list[str] = []

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(pg_server_url() + "/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create(self) -> str:
        name = f"gk_auditops_t_{uuid.uuid4().hex[:12]}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
        self.names.append(name)
        return f"{pg_server_url()}/{name}"

    def drop_all(self) -> None:
        for name in self.names:
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
