"""Numbers read from user input: a row id is ASCII digits within range, anything else is no id (never a 500)."""

import pytest

from gongkai.core.params import id_or_none


@pytest.mark.parametrize("raw", ["²", "１２", "1e3", "-1", "12345678901234567890", "", None, " ", "7:"])
def test_an_id_from_user_input_is_ascii_digits_within_range_or_nothing(raw):
    assert id_or_none(raw) is None


def test_a_plain_id_is_read():
    assert id_or_none(" 42 ") == 42


def test_unicode_digits_in_an_id_card_number_are_a_message_not_a_crash():
    from gongkai.statute.identifiers import id_card_problem

    assert "17位数字" in id_card_problem("11010519491231002²")
