"""Operating the platform: /healthz for a load balancer, structured logs, the once-a-day lock, `gongkai serve`."""

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date

import pytest
from django.db import OperationalError

from gongkai.core import health
from gongkai.core.audit import log_action
from gongkai.core.logs import JsonFormatter
from gongkai.core.models import PeriodicRun
from gongkai.core.periodic import once_a_day

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_dependency_as_json(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert {"database", "cache", "storage", "calendar"} <= set(body["checks"])
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["storage"]["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.REQUIRED, "database", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert "connection refused" in response.json()["checks"]["database"]["detail"]


def test_an_unknown_next_year_is_a_warning_not_an_outage(client, monkeypatch):
    def unknown():
        raise LookupError("2027年节假日安排尚未录入")

    monkeypatch.setitem(health.ADVISORY, "calendar", unknown)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "warn"
    assert "尚未录入" in response.json()["checks"]["calendar"]["detail"]


def test_every_request_and_every_state_change_is_one_json_line(client, caplog):
    caplog.set_level(logging.INFO, logger="gongkai.request")
    caplog.set_level(logging.INFO, logger="gongkai.audit")
    client.get("/xxgk/?q=secret")
    log_action("test.state_change", actor="系统", data={"x": 1})
    formatter = JsonFormatter()
    lines = [json.loads(formatter.format(r)) for r in caplog.records if r.name.startswith("gongkai.")]
    request_line = next(line for line in lines if line["logger"] == "gongkai.request")
    assert request_line["path"] == "/xxgk/" and request_line["status"] == 200 and request_line["method"] == "GET"
    assert "secret" not in json.dumps(request_line, ensure_ascii=False)
    audit_line = next(line for line in lines if line["logger"] == "gongkai.audit")
    assert audit_line["action"] == "test.state_change" and audit_line["audit_id"]


def test_a_day_is_claimed_once_and_a_failed_run_frees_it():
    with once_a_day("job", date(2026, 1, 5)) as first, once_a_day("job", date(2026, 1, 5)) as second:
        assert (first, second) == (True, False)
    with pytest.raises(RuntimeError), once_a_day("other", date(2026, 1, 5)) as mine:
        assert mine
        raise RuntimeError("mail server down")
    assert not PeriodicRun.objects.filter(job="other").exists()
    assert PeriodicRun.objects.get(job="job").finished_at is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_gongkai_serve_runs_gunicorn_with_workers_and_an_access_log(tmp_path):
    env = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path), "DEBUG": "false", "SECRET_KEY": "x" * 50,
           "ALLOWED_HOSTS": "127.0.0.1", "GONGKAI_AUDIT_KEY": "k" * 40}
    env.pop("DATABASE_URL", None)
    gongkai = [sys.executable, "-m", "gongkai.cli"]
    subprocess.run([*gongkai, "migrate", "-v", "0"], env=env, check=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen([*gongkai, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    status, body = response.status, json.load(response)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gongkai serve did not answer")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert status == 200 and body["checks"]["database"]["status"] == "ok"
    assert "2 个工作进程" in output and "Booting worker" in output
    assert '"GET /healthz HTTP/1.1" 200' in output


def _gongkai(tmp_path, *args, code=None):
    env = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "gongkai.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_a_command_on_a_database_not_yet_migrated_says_so_in_chinese(tmp_path):
    result = _gongkai(tmp_path, "workdays", "add", "2024-09-27", "20")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "请先运行 gongkai migrate" in result.stderr


def test_one_line_commands_skip_the_system_checks_and_never_load_the_views(tmp_path):
    assert _gongkai(tmp_path, "migrate", "-v", "0").returncode == 0
    probe = ("import sys; from gongkai.cli import main; main(['workdays', 'add', '2024-09-27', '20']); "
             "print(sorted(m for m in sys.modules if m.endswith('.views') and m.startswith('gongkai')))")
    result = _gongkai(tmp_path, code=probe)
    assert result.stdout.splitlines() == ["2024-10-30", "[]"], result.stderr
