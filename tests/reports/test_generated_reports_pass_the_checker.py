"""Right by construction: what the platform generates and renders, its own checker finds nothing wrong with."""

import pytest

from gongkai.core.demo import load_demo
from gongkai.reports.build import build_report
from gongkai.reports.check import check_bytes
from gongkai.reports.cli_build import render_bytes
from gongkai.statute.report import Severity

pytestmark = pytest.mark.django_db


def test_the_demo_reports_rendered_and_read_back_have_no_errors_or_warnings():
    zonglang = load_demo().agencies["zonglang"]  # one demo load: it is the slow part
    for year in (2024, 2025):
        report = build_report(zonglang, year)
        for fmt in ("html", "docx"):
            name, _, data = render_bytes(zonglang, year, fmt)
            checked = check_bytes(data, name)
            serious = [f"{f.code}: {f.message}" for f in checked.findings
                       if f.severity != Severity.INFO and f.code != "late_publication"]
            assert serious == [], (year, fmt)
            assert (checked.agency, checked.year) == ("叶城县宗朗乡人民政府", year)
            assert checked.applications == report.applications, (year, fmt)
            assert checked.appeals == report.appeals, (year, fmt)
