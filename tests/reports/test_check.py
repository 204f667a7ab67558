"""The checks beyond arithmetic, and `gongkai report check` (exit codes, --json, folders, --xlsx)."""

import json

import openpyxl
import pytest
from django.core.management import call_command

from gongkai.reports.check import check_parsed, is_county_or_above_government
from gongkai.reports.parse import parse_text
from gongkai.statute.schema import annual_report_schema
from tests.paths import REPORT_FIXTURES as FIXTURES
from tests.reports.fixtures_check.build import figures, text_report


def findings(text, code):
    return [f for f in check_parsed(parse_text(text)).findings if f.code == code]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("叶城县人民政府", True),
        ("喀什市人民政府", True),
        ("新疆维吾尔自治区人民政府", True),
        ("天河区人民政府", True),
        ("叶城县宗朗乡人民政府", False),
        ("叶城县乌夏巴什镇人民政府", False),
        ("叶城县财政局", False),
        ("二道区房屋征收工作管理办公室", False),
        ("某某街道办事处", False),
    ],
)
def test_county_or_above_government_is_inferred_from_the_name(name, expected):
    assert is_county_or_above_government(name) is expected


def test_a_township_report_dated_after_31_january_is_late():
    late = findings(text_report(date="2025年2月5日"), "late_publication")
    assert len(late) == 1 and late[0].severity == "error" and "2025年01月31日" in late[0].message
    assert findings(text_report(date="2025年1月31日"), "late_publication") == []


def test_a_county_governments_own_report_is_due_by_31_march():
    text = text_report(agency="叶城县人民政府", date="2025年3月20日").replace("我乡", "我县")
    assert findings(text, "late_publication") == []
    assert findings(text.replace("2025年3月20日", "2025年4月1日"), "late_publication")


def test_another_agencys_name_in_the_text_is_a_self_reference_error():
    text = text_report(other="乌夏巴什镇人民政府本年度未收取信息处理费。")
    found = findings(text, "self_reference")
    assert found and found[0].severity == "error" and "乌夏巴什镇人民政府" in found[0].message


def test_a_title_and_signature_naming_different_agencies_are_flagged():
    text = text_report(title="叶城县乌夏巴什镇2024年政府信息公开工作年度报告")
    found = findings(text, "self_reference")
    assert found and "不一致" in found[0].message and found[0].severity == "error"


def test_a_title_with_one_misread_character_is_the_same_agency_with_an_info_note():
    text = text_report(title="叶城县宗郎乡2024年政府信息公开工作年度报告")  # 郎 for 朗, as OCR misreads
    assert findings(text, "self_reference") == []
    note = findings(text, "name_variant")
    assert len(note) == 1 and note[0].severity == "info" and "宗郎乡" in note[0].message


def test_a_title_year_that_disagrees_with_the_statistics_period_is_a_year_mismatch():
    text = text_report(overview="本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。")
    found = findings(text, "year_mismatch")
    assert found and "2024" in found[0].message and "2023" in found[0].message


def test_no_requests_received_in_the_text_with_requests_in_table_three_is_a_narrative_mismatch():
    found = findings(text_report(overview="2024年，我乡未收到依申请公开事项。"), "narrative_mismatch")
    assert found and "未收到依申请" in found[0].message and "10件" in found[0].message


def test_a_stated_count_of_requests_against_the_table_is_a_narrative_mismatch():
    found = findings(text_report(overview="2024年，我乡共收到申请12件。"), "narrative_mismatch")
    assert found and "12件" in found[0].message
    assert findings(text_report(overview="2024年，我乡共收到申请10件。"), "narrative_mismatch") == []


def test_a_stated_percentage_the_figures_do_not_give_is_a_narrative_mismatch():
    # 6 granted of 10 closed is 60%, not 80%
    assert findings(text_report(overview="2024年办结申请10件，其中予以公开占60%。"), "narrative_mismatch") == []
    found = findings(text_report(overview="2024年办结申请10件，其中予以公开占80%。"), "narrative_mismatch")
    assert found and "60.0%" in found[0].message


@pytest.mark.parametrize("year", [2019, 2020])
def test_reports_on_years_before_the_fee_rules_owe_no_fee_statement(year):
    """国办函〔2020〕109号 took effect on 1 January 2021 (2019年上海市人民政府办公厅 has no fee line, rightly)."""
    text = text_report(year=year, date=f"{year + 1}年1月20日", other="无其他需要报告的事项。")
    assert findings(text, "fee_statement_missing") == []


def test_the_agency_named_after_the_year_in_the_title_is_read():
    text = text_report(title="2019年上海市人民政府办公厅政府信息公开工作年度报告", year=2019, date="2020年1月31日",
                       agency="上海市人民政府办公厅")
    report = check_parsed(parse_text(text.replace("\n上海市人民政府办公厅\n2020年1月31日", "\n")))
    assert report.agency == "上海市人民政府办公厅"
    assert report.year == 2019


def test_section_six_without_the_fee_statement_is_flagged():
    found = findings(text_report(other="无其他需要报告的事项。"), "fee_statement_missing")
    assert len(found) == 1 and found[0].severity == "warning"
    assert findings(text_report(), "fee_statement_missing") == []


def test_a_report_missing_section_five_says_so():
    text = text_report().replace("五、存在的主要问题及改进情况\n一是工作人员业务水平有待提高。二是将加强培训。\n", "")
    found = findings(text, "missing_section")
    assert len(found) == 1 and "五、" in found[0].message


def test_a_broken_total_gives_exactly_the_arithmetic_findings():
    rows = figures()
    rows["total"] = [8, 2, 0, 0, 0, 0, 11]
    report = check_parsed(parse_text(text_report(rows=rows)))
    assert sorted(f.code for f in report.findings if f.severity == "error") == ["balance", "column_sum", "outcome_sum"]


# --- the command ----------------------------------------------------------------------------------


def run(*args):
    try:
        call_command("report", "check", *args)
    except SystemExit as exc:
        return exc.code
    return 0


def test_the_command_prints_zonglang_as_json_that_validates(capsys):
    import jsonschema

    schema = annual_report_schema()
    assert run(str(FIXTURES / "zonglang-2024.txt"), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, schema)
    assert data["agency"] == "叶城县宗朗乡人民政府"
    assert all(v == 0 for row in data["applications"].values() for v in row.values())
    assert "self_reference" in {f["code"] for f in data["findings"]}


def test_the_command_shows_tables_and_findings_for_one_report(capsys):
    assert run(str(FIXTURES / "zonglang-2024.txt")) == 0
    out = capsys.readouterr().out
    assert "表三" in out and "机关名称或自称不符" in out and "我镇" in out


def test_a_folder_gives_a_summary_a_spreadsheet_and_exit_one_for_errors(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(text_report(), encoding="utf-8")
    (folder / "late.txt").write_text(text_report(date="2025年3月1日"), encoding="utf-8")
    out_xlsx = tmp_path / "findings.xlsx"
    assert run(str(folder), "--xlsx", str(out_xlsx)) == 1
    out = capsys.readouterr().out
    assert "good.txt" in out and "late.txt" in out and "错误" in out
    book = openpyxl.load_workbook(out_xlsx)
    assert book.sheetnames == ["汇总", "检查结果"]
    codes = [row[7] for row in book["检查结果"].iter_rows(min_row=2, values_only=True)]
    assert "late_publication" in codes
    assert ["问题", "代码"] == [book["检查结果"].cell(1, 4).value, book["检查结果"].cell(1, 8).value]
    summary = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in summary] == ["good.txt", "late.txt"] and summary[1][5] == 1


def test_several_files_as_json_are_a_list(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(text_report(), encoding="utf-8")
    (tmp_path / "b.txt").write_text(text_report(), encoding="utf-8")
    assert run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 2


def test_unusable_input_exits_two_with_a_chinese_message(tmp_path, capsys):
    assert run(str(tmp_path / "nothing-here.txt")) == 2
    assert "找不到文件" in capsys.readouterr().err
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    assert run(str(tmp_path / "old.doc")) == 2
    err = capsys.readouterr().err
    assert "错误：" in err and "Traceback" not in err


def test_a_folder_summary_has_a_totals_row_and_piped_progress_is_one_line_per_file(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(text_report(), encoding="utf-8")
    (tmp_path / "b.txt").write_text(text_report(date="2025年3月1日"), encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"not a pdf")
    assert run(str(tmp_path)) == 2  # an unreadable file wins over error findings
    captured = capsys.readouterr()
    assert "合计：3份，已读取2份，有错误1份，无法读取1份" in captured.out
    progress = [line for line in captured.err.splitlines() if line.startswith("[")]
    assert progress == ["[1/3] a.txt 错误0 警告0", "[2/3] b.txt 错误1 警告0", f"[3/3] c.pdf 无法读取：{_pdf_problem()}"]


def _pdf_problem():
    from gongkai.reports.parse import UnusableInput, parse_bytes

    try:
        parse_bytes(b"not a pdf", "c.pdf")
    except UnusableInput as exc:
        return str(exc)


def test_help_explains_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as exc:
        call_command("report", "check", "--help")
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "退出码" in out and "0  全部报告已读取" in out and "1  至少一份报告" in out and "2  有输入无法使用" in out


def test_the_checker_leaves_nothing_in_the_folder_it_is_run_in(tmp_path):
    """An assessor runs it among the reports: no var/ (keys, database) is left there."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_VAR_DIR"}
    done = subprocess.run([sys.executable, "-m", "gongkai.cli", "report", "check", str(FIXTURES / "zonglang-2024.txt")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert "宗朗乡" in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_words_of_the_sentence_before_the_agencys_own_name_are_not_another_agency():
    """广州市荔湾区南源街道 2020: “特别是以南源街道办事处名义制发的公文”."""
    text = text_report(agency="广州市荔湾区人民政府南源街道办事处",
                       overview="2024年，我街道规范公文公开属性，特别是以南源街道办事处名义制发的公文。")
    assert findings(text, "self_reference") == []
    other = text_report(agency="广州市荔湾区人民政府南源街道办事处", overview="2024年，参照沙面街道办事处的做法。")
    assert findings(other, "self_reference")


@pytest.mark.parametrize("heading", ["一、工作概况", "一、信息公开工作概述", "一、政府信息公开工作总体情况",
                                     "一、基本情况"])
def test_section_one_under_its_usual_other_names_is_found(heading):
    text = text_report().replace("一、总体情况", heading)
    assert findings(text, "missing_section") == []


def test_a_sentence_of_section_one_on_reviews_and_suits_is_no_section_four():
    """琼海市大路镇 2019: “未发生被行政复议行政诉讼的情况” in 一 does not stand for a missing 表四."""
    text = text_report(overview="2024年，我镇未发生被行政复议行政诉讼的情况。")
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    found = findings(text[:start] + text[end:], "missing_section")
    assert [f.where for f in found] == ["四、政府信息公开行政复议、行政诉讼情况"]


def test_an_overview_without_its_heading_is_a_warning_and_a_missing_one_an_error():
    """株洲市荷塘区桂花街道 2019: the overview's sentences stand before the tables without “一、总体情况”."""
    text = text_report(overview="2024年，我乡严格落实信息发布审核制度。全年公开各类信息120条，更新公开栏12次。")
    without_heading = text.replace("一、总体情况\n", "")
    [found] = findings(without_heading, "missing_section")
    assert found.severity == "warning"
    start, end = text.index("一、总体情况"), text.index("二、主动公开")
    [missing] = findings(text[:start] + text[end:], "missing_section")
    assert missing.severity == "error" and "中断" not in missing.message


@pytest.mark.parametrize("agency, flagged", [
    ("叶城县宗朗乡人民政府", True), ("叶城县人民政府", True), ("天河区人民政府", True), ("叶城县财政局", True),
    ("某某街道办事处", True), ("喀什市人民政府", False),  # a 设区的市 may make 规章
    ("新疆维吾尔自治区人民政府", False), ("新疆维吾尔自治区交通运输厅", False),
])
def test_rules_reported_by_an_agency_without_the_power_to_make_them_are_a_warning(agency, flagged):
    """A 镇 report of 2023: “规章 | 0 | 0 | 6” — the 规章 it applies, not its own (立法法 第九十一、九十三条)."""
    table2 = text_report(agency=agency).replace("规章\t0\t0\t0", "规章\t0\t0\t6")
    found = findings(table2, "regulations_power")
    assert bool(found) is flagged
    if flagged:
        assert found[0].severity == "warning" and "现行有效6件" in found[0].message
    assert findings(text_report(agency=agency), "regulations_power") == []


def test_a_page_that_names_no_agency_but_calls_itself_our_town_has_no_rules_either():
    """A 镇's 2023 page with no title or signature left: “我镇” says what it is."""
    text = text_report(overview="2024年，我镇严格落实信息发布审核制度。").replace("规章\t0\t0\t0", "规章\t0\t0\t6")
    text = text.split("\n", 1)[1].replace("\n叶城县宗朗乡人民政府\n2025年1月20日\n", "\n")
    [found] = findings(text, "regulations_power")
    assert found.message.startswith("本机关（自称“我镇”）无规章制定权") and "现行有效6件" in found.message
