"""The annual report's JSON Schema: the project's published interface for reports as data.

Generator, renderers, parser and checker share one shape; the file ships inside the package and the site serves
it at /schema/annual-report.schema.json so that other systems can validate what they receive.
"""

import json
from functools import cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("annual-report.schema.json")


@cache
def annual_report_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
