"""Reports in the 2019 format (reports on 2019 and 2020): told apart by their labels, mapped as the schema says,
every cell read in every layout the 2021 format is read in."""

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import ROW_KEYS
from tests.reports.fixtures_check.format2019 import (
    KEYS_2019,
    LABELS_2019,
    PROACTIVE,
    expected_applications_2019,
    figures_2019,
    report_2019,
    table_two,
)
from tests.reports.fixtures_check.markdown import markdown_report
from tests.reports.fixtures_check.torn import torn_report

ARITHMETIC = {"balance", "outcome_sum", "column_sum", "appeal_sum", "counts"}


def read(text):
    return check_parsed(parse_text(text))


def proactive_of(report):
    p = report.proactive
    return {
        "regulations": (p.regulations.issued, p.regulations.repealed, p.regulations.in_force),
        "normative_documents": (
            p.normative_documents.issued,
            p.normative_documents.repealed,
            p.normative_documents.in_force,
        ),
        "licensing": p.licensing,
        "penalty": p.penalty,
        "coercion": p.coercion,
        "fees_10k_yuan": p.fees_10k_yuan,
    }


def assert_read_right(report, rows):
    assert report.format == "2019"
    assert report.applications == expected_applications_2019(rows)
    assert proactive_of(report) == PROACTIVE
    assert not {f.code for f in report.findings} & (ARITHMETIC | {"unreadable"})
    assert "format_unmapped" in {f.code for f in report.findings}


@pytest.mark.parametrize(
    "sep", ["\t", " | ", "\n", "\n\n", "   "], ids=["tabs", "pipes", "cells", "blank-lines", "spaces"]
)
@pytest.mark.parametrize("seed", [7, 8])
def test_every_cell_of_a_2019_report_is_read(sep, seed):
    rows = figures_2019(seed)
    assert_read_right(read(report_2019(sep=sep, rows=rows)), rows)


def test_a_2019_report_on_one_line_is_read_where_its_digits_allow_and_never_wrong():
    from tests.reports.fixtures_check.build import figures

    small = {key: values for key, values in figures().items() if key in KEYS_2019}
    report = read(report_2019(sep="", rows=small).replace("\n", ""))
    assert report.format == "2019"
    assert report.applications == expected_applications_2019(small)
    large = figures_2019(9)  # two- and three-digit figures run together: some rows split more than one way
    report = read(report_2019(sep="", rows=large).replace("\n", ""))
    expected = expected_applications_2019(large)
    cells = [(report.applications[k][c], expected[k][c]) for k in ROW_KEYS for c in expected[k]]
    assert all(got is None or got == want for got, want in cells)
    assert sum(got == want for got, want in cells) >= len(cells) * 3 // 4


@pytest.mark.parametrize(("habit", "block", "per_line"), [("block", 3, True), ("block", 23, False), ("three", 1, True)])
def test_a_torn_2019_table_is_read_along_its_23_rows(habit, block, per_line):
    rows = figures_2019(10)
    text = torn_report(
        habit=habit,
        block=block,
        per_line=per_line,
        rows=rows,
        year=2020,
        date="2021年1月20日",
        table2=table_two("\t"),
        keys=KEYS_2019,
        labels=LABELS_2019,
        overview="2020年，本机关按期答复全部申请。",
    )
    assert_read_right(read(text), rows)


def test_a_2019_markdown_conversion_is_read():
    rows = figures_2019(11)
    text = markdown_report(
        rows=rows,
        year=2020,
        date="2021年1月20日",
        table2=table_two("\t"),
        keys=KEYS_2019,
        labels=LABELS_2019,
        overview="2020年，本机关按期答复全部申请。",
    )
    assert_read_right(read(text), rows)


def test_2019_headings_cut_by_line_breaks_still_name_the_format():
    rows = figures_2019(12)
    text = (
        report_2019(sep="\n", rows=rows)
        .replace("本年新制作数量", "本年新制\n作数量")
        .replace("上一年项目数量", "上一年项\n目数量")
    )
    assert_read_right(read(text), rows)


@pytest.mark.parametrize("sep", ["\n", "   "])
def test_a_2021_report_whose_figures_stand_alone_or_run_together_is_not_taken_for_2019(sep):
    """pdftotext: 许可/处罚 figures on lines of their own, two numbers with only spaces between them."""
    from tests.reports.fixtures_check.build import figures, rows_as_columns, text_report

    table2 = [
        "第二十条第（一）项",
        sep.join(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
        sep.join(["规章", "0", "0", "0"]),
        sep.join(["行政规范性文件", "41", "19", "7"]),
        "第二十条第（五）项",
        sep.join(["信息内容", "本年处理", "决定数量"]),
        "行政许可",
        "41   19",  # two figures of one cell? the 2021 format has one: unreadable, never a guess
        "第二十条第（六）项",
        sep.join(["信息内容", "本年处理决定数量"]),
        "行政处罚",
        "4119",
        "行政强制",
        "0",
        "第二十条第（八）项",
        sep.join(["信息内容", "本年收费金额（单位：万元）"]),
        "行政事业性收费",
        "1.25",
    ]
    text = text_report(sep=sep, table2=table2)
    # -layout: the first (六) label above its group heading, the row's numbers after “（六）其他处理”, words cut
    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    text = text.replace(f"（六）其他处理{sep}{label}{sep}", f"{label}\n（六）其他处理{sep}")
    for word in ("逾期不补正", "缴纳费用", "收费通知", "逾期未按"):
        text = text.replace(word, f"{word[:2]}\n{word[2:]}")
    assert "（六）其他处理" + sep + "0" in text
    report = read(text)
    assert report.format == "2021"
    assert report.applications == rows_as_columns(figures())
    assert report.proactive.penalty == 4119 and report.proactive.licensing is None
    assert report.proactive.normative_documents.in_force == 7
    assert {key for key in ROW_KEYS if None in report.applications[key].values()} == set()


def test_a_2019_report_is_shown_with_its_own_single_other_handling_row():
    from gongkai.reports.check_tables import application_rows

    report = check_parsed(parse_text(report_2019()))
    _headers, rows = application_rows(report)
    labels = [label for label, _cells in rows]
    assert len(rows) == 23
    assert "三、本年度办理结果 （六）其他处理" in labels
    assert not any("逾期" in label for label in labels)


def test_no_change_written_out_in_the_2019_table_two_is_zero():
    """A 2020 退役军人事务局 page: “本年增/减” written “未增未减” is 0, not a row short of a figure."""
    text = report_2019().replace("行政强制\t0\t0\t0", "行政强制\t0\t未增未减\t0")
    report = check_parsed(parse_text(text))
    assert report.proactive.coercion == 0
    assert not [f for f in report.findings if f.code == "unreadable" and "行政强制" in f.message]


def test_a_sentence_in_section_two_saying_no_change_is_not_the_2019_table():
    """武汉市机关事务管理局 2025, a page cut after section 二: “行政事业性收费0项,本年度无增减。” written where 表二
    would stand is no 2019 heading."""
    from tests.reports.fixtures_check.build import text_report

    text = text_report()
    text = text[: text.index("二、主动公开政府信息情况")] + "二、主动公开政府信息情况\n"
    text += "2024年,共制作规范性文件1份。行政事业性收费0项,本年度无增减。\n"
    report = check_parsed(parse_text(text))
    assert report.format == "2021" and not [f for f in report.findings if f.code == "old_format"]
