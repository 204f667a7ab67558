"""Layouts the fixtures do not show: run-together rows, Traditional characters, full-width digits, a 小计
column, the 2019 format, misspelt and lost labels, HTML with rowspan/colspan, .docx and a real PDF table."""

import io

import docx
import pytest

from gongkai.reports.check import check_bytes, check_parsed
from gongkai.reports.parse import UnusableInput, parse_bytes, parse_text
from gongkai.reports.parse.normalize import to_ascii
from gongkai.statute.report import COLUMNS, ROW_KEYS
from tests.reports.fixtures_check.build import (
    APPEALS,
    LABELS_2021,
    appeals_as_groups,
    figures,
    rows_as_columns,
    text_report,
)


def read(text):
    return check_parsed(parse_text(text))


def codes(report):
    return [f.code for f in report.findings]


@pytest.mark.parametrize(
    "sep", ["\t", " | ", "\n", "\n\n", "  "], ids=["tabs", "pipes", "cell-per-line", "blank-lines", "spaces"]
)
def test_every_cell_is_read_whatever_separates_the_cells(sep):
    report = read(text_report(sep=sep))
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert report.proactive.normative_documents.in_force == 7 and report.proactive.fees_10k_yuan == 1.25
    assert [f for f in report.findings if f.severity != "info"] == []


def test_a_whole_page_on_one_line_is_split_by_column_count_and_the_rows_own_total():
    report = read(text_report(sep="").replace("\n", ""))
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert report.proactive.licensing == 35


def test_a_run_together_row_has_one_split_that_fits():
    text = text_report().replace(
        "三、本年度办理结果\t（一）予以公开\t5\t1\t0\t0\t0\t0\t6", "三、本年度办理结果（一）予以公开5100006"
    )
    report = read(text)
    assert report.applications["granted"] == dict(zip(COLUMNS, [5, 1, 0, 0, 0, 0, 6], strict=True))
    assert "6000017" not in text and "parse_note" in codes(report)


def test_six_zero_zero_zero_zero_one_seven_reads_as_the_issue_states():
    text = text_report().replace("三、本年度办理结果\t（一）予以公开\t5\t1\t0\t0\t0\t0\t6", "（一）予以公开6000017")
    report = read(text)
    assert list(report.applications["granted"].values()) == [6, 0, 0, 0, 0, 1, 7]


def test_a_run_together_row_with_two_fitting_splits_is_unreadable_never_guessed():
    # 1 1 0 0 0 0 2 as “1100002” is unique; “11000112” fits as 1,1,0,0,0,1,... no — use 2 splits that both fit:
    # “101000011” → 10,1,0,0,0,0,11 and 1,0,10,0,0,0,11
    text = text_report().replace("三、本年度办理结果\t（一）予以公开\t5\t1\t0\t0\t0\t0\t6", "（一）予以公开101000011")
    report = read(text)
    assert all(v is None for v in report.applications["granted"].values())
    unreadable = [f for f in report.findings if f.code == "unreadable"]
    assert unreadable and "无法唯一拆分" in unreadable[0].message
    assert "outcome_sum" not in codes(report)  # a null addend stops the sum check, it does not fail it


def test_traditional_characters_are_read_as_simplified():
    import opencc

    text = opencc.OpenCC("s2t").convert(text_report())
    assert "報告" in text
    report = read(text)
    assert report.agency == "叶城县宗朗乡人民政府"
    assert report.applications == rows_as_columns(figures())


def test_full_width_digits_and_punctuation_are_read():
    full = str.maketrans("0123456789.", "０１２３４５６７８９．")
    report = read(text_report().translate(full))
    assert report.applications == rows_as_columns(figures())
    assert report.proactive.fees_10k_yuan == 1.25
    assert report.published_on.isoformat() == "2025-01-20"


def test_a_subtotal_column_is_dropped_and_checked():
    rows = figures()
    text = text_report(rows=rows).replace("其他\n", "其他\t小计\n")
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) >= 8 and all(c.isdigit() for c in cells[-7:]):
            numbers = [int(c) for c in cells[-7:]]
            subtotal = sum(numbers[1:6]) + (5 if cells[0].startswith("一、") else 0)  # a wrong 小计 in 新收
            cells = cells[:-7] + [str(n) for n in numbers[:6]] + [str(subtotal), str(numbers[6])]
        lines.append("\t".join(cells))
    report = read("\n".join(lines))
    assert report.applications == rows_as_columns(rows)
    wrong = [f for f in report.findings if f.code == "column_sum"]
    assert len(wrong) == 1 and "小计" in wrong[0].message and "本年新收" in wrong[0].message


def test_the_2019_format_maps_its_single_other_row_to_other_other():
    text = text_report().replace(
        "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
        "3.其他\t0\t0\t0\t0\t0\t0\t0",
        "（六）其他处理\t1\t0\t0\t0\t0\t0\t1",
    )
    text = text.replace("（七）总计\t8\t2", "（七）总计\t9\t2").replace(
        "\t0\t0\t0\t0\t10\n（四）", "\t0\t0\t0\t0\t11\n（四）"
    )
    text = text.replace(
        "一、本年新收政府信息公开申请数量\t8\t2\t0\t0\t0\t0\t10",
        "一、本年新收政府信息公开申请数量\t9\t2\t0\t0\t0\t0\t11",
    )
    text = text.replace("（七）总计\t9\t2\t0\t0\t0\t0\t10", "（七）总计\t9\t2\t0\t0\t0\t0\t11")
    report = read(text)
    assert report.format == "2019"
    assert report.applications["other.other"]["total"] == 1
    assert report.applications["other.no_supplement"]["total"] == 0
    assert "old_format" in codes(report)  # a report on 2024 in the 2019 format
    assert not {"balance", "outcome_sum", "column_sum"} & set(codes(report))


def test_a_misspelt_label_is_matched_to_its_row():
    text = (
        text_report()
        .replace("4.保护第三方合法权益\t0", "4.保护第三方合法权义\t0")
        .replace("2.重复申请\t1", "2.重复申情\t1")
    )
    report = read(text)
    assert report.applications == rows_as_columns(figures())


def test_filling_instructions_left_in_labels_are_ignored():
    text = (
        text_report()
        .replace("规章\t0", "规章（设区的市、自治州人民政府应提供相关数据）\t0")
        .replace("本年收费金额（单位：万元）", "本年收费金额（单位：万元，保留两位小数，如2020年无则填0）")
    )
    report = read(text)
    assert report.proactive.regulations.issued == 0 and report.proactive.fees_10k_yuan == 1.25


def test_a_blank_cell_of_a_visible_table_is_zero_with_an_info_finding():
    text = text_report(sep=" | ").replace(
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 0", "二、上年结转政府信息公开申请数量 | 1 |  | "
    )
    report = read(text)
    assert report.applications["carried_in"]["business"] == 0
    blank = [f for f in report.findings if f.code == "blank_cell"]
    assert blank and "商业企业" in blank[0].message and blank[0].severity == "info"


def test_a_report_cut_short_inside_table_three_leaves_the_rest_null():
    text = text_report().split("（四）无法提供")[0]
    report = read(text)
    assert report.applications["denied.inquiry"] == dict.fromkeys(COLUMNS, 0)
    assert all(report.applications[k] == dict.fromkeys(COLUMNS) for k in ROW_KEYS[ROW_KEYS.index("unable.not_held") :])
    assert codes(report).count("missing_section") == 3


HTML = """<html><head><title>x</title><style>td{}</style></head><body>
<h1>叶城县乌夏巴什镇2024年政府信息公开工作年度报告</h1>
<p>一、总体情况</p><p>2024年，我镇收到政府信息公开申请10件。</p>
<p>二、主动公开政府信息情况</p>
<table><tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>1</td><td></td><td>4</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">12</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">3</td></tr><tr><td>行政强制</td><td colspan="3">0</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">0</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
ROWS
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td>
<td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr>APPEALS</tr></table>
<p>五、存在的主要问题及改进情况</p><p>培训不足。</p>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
<p style="text-align:right">叶城县乌夏巴什镇人民政府</p><p>2025年1月22日</p>
<script>var x = "一、总体情况 99";</script></body></html>"""


def html_report(rows=None, blank_zeros=False):
    rows = rows or figures()
    body = []
    spans = {
        "granted": '<td rowspan="22">三、本年度办理结果</td>',
        "denied.state_secret": '<td rowspan="8">（三）不予公开</td>',
        "unable.not_held": '<td rowspan="3">（四）无法提供</td>',
        "not_processed.petition": '<td rowspan="5">（五）不予处理</td>',
        "other.no_supplement": '<td rowspan="3">（六）其他处理</td>',
    }
    for key in ROW_KEYS:
        label = LABELS_2021[key].split("\t")[-1]
        cells = "".join(f"<td>{'' if blank_zeros and v == 0 else v}</td>" for v in rows[key])
        body.append(f'<tr>{spans.get(key, "")}<td colspan="2">{label}</td>{cells}</tr>')
    appeals = "".join(f"<td>{v}</td>" for v in APPEALS)
    return HTML.replace("ROWS", "\n".join(body)).replace("APPEALS", appeals)


def test_an_html_page_with_rowspan_and_colspan_tables_is_read():
    report = check_bytes(html_report().encode(), "report.html")
    assert (report.agency, report.year, report.published_on.isoformat()) == (
        "叶城县乌夏巴什镇人民政府",
        2024,
        "2025-01-22",
    )
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert report.proactive.normative_documents.repealed == 0 and report.proactive.licensing == 12
    assert "blank_cell" in codes(report)
    assert [f for f in report.findings if f.severity != "info"] == []


def test_an_html_page_that_leaves_every_zero_blank_is_read_with_blank_cell_findings():
    report = check_bytes(html_report(blank_zeros=True).encode("gb18030"), "report.htm")
    assert report.applications == rows_as_columns(figures())
    assert codes(report).count("blank_cell") > 10


def test_an_html_page_with_one_broken_number_shows_the_right_finding():
    rows = figures()
    rows["granted"] = [5, 1, 0, 0, 0, 0, 7]
    report = check_bytes(html_report(rows).encode(), "report.html")
    found = {f.code: f for f in report.findings if f.severity == "error"}
    assert set(found) == {"column_sum", "outcome_sum"}
    assert "予以公开" in found["column_sum"].where


def docx_report(rows=None):
    rows = rows or figures()
    document = docx.Document()
    text = text_report(rows=rows)
    head, rest = text.split("三、收到和处理政府信息公开申请情况")
    table_part, tail = rest.split("四、政府信息公开行政复议")
    for line in head.strip().split("\n"):
        document.add_paragraph(line)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=0, cols=10)
    header = table.add_row().cells
    header[0].merge(header[2]).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    header[3].merge(header[9]).text = "申请人情况"
    for key in ROW_KEYS:
        cells = table.add_row().cells
        label = LABELS_2021[key].split("\t")[-1]
        cells[0].merge(cells[2]).text = label
        for i, value in enumerate(rows[key]):
            cells[3 + i].text = str(value)
    document.add_paragraph("四、政府信息公开行政复议" + tail.split("\n")[0])
    appeals = document.add_table(rows=1, cols=15)
    for i, value in enumerate(APPEALS):
        appeals.rows[0].cells[i].text = str(value)
    for line in tail.strip().split("\n")[4:]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_with_merged_cells_is_read():
    report = check_bytes(docx_report(), "report.docx")
    assert report.agency == "叶城县宗朗乡人民政府" and report.year == 2024
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert [f for f in report.findings if f.severity != "info"] == []


def test_a_docx_with_one_broken_number_shows_the_balance_error():
    rows = figures()
    rows["carried_out"] = [2, 0, 0, 0, 0, 0, 2]
    report = check_bytes(docx_report(rows), "report.docx")
    balance = [f for f in report.findings if f.code == "balance"]
    assert balance and balance[0].severity == "error" and "自然人" in balance[0].message


def test_a_pdf_with_a_real_table_is_read_through_pdfplumber_tables():
    from weasyprint import HTML as WeasyHTML

    page = html_report().replace(
        "<style>td{}</style>",
        "<style>table{border-collapse:collapse} td{border:1px solid #000;font-size:8px}"
        " body{font-family:'Noto Sans CJK SC'}</style>",
    )
    pdf = WeasyHTML(string=page).write_pdf()
    parsed = parse_bytes(pdf, "report.pdf")
    assert " | " in parsed.text  # tables came out as rows of cells
    report = check_parsed(parsed)
    assert report.applications == rows_as_columns(figures())
    assert report.appeals == appeals_as_groups(APPEALS)
    assert report.agency == "叶城县乌夏巴什镇人民政府"


def test_an_unusable_file_raises_a_chinese_message():
    with pytest.raises(UnusableInput, match="需要转换工具|无法转换"):
        parse_bytes(b"\xd0\xcf\x11\xe0", "old.doc")
    with pytest.raises(UnusableInput, match="不支持"):
        parse_bytes(b"PK", "old.xls")
    with pytest.raises(UnusableInput, match="PDF"):
        parse_bytes(b"%PDF-1.4 broken", "broken.pdf")


def test_normalisation_keeps_positions():
    text = "（一）予以公开１２件"
    assert to_ascii(text) == "(一)予以公开12件" and len(to_ascii(text)) == len(text)
