"""Layouts seen on real county, township and department sites that the fixtures do not show: CMS pages with
nested layout tables, PDF text with page furniture inside a table, Chinese-numeral dates, cells that spell
zero as “—”, OCR misreads of the agency's name, and the checks on what a report calls itself."""

import io

import docx

from gongkai.reports.check import check_bytes, check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import ROW_KEYS
from tests.reports.fixtures_check.build import (
    APPEALS,
    LABELS_2021,
    appeals_as_groups,
    figures,
    rows_as_columns,
    text_report,
)
from tests.reports.test_parse_layouts import html_report


def read(text):
    return check_parsed(parse_text(text))


def found(report, code):
    return [f for f in report.findings if f.code == code]


def serious(report):
    return [f for f in report.findings if f.severity != "info"]


# --- what the report calls itself ----------------------------------------------------------------


def test_an_ocr_misread_in_the_title_is_the_same_agency_not_a_self_reference():
    report = read(text_report(title="叶城县宗朗多人民政府2024年政府信息公开工作年度报告"))  # 多 for 乡
    assert report.agency == "叶城县宗朗乡人民政府"
    assert found(report, "self_reference") == []
    assert found(report, "name_variant") and found(report, "name_variant")[0].severity == "info"


def test_a_different_kind_character_is_not_a_misread_but_another_agency():
    report = read(text_report(title="叶城县宗朗镇2024年政府信息公开工作年度报告"))  # 镇 for 乡
    assert found(report, "self_reference") and found(report, "name_variant") == []


def test_a_township_report_that_says_our_bureau_is_a_self_reference():
    report = read(text_report(overview="2024年，我局收到政府信息公开申请10件。"))
    hits = found(report, "self_reference")
    assert hits and "我局" in hits[0].message and "我乡" in hits[0].message


def test_a_bureau_report_that_says_our_township_or_our_commission_is_a_self_reference():
    text = text_report(agency="叶城县财政局", overview="2024年，我乡收到申请10件，我委按期答复。")
    report = read(text)
    messages = " ".join(f.message for f in found(report, "self_reference"))
    assert "我乡" in messages and "我委" in messages and "我局" in messages


def test_a_bureau_that_speaks_of_our_county_is_not_flagged():
    text = text_report(agency="叶城县财政局", overview="2024年，我局围绕我县中心工作收到申请10件。")
    assert found(read(text), "self_reference") == []


def test_another_agency_named_as_the_author_of_the_report_is_a_self_reference():
    text = text_report(
        overview="根据《条例》，现公布叶城县财政局2024年政府信息公开工作年度报告。2024年，我乡收到申请10件。"
    )
    hits = found(read(text), "self_reference")
    assert hits and "叶城县财政局" in hits[0].message and hits[0].severity == "error"


def test_all_townships_and_a_county_governments_towns_are_not_other_agencies():
    text = text_report(overview="2024年，我乡配合各乡镇人民政府开展培训，收到申请10件。")
    assert found(read(text), "self_reference") == []
    county = text_report(
        agency="叶城县人民政府",
        overview="2024年，我县指导乌夏巴什镇人民政府、宗朗乡人民政府做好公开，收到申请10件。",
    )
    assert found(read(county), "self_reference") == []


def test_only_our_bureau_gives_no_agency_but_the_page_title_does():
    text = text_report(agency="叶城县财政局", overview="2024年，我局收到申请10件。").replace("\n叶城县财政局\n", "\n")
    assert read(text).agency == "叶城县财政局"  # from the title line
    untitled = text.replace("叶城县财政局2024年政府信息公开工作年度报告", "2024年政府信息公开工作年度报告")
    assert read(untitled).agency is None  # 我局 alone names no agency: null, never a guess


# --- dates ---------------------------------------------------------------------------------------


def test_years_and_dates_in_chinese_numerals_are_read():
    text = text_report(title="叶城县宗朗乡二〇二四年政府信息公开工作年度报告", date="二〇二五年一月二十日")
    report = read(text)
    assert report.year == 2024 and report.published_on.isoformat() == "2025-01-20"
    assert found(report, "year_mismatch") == [] and found(report, "late_publication") == []


def test_a_signature_dated_in_figures_is_read():
    for written in ("2025.1.20", "2025-01-20", "2025/1/20"):
        report = read(text_report(date=written))
        assert report.published_on.isoformat() == "2025-01-20", written
        assert report.sections.other == "本年度未收取信息处理费。", written
        assert serious(report) == [], written
    late = read(text_report(date="2025.2.3"))
    assert late.published_on.isoformat() == "2025-02-03" and found(late, "late_publication")
    assert read(text_report(date="2025.1")).published_on is None  # a year and a month are not a date


def test_a_date_without_its_day_is_incomplete_and_late_only_when_the_month_is():
    report = read(text_report(date="2025年1月 日"))
    assert report.published_on is None
    assert [f.severity for f in found(report, "date_incomplete")] == ["warning"]
    assert found(report, "late_publication") == []
    late = read(text_report(date="2025年3月  日"))
    assert found(late, "late_publication") and found(late, "date_incomplete")


# --- PDF text with page furniture ----------------------------------------------------------------


def test_page_numbers_and_a_running_title_inside_table_three_are_ignored():
    for sep in ("\t", "\n"):
        text = text_report(sep=sep)
        title = "叶城县宗朗乡2024年政府信息公开工作年度报告"
        for marker in ("（四）无法提供", "（六）其他处理", "（七）总计"):
            text = text.replace(marker, f"- 3 -\n\n{title}\n第 3 页 共 5 页\n{marker}", 1)
        report = read(text)
        assert report.applications == rows_as_columns(figures()), sep
        assert report.appeals == appeals_as_groups(APPEALS)
        assert serious(report) == [], sep


def test_a_shortened_running_title_inside_table_three_is_ignored_and_the_title_kept():
    for sep in ("\t", "\n"):
        text = text_report(sep=sep).replace("（四）无法提供", "宗朗乡2024年政府信息公开年度报告\n（四）无法提供", 1)
        report = read(text)
        assert report.applications == rows_as_columns(figures()), sep
        assert (report.year, report.agency) == (2024, "叶城县宗朗乡人民政府"), sep
        assert serious(report) == [], sep


def test_a_bare_page_number_between_whole_rows_is_a_page_number_and_a_stray_row_of_numbers_is_not():
    for sep in ("\t", " | "):
        lines = text_report(sep=sep).split("\n")
        at = next(i for i, line in enumerate(lines) if "8.属于行政查询事项" in line)
        lines.insert(at, "3")
        report = read("\n".join(lines))
        assert report.applications == rows_as_columns(figures()), sep
        assert serious(report) == [], sep
        assert any("“3”视为页码" in f.message for f in found(report, "parse_note")), sep
    lines = text_report().split("\n")
    lines.insert(next(i for i, line in enumerate(lines) if "8.属于行政查询事项" in line), "3\t1")
    assert any("不属于任何一行" in f.message for f in found(read("\n".join(lines)), "unreadable"))


def test_the_2021_section_titles_with_other_wording_are_found():
    text = text_report().replace(
        "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    )
    text = text.replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    report = read(text)
    assert found(report, "missing_section") == []
    assert report.appeals == appeals_as_groups(APPEALS)
    assert "培训" in report.sections.problems


# --- pages of government CMS sites ---------------------------------------------------------------


def cms_page(rows=None):
    """The report inside nested layout tables, navigation around it, <br>-split labels, &nbsp;/—/／ cells."""
    page = html_report(rows)
    page = page.replace(
        "<title>x</title>", "<title>叶城县财政局2024年政府信息公开工作年度报告_叶城县人民政府网</title>"
    )
    page = page.replace("<h1>叶城县乌夏巴什镇2024年政府信息公开工作年度报告</h1>", "")
    page = page.replace("我镇", "我局").replace("叶城县乌夏巴什镇人民政府", "叶城县财政局")
    page = page.replace(
        "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>", "<tr><td>规章</td><td>／</td><td>—</td><td>-</td></tr>"
    )
    page = page.replace('<td>行政许可</td><td colspan="3">12</td>', '<td>行政<br>许可</td><td colspan="3">1,234</td>')
    page = page.replace("<td>社会公益组织</td>", "<td>社会<br/>公益<br/>组织</td>")
    page = page.replace("<td>0</td>", "<td>&nbsp;</td>")
    body_start, body_end = page.index("<body>") + 6, page.index("</body>")
    inner = page[body_start:body_end]
    layout = (
        '<table width="100%"><tr><td colspan="2">首页 | 政务公开 | 政务服务 | 互动交流</td></tr>'
        '<tr><td width="200"><table><tr><td>信息公开指南</td></tr><tr><td>年度报告</td></tr></table></td>'
        '<td><div class="article"><table><tr><td>索引号：</td><td>11653126/2025-00012</td></tr></table>'
        f"{inner}</div></td></tr>"
        '<tr><td colspan="2">打印本页 关闭窗口<br>主办：叶城县人民政府办公室 2025年1月22日更新</td></tr></table>'
    )
    return page[:body_start] + layout + page[body_end:]


def test_a_cms_page_with_nested_layout_tables_is_read():
    report = check_bytes(cms_page().encode(), "index.shtml")
    assert report.agency == "叶城县财政局" and report.year == 2024
    assert report.published_on.isoformat() == "2025-01-22"
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert report.proactive.licensing == 1234
    assert report.proactive.regulations.issued == 0 and report.proactive.regulations.in_force == 0
    assert serious(report) == [], serious(report)
    assert "打印本页" not in (report.sections.other or "")


def test_a_cms_page_with_one_broken_number_shows_the_right_finding():
    rows = figures()
    rows["total"] = [8, 2, 0, 0, 0, 0, 11]
    report = check_bytes(cms_page(rows).encode(), "index.shtml")
    assert {"balance", "outcome_sum", "column_sum"} <= {f.code for f in report.findings if f.severity == "error"}


def test_html_to_text_with_trailing_pipes_and_spacer_lines_is_read():
    """Copied from a page: one cell per line, each ending “ |”, spacer lines “||”, zeros left blank."""
    text = text_report()
    head, rest = text.split("三、收到和处理政府信息公开申请情况\n")
    table, tail = rest.split("四、政府信息公开行政复议")
    lines = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |", "申请人情况 |", "||||||||"]
    lines += ["自然人 |", "法人或其他组织 |", "总计 |", "|||||||"]
    lines += [f"{c} |" for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")] + ["|||||"]
    for key in ROW_KEYS:
        lines += [f"{label} |" for label in LABELS_2021[key].split("\t")]
        lines += [f"{v} |" if v else "|" for v in figures()[key]]
        lines.append("||")
    text = head + "三、收到和处理政府信息公开申请情况\n" + "\n".join(lines) + "\n四、政府信息公开行政复议" + tail
    report = read(text)
    assert report.applications == rows_as_columns(figures())
    assert serious(report) == []


# --- .docx ---------------------------------------------------------------------------------------


def _merge_down(table, column, first, last):
    table.cell(first, column).merge(table.cell(last, column))


def test_a_docx_with_vertical_merges_and_blank_rows_and_columns_is_read():
    rows = figures()
    document = docx.Document()
    for line in text_report().split("三、收到和处理政府信息公开申请情况")[0].strip().split("\n"):
        document.add_paragraph(line)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=0, cols=11)  # the last column is empty in every row
    header = table.add_row().cells
    header[0].merge(header[2]).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    header[3].merge(header[9]).text = "申请人情况"
    table.add_row()  # a blank row left in by the author
    first_outcome = None
    for key in ROW_KEYS:
        cells = table.add_row().cells
        parts = LABELS_2021[key].split("\t")
        if key in ("new", "carried_in", "total", "carried_out"):
            cells[0].merge(cells[2]).text = parts[-1]
        else:
            if first_outcome is None:
                first_outcome = len(table.rows) - 1
            cells[1].merge(cells[2]).text = parts[-1]
        for i, value in enumerate(rows[key]):
            cells[3 + i].text = str(value)
    outcome_rows = [i for i, key in enumerate(ROW_KEYS) if key not in ("new", "carried_in", "total", "carried_out")]
    _merge_down(table, 0, first_outcome, first_outcome + len(outcome_rows) - 1)
    table.cell(first_outcome, 0).text = "三、本年度办理结果"
    table.add_row()
    for line in text_report().split("（七）总计")[1].split("\n")[2:]:
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    report = check_bytes(out.getvalue(), "report.docx")
    assert report.applications == rows_as_columns(rows)
    assert report.appeals == appeals_as_groups(APPEALS)
    assert serious(report) == [], serious(report)


# --- numbers in the text against the tables ---------------------------------------------------------


def test_a_completion_rate_the_figures_do_not_give_is_a_narrative_mismatch():
    # 10 closed of 11 received (10 new + 1 carried in) is 90.9%, not 100%
    report = read(text_report(overview="2024年，我乡收到申请10件，办结率100%。"))
    hits = found(report, "narrative_mismatch")
    assert hits and "90.9%" in hits[0].message
    assert found(read(text_report(overview="2024年，我乡收到申请10件，办结率90.9%。")), "narrative_mismatch") == []


def test_an_on_time_rate_is_not_checked_because_the_tables_do_not_give_it():
    report = read(text_report(overview="2024年，我乡收到申请10件，按时办结率100%，按期答复率100%。"))
    assert found(report, "narrative_mismatch") == []


def test_a_stated_outcome_count_against_table_three_is_a_narrative_mismatch():
    report = read(text_report(overview="2024年，我乡收到申请10件，其中予以公开5件，部分公开2件。"))
    hits = found(report, "narrative_mismatch")
    assert len(hits) == 1 and "予以公开5件" in hits[0].message and "6件" in hits[0].message
    ok = read(text_report(overview="2024年，我乡收到申请10件，其中予以公开6件，结转下年度继续办理1件。"))
    assert found(ok, "narrative_mismatch") == []


def test_pipe_rows_with_empty_rowspan_placeholders_and_a_header_split_over_two_lines_are_read():
    """As pages export merged cells: “| | 2.其他法律… | | … | 0 |”, and “商业 | 科研 |” over “企业 | 机构 |”."""
    text = text_report()
    head, rest = text.split("三、收到和处理政府信息公开申请情况\n")
    tail = rest.split("四、政府信息公开行政复议")[1]
    lines = [
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |",
        "自然人 | 法人或其他组织 | 总计 |",
        "商业 | 科研 | 社会公益组织 | 法律服务机构 | 其他 |",
        "企业 | 机构 |",
    ]
    for key in ROW_KEYS:
        parts = LABELS_2021[key].split("\t")
        values = figures()[key]
        cells = [str(v) if v else "" for v in values[:6]] + [str(values[6])]
        lead = ["", ""] if len(parts) == 1 and parts[0][0].isdigit() else [""] if key == "partial" else []
        row = " | ".join(lead + parts + cells) + " |"
        lines.append(("| " + row) if lead else row)
    text = head + "三、收到和处理政府信息公开申请情况\n" + "\n".join(lines) + "\n四、政府信息公开行政复议" + tail
    report = read(text)
    assert report.applications == rows_as_columns(figures())
    assert serious(report) == []


def test_a_character_of_a_heading_that_ocr_left_in_a_row_of_table_two_does_not_end_the_row():
    # read off a LibreOffice PDF, printed and scanned: the heading 本年处理决定数量 spilled “本” and “制”
    table2 = [
        "第二十条第（一）项",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "规章 | 0 | 0 | 0 |",
        "行政规范性文件 | 2 | 1 | 7 |",
        "第二十条第（五）项",
        "信息内容 | 本年处理决定数量 |",
        "行政许可 | 35 |",
        "第二十条第（六）项",
        "信息内容 |  |  | 本 | 本年处理决定数量 |",
        "行政处罚 |  |  | 86 |  |",
        "行政强制 | 制 |  | 7 |  |",
        "第二十条第（八）项",
        "信息内容 | 本年收费金额（单位：万元） |",
        "行政事业性收费 | 1.25 |",
    ]
    report = read(text_report(table2=table2))
    assert (report.proactive.penalty, report.proactive.coercion, report.proactive.licensing) == (86, 7, 35)
    assert serious(report) == []


def test_a_table_four_left_blank_in_a_web_page_or_word_file_is_fifteen_blank_cells():
    # no 行政复议 or 行政诉讼: many agencies leave the figures' row of 表四 empty rather than write 0
    from gongkai.reports.render import docx as render_docx
    from tests.reports.fixtures_check.torn import balanced_figures, report_object

    page = html_report().replace("".join(f"<td>{v}</td>" for v in APPEALS), "<td>&nbsp;</td>" * 15)
    report = check_bytes(page.encode("utf-8"), "report.html")
    zeros = {group: dict.fromkeys(columns, 0) for group, columns in appeals_as_groups(APPEALS).items()}
    assert report.appeals == zeros
    assert "表四有15个单元格空白，按0计" in [f.message for f in found(report, "blank_cell")]
    assert found(report, "unreadable") == []

    written = report_object(balanced_figures(3))
    document = docx.Document(io.BytesIO(render_docx.render(written)[2]))
    table = next(t for t in document.tables if "尚未审结" in "".join(c.text for c in t.rows[-2].cells))
    for cell in table.rows[-1].cells:
        cell.text = ""
    out = io.BytesIO()
    document.save(out)
    report = check_bytes(out.getvalue(), "report.docx")
    assert report.appeals == written.appeals and found(report, "unreadable") == []
