"""Every letter kind renders whatever was typed, verbatim, and takes no formatting from it (issue #10).

No database: the letter is built from unsaved rows straight through `build_context` and `render`, the two
steps `letters.issue` runs, against the default templates that ship with the code."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Agency, Kind
from gongkai.core.docx_text import xml_text
from gongkai.disclosure_requests import letters
from gongkai.disclosure_requests.models import Request
from tests.disclosure_requests.docx_checks import assert_formatting_from_template, docx_text

WORD_XML = [
    '</w:t></w:r><w:r><w:rPr><w:color w:val="FF0000"/><w:b/></w:rPr><w:t>',
    '<w:fldSimple w:instr="INCLUDEPICTURE &quot;http://example.invalid/x.png&quot; \\d"/>',
    '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "http://x"</w:instrText>',
    "</w:p><w:p><w:r><w:t>", "<![CDATA[x]]>", "&amp;", "&lt;", "&#x1F600;", "]]>", "<?xml version='1.0'?>",
    "{{ addressee }}", "{% if true %}x{% endif %}", "{_{", "}_}", "{_%", "%_}", "{{r x }}", "{%p endfor %}",
    "\n<w:p ", "\n", "\r\n", "\t", "\x00", "\x07", "\x0b", "\x0c", "\x1f", "\ufffe", "\ud800",
]
CHARS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.sampled_from("&<>\"' （）《》“”、；：。，"),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # printable ASCII
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
)
PIECE = st.one_of(st.text(CHARS, min_size=1, max_size=12), st.sampled_from(WORD_XML))
TEXT = st.lists(PIECE, min_size=1, max_size=8).map("".join)
LONG = st.builds(lambda piece, n: piece * n, TEXT, st.integers(100, 800))
VALUE = st.one_of(TEXT, TEXT, LONG)
FIELDS = ("applicant_name", "org_name", "description", "items", "party_name", "subject", "reason", "how",
          "withheld", "competent_agency", "contact", "agency_name", "office_name", "office_address")

# (letter kind, what its data needs besides the typed text); every reply template once
KINDS = [
    ("supplement_notice", {}), ("consultation_letter", {"party_kind": "third_party"}),
    ("consultation_letter", {"party_kind": "agency"}), ("extension_notice", {}), ("fee_notice", {}),
    ("transfer_notice", {}), ("reply", {"outcome": "granted"}), ("reply", {"outcome": "partial"}),
    ("reply", {"outcome": "denied.third_party"}), ("reply", {"outcome": "unable.not_held"}),
    ("reply", {"outcome": "not_processed.duplicate"}), ("reply", {"outcome": "other.other"}),
]


def _letter(kind: str, fixed: dict, typed: dict) -> tuple[bytes, bytes, list[str]]:
    """The rendered letter, its template, and the typed values the letter must show."""
    agency = Agency(name=typed["agency_name"], short_name="宗朗乡", kind=Kind.GOVERNMENT,
                    office_name=typed["office_name"], office_address=typed["office_address"])
    request = Request(agency=agency, number="宗朗乡依申〔2025〕第1号", applicant_type="natural_person",
                      applicant_name=typed["applicant_name"], org_name=typed["org_name"],
                      id_number="11010519491231002X", phone="13800000000", description=typed["description"],
                      submitted_on=date(2025, 9, 1), received_on=date(2025, 9, 1))
    data = {"items": typed["items"], "supplement_due": "2025-09-20", "party_name": typed["party_name"],
            "subject": typed["subject"], "answer_due": "2025-09-25", "days": 20, "explanation": [typed["how"]],
            "amount_yuan": 100, "competent_agency": typed["competent_agency"], "contact": typed["contact"],
            "how": typed["how"], "withheld": typed["withheld"], **fixed}
    context = letters.build_context(request, kind=kind, day=date(2025, 9, 10), data=data, reason=typed["reason"],
                                    number="宗朗乡依申告〔2025〕1号")
    path = letters.TEMPLATE_DIR / letters.template_name(kind, data.get("outcome"))
    shown = [typed["description"], typed["agency_name"], typed["office_name"], typed["office_address"]]
    applicant = typed["org_name"] or typed["applicant_name"]
    shown.append(typed["party_name"] if kind == "consultation_letter" else applicant)
    shown += {"supplement_notice": [typed["items"]], "consultation_letter": [typed["subject"]],
              "extension_notice": [typed["reason"]], "fee_notice": [typed["how"]],
              "transfer_notice": [typed["competent_agency"], typed["contact"], typed["reason"]],
              "reply": [typed["how"], typed["reason"]] + ([typed["withheld"]] if fixed.get("outcome") == "partial"
                                                          else [])}.get(kind, [])
    return letters.render(path, context), path.read_bytes(), shown


@pytest.mark.parametrize(("kind", "fixed"), KINDS, ids=[f"{k}-{next(iter(f.values()), '')}" for k, f in KINDS])
@settings(max_examples=10)
@given(typed=st.fixed_dictionaries({name: VALUE for name in FIELDS}))
def test_every_letter_shows_what_was_typed_verbatim_and_no_formatting_from_it(kind, fixed, typed):
    content, template, shown = _letter(kind, fixed, typed)
    text = docx_text(content)  # python-docx opens it
    for value in shown:
        assert xml_text(value) in text
    assert_formatting_from_template(content, template)
