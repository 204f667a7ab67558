"""Converter and publishing habits combined at random (fixtures_check/habits.py): every cell is read right or
left unreadable — never another number — and a report with one page break inside 表三 is read whole. A text cut
short anywhere (a crawl's page) gives no wrong cell and no error but the cut's own."""

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from gongkai.statute.report import COLUMNS, ROW_KEYS
from tests.reports.fixtures_check.build import APPEALS, appeals_as_groups
from tests.reports.fixtures_check.habits import cut_report, random_report
from tests.reports.fixtures_check.torn import expected_rows


def wrong_and_unread(text, rows):
    report = check_parsed(parse_text(text))
    expected = expected_rows(rows)
    cells = [(key, col, report.applications[key][col], expected[key][col]) for key in ROW_KEYS for col in COLUMNS]
    wrong = [c for c in cells if c[2] is not None and c[2] != c[3]]
    unread = [c for c in cells if c[2] is None]
    errors = [f.message for f in report.findings if f.severity == "error"]
    return wrong, unread, errors


@pytest.mark.parametrize("seed", range(120))
def test_one_page_break_every_cell_is_read(seed):
    text, rows, habits = random_report(seed)
    wrong, unread, errors = wrong_and_unread(text, rows)
    assert (wrong, unread, errors) == ([], [], []), habits


@pytest.mark.parametrize("seed", range(120))
def test_up_to_three_page_breaks_never_a_wrong_cell_or_a_false_error(seed):
    text, rows, habits = random_report(seed, breaks=3)
    wrong, _unread, errors = wrong_and_unread(text, rows)
    assert (wrong, errors) == ([], []), habits


@pytest.mark.parametrize("seed", range(120))
def test_a_text_cut_anywhere_never_gives_a_wrong_cell_or_an_error_but_the_cuts(seed):
    text, rows, habits = cut_report(seed)
    wrong, _unread, errors = wrong_and_unread(text, rows)
    assert (wrong, [e for e in errors if "中断" not in e]) == ([], []), habits
    appeals, expected = check_parsed(parse_text(text)).appeals, appeals_as_groups(APPEALS)
    assert all(appeals[g][c] in (None, expected[g][c]) for g in expected for c in expected[g]), habits


@pytest.mark.parametrize("seed", [10164, 11092, 11204, 11418, 14753, 16004])
def test_a_page_number_in_the_header_or_between_a_labels_pieces_of_a_cut_text_is_no_cell(seed):
    """A page break's “3” between “法人或其他组织” and the header's “总计” (which is then no row (七)), between
    “二、上年结转政府信息公开” and “申请数量”, or inside a block of labels printed before their rows (“1.属于国家秘密”
    “3” “2.其他法律…”, 14753), in a text cut further on, or alone before the figures of the row the text stops in
    (16004): no wrong cell and no error of its own."""
    text, rows, habits = cut_report(seed)
    assert "page break '3'" in " ".join(habits)
    wrong, _unread, errors = wrong_and_unread(text, rows)
    assert (wrong, [e for e in errors if "中断" not in e]) == ([], []), habits
