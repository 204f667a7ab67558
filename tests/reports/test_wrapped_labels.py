"""The long labels at the end of （六） wrap onto a second line in PDF and Word conversions; their rows are read."""

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from tests.reports.fixtures_check.build import figures, rows_as_columns, text_report

NO_SUPPLEMENT = "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
FEE_UNPAID = "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"


def other_rows():
    """One application in each row of （六）, so that a row lost or shifted shows."""
    rows = figures()
    rows["other.no_supplement"] = [1, 0, 0, 0, 0, 0, 1]
    rows["other.fee_unpaid"] = [0, 1, 0, 0, 0, 0, 1]
    rows["other.other"] = [1, 0, 0, 0, 0, 0, 1]
    rows["new"] = [10, 3, 0, 0, 0, 0, 13]
    rows["total"] = [10, 3, 0, 0, 0, 0, 13]
    return rows


def wrap(text, sep, cut, numbers_with):
    """Wrap both labels after `cut` characters; the numbers stay with the label's first or its second line."""
    for label in (NO_SUPPLEMENT, FEE_UNPAID):
        head, tail = label[:cut], label[cut:]
        if sep == "\n":
            text = text.replace(label, f"{head}\n{tail}")
            continue
        line = next(line for line in text.split("\n") if label in line)
        before, numbers = line.split(label)
        wrapped = f"{before}{head}{numbers}\n{tail}" if numbers_with == "first" else f"{before}{head}\n{tail}{numbers}"
        text = text.replace(line, wrapped)
    return text


@pytest.mark.parametrize("numbers_with", ["first", "second"])
@pytest.mark.parametrize("cut", [6, 8, 14, 20, 26, 30])
@pytest.mark.parametrize("sep", ["\t", " | ", "\n"], ids=["tabs", "pipes", "cell-per-line"])
def test_a_wrapped_label_keeps_its_row(sep, cut, numbers_with):
    rows = other_rows()
    text = text_report(rows=rows, sep=sep, overview="2024年，我乡收到政府信息公开申请13件。")
    text = wrap(text, sep, cut, numbers_with)
    report = check_parsed(parse_text(text))
    assert report.applications == rows_as_columns(rows)
    assert [f.code for f in report.findings if f.severity != "info"] == []
