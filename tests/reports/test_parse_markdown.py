"""Reports converted PDF → Markdown by common converters: every cell of table 三 is read, whatever their habits.

Each converter habit is an option of tests/reports/fixtures_check/markdown.py; the parametrisation covers them
all together, so the checker is built for the class of Markdown conversions, not for one file.
"""

import itertools
import re

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import COLUMNS
from tests.reports.fixtures_check.build import APPEALS, appeals_as_groups, figures, rows_as_columns
from tests.reports.fixtures_check.markdown import markdown_report


def read(text):
    return check_parsed(parse_text(text))


def not_info(report):
    return [f"{f.code}: {f.message}" for f in report.findings if f.severity != "info"]


HABITS = list(
    itertools.product(
        ["## ", "**"],  # heading style
        ["numbered", "empty"],  # placeholder header row
        [False, True],  # table 三 cut into one table per row
        [None, "columns", "sub-columns", "placeholder"],  # a header row repeated in the middle of table 三
        [False, True],  # “(六) 其他” for “（六）其他处理”
    )
)


@pytest.mark.parametrize(("heading", "placeholder", "split_rows", "repeat_header", "shorten"), HABITS)
def test_every_cell_of_a_markdown_conversion_is_read(heading, placeholder, split_rows, repeat_header, shorten):
    text = markdown_report(
        heading=heading, placeholder=placeholder, split_rows=split_rows, repeat_header=repeat_header, shorten=shorten
    )
    report = read(text)
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert report.proactive.licensing == 35 and report.proactive.fees_10k_yuan == 1.25
    assert not_info(report) == []


def test_placeholder_headers_of_every_table_add_no_numbers():
    text = markdown_report(placeholder="numbered", split_rows=True)
    assert text.count("| 数据1 | 数据2 |") > 25  # one per row of table 三, one per other table
    report = read(text)
    assert report.applications["new"] == dict(zip(COLUMNS, [8, 2, 0, 0, 0, 0, 10], strict=True))
    assert report.appeals == appeals_as_groups(APPEALS)


def test_other_figures_in_a_markdown_conversion_are_read_too():
    rows = figures()
    rows["other.fee_unpaid"] = [0, 1, 0, 0, 0, 0, 1]
    rows["other.other"] = [2, 0, 0, 0, 0, 0, 2]
    rows["new"] = [10, 3, 0, 0, 0, 0, 13]
    rows["total"] = [10, 3, 0, 0, 0, 0, 13]
    text = markdown_report(rows=rows, shorten=True, repeat_header="sub-columns", overview="2024年，我乡收到申请13件。")
    report = read(text)
    assert report.applications == rows_as_columns(rows)
    assert not_info(report) == []


def test_the_row_three_other_is_not_taken_for_the_shortened_group_heading():
    text = markdown_report(shorten=True, label_columns=False)
    assert "| (六) 其他 | 1.申请人无正当理由" in text
    report = read(text)
    assert report.applications == rows_as_columns(figures())


def test_a_2019_report_keeps_its_single_other_row_when_the_heading_is_short():
    rows = figures()
    text = markdown_report(rows=rows, label_columns=False)
    one_row = "| (六) 其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  |\n"
    text = re.sub(r"\| （六）其他处理 \|.*?\n\| 3\.其他 [^\n]*\n", one_row, text, flags=re.S)
    assert "(六) 其他处理 | 0" in text
    report = read(text)
    assert report.format == "2019"
    assert report.applications["other.other"] == dict.fromkeys(COLUMNS, 0)
    assert report.applications["total"]["total"] == 10
