"""A blank cell is `blank_cell` information: arithmetic that fails only because a blank was read as 0 is no error."""

import re

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import COLUMNS
from tests.reports.fixtures_check.build import figures, rows_as_columns, text_report
from tests.reports.fixtures_check.markdown import markdown_report

SUMS = {"balance", "outcome_sum", "column_sum", "appeal_sum"}


def read(text):
    return check_parsed(parse_text(text))


def errors(report):
    return [f"{f.code}: {f.message}" for f in report.findings if f.severity == "error"]


@pytest.mark.parametrize("sep", [" | ", "\t"], ids=["markdown", "tabs"])
@pytest.mark.parametrize("label", ["一、本年新收政府信息公开申请数量", "（七）总计", "四、结转下年度继续办理"])
def test_a_blank_total_cell_is_information_not_a_sum_error(sep, label):
    text = text_report(sep=sep)
    if sep == " | ":  # a Markdown row: `| a | b |`, so that the last cell can be seen to be empty
        text = "\n".join(f"| {line} |" if " | " in line else line for line in text.split("\n"))
    row = next(line for line in text.split("\n") if label in line)
    report = read(text.replace(row, re.sub(r"\d+(\s*\|?)$", r"\1", row)))
    assert errors(report) == []
    blanks = [f for f in report.findings if f.code == "blank_cell"]
    assert blanks and all(f.severity == "info" for f in blanks)
    assert any("空白" in f.message and ("总计" in f.message or "结转" in f.message) for f in blanks)


def test_a_blank_cell_where_the_sums_hold_stays_zero_and_checks_the_rest():
    text = text_report(sep=" | ").replace(
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 0", "二、上年结转政府信息公开申请数量 | 1 |  | 0"
    )
    report = read(text)
    assert report.applications == rows_as_columns(figures())
    assert errors(report) == []


def test_a_real_sum_error_beside_a_blank_cell_is_still_an_error():
    rows = figures()
    rows["granted"] = [5, 1, 0, 0, 0, 0, 7]  # 5 + 1 is not 7: the agency's own error
    text = text_report(rows=rows, sep="\t").replace("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1",
                                                  "二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t")
    report = read(text)
    assert "column_sum" in {f.code for f in report.findings if f.severity == "error"}
    assert any("予以公开" in e for e in errors(report))
    assert not any("上年结转" in e for e in errors(report) if e.startswith("column_sum"))


def test_a_blank_total_in_a_markdown_conversion():
    text = markdown_report().replace("| 一、本年新收政府信息公开申请数量 |  |  | 8 | 2 | 0 | 0 | 0 | 0 | 10 |",
                                     "| 一、本年新收政府信息公开申请数量 |  |  | 8 | 2 | 0 | 0 | 0 | 0 |  |")
    report = read(text)
    assert report.applications["new"] == dict(zip(COLUMNS, [8, 2, 0, 0, 0, 0, 0], strict=True))
    assert errors(report) == []
    assert SUMS.isdisjoint(f.code for f in report.findings)


def test_a_blank_appeal_total_is_information():
    text = text_report(sep=" | ", appeals=[1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    text = text.replace("\n1 | 0 | 0 | 0 | 1 | 0 |", "\n1 | 0 | 0 | 0 |  | 0 |")
    report = read(text)
    assert errors(report) == []
    assert any(f.code == "blank_cell" for f in report.findings)


def test_blank_cells_that_fit_no_reading_are_unreadable_never_the_first_window():
    from gongkai.reports.parse.cells import read_row, sums_to_last
    from gongkai.reports.parse.tokens import Kind, Token

    blank, num = (lambda: Token(Kind.BLANK, "", 0)), (lambda n: Token(Kind.NUM, str(n), 0))
    values = [blank(), num(8), num(2), num(0), num(0), num(0), num(0), blank()]
    reading = read_row(values, 7, check=sums_to_last)
    assert reading.cells == [None] * 7 and "空白单元格位置不明" in reading.problem
