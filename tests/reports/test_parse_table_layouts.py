"""Layouts of 表二 and 表四 found on real published pages that the fixtures did not show.

表四 printed with its whole header and not one figure (a 2019-format page whose cells are all blank); a 2021
表二 that keeps the 2019 columns for 规章/规范性文件 but gives 许可/处罚/强制/收费 one value each under their own
sub-header; 2019 row labels followed by a long definition and an 增/减 cell written “+(0) -(0)”; a 2021
single-value row shown blank in a crawl that pads every row with “||”. Each cell is read where the layout proves
it; a cell the layout leaves open stays unreadable (None), never a guess.
"""

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import APPEAL_COLUMNS, APPEAL_GROUPS
from tests.reports.fixtures_check.build import appeals_as_groups, text_report
from tests.reports.fixtures_check.format2019 import KEYS_2019, LABELS_2019, figures_2019, report_2019

TABLE_FOUR = "四、政府信息公开行政复议、行政诉讼情况\n"
SECTION_FIVE = "五、存在的主要问题及改进情况"
TABLE_THREE = "三、收到和处理政府信息公开申请情况\n"
# 表四's header in the national template, cell by cell: 行政复议 over five columns, 行政诉讼 over two groups of five.
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
NATIONAL_HEADER = ["行政复议", "行政诉讼", *RESULTS, "未经复议直接起诉", "复议后起诉", *RESULTS, *RESULTS]


def read(text):
    return check_parsed(parse_text(text))


def warnings_at(report, where):
    return [f.message for f in report.findings if f.severity != "info" and f.where.startswith(where)]


def unreadable_at(report, where):
    return [f.message for f in report.findings if f.code == "unreadable" and f.where.startswith(where)]


def proactive_of(report):
    p = report.proactive
    return {
        "regulations": (p.regulations.issued, p.regulations.repealed, p.regulations.in_force),
        "normative_documents": (p.normative_documents.issued, p.normative_documents.repealed,
                                p.normative_documents.in_force),
        "licensing": p.licensing,
        "penalty": p.penalty,
        "coercion": p.coercion,
        "fees_10k_yuan": p.fees_10k_yuan,
    }


# --- B: 表四 shown with its headings only ---------------------------------------------------------


def blank_tables_2019(header: list[str], after: str = SECTION_FIVE) -> str:
    """A 2019-format page, one cell a line, whose 表三 and 表四 keep their labels and not one figure: 表四 is
    `header`, then `after` (the next section's heading, or whatever the page has there)."""
    text = report_2019(sep="\n")
    head, rest = text.split(TABLE_THREE)
    table3, rest = rest.split(TABLE_FOUR)
    _table4, tail = rest.split(SECTION_FIVE)
    table3 = "\n".join(line for line in table3.split("\n") if not line.strip().isdigit())
    body = "\n".join(header)
    return f"{head}{TABLE_THREE}{table3}{TABLE_FOUR}{body}\n{after}{tail if after == SECTION_FIVE else ''}"


def test_a_2019_table_four_with_its_whole_header_and_no_figure_is_zeros():
    """2019-format page: “(七)总计\\n四、结转下年度继续办理\\n四、政府信息公开行政复议、行政诉讼情况\\n行政复议\\n…”."""
    report = read(blank_tables_2019(NATIONAL_HEADER))
    assert report.appeals == appeals_as_groups([0] * 15)
    assert warnings_at(report, "表四") == []
    assert [f.where for f in report.findings if f.code == "blank_cell" and f.where == "表四"] == ["表四"]


def test_a_blank_table_four_with_a_unit_and_headings_a_line_break_cut_is_zeros():
    """The same page with “单位:件” over the table and 未经复议直接起诉 cut in two by a line break."""
    header = ["单位:件", *NATIONAL_HEADER]
    header[header.index("未经复议直接起诉")] = "未经复议\n直接起诉"
    report = read(blank_tables_2019(header))
    assert report.appeals == appeals_as_groups([0] * 15)


def test_a_table_four_header_short_of_its_columns_is_not_a_blank_table():
    """The same page with 结果纠正 and 其他结果 missing from the header: not the table, so nothing is read."""
    short = [h for h in NATIONAL_HEADER if h not in ("结果纠正", "其他结果")]
    report = read(blank_tables_2019(short))
    assert all(report.appeals[g][c] is None for g in APPEAL_GROUPS for c in APPEAL_COLUMNS)
    assert warnings_at(report, "表四")


def test_a_table_four_header_followed_by_a_sentence_is_not_a_blank_table():
    """A sentence after the header instead of the next heading: the cells may be in words, not blank."""
    sentence = "本年度行政复议和行政诉讼情况详见附件\n" + SECTION_FIVE
    report = read(blank_tables_2019(NATIONAL_HEADER, after=sentence))
    assert all(report.appeals[g][c] is None for g in APPEAL_GROUPS for c in APPEAL_COLUMNS)


def test_a_table_four_header_where_the_text_is_cut_is_not_a_blank_table():
    """The page ends after the header, without 五、六 or a date: its cells were never reached."""
    report = read(blank_tables_2019(NATIONAL_HEADER, after=""))
    assert all(report.appeals[g][c] is None for g in APPEAL_GROUPS for c in APPEAL_COLUMNS)


# --- E: 2019 document columns, 2021 single-value rows -------------------------------------------------

MIXED_TABLE_TWO = (
    "第二十条第(一)项\n\n信息内容\n\n本年新\n制作数量\n\n本年新\n公开数量\n\n对外公开总数量\n\n"
    "规章\n\n0\n\n0\n\n0\n\n规范性文件\n\n2\n\n2\n\n9\n\n"
    "第二十条第(五)项\n\n信息内容\n\n本年处理决定数量\n\n行政许可\n\n5\n\n"
    "第二十条第(六)项\n\n信息内容\n\n本年处理决定数量\n\n行政处罚\n\n0\n\n行政强制\n\n0\n\n"
    "第二十条第(八)项\n\n信息内容\n\n本年收费金额(单位:万元)\n\n行政事业性收费\n\n282.1\n"
)


def test_a_2021_table_two_with_2019_document_columns_reads_each_block_by_its_own_header():
    """2021 report: 规章/规范性文件 under 新制作/新公开/对外公开总数量, 许可 5, 处罚 0, 强制 0, 收费 282.1 each
    under “信息内容 | 本年处理决定数量” or “本年收费金额(单位:万元)”."""
    report = read(text_report(table2=[MIXED_TABLE_TWO]))
    assert proactive_of(report) == {
        "regulations": (0, None, None),
        "normative_documents": (2, None, None),
        "licensing": 5,
        "penalty": 0,
        "coercion": 0,
        "fees_10k_yuan": 282.1,
    }
    assert warnings_at(report, "表二") == []
    assert any(f.code == "format_unmapped" and "规章" in f.where for f in report.findings)


# --- F: 2019 labels with definitions, “+(0) -(0)” in the 增/减 column -------------------------------

REGULATIONS_DEFINED = (
    "规章:地方行政规章指各省、自治区、直辖市和较大的市的人民政府根据法律和行政法规制定的规章，但不得称“条例”。"
)
NORMATIVE_DEFINED = (
    "规范性文件:是指各级人民政府及其派出机关、政府部门依照法定权限和程序制定的决定、命令、指示等行政规范。"
)
PENALTY_DEFINED = "行政处罚:指行政机关对违反行政管理秩序的相对人给予的制裁，不同于行政许可"
DEFINED_ROWS = [
    ("第二十条第(一)项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], [
        (REGULATIONS_DEFINED, ["1", "1", "1"]),
        (NORMATIVE_DEFINED, ["0", "0", "0"]),
    ]),
    ("第二十条第(五)项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [
        ("行政许可", ["43", "+(0) -(0)", "66"]),
        ("其他对外管理服务事项", ["3", "0", "2"]),
    ]),
    ("第二十条第(六)项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [
        (PENALTY_DEFINED, ["12", "+(2) -(1)", "41"]),
        ("行政强制", ["0", "0", "0"]),
    ]),
    ("第二十条第(八)项", ["信息内容", "上一年项目数量", "本年增/减"], [
        ("行政事业性收费", ["1", "0"]),
    ]),
]  # fmt: skip
DEFINED_EXPECTED = {
    "regulations": (1, None, None),
    "normative_documents": (0, None, None),
    "licensing": 66,
    "penalty": 41,
    "coercion": 0,
    "fees_10k_yuan": None,
}


def with_table_two_2019(table2: list[str]) -> str:
    """A 2019-format report (表三 of 23 rows) whose 表二 is `table2`."""
    return text_report(rows=figures_2019(), year=2020, date="2021年1月20日", table2=table2, keys=KEYS_2019,
                       labels=LABELS_2019)


def defined_table_two(*, cell_a_line: bool) -> list[str]:
    lines = []
    for section, headings, rows in DEFINED_ROWS:
        cells = [[section], headings, *([label, *values] for label, values in rows)]
        if cell_a_line:
            lines += [f"{cell} |" for row in cells for cell in row]
        else:
            lines += ["| " + " | ".join(row) + " |" for row in cells]
    return lines


def test_2019_rows_labelled_with_their_definitions_one_cell_a_line():
    """2019 report, one cell a line: “规章:地方行政规章指…但不得称“条例”。 |\\n1 |\\n1 |\\n1 |”,
    “行政许可 |\\n43 |\\n+(0) -(0) |\\n66 |”."""
    report = read(with_table_two_2019(defined_table_two(cell_a_line=True)))
    assert proactive_of(report) == DEFINED_EXPECTED
    assert unreadable_at(report, "表二") == []


def test_2019_rows_labelled_with_their_definitions_one_row_a_line():
    """The same rows a line each: a definition that names another row (行政许可 in 行政处罚's) is the row
    named before its colon."""
    report = read(with_table_two_2019(defined_table_two(cell_a_line=False)))
    assert proactive_of(report) == DEFINED_EXPECTED
    assert unreadable_at(report, "表二") == []


def test_two_numbers_in_a_kept_cell_stay_unreadable():
    """“+(0) -(0)” where the schema keeps the cell (2021 规章's 本年废止件数): one cell, its value unknown."""
    table2 = ["第二十条第(一)项 |", "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
              "| 规章 | 1 | +(0) -(0) | 3 |", "| 行政规范性文件 | 2 | 1 | 7 |",
              "| 第二十条第(五)项 |", "| 信息内容 | 本年处理决定数量 |", "| 行政许可 | 35 |",
              "| 第二十条第(六)项 |", "| 信息内容 | 本年处理决定数量 |", "| 行政处罚 | 4 |", "| 行政强制 | 0 |",
              "| 第二十条第(八)项 |", "| 信息内容 | 本年收费金额(单位:万元) |", "| 行政事业性收费 | 1.25 |"]
    report = read(text_report(table2=table2))
    assert proactive_of(report)["regulations"] == (1, None, 3)
    assert unreadable_at(report, "表二 · 规章")
    assert proactive_of(report)["licensing"] == 35


# --- H: a 2021 single-value row shown blank in a padded crawl -----------------------------------------


def padded_table_two(document_columns: list[str], caption: str | None = None) -> list[str]:
    """Every row padded to four cells with “||”, as some crawls write them; 行政许可 shown blank."""
    rows = [
        "第二十条第(一)项 | |||", "信息内容 | " + " | ".join(document_columns),
        "规章 | 0 | 0 | 0", "规范性文件 | 2 | 1 | 7",
        "第二十条第(五)项 | |||", "信息内容 | 本年处理决定数量 | ||", "行政许可 | |||",
        "第二十条第(六)项 | |||", "信息内容 | 本年处理决定数量 | ||", "行政处罚 | 5 | ||", "行政强制 | 0 | ||",
        "第二十条第(八)项 | |||", "信息内容 | 本年收费金额(单位:万元) | ||", "行政事业性收费 | 1.5 | ||",
    ]  # fmt: skip
    return ([caption] if caption else []) + rows


def test_a_blank_single_value_row_under_2019_document_columns_is_zero():
    """2021 report: “行政许可 | |||\\n第二十条第(六)项 | |||\\n信息内容 | 本年处理决定数量 | ||\\n行政处罚 | 5 | ||”
    under a 表二 whose first block has the 2019 columns."""
    report = read(text_report(table2=padded_table_two(["本年新制作数量", "本年新公开数量", "对外公开总数量"])))
    assert (report.proactive.licensing, report.proactive.penalty, report.proactive.coercion) == (0, 5, 0)
    assert report.proactive.fees_10k_yuan == 1.5
    assert any(f.code == "blank_cell" and f.where == "表二 · 行政许可" for f in report.findings)
    assert warnings_at(report, "表二") == []


def test_a_blank_single_value_row_is_zero_beside_a_figure_no_row_owns():
    """A row a line: a figure in the table's caption cannot be 行政许可's, whose own line shows no figure."""
    table2 = padded_table_two(["本年制发件数", "本年废止件数", "现行有效件数"], caption="2021年主动公开情况 | |||")
    report = read(text_report(table2=table2, year=2021, date="2022年1月20日"))
    assert (report.proactive.licensing, report.proactive.penalty) == (0, 5)
    assert any(f.code == "blank_cell" and f.where == "表二 · 行政许可" for f in report.findings)


def test_a_row_without_figures_stays_unread_where_a_figure_stands_on_a_line_of_its_own():
    """A figure on a line with no label may be any row's: 行政许可, whose line shows none, stays unknown."""
    table2 = padded_table_two(["本年制发件数", "本年废止件数", "现行有效件数"])
    table2.insert(table2.index("第二十条第(六)项 | |||") + 1, "| 35 |")
    report = read(text_report(table2=table2))
    assert report.proactive.licensing is None
    assert report.proactive.penalty == 5


def test_a_text_that_stops_in_the_next_heading_has_table_two_whole():
    """保康县农业农村局 2021: the page ends in “三、收到和处理政府信息公开”, after 表二 — its blank 行政许可 row
    is a row shown blank, not one the cut left unknown."""
    text = text_report(sep=" | ").replace("行政许可 | 35", "行政许可 | ")
    report = read(text[: text.index(TABLE_THREE) + len("三、收到和处理政府信息公开")])
    assert report.proactive.licensing == 0 and report.proactive.penalty == 4
    assert unreadable_at(report, "表二") == []


def test_an_underscore_is_a_blank_cell():
    """深圳市龙华区重点区域建设推进中心 2020: “_” for an empty cell, one a line; the figures after it keep their
    columns."""
    lines = ["第二十条第(一)项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
             "规章", "_", "_", "_", "规范性文件", "_", "3", "3"]
    report = read(with_table_two_2019(["\n".join(lines)]))
    assert proactive_of(report)["regulations"][0] == 0 and proactive_of(report)["normative_documents"][0] == 0


def test_a_year_where_the_page_is_cut_after_table_two_is_no_figure():
    """西藏自治区审计厅 2025: the page ends “行政事业性收费\\n\\n0\\n\\n2025年”, a sentence's first word."""
    text = text_report(sep=" | ")
    cut = text[: text.index(TABLE_THREE)].replace("行政事业性收费 | 1.25", "行政事业性收费 | 0") + "2025年"
    report = read(cut)
    assert report.proactive.fees_10k_yuan == 0 and unreadable_at(report, "表二 · 行政事业性收费") == []


def test_a_misspelt_fee_row_is_the_fee_row():
    """A 2023 page: “行政事业型收费” (型 for 性) is the 行政事业性收费 row, not a row missing."""
    text = text_report().replace("行政事业性收费", "行政事业型收费")
    report = read(text)
    assert report.proactive.fees_10k_yuan == 1.25
    assert not [f for f in report.findings if "行政事业性收费" in f.message and f.severity != "info"]


def test_a_row_of_table_two_before_the_next_block_is_whole_where_the_page_is_cut_later():
    """A 2023 page: “行政规范性文件000” (digits run together), then “第二十条第(五)项 信息” and the cut — the row
    is not the one the text stops in, so its digits split as in any row."""
    text = text_report()
    start = text.index("二、主动公开政府信息情况")
    cut = text[:start] + "\n".join(["二、主动公开政府信息情况", "第二十条第(一)项",
                                    "信息内容本年制发件数本年废止件数现行有效件数", "规章000", "行政规范性文件000",
                                    "第二十条第(五)项", "信息"])
    report = read(cut)
    assert report.proactive.normative_documents.issued == 0 and report.proactive.normative_documents.in_force == 0
