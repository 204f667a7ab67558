"""Tables whose empty cells leave no text of their own.

Two layouts real pages have: a table saved as paragraphs (every cell its own line, a blank line after each and
one more blank line for an empty cell; 兴化市大营镇 2023, 榆阳区驼峰路街道 2020), and text that keeps the labels of a
table printed blank and nothing else (雄县 2019: not one figure in 表三 or 表四). A cell is read where the text
proves it; a row whose figures could have gone elsewhere stays unreadable.
"""

import random

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import ROW_KEYS
from tests.reports.fixtures_check.build import appeals_as_groups, rows_as_columns, text_report
from tests.reports.fixtures_check.torn import balanced_figures

TABLES_FROM = "二、主动公开政府信息情况"
TABLES_TO = "五、存在的主要问题及改进情况"


def as_paragraphs(text: str, empty: str = "\n") -> str:
    """Every line a paragraph; in the tables every cell one, an empty cell one blank line more (or a paragraph
    of its own holding a space: <p>&nbsp;</p>)."""
    out = []
    in_tables = False
    for line in text.rstrip("\n").split("\n"):
        in_tables = (in_tables or line == TABLES_FROM) and line != TABLES_TO
        if not in_tables or "\t" not in line:
            out.append(line + "\n\n")
            continue
        out += [cell + "\n\n" if cell else empty for cell in line.split("\t")]
    return "".join(out)


def blank_zeros(line: str) -> str:
    """A row with its zero cells left empty, as most township tables print them."""
    return "\t".join("" if cell == "0" else cell for cell in line.split("\t"))


def report_with_blank_zeros(rows, appeals) -> str:
    text = text_report(rows=rows, appeals=appeals, overview="2024年，我乡依法办理政府信息公开申请。")
    head, tables = text.split(TABLES_FROM)
    tables, tail = tables.split(TABLES_TO)
    tables = "\n".join(blank_zeros(line) for line in tables.split("\n"))
    return f"{head}{TABLES_FROM}{tables}{TABLES_TO}{tail}"


def read(text):
    return check_parsed(parse_text(text))


def warnings(report):
    return [f.message for f in report.findings if f.severity != "info"]


@pytest.mark.parametrize("seed", range(12))
def test_a_table_saved_as_paragraphs_is_read_cell_by_cell(seed):
    rng = random.Random(seed)
    rows = balanced_figures(seed, zeros=0.7)
    appeals = [rng.choice([0, 0, 1, 2]) for _ in range(4)]
    appeals = [*appeals, sum(appeals)] + [0] * 10
    report = read(as_paragraphs(report_with_blank_zeros(rows, appeals), empty=rng.choice(["\n", "\xa0\n\n"])))
    assert report.applications == rows_as_columns(rows)
    assert report.appeals == appeals_as_groups(appeals)
    assert report.proactive.normative_documents.issued == 2
    assert report.proactive.regulations.in_force == 0  # an empty cell of 表二
    assert report.proactive.fees_10k_yuan == 1.25
    assert warnings(report) == []


def test_a_row_of_empty_cells_at_the_end_of_a_paragraph_table_is_read():
    rows = {key: [0] * 7 for key in ROW_KEYS}
    rows["new"] = rows["total"] = [3, 0, 0, 0, 0, 0, 3]
    rows["granted"] = [3, 0, 0, 0, 0, 0, 3]
    report = read(as_paragraphs(report_with_blank_zeros(rows, [0] * 15)))
    assert report.applications == rows_as_columns(rows)
    assert report.applications["carried_out"]["total"] == 0
    assert warnings(report) == []


def labels_only(text: str) -> str:
    """What a crawler keeps of a table printed blank: each heading and label on its own line, no cell at all."""
    out = []
    in_tables = False
    for line in text.split("\n"):
        in_tables = (in_tables or line == TABLES_FROM) and line != TABLES_TO
        cells = [c for c in line.split("\t") if c and not c.isdigit()] if in_tables else [line]
        out += cells
    return "\n".join(out)


def test_tables_printed_blank_are_zeros_with_a_note():
    zero = {key: [0] * 7 for key in ROW_KEYS}
    text = text_report(rows=zero, appeals=[0] * 15, overview="2024年，我乡未收到政府信息公开申请。")
    report = read(labels_only(text))
    assert report.applications == rows_as_columns(zero)
    assert report.appeals == appeals_as_groups([0] * 15)
    assert report.proactive.licensing == 0 and report.proactive.regulations.issued == 0
    assert warnings(report) == []
    blank = [f.where for f in report.findings if f.code == "blank_cell"]
    assert "表三" in blank and "表四" in blank


def test_a_blank_row_of_table_two_among_filled_ones_is_zero():
    table2 = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
              "规章", "1", "0", "3", "行政规范性文件", "2", "1", "7",
              "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可",
              "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "4", "行政强制",
              "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）", "行政事业性收费"]
    report = read(text_report(table2=table2))
    proactive = report.proactive
    assert (proactive.licensing, proactive.penalty, proactive.coercion, proactive.fees_10k_yuan) == (0, 4, 0, 0)
    assert proactive.regulations.in_force == 3 and proactive.normative_documents.in_force == 7


def test_a_row_of_table_two_left_without_figures_stays_unknown_where_figures_stray():
    """Four figures under 行政处罚, which has one cell: one of them may be 行政许可's, which shows none."""
    table2 = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
              "规章", "1", "0", "3", "行政规范性文件", "2", "1", "7",
              "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可",
              "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "4", "35", "行政强制", "0",
              "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）", "行政事业性收费", "0"]
    report = read(text_report(table2=table2))
    assert report.proactive.licensing is None


def test_table_three_with_figures_torn_from_their_labels_is_not_taken_for_blank():
    rows = balanced_figures(3)
    text = text_report(rows=rows)
    head, rest = text.split("三、收到和处理政府信息公开申请情况")
    table, tail = rest.split("四、政府信息公开行政复议、行政诉讼情况")
    lines = [line for line in table.split("\n") if line]
    labels = [line.split("\t")[0] for line in lines]
    numbers = [" ".join(line.split("\t")[-7:]) for line in lines[3:]]
    torn = "\n".join(labels + numbers)
    report = read(f"{head}三、收到和处理政府信息公开申请情况\n{torn}\n四、政府信息公开行政复议、行政诉讼情况{tail}")
    assert not [f for f in report.findings if f.code == "blank_cell" and f.where == "表三"]
    assert report.applications["new"] != {column: 0 for column in report.applications["new"]}


@pytest.mark.parametrize("seed", range(6))
def test_rows_of_zeros_short_of_cells_are_zeros(seed):
    """陆丰市河东镇 2021: the crawl dropped the empty cells, “0 0 0 0 0” stands for a row of seven."""
    rng = random.Random(seed)
    rows = {key: [0] * 7 for key in ROW_KEYS}
    rows["new"] = rows["total"] = [3, 0, 0, 0, 0, 0, 3]
    rows["unable.not_held"] = [3, 0, 0, 0, 0, 0, 3]
    text = text_report(rows=rows, appeals=[0] * 15, overview="2024年，我乡依法办理政府信息公开申请。")
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) >= 8 and cells[-7:] == ["0"] * 7:
            cells = cells[:-7] + ["0"] * rng.randint(1, 6)
        lines += cells
    report = read("\n".join(lines))
    assert report.applications == rows_as_columns(rows)
    assert warnings(report) == []


def each_row(text: str, write) -> str:
    """The text with every table row (a line of tab-separated cells) written as `write(cells)` gives its lines."""
    out = []
    for line in text.split("\n"):
        cells = line.split("\t")
        out += write(cells) if len(cells) >= 2 else [line]
    return "\n".join(out)


def collapsed(text: str) -> str:
    """A crawl that writes a row's filled cells one a line (“7 |”) and then all its empty cells as one line of
    “|” (a traditional-script department's 2021 report): where the empty cells were is lost."""
    def write(cells):
        filled = [c for c in cells if c and c != "0"]
        return [f"{c} |" for c in filled] + (["|" * (10 - len(filled))] if len(filled) < 10 else [])
    return each_row(text, write)


@pytest.mark.parametrize("seed", range(6))
def test_empty_cells_collapsed_to_the_end_of_a_row_never_give_another_columns_figure(seed):
    rows = balanced_figures(seed, zeros=0.85)
    report = read(collapsed(text_report(rows=rows, appeals=[0] * 15, overview="2024年，我乡依法办理申请。")))
    for key, values in rows_as_columns(rows).items():
        for column, value in values.items():
            assert report.applications[key][column] in (value, None), (key, column)


def test_the_first_row_of_table_two_with_its_label_left_blank_is_regulations():
    """汉台区徐望镇 2025: the 规章 row's label cell printed empty."""
    table2 = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", " ", "1", "0", "3",
              "行政规范性文件", "2", "1", "7", "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", "124",
              "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "4", "行政强制", "0",
              "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）", "行政事业性收费", "0"]
    report = read(text_report(table2=table2))
    regulations = report.proactive.regulations
    assert (regulations.issued, regulations.repealed, regulations.in_force) == (1, 0, 3)
    assert report.proactive.licensing == 124
    assert [f.where for f in report.findings if f.code == "lost_label"] == ["表二 · 规章"]


def padded_ends(text: str) -> str:
    """A crawl that writes a row's figures as “| a | b |” and then all its empty cells as one run of “||” at the
    row's end, every row as wide as the widest (五竹街道 2019: “| 二、上年结转…数量 | 0 | 0 | |||||||”)."""
    def write(cells):
        filled = [c for c in cells if c]
        return ["| " + " | ".join(filled) + " | " + "|" * (12 - len(filled))]
    return each_row(text, write)


@pytest.mark.parametrize("seed", range(6))
def test_empty_cells_padded_at_the_end_of_a_row_never_give_another_columns_figure(seed):
    rows = balanced_figures(seed, zeros=0.85)
    text = report_with_blank_zeros(rows, [0] * 15)
    report = read(padded_ends(text))
    for key, values in rows_as_columns(rows).items():
        for column, value in values.items():
            assert report.applications[key][column] in (value, None), (key, column)
    full = [key for key, values in rows.items() if all(values)]
    assert all(report.applications[key] == rows_as_columns(rows)[key] for key in full)


def test_rows_of_zeros_in_a_report_cut_short_are_zeros_but_the_row_it_stops_in():
    """五竹街道 2019, 柞水县凤凰镇 2021: pages that end inside 表三, whose rows of zeros show one or two figures."""
    table = """| (本列数据的逻辑关系为:第一项加第二项之和…) | 自然人 | 法人或其他组织 | 总计 | ||||||
| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||
| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | ||
| 二、上年结转政府信息公开申请数量 | 0 | 0 | |||||||
| 三、本年度办理结果 | (一)予以公开 | 2 | 2 | ||||||
| (二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 | 0 | |||||||
| (三)不予公开 | 1.属于国家秘密 | 0 | 0 | ||"""
    text = text_report()
    heading = "三、收到和处理政府信息公开申请情况\n"
    report = read(text[: text.index(heading) + len(heading)] + table)
    applications = report.applications
    assert applications["new"] == dict(zip(applications["new"], [2, 0, 0, 0, 0, 0, 2], strict=True))
    assert applications["carried_in"] == dict.fromkeys(applications["carried_in"], 0)
    assert applications["partial"] == dict.fromkeys(applications["partial"], 0)
    assert all(v is None for v in applications["granted"].values())  # 2 and 2: which columns is not shown
    assert all(v is None for v in applications["denied.state_secret"].values())  # the row the page stops in


def test_a_paragraph_table_cut_inside_a_row_leaves_the_rows_last_cells_unknown():
    """榆阳区驼峰路街道 2020: the page ends on the space that begins (一)予以公开's 总计 cell."""
    text = as_paragraphs(text_report(rows=balanced_figures(1)))
    at = text.index("（一）予以公开")
    report = read(text[:at] + "（一）予以公开\n\n\n\n\n\n\n\n ")
    assert all(v is None for v in report.applications["granted"].values())
