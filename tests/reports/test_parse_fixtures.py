"""Every real report of tests/fixtures/reports: parsed without a traceback, each shown cell read right,
what is not shown is null with missing_section / unreadable findings."""


import jsonschema
import pytest

from gongkai.reports.check import check_parsed, check_path
from gongkai.reports.parse import parse_text
from gongkai.statute.report import COLUMNS, ROW_KEYS, Severity
from gongkai.statute.schema import annual_report_schema
from tests.paths import REPO
from tests.paths import REPORT_FIXTURES as FIXTURES

SCHEMA = annual_report_schema()
ARITHMETIC = {"balance", "outcome_sum", "column_sum", "appeal_sum", "counts"}
NULL_ROW = dict.fromkeys(COLUMNS)


def row(*values):
    return dict(zip(COLUMNS, values, strict=True))


def codes(report, severity=None):
    return {f.code for f in report.findings if severity is None or f.severity == severity}


def test_the_fixture_path_is_computed_from_the_repository():
    assert (FIXTURES / "README.md").is_file()
    assert FIXTURES.is_relative_to(REPO)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_every_fixture_parses_into_a_report_that_validates_against_the_schema(path):
    report = check_path(path)
    jsonschema.validate(report.to_json(), SCHEMA)


def test_zonglang_reads_every_cell_as_zero_and_finds_self_reference_but_no_arithmetic_error():
    report = check_path(FIXTURES / "zonglang-2024.txt")
    assert (report.agency, report.year, report.format) == ("叶城县宗朗乡人民政府", 2024, "2021")
    assert report.published_on.isoformat() == "2025-01-20"
    assert all(value == 0 for _where, value in report.cells())
    assert "self_reference" in codes(report)
    assert not codes(report) & (ARITHMETIC | {"unreadable", "missing_section", "late_publication"})
    assert "我镇" in next(f.message for f in report.findings if f.code == "self_reference")
    assert "信息处理费" in report.sections.other and "2025年" not in report.sections.other


def test_zonglang_rows_whose_labels_were_lost_are_placed_by_the_template_order():
    report = check_path(FIXTURES / "zonglang-2024.txt")
    lost = [f.where for f in report.findings if f.code == "lost_label"]
    assert len(lost) == 2 and "予以公开" in lost[0] and "部分公开" in lost[1]


def test_changchun_cut_short_reads_the_rows_it_shows_and_nulls_the_rest():
    report = check_path(FIXTURES / "changchun-erdao-fangwuzhengshouban_2022.txt")
    apps = report.applications
    assert (report.agency, report.year) == ("二道区房屋征收工作管理办公室", 2022)
    assert apps["new"] == row(56, 0, 0, 0, 0, 0, 56)
    assert apps["carried_in"] == row(0, 0, 0, 0, 0, 0, 0)
    assert apps["granted"] == row(18, 0, 0, 0, 0, 0, 0)  # the page shows 18 under 自然人 and a blank 总计
    assert apps["denied.internal_affairs"] == row(0, 0, 0, 0, 0, 0, 0)  # misspelt 三类内容事务信息
    assert apps["denied.inquiry"] == row(0, 0, 0, 0, None, None, None)  # the page ends after four cells
    for key in ROW_KEYS[ROW_KEYS.index("unable.not_held") :]:
        assert apps[key] == NULL_ROW
    assert all(v is None for group in report.appeals.values() for v in group.values())
    assert report.proactive.normative_documents.in_force == 0 and report.proactive.fees_10k_yuan == 0
    missing = [f.message for f in report.findings if f.code == "missing_section"]
    assert len(missing) == 3 and "四、" in missing[0] and "六、" in missing[2]
    assert "unreadable" in codes(report) and "blank_cell" in codes(report, Severity.INFO)
    # The blank 总计 of 予以公开 breaks the row's sum only as 0: information, not the agency's error (#13).
    assert "column_sum" not in codes(report)
    blank_sum = [f for f in report.findings if f.code == "blank_cell" and "各类申请人之和为18" in f.message]
    assert len(blank_sum) == 1 and "予以公开" in blank_sum[0].where and blank_sum[0].severity == Severity.INFO


def test_wendeng_is_the_2019_format_mapped_with_what_did_not_map_said():
    report = check_path(FIXTURES / "wendeng-zhujianju_2019.txt")
    assert (report.agency, report.year, report.format) == ("文登区住建局", 2019, "2019")
    assert report.proactive.licensing == 298 and report.proactive.penalty == 9 and report.proactive.coercion == 0
    assert report.proactive.regulations.issued == 0 and report.proactive.normative_documents.issued == 0
    assert report.proactive.normative_documents.in_force is None and report.proactive.fees_10k_yuan is None
    unmapped = " ".join(f.message for f in report.findings if f.code == "format_unmapped")
    assert "政府集中采购" in unmapped and "其他对外管理服务事项" in unmapped
    assert report.applications["new"] == row(2, 0, 0, 0, 0, 0, 2)
    assert report.applications["carried_in"] == row(0, 0, None, None, None, None, None)
    assert report.applications["granted"] == NULL_ROW
    assert "old_format" not in codes(report)
    assert {"missing_section", "unreadable"} <= codes(report)


def test_wuhan_in_traditional_characters_is_read_as_the_2019_format():
    report = check_path(FIXTURES / "wuhan-shengtaihuanjingju_2020.txt")
    assert (report.year, report.format) == (2020, "2019")
    assert report.proactive.regulations.issued == 0
    assert report.proactive.normative_documents.issued == 2  # 規範性檔案 (the site's word for 文件)
    assert (report.proactive.licensing, report.proactive.penalty) == (93, 22)
    assert report.proactive.coercion == 0  # printed as “-”
    assert all(report.applications[key] == NULL_ROW for key in ("new", "granted", "total", "carried_out"))
    assert "一、总体情况" in " ".join(f.message for f in report.findings if f.code == "missing_section")


def test_suibin_shows_only_the_first_rows_of_table_two():
    report = check_path(FIXTURES / "suibin-lianshengxiang_2024.txt")
    assert (report.agency, report.year) == ("连生乡人民政府", 2024)
    assert report.proactive.regulations.in_force == 0 and report.proactive.normative_documents.issued == 0
    assert report.proactive.licensing is None and report.proactive.fees_10k_yuan is None
    assert all(report.applications[key] == NULL_ROW for key in ROW_KEYS)
    assert report.sections.overview.startswith("(一)") or report.sections.overview.startswith("（一）")
    assert len([f for f in report.findings if f.code == "missing_section"]) == 4


@pytest.mark.parametrize("name", ["changchun-erdao-fangwuzhengshouban_2022.txt", "wendeng-zhujianju_2019.txt",
                                  "zonglang-2024.txt"])
@pytest.mark.parametrize("furniture", ["3", "- 2 -", "第 2 页 共 5 页", "宗朗乡2024年政府信息公开年度报告"])
def test_a_page_break_anywhere_in_a_real_table_three_changes_no_cell(name, furniture):
    """A page number or a running title on a line of its own, put on every line of the real reports' 表三 in
    turn (where a page of the PDF they were copied from would have ended): every cell reads as before."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    before = dict(check_parsed(parse_text("\n".join(lines))).cells())
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("三、"))
    for at in range(start + 4, start + 60):
        after = dict(check_parsed(parse_text("\n".join([*lines[:at], furniture, *lines[at:]]))).cells())
        assert after == before, (at, [k for k in before if after.get(k) != before[k]][:3])
