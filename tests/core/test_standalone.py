"""The repository stands alone: nothing reads a folder beside it, and the report schema is served by the site."""

import json
import re
import subprocess

from gongkai.statute.report import SCHEMA_ID
from gongkai.statute.schema import SCHEMA_PATH, annual_report_schema
from tests.paths import REPO

# What a file would have to contain to read a folder beside the clone.
OUTSIDE = re.compile(r"\.\./shared|parents?\[\d\]\.parent\s*/\s*[\"']shared[\"']|\.parent\s*/\s*[\"']shared[\"']")


def test_no_tracked_file_reads_a_folder_beside_the_repository():
    files = subprocess.run(["git", "ls-files", "src", "tests", "bench", "Makefile", ".ci"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.split()
    offenders = [f for f in files if f.endswith((".py", "Makefile", "run"))
                 and f != "tests/core/test_standalone.py"
                 and OUTSIDE.search((REPO / f).read_text(encoding="utf-8", errors="replace"))]
    assert offenders == []


def test_the_schema_ships_inside_the_package_and_names_the_report_format():
    assert SCHEMA_PATH.is_relative_to(REPO / "src" / "gongkai")
    assert annual_report_schema()["$id"] == SCHEMA_ID


def test_the_schema_is_served_at_a_stable_address(client):
    response = client.get("/schema/annual-report.schema.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert json.loads(b"".join(response.streaming_content)) == annual_report_schema()
