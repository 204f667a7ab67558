import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.statute.fees import (
    PER_ITEM_BANDS,
    PER_PAGE_BANDS,
    Band,
    BandTable,
    QuoteLine,
    marginal_item_fee,
    quote_by_item,
    quote_by_page,
)


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [
        (0, 0),
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
        (754, 24_860),
        (2_219, 83_460),
    ],
)
def test_page_fee_matches_the_published_cases(pages, yuan):
    assert quote_by_page(pages).total_yuan == yuan


@pytest.mark.parametrize(
    ("count", "yuan"),
    [(0, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (35, 3000), (40, 4000), (41, 4300), (50, 7000)],
)
def test_item_fee_for_a_month(count, yuan):
    assert quote_by_item(count).total_yuan == yuan


@pytest.mark.parametrize(
    ("nth", "yuan"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400), (101, 900)]
)
def test_marginal_fee_of_the_nth_request(nth, yuan):
    assert marginal_item_fee(nth) == yuan


def test_754_pages_are_quoted_band_by_band():
    quote = quote_by_page(754)
    assert quote.lines == [
        QuoteLine(1, 30, 30, 0, 0),
        QuoteLine(31, 100, 70, 10, 700),
        QuoteLine(101, 200, 100, 20, 2000),
        QuoteLine(201, 754, 554, 40, 22_160),
    ]
    assert quote.explain() == [
        "第1–30页：30页，免费",
        "第31–100页：70页 × 10元 = 700元",
        "第101–200页：100页 × 20元 = 2000元",
        "第201–754页：554页 × 40元 = 22160元",
        "合计：24860元",
    ]


def test_item_quote_explains_the_open_ended_tail():
    assert quote_by_item(41).explain() == [
        "第1–10件：10件，免费",
        "第11–30件：20件 × 100元 = 2000元",
        "第31–40件：10件 × 200元 = 2000元",
        "第41–41件：1件 × 300元 = 300元",
        "合计：4300元",
    ]


def test_zero_pages_give_an_empty_quote():
    assert quote_by_page(0).lines == []
    assert quote_by_page(0).explain() == ["合计：0元"]


@pytest.mark.parametrize(
    "call",
    [lambda: quote_by_page(-1), lambda: quote_by_item(-1), lambda: marginal_item_fee(0)],
)
def test_negative_quantities_are_refused_in_chinese(call):
    with pytest.raises(ValueError, match="不能为负数|从1开始"):
        call()


def test_a_province_can_change_the_bands_as_data():
    flat_tail = BandTable(unit="件", bands=(Band(1, 10, 0), Band(11, 30, 100), Band(31, None, 200)))
    assert quote_by_item(41, bands=flat_tail).total_yuan == 2000 + 11 * 200
    assert marginal_item_fee(500, bands=flat_tail) == 200


@pytest.mark.parametrize(
    "bands",
    [(), (Band(2, 10, 0),), (Band(1, 10, 0), Band(12, None, 5)), (Band(1, None, 0), Band(2, None, 1))],
)
def test_malformed_band_tables_are_refused(bands):
    with pytest.raises(ValueError):
        BandTable(unit="页", bands=bands)


def test_a_closed_table_needs_a_tail_rule():
    with pytest.raises(ValueError):
        BandTable(unit="件", bands=(Band(1, 10, 0),))


@given(st.integers(min_value=0, max_value=3000))
def test_page_fee_never_decreases_with_more_pages(pages):
    assert quote_by_page(pages + 1).total_yuan >= quote_by_page(pages).total_yuan


@given(st.integers(min_value=0, max_value=300))
def test_item_fee_never_decreases_and_grows_by_the_marginal_fee(count):
    grown = quote_by_item(count + 1).total_yuan - quote_by_item(count).total_yuan
    assert grown == marginal_item_fee(count + 1) >= 0


@given(st.integers(min_value=0, max_value=3000), st.sampled_from([PER_ITEM_BANDS, PER_PAGE_BANDS]))
def test_quote_lines_cover_every_unit_once(quantity, table):
    lines = quote_by_page(quantity, bands=table).lines
    assert sum(line.count for line in lines) == quantity
    assert all(line.subtotal_yuan == line.count * line.unit_yuan for line in lines)
