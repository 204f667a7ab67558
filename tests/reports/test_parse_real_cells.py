"""Real reports whose every shown cell was read by hand (`NAME.cells.json` beside the fixture): the checker reads
each of them the same, and finds in them exactly the contradictions a careful reader finds."""

import json

import pytest

from gongkai.reports.check import check_path
from tests.paths import REPORT_FIXTURES as FIXTURES

HAND_READ = sorted(FIXTURES.glob("*.cells.json"))


def fixture_of(cells_file):
    name = cells_file.name.removesuffix(".cells.json")
    return next(path for path in FIXTURES.glob(f"{name}.*") if not path.name.endswith(".cells.json"))


def hand_read(expected, got, path=""):
    """(place, by hand, read) for every cell that differs."""
    if isinstance(expected, dict):
        return [d for key, value in expected.items() for d in hand_read(value, (got or {}).get(key), f"{path}.{key}")]
    return [] if expected == got else [(path, expected, got)]


@pytest.mark.parametrize("cells_file", HAND_READ, ids=lambda p: p.name.removesuffix(".cells.json"))
def test_every_cell_read_by_hand_is_read_the_same(cells_file):
    expected = json.loads(cells_file.read_text(encoding="utf-8"))
    report = check_path(fixture_of(cells_file)).to_json()
    assert hand_read(expected, report) == []


def test_the_hand_read_reports_are_there():
    assert {p.name for p in HAND_READ} >= {"shanghai-bangongting_2019.cells.json", "xinghua-dayingzhen_2023.cells.json",
                                          "yuyang-tuofenglu_2020.cells.json"}


def test_shanghai_2019_gives_exactly_the_two_contradictions_of_its_text():
    """“予以公开及部分公开258件” against 272 + 3, “因本机关不掌握等原因无法提供265件” against 265 + 47 + 25 (the 总计
    cells of those rows are blank: the rows' figures are what the table states); no fee line is owed in 2019."""
    report = check_path(FIXTURES / "shanghai-bangongting_2019.html")
    assert report.agency == "上海市人民政府办公厅"
    errors = [f for f in report.findings if f.severity == "error"]
    assert [f.code for f in errors] == ["narrative_mismatch", "narrative_mismatch"]
    assert "为275件" in errors[0].message and "为337件" in errors[1].message
    assert not [f for f in report.findings if f.code in ("fee_statement_missing", "column_sum", "balance")]
