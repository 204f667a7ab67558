"""Where the tests' own data lives: inside the repository, so that a fresh clone needs nothing beside it."""

from pathlib import Path

from gongkai.statute.schema import SCHEMA_PATH

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SCHEMA = SCHEMA_PATH
REPORT_FIXTURES = FIXTURES / "reports"
