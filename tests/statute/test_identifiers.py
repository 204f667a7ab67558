import pytest

from gongkai.statute.identifiers import (
    id_card_problem,
    make_org_code,
    make_uscc,
    org_code_from_uscc,
    org_code_problem,
    uscc_problem,
)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110108551385082Q", "91440300708461136T"])
def test_real_unified_social_credit_codes_are_valid(code):
    assert uscc_problem(code) is None
    assert org_code_problem(org_code_from_uscc(code)) is None


def test_a_wrong_check_character_is_named():
    assert uscc_problem("91350100M000100Y44") == "统一社会信用代码校验位错误：第18位应为3，实际为4"


def test_letters_outside_the_gb_32100_charset_are_refused():
    assert "I、O、S、V、Z" in uscc_problem("91350100M000100YO3")


def test_a_short_code_says_how_long_it_is():
    assert uscc_problem("9135010") == "统一社会信用代码应为18位，实际为7位"


def test_made_codes_are_valid():
    org = make_org_code("01002101")
    assert org_code_problem(org) is None
    assert uscc_problem(make_uscc("11653126" + org)) is None


def test_identity_card_check_digit_gb_11643():
    assert id_card_problem("11010519491231002X") is None
    assert "第18位应为X" in id_card_problem("110105194912310021")
    assert id_card_problem("110105194902301234") == "居民身份证号码中的出生日期不存在"
    assert id_card_problem("1101051949") is not None
