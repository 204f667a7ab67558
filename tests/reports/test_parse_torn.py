"""Table 三 whose labels and numbers PDF text extraction tore apart: every cell is read along the template's
row order, or is unreadable where the order leaves more than one reading — never a wrong number.

The layouts come from tests/reports/fixtures_check/torn.py (converter habits as options) and from the
project's own PDF extracted with pdftotext (plain, -layout, -raw) when poppler-utils and a CJK font are installed.
"""

import functools

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import APPEAL_COLUMNS, APPEAL_GROUPS, COLUMNS, ROW_KEYS
from tests.reports.fixtures_check.build import LABELS_2021, text_report
from tests.reports.fixtures_check.torn import (
    balanced_figures,
    expected_rows,
    pdftotext_available,
    pdftotext_text,
    report_object,
    torn_report,
)

OVERVIEW = "2024年，我乡认真贯彻政府信息公开条例，按期答复全部申请。"
ARITHMETIC = {"balance", "outcome_sum", "column_sum", "appeal_sum"}
HABITS = [("block", n, True, 1) for n in (2, 3, 5, 25)]
HABITS += [("block", 3, False, 1), ("block", 25, False, 1)]
HABITS += [(h, 1, per_line, at) for h in ("wrap", "three") for per_line in (True, False) for at in (1, 2, 3)]


def read(text):
    return check_parsed(parse_text(text))


def alarms(report):
    return [f"{f.code}: {f.message}" for f in report.findings if f.severity != "info"]


def wrong_cells(report, rows):
    """(row, column, read, true) for every cell read as another number; None is not wrong."""
    expected = expected_rows(rows)
    return [
        (key, col, report.applications[key][col], expected[key][col])
        for key in ROW_KEYS
        for col in COLUMNS
        if report.applications[key][col] is not None and report.applications[key][col] != expected[key][col]
    ]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(("habit", "block", "per_line", "numbers_at"), HABITS)
def test_every_cell_of_a_torn_table_is_read(habit, block, per_line, numbers_at, seed):
    rows = balanced_figures(seed)
    text = torn_report(habit=habit, block=block, per_line=per_line, numbers_at=numbers_at, rows=rows, overview=OVERVIEW)
    report = read(text)
    assert report.applications == expected_rows(rows)
    assert alarms(report) == []


@pytest.mark.parametrize("glued", [("granted", 0), ("denied.third_party", 4), ("total", 5), ("carried_out", 2)])
@pytest.mark.parametrize(("habit", "block", "per_line"), [("block", 3, True), ("block", 25, False), ("wrap", 1, True)])
def test_digits_run_together_in_a_torn_table_are_split_by_the_rows_sum_or_left_unreadable(
    habit, block, per_line, glued
):
    rows = balanced_figures(4)
    text = torn_report(habit=habit, block=block, per_line=per_line, glue=glued, rows=rows, overview=OVERVIEW)
    report = read(text)
    assert wrong_cells(report, rows) == []
    read_right = sum(report.applications[k][c] is not None for k in ROW_KEYS for c in COLUMNS)
    assert read_right >= (len(ROW_KEYS) - 1) * len(COLUMNS)
    assert not {a.split(":")[0] for a in alarms(report)} & ARITHMETIC


@pytest.mark.parametrize("blank", [("partial",), ("not_processed.duplicate", "carried_out"), ("new",)])
@pytest.mark.parametrize("seed", [0, 1, 5])
@pytest.mark.parametrize(("habit", "block", "per_line"), [("block", 2, True), ("block", 25, True), ("three", 1, False)])
def test_a_torn_row_whose_blank_cells_vanished_is_unreadable_and_no_other_cell_is_wrong(
    habit, block, per_line, seed, blank
):
    rows = balanced_figures(seed)
    text = torn_report(habit=habit, block=block, per_line=per_line, blank=blank, rows=rows, overview=OVERVIEW)
    report = read(text)
    assert wrong_cells(report, rows) == []
    vanished = [key for key in blank if 0 in rows[key]]
    for key in vanished:
        assert all(v is None for v in report.applications[key].values())
    assert any(f.code == "unreadable" for f in report.findings) == bool(vanished)
    assert not {a.split(":")[0] for a in alarms(report)} & ARITHMETIC


def test_a_table_of_zeros_torn_apart_reads_as_zeros():
    rows = {key: [0] * 7 for key in ROW_KEYS}
    report = read(torn_report(habit="block", block=25, rows=rows, overview=OVERVIEW))
    assert report.applications == expected_rows(rows)


def test_a_torn_row_that_does_not_add_up_is_unreadable_for_its_cells_may_have_moved():
    rows = balanced_figures(2)
    rows["granted"][6] += 1  # the row no longer adds up: the agency's error, or a number extraction moved
    report = read(torn_report(habit="block", block=3, rows=rows, overview=OVERVIEW))
    assert all(v is None for v in report.applications["granted"].values())
    assert wrong_cells(report, rows) == []
    assert any(f.code == "unreadable" and "予以公开" in (f.where or "") for f in report.findings)


def test_a_row_that_does_not_add_up_beside_its_label_is_the_agencys_error():
    rows = balanced_figures(2)
    rows["granted"][6] += 1
    report = read(text_report(sep="\t", rows=rows, overview=OVERVIEW))
    assert report.applications == expected_rows(rows)
    assert any(f.code == "column_sum" and "予以公开" in (f.where or "") for f in report.findings)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize(("key", "count"), [("total", 1), ("total", 2), ("other.other", 1), ("other.no_supplement", 3)])
def test_numbers_printed_after_the_last_label_are_put_back_where_only_one_place_fits(key, count, seed):
    rows = balanced_figures(seed)
    text = torn_report(habit="block", block=5, labels_last=True, displace=(key, count), rows=rows, overview=OVERVIEW)
    report = read(text)
    assert wrong_cells(report, rows) == []
    unread = [k for k in ROW_KEYS if all(v is None for v in report.applications[k].values())]
    assert set(unread) <= set(ROW_KEYS[-5:])
    moved = [f for f in report.findings if f.code == "parse_note" and "印在行名之后" in f.message]
    assert bool(moved) != bool(unread)  # put back, or (more than one place fits) the rows concerned unreadable
    assert [a for a in alarms(report) if not a.startswith("unreadable")] == []


# --- the project's own PDF, through pdftotext ----------------------------------------------------------

needs_pdftotext = pytest.mark.skipif(not pdftotext_available(), reason="pdftotext or a CJK font is not installed")


@functools.cache
def extracted(seed: int, mode: str) -> str:
    return pdftotext_text(report_object(balanced_figures(seed)), mode)


@needs_pdftotext
@pytest.mark.parametrize("mode", ["plain", "-layout", "-raw"])
@pytest.mark.parametrize("seed", [0, 3])
def test_every_cell_of_the_projects_own_pdf_is_read_back_from_pdftotext(seed, mode):
    rows = balanced_figures(seed)
    report = read(extracted(seed, mode))
    assert report.format == "2021"
    assert wrong_cells(report, rows) == []
    if mode == "plain":
        # plain pdftotext prints a few cells of the table's last rows after their labels, out of row order:
        # those rows are unreadable (never shifted), every other row is read.
        unread = [key for key in ROW_KEYS if all(v is None for v in report.applications[key].values())]
        assert len(unread) <= 3 and set(unread) <= {"other.fee_unpaid", "other.other", "total", "carried_out"}
        assert [a for a in alarms(report) if not a.startswith("unreadable")] == []
        return
    assert report.applications == expected_rows(rows)
    assert report.appeals == {g: dict.fromkeys(APPEAL_COLUMNS, 0) for g in APPEAL_GROUPS}
    proactive = report.proactive
    assert (proactive.licensing, proactive.penalty, proactive.coercion, proactive.fees_10k_yuan) == (4119, 41, 19, 1.25)
    assert (proactive.normative_documents.issued, proactive.normative_documents.in_force) == (41, 120)
    assert alarms(report) == []


@pytest.mark.parametrize("key", ["granted", "denied.inquiry", "not_processed.duplicate"])
def test_a_row_whose_cells_all_vanished_beside_intact_labels_leaves_the_other_rows_read(key):
    """Word → text with a row left blank: the labels still place every other row."""
    rows = balanced_figures(6)
    text = text_report(sep="\n", rows=rows, overview=OVERVIEW)
    label = LABELS_2021[key].split("\t")[-1]
    numbers = "\n".join(str(v) for v in rows[key])
    assert f"{label}\n{numbers}\n" in text
    report = read(text.replace(f"{label}\n{numbers}\n", f"{label}\n"))
    expected = expected_rows(rows)
    for row in ROW_KEYS:
        if row == key:
            assert all(v is None for v in report.applications[row].values())
        else:
            assert report.applications[row] == expected[row], row


def _with_page_numbers(text: str, after: list[str]) -> str:
    """A bare page number on a line of its own after each given line of table 三 (plain pdftotext, copy and paste
    from a PDF viewer)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到"))
    for n, anchor in enumerate(after, start=2):
        at = next(i for i in range(start, len(lines)) if lines[i] == anchor)
        lines.insert(at + 1, str(n))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(("habit", "block", "per_line"), [("block", 3, True), ("block", 25, False), ("wrap", 1, True),
                                                          ("three", 1, True)])
def test_a_page_number_among_the_numbers_of_a_torn_table_is_left_out(habit, block, per_line, seed):
    rows = balanced_figures(seed)
    text = torn_report(habit=habit, block=block, per_line=per_line, rows=rows, overview=OVERVIEW)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到"))
    middle = next(line for line in lines[start + 60 :] if line.strip() and not line.strip().isdigit())
    report = read(_with_page_numbers(text, [middle]))
    assert wrong_cells(report, rows) == []
    readable = sum(v is not None for row in report.applications.values() for v in row.values())
    assert readable >= len(ROW_KEYS) * len(COLUMNS) - 7  # at most the row beside a look-alike number is unread
    assert not [f for f in report.findings if f.severity == "error"]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("habit", "block", "per_line"), [("block", 2, True), ("block", 3, False), ("wrap", 1, True),
                                                          ("three", 1, False)])
def test_two_page_numbers_in_a_torn_table_never_make_a_wrong_cell(habit, block, per_line, seed):
    rows = balanced_figures(seed)
    text = torn_report(habit=habit, block=block, per_line=per_line, rows=rows, overview=OVERVIEW)
    lines = [line for line in text.split("\n") if line.strip() and not line.strip().isdigit()]
    start = next(i for i, line in enumerate(lines) if line.startswith("三、收到"))
    report = read(_with_page_numbers(text, [lines[start + 8 + seed], lines[start + 30 + 2 * seed]]))
    assert wrong_cells(report, rows) == []
    assert not [f for f in report.findings if f.severity == "error"]


def _numbered_pages(text: str, first: int = 1) -> str:
    """A bare page number as the last line of every page (a Word footer), pages split by form feeds."""
    pages = text.split("\f")
    return "\f".join(f"{page.rstrip()}\n\n{k + first}\n" if page.strip() else page for k, page in enumerate(pages))


@needs_pdftotext
@pytest.mark.parametrize("mode", ["-layout", "-raw"])
@pytest.mark.parametrize("first", [1, 3])
def test_bare_page_numbers_at_the_pages_ends_of_pdftotext_are_left_out(mode, first):
    rows = balanced_figures(3)
    text = extracted(3, mode)
    assert text.count("\f") >= 2
    report = read(_numbered_pages(text, first))
    assert report.applications == expected_rows(rows)
    assert alarms(report) == []


def test_a_number_at_one_pages_end_is_not_taken_for_a_page_number_by_itself():
    from gongkai.reports.parse.normalize import page_edge_numbers

    assert page_edge_numbers("行\n12\f行\n下一页\n") == "行\n12\n行\n下一页\n"  # one page only: a cell, perhaps
    assert page_edge_numbers("行\n2\f行\n3\f行\n9\n") == "行\n\n行\n\n行\n9\n"  # 9 is not page 3's number
