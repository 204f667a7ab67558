"""Letters render exactly what was typed, go to the right addressee and state the right law (issue #10)."""

import io
import zipfile
from datetime import date as D
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document as Docx

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests import letters, services
from gongkai.disclosure_requests.models import Document
from tests.disclosure_requests.docx_checks import assert_formatting_from_template, docx_text

NAME = "张三&李四"
DESCRIPTION = "面积<100亩且投资>50万元的项目（R&D补助）"
RED = '</w:t></w:r><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>红色'
FIELD = '<w:fldSimple w:instr="INCLUDEPICTURE &quot;http://example.invalid/track.png&quot; \\d"/>'


def _xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("word/document.xml").decode()


def _template(name: str) -> bytes:
    return (letters.TEMPLATE_DIR / name).read_bytes()


def test_an_ampersand_and_angle_brackets_reach_the_reply_verbatim(register, clerk):
    request = register(D(2025, 9, 1), applicant_name=NAME, description=DESCRIPTION)
    letter = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="granted", how="电子邮件").document
    text = docx_text(letter.content)
    assert f"{NAME}：" in text
    assert f"申请内容：{DESCRIPTION}" in text
    assert_formatting_from_template(letter.content, _template("reply_granted.docx"))


def test_word_xml_and_a_field_code_in_a_value_stay_text(register, clerk):
    request = register(D(2025, 9, 1), description=FIELD)
    letter = services.request_supplement(request, actor=clerk, day=D(2025, 9, 2), items=RED,
                                         supplement_due=D(2025, 9, 20)).document
    xml = _xml(letter.content)
    assert "<w:color" not in xml and "<w:fldSimple" not in xml and "&lt;w:fldSimple" in xml
    text = docx_text(letter.content)
    assert f"需补正事项：{RED}" in text and FIELD in text
    assert_formatting_from_template(letter.content, _template("supplement_notice.docx"))


def test_newlines_become_line_breaks_and_xml_invalid_characters_are_dropped(register, clerk):
    request = register(D(2025, 9, 1), description="第一项：2024年名单\r\n第二项：\t发放标准\x0b\x01")
    letter = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="denied.state_secret",
                                  reason="属于国家秘密\n（见附件）\x0c").document
    text = docx_text(letter.content)  # opens: no character XML 1.0 forbids got in
    assert "申请内容：第一项：2024年名单\n第二项：\t发放标准\n" in text
    assert "理由：属于国家秘密\n（见附件）\n" in text
    assert "<w:br/>" in _xml(letter.content)


def test_docxtpl_delimiter_escapes_in_a_value_are_not_rewritten(register, clerk):
    request = register(D(2025, 9, 1), description="{_{ x }_} {_% y %_} {{ addressee }} {% if 1 %}")
    letter = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="granted").document
    assert "{_{ x }_} {_% y %_} {{ addressee }} {% if 1 %}" in docx_text(letter.content)


def test_the_consultation_letter_goes_to_the_third_party_and_keeps_the_applicant_out_of_it(register, clerk):
    request = register(D(2025, 9, 1), applicant_name="王五", id_number="11010519491231002X",
                       phone="13800000000", email="wangwu@example.com", address="叶城县某街1号",
                       description="2024年核桃收购合同")
    services.open_consultation(request, actor=clerk, day=D(2025, 9, 2), party_kind="third_party",
                               party_name="叶城县昆仑核桃农民专业合作社", subject="合同中的收购单价")
    letter = Document.objects.get(request=request, kind="consultation_letter")
    text = docx_text(letter.content)
    assert text.split("\n")[3] == "叶城县昆仑核桃农民专业合作社："
    assert "申请公开的信息为：2024年核桃收购合同" in text and "涉及贵方的内容：合同中的收购单价" in text
    for private in ("王五", "11010519491231002X", "13800000000", "wangwu@example.com", "叶城县某街1号", "您（单位）"):
        assert private not in text
    assert "法律依据：《中华人民共和国政府信息公开条例》第三十二条" in text and "第三十四条" not in text
    assert "15个工作日" in text and "2025年9月23日前书面答复" in text
    assert "不同意公开的，请说明理由" in text and "视为同意公开" not in text
    assert "救济途径" not in text


def test_the_consultation_letter_to_another_agency_cites_article_34_and_deemed_consent(register, clerk):
    request = register(D(2025, 9, 1))
    services.open_consultation(request, actor=clerk, day=D(2025, 9, 2), party_kind="agency", party_name="叶城县财政局")
    text = docx_text(Document.objects.get(request=request, kind="consultation_letter").content)
    assert "叶城县财政局：" in text and "张三" not in text
    assert "法律依据：《中华人民共和国政府信息公开条例》第三十四条" in text and "第三十二条" not in text
    assert "逾期未提出意见的，视为同意公开。" in text


def test_the_partial_reply_states_review_first_for_the_withheld_part(register, clerk):
    request = register(D(2025, 9, 1))
    letter = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="partial",
                                  withheld="身份证号码", reason="涉及个人隐私").document
    text = docx_text(letter.content)
    assert "60日内向叶城县人民政府申请行政复议" in text
    assert "第二十三条，对其中不予公开的部分不服的，应当先申请行政复议" in text
    assert "自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼" in text
    # the direct suit is offered only for the part that was disclosed
    assert "申请行政复议，或者在6个月内向人民法院提起行政诉讼" not in text
    assert "对予以公开的部分不服的，也可以自收到本告知书之日起6个月内直接向人民法院提起行政诉讼" in text


def test_each_letter_names_its_own_addressee_and_legal_basis(register, clerk, head):
    request = register(D(2025, 9, 1), org_name="某某&合作社")
    services.extend_deadline(request, actor=head, day=D(2025, 9, 10), days=10, reason="需要检索档案")
    services.transfer_request(request, actor=clerk, day=D(2025, 9, 11), competent_agency="叶城县自然资源局",
                              contact="0998-1234567")
    extension, transfer = (Document.objects.get(request=request, kind=k) for k in ("extension_notice",
                                                                                  "transfer_notice"))
    for letter in (extension, transfer):
        assert docx_text(letter.content).split("\n")[3] == "某某&合作社："
    assert "第三十三条第二款" in docx_text(extension.content)
    text = docx_text(transfer.content)
    assert "法律依据：《中华人民共和国政府信息公开条例》第三十六条第（五）项" in text and "第（四）项" not in text
    assert "叶城县自然资源局　联系方式：0998-1234567" in text


def test_a_notice_calls_itself_a_notice_in_its_remedies(register, clerk):
    request = register(D(2025, 9, 1))
    letter = services.request_supplement(request, actor=clerk, day=D(2025, 9, 2), items="写明年份",
                                         supplement_due=D(2025, 9, 20)).document
    assert "如对本通知书不服，可以自收到本通知书之日起60日内" in docx_text(letter.content)


# --- an agency's own template ----------------------------------------------------------------------


def _agency_template(agency, name: str, *lines: str) -> Path:
    """An agency's edited copy: the default template with extra paragraphs (and a header) typed in Word."""
    doc = Docx(letters.TEMPLATE_DIR / name)
    for line in lines:
        doc.add_paragraph(line)
    doc.sections[0].header.paragraphs[0].text = "{{ addressee }}|safe：{{ addressee|safe }}"
    path = Path(settings.MEDIA_ROOT) / "letter_templates" / str(agency.pk) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def test_an_agency_template_cannot_switch_escaping_off(register, clerk, agency):
    _agency_template(agency, "reply_granted.docx", "原样：{{ opening|safe }}", "大写：{{ addressee|upper }}",
                     "{% autoescape false %}关闭：{{ addressee }}{% endautoescape %}")
    request = register(D(2025, 9, 1), applicant_name="a&b<c>", description=RED)
    letter = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="granted").document
    text = docx_text(letter.content)
    assert f"原样：您（单位）于2025年9月1日提出的政府信息公开申请（申请编号：{request.number}）收悉。" in text
    assert f"申请内容：{RED}" in text
    assert "大写：A&B<C>" in text and "关闭：a&b<c>" in text
    assert "a&b<c>|safe：a&b<c>" in text  # the header
    assert "<w:color" not in _xml(letter.content)


@pytest.mark.parametrize("tag", ["{{r addressee }}", "{{p opening }}"])
def test_an_agency_template_that_pastes_raw_xml_is_refused_and_nothing_is_issued(register, clerk, agency, tag):
    _agency_template(agency, "reply_granted.docx", tag)
    request = register(D(2025, 9, 1), applicant_name=RED)
    with pytest.raises(DomainError, match="reply_granted.docx.*不允许的标记"):
        services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="granted")
    assert not Document.objects.filter(request=request).exists()


def test_a_refused_agency_template_is_a_message_on_the_page_not_a_500(client, clerk, register, agency):
    _agency_template(agency, "reply_granted.docx", "{{r addressee }}")
    request = register(D(2025, 9, 1))
    client.force_login(clerk)
    response = client.post(reverse("requests:act", args=[request.pk]), {
        "kind": "replied", "replied-day": "2025-09-10", "replied-outcome": "granted"})
    assert response.status_code == 400 and "不允许的标记" in response.content.decode()


# --- through the staff pages ---------------------------------------------------------------------------


def test_the_consultation_form_quotes_what_concerns_the_party(client, clerk, register):
    request = register(D(2025, 9, 1))
    client.force_login(clerk)
    response = client.post(reverse("requests:act", args=[request.pk]), {
        "kind": "consultation_opened", "consultation_opened-day": "2025-09-02",
        "consultation_opened-party_kind": "third_party", "consultation_opened-party_name": "甲&乙公司",
        "consultation_opened-subject": "合同<附件二>单价"})
    assert response.status_code == 302
    text = docx_text(Document.objects.get(request=request, kind="consultation_letter").content)
    assert "甲&乙公司：" in text and "涉及贵方的内容：合同<附件二>单价" in text


def test_the_receipt_page_escapes_the_applicant(client, clerk, register):
    request = register(D(2025, 9, 1), org_name="<b>某&公司</b>")
    client.force_login(clerk)
    page = client.get(reverse("requests:receipt", args=[request.pk])).content.decode()
    assert "&lt;b&gt;某&amp;公司&lt;/b&gt;：" in page and "<b>某" not in page


def test_the_shipped_templates_are_what_build_template_makes():
    """After changing the wording or structure, run build_default_templates and commit the .docx files."""
    for key in letters.INTROS:
        built = letters.build_template(f"{key}.docx")
        assert _xml(built) == _xml(_template(f"{key}.docx")), key
