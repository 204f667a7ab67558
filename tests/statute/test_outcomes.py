import json

import pytest

from gongkai.statute.outcomes import (
    APPLICANT_KEYS,
    OUTCOME_KEYS,
    OUTCOMES,
    ReplySituation,
    outcome,
    outcome_for_situation,
)
from tests.paths import SCHEMA


def test_the_outcome_rows_are_the_schema_rows_between_carried_in_and_total():
    # The template has 21 outcome rows (1+1+8+3+5+3); annual-report-schema.md's "23" miscounts them.
    schema = json.loads(SCHEMA.read_text())
    rows = schema["properties"]["applications"]["required"]
    assert len(OUTCOMES) == 21
    assert list(OUTCOME_KEYS) == rows[rows.index("carried_in") + 1: rows.index("total")]


def test_applicant_columns_match_the_schema():
    schema = json.loads(SCHEMA.read_text())
    columns = schema["properties"]["applications"]["properties"]["new"]["required"]
    assert [*APPLICANT_KEYS, "total"] == columns


def test_labels_are_the_template_words():
    assert outcome("partial").full_label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert outcome("denied.security_stability").full_label == "（三）不予公开 3. 危及“三安全一稳定”"
    assert outcome("other.fee_unpaid").label == "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"


def test_only_denials_require_review_before_litigation():
    refusals = {o.key for o in OUTCOMES if o.is_refusal}
    assert refusals == {k for k in OUTCOME_KEYS if k.startswith("denied.")}


@pytest.mark.parametrize(("situation", "key"), [
    (ReplySituation.ALREADY_PUBLISHED, "granted"),
    (ReplySituation.CAN_DISCLOSE, "granted"),
    (ReplySituation.NOT_EXISTING, "unable.not_held"),
    (ReplySituation.NOT_THIS_AGENCY, "unable.not_held"),
    (ReplySituation.REPEATED, "not_processed.duplicate"),
    (ReplySituation.SPECIAL_LAW, "other.other"),
])
def test_article_36_situations_map_to_report_rows(situation, key):
    assert outcome_for_situation(situation).key == key


def test_a_refusal_needs_its_ground():
    assert outcome_for_situation(ReplySituation.NOT_DISCLOSED, "denied.third_party").key == "denied.third_party"
    with pytest.raises(ValueError, match="不予公开须选择具体理由"):
        outcome_for_situation(ReplySituation.NOT_DISCLOSED)


def test_every_outcome_cites_a_legal_basis():
    assert all("条例" in o.basis for o in OUTCOMES)
