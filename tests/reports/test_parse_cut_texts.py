"""Texts cut short inside a table, as a crawled page or a truncated extraction is: the cells the text shows are
read, a cell the cut may have reached is not (a figure cut through, a block of labels whose numbers were cut
off, 表四's row cut after its 总计), and no error but the cut's own is raised. fixtures_check/habits.py cuts
random reports anywhere (test_parse_habits.py); these are the layouts that showed each rule."""

import itertools
import random

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.reports.parse.tables import ROWS_2021, _match_row
from gongkai.statute.report import COLUMNS, ROW_KEYS
from tests.reports.fixtures_check.build import figures, text_report
from tests.reports.fixtures_check.format2019 import expected_applications_2019, figures_2019, report_2019
from tests.reports.fixtures_check.habits import dressed
from tests.reports.fixtures_check.markdown import markdown_report
from tests.reports.fixtures_check.torn import balanced_figures, expected_rows

MARKDOWN_HABITS = list(itertools.product(["## ", "**"], ["numbered", "empty"], [False, True],
                                         [None, "columns", "sub-columns", "placeholder"], [False, True]))


def cut_anywhere(text, rng):
    start = text.index("三、收到")
    return text[: rng.randint(start, len(text))]


def wrong_and_false_errors(text, expected):
    report = check_parsed(parse_text(text))
    wrong = [(key, col, report.applications[key][col], expected[key][col]) for key in ROW_KEYS for col in COLUMNS
             if report.applications[key][col] not in (None, expected[key][col])]
    return wrong, [f.message for f in report.findings if f.severity == "error" and "中断" not in f.message]


@pytest.mark.parametrize("seed", [*range(60), 12950, 15072])
def test_a_markdown_conversion_cut_anywhere(seed):
    """Markdown's habits (label columns padded with empty cells, placeholder headers, one table per row) and a
    cut: a leading empty cell of the row the text stops in may be padding, “| 数据1 | 数” a cut placeholder (and
    “| 数据1 | 数据”, 15072), and an empty header row `| | |` cut in its `|---|` line (12950) no row of blanks."""
    rng = random.Random(seed)
    heading, placeholder, split_rows, repeat_header, shorten = rng.choice(MARKDOWN_HABITS)
    rows = balanced_figures(seed)
    text = markdown_report(heading=heading, placeholder=placeholder, split_rows=split_rows,
                           repeat_header=repeat_header, shorten=shorten, rows=rows, overview="2024年，我乡依法公开。")
    assert wrong_and_false_errors(cut_anywhere(text, rng), expected_rows(rows)) == ([], [])


@pytest.mark.parametrize("seed", [*range(60), 13615])
def test_a_2019_format_report_cut_anywhere(seed):
    """13615: the page stops in a running title (“叶城县宗朗乡2024年政府信息公”) whose year is no cell."""
    rng = random.Random(seed)
    rows = figures_2019(seed)
    text, _habits = dressed(report_2019(rows=rows, sep=rng.choice(["\t", "  ", " | "])), rng)
    assert wrong_and_false_errors(cut_anywhere(text, rng), expected_applications_2019(rows)) == ([], [])


def test_a_figure_the_cut_went_through_is_not_read():
    """A page cut right after a digit (“…19 0 6” of “…19 0 648”): that figure is no cell, and its row's sum is
    not compared with it."""
    rows = figures() | {"denied.security_stability": [305, 19, 0, 305, 19, 0, 648]}
    text = text_report(rows=rows)
    line = next(line for line in text.split("\n") if "305\t19\t0\t305\t19\t0\t648" in line)
    report = check_parsed(parse_text(text[: text.index(line) + len(line) - 2]))
    assert report.applications["denied.security_stability"] == {
        "natural_person": 305, "business": 19, "research": 0, "nonprofit": 305, "legal_service": 19, "other_org": 0,
        "total": None}
    assert not [f for f in report.findings if f.severity == "error" and "中断" not in f.message]


def test_a_cut_in_a_block_of_labels_before_their_numbers_leaves_the_block_unread():
    """pdftotext's habit of printing the labels of several rows, then their rows of numbers: cut inside such a
    block, the numbers after its last label may be its first row's — none of them is read."""
    text = "\n".join([
        "三、收到和处理政府信息公开申请情况",
        "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
        "59 562 147 1004 191 16 1979",
        "46 7",
    ])
    report = check_parsed(parse_text("一、总体情况\n2024年，我乡认真贯彻条例。\n二、主动公开政府信息情况\n" + text))
    for key in ("new", "carried_in", "granted"):
        assert set(report.applications[key].values()) == {None}, key


def test_a_rows_number_alone_does_not_join_the_figures_after_it_to_the_row_above():
    """A label wrapped in three: “3.” then the row's figures then “其他”, “（七）” then its figures then “总计”.
    Cut before “总计”, the figures after “（七）” are not 其他's: they stay under no row."""
    lines = ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0",
             "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0",
             "3.", "1 1 0 0 0 41 43", "其他", "（七）", "403 149 89 771 704 225 2341"]
    text = text_report()
    report = check_parsed(parse_text(text[: text.index("（六）其他处理")] + "\n".join(lines)))
    assert list(report.applications["other.other"].values()) in ([1, 1, 0, 0, 0, 41, 43], [None] * 7)
    assert set(report.applications["total"].values()) == {None}


def test_a_piece_of_a_label_is_not_the_row_named_by_its_first_two_characters():
    """“2.其他法” (of “2.其他法律行政法规禁止公开”, wrapped) is not the row “其他”."""
    assert _match_row("其他法", ROWS_2021, -1) != [k for k, _ in ROWS_2021].index("other.other")
    assert _match_row("其他", ROWS_2021, -1) == [k for k, _ in ROWS_2021].index("other.other")


def test_table_four_cut_in_a_pipe_row_is_not_read_askew():
    """“| 1 | 0 | 0 | 0 | 1 | 0 | 0” cut there. Whether the “|” before the first figure opens an empty cell (a crawl
    that ends every cell in “ |”) or only the row (Markdown) the cut row cannot tell: its figures are not moved one
    column on (总计 0 against a sum of 1), and the header row's padding (“| 复议后起诉 |  |  |”) adds no cell."""
    text = text_report()
    text = text[: text.index("四、政府信息公开行政复议")] + "\n".join([
        "四、政府信息公开行政复议、行政诉讼情况",
        "| 行政复议 | 行政诉讼 |  |  |  |",
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |  |  |  |  |",
        "| 1 | 0 | 0 | 0 | 1 | 0 | 0"])
    report = check_parsed(parse_text(text))
    assert report.appeals["review"]["total"] in (1, None)
    assert not [f for f in report.findings if f.severity == "error" and "中断" not in f.message]


def test_a_zero_the_cut_stops_after_in_table_three_is_read():
    """No count begins with 0: a page that stops at “…| 0 | 0” in 表三 has that 0 whole (in 表二 a 万元 figure
    may be “0.35”, and a 0 there is dropped)."""
    text = text_report()
    line = next(line for line in text.split("\n") if line.startswith("6.属于四类过程性信息"))
    report = check_parsed(parse_text(text[: text.index(line) + len(line)]))
    assert list(report.applications["denied.process_info"].values()) == [0] * 7


def test_table_four_cut_in_its_header_rows_has_no_figures():
    """A page cut after 表四's header rows (“| 行政复议 | 行政诉讼 |”): the empty cells its “|” open are none of
    the table's figures, even when they and the figures after them come to fifteen."""
    text = text_report()
    head = text[: text.index("四、政府信息公开行政复议")] + "四、政府信息公开行政复议、行政诉讼情况\n"
    head += "| 行政复议 | 行政诉讼 |\n"
    header = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
    for cut in (head, head + header, head + header + "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 "):
        report = check_parsed(parse_text(cut))
        assert all(report.appeals["review"][c] in (None, 1 if c in ("upheld", "total") else 0)
                   for c in report.appeals["review"]), cut[-60:]
        assert not [f for f in report.findings if f.severity == "error" and "中断" not in f.message]


def test_a_cell_a_line_table_cut_in_a_row_has_no_page_number_at_its_end():
    """耿马县司法局 2021: a crawl puts each cell on a line of its own with “|” after it; the page stops at a “0”
    the cut took the “|” of. That 0 is left out like a page number, but it is where the text stops, not one."""
    head = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |", "申请人情况 |", "||||||||",
            "自然人 |", "法人或其他组织 |", "总计 |", "|||||||", "商业 企业 |", "科研 机构 |", "社会公益组织 |",
            "法律服务机构 |", "其他 |", "|||||"]
    rows = ["一、本年新收政府信息公开申请数量 |"] + ["0 |"] * 7 + ["||", "二、上年结转政府信息公开申请数量 |"]
    text = text_report()
    text = text[: text.index("三、收到")] + "三、收到和处理政府信息公开申请情况\n"
    text += "\n".join(head + rows + ["0 |"] * 3) + "\n0"
    report = check_parsed(parse_text(text))
    assert list(report.applications["new"].values()) == [0] * 7
    assert not [f for f in report.findings if f.code == "parse_note" and "页码" in f.message]


def test_a_row_of_one_zero_before_a_group_label_the_text_stops_at_is_read():
    """A 2023 page: “(二)部分公开…” “0” then “(三)不予公开”, where the page stops: a label follows the row, so the
    cut took none of its figures, and it is read as zeros like the rows of one 0 before it."""
    lines = ["一、本年新收政府信息公开申请数量", "0", "二、上年结转政府信息公开申请数量", "0", "三、本年度办理结果",
             "(一)予以公开", "0", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "0", "(三)不予公开"]
    text = text_report()
    text = text[: text.index("一、本年新收")] + "\n\n".join(lines)
    report = check_parsed(parse_text(text))
    assert list(report.applications["partial"].values()) == [0] * 7
