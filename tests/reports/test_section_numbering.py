"""Agencies number the six sections their own way: a section inserted (“三、重点领域信息公开” pushes
收到和处理 to 四、), one left out, 第一部分 / 一. / 1、 numbering. Every section and table is still found;
no `missing_section`."""

import re

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from tests.reports.fixtures_check.build import APPEALS, appeals_as_groups, figures, rows_as_columns, text_report
from tests.reports.fixtures_check.markdown import markdown_report

NUMERALS = "一二三四五六七八九十"
WORDS = ["总体情况", "主动公开", "收到和处理", "政府信息公开行政复议", "存在的主要问题", "其他需要报告"]
HEADINGS = re.compile(rf"^(#*\s*\**)([一二三四五六])、({'|'.join(WORDS)})", re.M)
INSERTED = "重点领域信息公开情况\n本年度围绕财政预决算、乡村振兴等重点领域公开信息56条。"


def renumber(text, *, insert_after=None, style="{}、"):
    """Each section heading under the agency's own number; `insert_after` (一…六) adds a section of its own after it."""
    shift = 0
    out = []
    position = 0
    for match in HEADINGS.finditer(text):
        out.append(text[position : match.start()])
        number = NUMERALS.index(match.group(2)) + 1
        if insert_after and number == NUMERALS.index(insert_after) + 2:
            shift = 1
            out.append(f"{match.group(1)}{style.format(NUMERALS[number - 1])}{INSERTED}\n")
        out.append(f"{match.group(1)}{style.format(NUMERALS[number - 1 + shift])}{match.group(3)}")
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def read(text):
    return check_parsed(parse_text(text))


def not_info(report):
    return [f"{f.code}: {f.message}" for f in report.findings if f.severity != "info"]


@pytest.mark.parametrize("insert_after", ["一", "二", "三", "四", "五"])
@pytest.mark.parametrize("source", ["tabs", "markdown"])
def test_a_section_the_agency_inserts_renumbers_the_rest_without_a_missing_section(insert_after, source):
    base = text_report() if source == "tabs" else markdown_report()
    text = renumber(base, insert_after=insert_after)
    assert INSERTED in text and "七、其他需要报告的事项" in text
    report = read(text)
    assert not_info(report) == []
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert report.proactive.licensing == 35
    assert report.sections.other == "本年度未收取信息处理费。"
    assert "工作人员业务水平" in report.sections.problems


@pytest.mark.parametrize("style", ["第{}部分 ", "{}. ", "第{}部分、"])
def test_other_numbering_styles_of_the_six_headings(style):
    text = renumber(text_report(), style=style)
    assert "三、收到和处理" not in text
    report = read(text)
    assert not_info(report) == []
    assert report.applications == rows_as_columns(figures())
    assert report.sections.overview.startswith("2024年")


def test_arabic_numbered_headings():
    text = text_report()
    for number, word in enumerate(WORDS):
        text = text.replace(f"{NUMERALS[number]}、{word}", f"{number + 1}、{word}", 1)
    report = read(text)
    assert not_info(report) == []
    assert report.applications == rows_as_columns(figures())


def test_a_section_left_out_renumbers_the_rest_and_only_that_one_is_missing():
    text = text_report()
    start, end = text.index("五、存在的主要问题"), text.index("六、其他需要报告")
    text = text[:start] + text[end:].replace("六、其他需要报告", "五、其他需要报告", 1)
    report = read(text)
    missing = [f.message for f in report.findings if f.code == "missing_section"]
    assert len(missing) == 1 and "存在的主要问题" in missing[0]
    assert report.sections.other == "本年度未收取信息处理费。"


def test_sub_headings_of_the_narrative_are_not_taken_for_sections():
    overview = (
        "（一）主动公开情况。本年主动公开信息120条。\n"
        "（二）依申请公开情况。2024年，我乡收到政府信息公开申请10件。\n"
        "（三）政府信息管理情况。"
    )
    report = read(text_report(overview=overview))
    assert not_info(report) == []
    assert report.sections.overview.startswith("（一）主动公开情况") and "政府信息管理情况" in report.sections.overview
