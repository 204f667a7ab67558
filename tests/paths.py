"""Where the shared folder is: beside the repository, in development and in CI alike."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCHEMA = SHARED / "schema" / "annual-report.schema.json"
REPORT_FIXTURES = SHARED / "fixtures" / "reports"
